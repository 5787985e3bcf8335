// SPDX-License-Identifier: MIT
// The micro-kernel rung's self-tuning: a short, bounded search over kernel shape x KC x MC on the
// machine that runs it, starting from the analytical model. Every candidate's product is
// verified; a candidate that fails is dropped and reported, so a kernel that is wrong on some CPU
// is never chosen.
#pragma once

#include "microkernel.h"

#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace headroom::kernels {

// What one candidate measured: GFLOP/s (median of the repetitions), or why it was dropped.
struct TuneTrial {
    MicrokernelChoice choice;
    double gflops = 0;
    std::string failure; // empty when the candidate ran and verified
};

struct TuneOutcome {
    std::optional<MicrokernelChoice> best; // nullopt when no candidate ran and verified
    std::vector<TuneTrial> trials;         // in the order run
    int candidates = 0;                    // how many there were (trials may stop short)
    double seconds = 0;                    // wall time the search took
    bool cancelled = false;
    bool outOfTime = false; // the time bound stopped the search before the last candidate
};

// "dgemm_avx512_8x24 (A sliver in L1) KC 384 MC 4096 NC 336": a candidate as the search's
// progress and its reports name it.
std::string describeCandidate(const MicrokernelChoice& c);

// The cost of one candidate: its GFLOP/s, or nullopt with *failure set when its product is wrong.
using TuneCost = std::function<std::optional<double>(const MicrokernelChoice&, std::string*)>;
// progress(fraction 0..1, text) after each candidate.
using TuneProgress = std::function<void(double, const std::string&)>;

// How far apart two candidates' speeds may be and still count as equal: the spread of one
// candidate's speed from search to search on a shared machine.
inline constexpr double kTuneNoise = 0.02;
// The share of the budget the first pass over the candidates may take; the final round (the
// kTuneFinalists fastest timed again, up to kTuneFinalRounds times) gets the rest.
inline constexpr double kTuneCandidateShare = 0.75;
inline constexpr int kTuneFinalists = 3;
inline constexpr int kTuneFinalRounds = 2;

// Runs `cost` over the candidates in order, starting no new one once kTuneCandidateShare of
// `budgetSeconds` has passed (the first always runs). Then times the fastest kTuneFinalists
// again, interleaved, until the budget is spent (one round at least, kTuneFinalRounds at most),
// each one's speed the median of its timings. Keeps the fastest that verified, or among those
// within kTuneNoise of it the one with the largest KC. So the search takes at most the budget
// plus one candidate and one final round. `now` is the clock in seconds (a steady clock when
// empty; tests inject one).
TuneOutcome searchCandidates(const std::vector<MicrokernelChoice>& candidates, const TuneCost& cost,
                             double budgetSeconds, const TuneProgress& progress = {},
                             const std::atomic<bool>* cancel = nullptr,
                             const std::function<double()>& now = {});

// The candidates for `isa` on these caches: for each of the ISA's kernels the model's choice in
// both loop orders first (kModelLoopOrder's first), then variants of KC (the sliver kept in L1
// fills 1/2 to all of it with the A sliver there, 3/4 to twice with the B sliver, which then
// streams from L2; shipped AVX-512 kernels use 75-110 %, and a larger KC halves the passes over
// C) and of the L2 block (1/2 or 3/4 of L2), the two orders alternating; round robin over the
// kernels. At most `most` of them.
std::vector<MicrokernelChoice> tuneCandidates(Isa isa, const CacheInfo& caches, int most = 24);

// The real cost: a one-thread n x n product, timed `repetitions` times (C's pages touched
// first, no warm-up product), median taken, the result checked by Freivalds' test.
TuneCost timedProductCost(int n, int repetitions);

// The size below which `choice` is faster on one thread than on `threads`: square products of
// growing n (33 ... 257, no multiples of a tile) are timed both ways, the two interleaved (median
// of several each, each the second of two runs in a row, as the runner's repetitions), and
// chooseCrossover picks the split. Returns m*n*k of that n. About 0.2 s.
double measureSerialCrossover(const MicrokernelChoice& choice, int threads);

// The crossover from timings: `sizes` ascending, `team[i]` and `alone[i]` the seconds at
// sizes[i]. One thread below the returned size, the team from it on: the split that loses the
// least in all (the sum over the sizes of log(chosen / faster)), with the team asked to win by
// 5 % to be chosen. A single noisy size does not move it the way "wins at every larger size"
// did, where one slow reading at 256 sent every smaller product to one thread. (On a Zen 5 VM
// the team still does not pay up to 256 either way: waking it costs about 40 us there.)
// The largest size + 1 when the team never pays, sizes[0] when it always does.
int chooseCrossover(const std::vector<int>& sizes, const std::vector<double>& team,
                    const std::vector<double>& alone);

// The whole search for the selected ISA on this machine: tuneCandidates + timedProductCost on a
// productSize^3 product (1792: C is 25 MB, beyond the L2 and most of an L3 share, so that the
// passes over C of large products count; about 0.15 s a product on one AVX-512 core; at 1536
// the shapes and KCs differed by 2 %, within the noise, and the search chose a KC 6 % slower
// at n = 4096), timed 3 times, then the best one's
// serial crossover on two threads (when the machine has them).
TuneOutcome tuneMicrokernel(const CacheInfo& caches, double budgetSeconds = 10,
                            int productSize = 1792, const TuneProgress& progress = {},
                            const std::atomic<bool>* cancel = nullptr);

} // namespace headroom::kernels
