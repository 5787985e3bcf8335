// SPDX-License-Identifier: MIT
#include "tuning.h"

#include "matrix.h"
#include "median.h"
#include "verify.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <thread>

namespace headroom::kernels {

namespace {

double steadySeconds() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

// The fastest verified trial, or among those within kTuneNoise of it the one with the largest
// KC: each KC step reads and writes all of C once more, which weighs more in large products
// than in the search's (at n = 4096 on one core of a Xeon, model 207, 8x24 with the A sliver in
// L1 ran at 70-75 GFLOP/s with KC 168 and 78-80 with KC 384; in the search's 1792^3 product at
// 80.0 and 79.1). Null when none verified.
const TuneTrial* pickBest(const std::vector<TuneTrial>& trials) {
    const TuneTrial* fastest = nullptr;
    for (const TuneTrial& t : trials)
        if (t.failure.empty() && (!fastest || t.gflops > fastest->gflops))
            fastest = &t;
    const TuneTrial* best = fastest;
    for (const TuneTrial& t : trials)
        if (t.failure.empty() && t.gflops >= fastest->gflops * (1 - kTuneNoise) &&
            (t.choice.kc > best->choice.kc ||
             (t.choice.kc == best->choice.kc && t.gflops > best->gflops)))
            best = &t;
    return best;
}

// The final round: the kTuneFinalists fastest verified trials are timed again, interleaved, up
// to kTuneFinalRounds times while the budget lasts (once at least), and each one's speed becomes
// the median of all its timings. One timing is one process phase on a shared machine: the
// first pass over the candidates has chosen a KC 8 % slower than the best at n = 4096 on luck.
// A finalist whose product is wrong when timed again is dropped.
void finalRound(std::vector<TuneTrial>& trials, const TuneCost& cost, double deadline,
                const std::function<double()>& clock, const std::atomic<bool>* cancel) {
    std::vector<TuneTrial*> finalists;
    for (TuneTrial& t : trials)
        if (t.failure.empty())
            finalists.push_back(&t);
    std::sort(finalists.begin(), finalists.end(),
              [](const TuneTrial* x, const TuneTrial* y) { return x->gflops > y->gflops; });
    finalists.resize(std::min<std::size_t>(finalists.size(), kTuneFinalists));
    std::vector<std::vector<double>> timings;
    for (const TuneTrial* t : finalists)
        timings.push_back({t->gflops});
    for (int round = 0; round < kTuneFinalRounds && (round == 0 || clock() < deadline); ++round)
        for (std::size_t i = 0; i < finalists.size(); ++i) {
            if ((cancel && cancel->load()) || !finalists[i]->failure.empty())
                continue;
            std::string failure;
            if (const std::optional<double> gflops = cost(finalists[i]->choice, &failure))
                timings[i].push_back(*gflops);
            else
                finalists[i]->failure = failure.empty() ? std::string("failed") : failure;
        }
    for (std::size_t i = 0; i < finalists.size(); ++i)
        finalists[i]->gflops = medianInPlace(timings[i]);
}

} // namespace

std::string describeCandidate(const MicrokernelChoice& c) {
    char text[200];
    std::snprintf(text, sizeof text, "%s (%s) KC %d MC %d NC %d", c.kernelName.c_str(),
                  loopOrderName(c.order), c.kc, c.mc, c.nc);
    return text;
}

TuneOutcome searchCandidates(const std::vector<MicrokernelChoice>& candidates, const TuneCost& cost,
                             double budgetSeconds, const TuneProgress& progress,
                             const std::atomic<bool>* cancel, const std::function<double()>& now) {
    const auto clock = now ? now : std::function<double()>(steadySeconds);
    TuneOutcome out;
    out.candidates = static_cast<int>(candidates.size());
    const double start = clock();
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        if (cancel && cancel->load()) {
            out.cancelled = true;
            break;
        }
        if (i > 0 && clock() - start >= budgetSeconds * kTuneCandidateShare) {
            out.outOfTime = true;
            break;
        }
        TuneTrial trial;
        trial.choice = candidates[i];
        std::string failure;
        if (const std::optional<double> gflops = cost(candidates[i], &failure))
            trial.gflops = *gflops;
        else
            trial.failure = failure.empty() ? std::string("failed") : failure;
        out.trials.push_back(trial);
        if (progress) {
            char text[64];
            std::snprintf(text, sizeof text, ": %.1f GFLOP/s", trial.gflops);
            progress(static_cast<double>(i + 1) / static_cast<double>(candidates.size()),
                     describeCandidate(trial.choice) + (trial.failure.empty()
                                                            ? std::string(text)
                                                            : ": dropped, " + trial.failure));
        }
    }
    if (!out.cancelled) {
        if (progress)
            progress(static_cast<double>(out.trials.size()) /
                         static_cast<double>(std::max<std::size_t>(candidates.size(), 1)),
                     "timing the fastest again, interleaved");
        finalRound(out.trials, cost, start + budgetSeconds, clock, cancel);
    }
    if (const TuneTrial* best = pickBest(out.trials))
        out.best = best->choice;
    out.seconds = clock() - start;
    return out;
}

std::vector<MicrokernelChoice> tuneCandidates(Isa isa, const CacheInfo& caches, int most) {
    constexpr LoopOrder kOther =
        kModelLoopOrder == LoopOrder::ASliverInL1 ? LoopOrder::BSliverInL1 : LoopOrder::ASliverInL1;
    // (l1Share, l2Share, order) after the two orders' models. With the B sliver in L1, larger
    // KC first: each KC step reads and writes all of C once more, which is what a large product
    // loses most to (n = 4096 on one core of a Xeon, family 6 model 207: 8x24 with KC 192 72
    // GFLOP/s, KC 384 77, the same kernel and MC share); the sliver streams from L2 past 100 %
    // of L1. With the A sliver in L1 it must stay there while B streams past: half of L1 to all
    // of it. The two orders alternate, so that a search cut short has tried both.
    struct Variant {
        double l1Share, l2Share;
        LoopOrder order;
    };
    constexpr Variant kVariants[] = {
        {0.5, 0.5, LoopOrder::ASliverInL1},   {1.5, 0.5, LoopOrder::BSliverInL1},
        {0.75, 0.5, LoopOrder::ASliverInL1},  {2.0, 0.5, LoopOrder::BSliverInL1},
        {1.0, 0.5, LoopOrder::ASliverInL1},   {1.0, 0.5, LoopOrder::BSliverInL1},
        {0.5, 0.75, LoopOrder::ASliverInL1},  {1.5, 0.75, LoopOrder::BSliverInL1},
        {0.75, 0.75, LoopOrder::ASliverInL1}, {0.75, 0.5, LoopOrder::BSliverInL1},
    };
    std::vector<std::vector<MicrokernelChoice>> perKernel;
    for (const MicrokernelInfo& k : microkernels()) {
        if (k.isa != isa)
            continue;
        std::vector<MicrokernelChoice> list{
            *microkernelChoiceNamed(k.name, caches, 0, 0.5, kModelLoopOrder),
            *microkernelChoiceNamed(k.name, caches, 0, 0.5, kOther)};
        for (const Variant& v : kVariants) {
            const MicrokernelChoice c =
                *microkernelChoiceNamed(k.name, caches, v.l1Share, v.l2Share, v.order);
            const bool seen = std::any_of(list.begin(), list.end(), [&](const auto& o) {
                return o.order == c.order && o.kc == c.kc && o.mc == c.mc && o.nc == c.nc;
            });
            if (!seen)
                list.push_back(c);
        }
        perKernel.push_back(std::move(list));
    }
    // Round robin over the kernels, the model's choices first, so that a search cut short by its
    // bound has still tried every shape.
    std::vector<MicrokernelChoice> out;
    for (std::size_t round = 0; static_cast<int>(out.size()) < most; ++round) {
        bool any = false;
        for (const auto& list : perKernel)
            if (round < list.size() && static_cast<int>(out.size()) < most) {
                out.push_back(list[round]);
                any = true;
            }
        if (!any)
            break;
    }
    return out;
}

TuneCost timedProductCost(int n, int repetitions) {
    return [n, repetitions](const MicrokernelChoice& choice,
                            std::string* failure) -> std::optional<double> {
        const std::size_t size = static_cast<std::size_t>(n);
        MatrixBuffer a = allocateMatrix(size, size), b = allocateMatrix(size, size),
                     c = allocateMatrix(size, size);
        if (!a || !b || !c) {
            *failure = "out of memory";
            return std::nullopt;
        }
        fillMatrix(a.get(), size, size, 1, 1);
        fillMatrix(b.get(), size, size, 2, 1);
        // C's pages are touched before the clock starts, so no warm-up product is needed.
        std::fill_n(c.get(), size * size, 0.0);
        std::vector<double> seconds;
        for (int r = 0; r < std::max(1, repetitions); ++r) {
            const double t0 = steadySeconds();
            dgemm_packed_with(choice, n, n, n, a.get(), n, b.get(), n, c.get(), n, 1);
            seconds.push_back(steadySeconds() - t0);
        }
        const CheckResult check = freivalds(size, a.get(), b.get(), c.get());
        if (!check.passed) {
            *failure = "wrong product (" + check.message + ")";
            return std::nullopt;
        }
        return 2.0 * n * n * static_cast<double>(n) / medianInPlace(seconds) * 1e-9;
    };
}

int chooseCrossover(const std::vector<int>& sizes, const std::vector<double>& team,
                    const std::vector<double>& alone) {
    const std::size_t count = std::min({sizes.size(), team.size(), alone.size()});
    if (count == 0)
        return 0;
    // loss(split) = sum over i < split of log(alone / best) + sum over i >= split of
    // log(team * 1.05 / best): the 5 % asks the team to win clearly.
    auto cost = [&](std::size_t i, bool useTeam) {
        const double t = team[i] * 1.05, a = alone[i];
        const double best = std::min(t, a);
        return std::log((useTeam ? t : a) / best);
    };
    std::size_t bestSplit = count;
    double bestLoss = 0;
    for (std::size_t i = 0; i < count; ++i)
        bestLoss += cost(i, false);
    double loss = bestLoss;
    for (std::size_t split = count; split-- > 0;) { // the team from sizes[split] on
        loss += cost(split, true) - cost(split, false);
        if (loss < bestLoss - 1e-12) { // a tie keeps the larger crossover (fewer threads)
            bestLoss = loss;
            bestSplit = split;
        }
    }
    return bestSplit == count ? sizes[count - 1] + 1 : sizes[bestSplit];
}

double measureSerialCrossover(const MicrokernelChoice& choice, int threads) {
    constexpr int kLargest = 257;
    const std::size_t most = kLargest * kLargest;
    MatrixBuffer a = allocateMatrix(most, 1), b = allocateMatrix(most, 1),
                 c = allocateMatrix(most, 1);
    if (!a || !b || !c)
        return choice.serialBelow;
    fillMatrix(a.get(), kLargest, kLargest, 1, 1);
    fillMatrix(b.get(), kLargest, kLargest, 2, 1);
    // The team as asked at every size, against what one thread does below the crossover (no
    // packing where the product fits one KC step).
    MicrokernelChoice team = choice, alone = choice;
    team.serialBelow = 0;
    alone.serialBelow = 1e300;
    auto timed = [&](int n, int t) {
        const double t0 = steadySeconds();
        dgemm_packed_with(t > 1 ? team : alone, n, n, n, a.get(), n, b.get(), n, c.get(), n, t);
        return steadySeconds() - t0;
    };
    // Sizes that are no multiple of any tile, as most n are: at multiples of 24 the one-thread
    // path has no edge tiles and is unusually fast (n = 192: 170 us, n = 200: 237 us on one
    // core of a Xeon guest), which put the split above sizes where the team wins by 20 %.
    const std::vector<int> sizes = {33, 49, 65, 97, 129, 161, 193, 225, kLargest};
    std::vector<double> teamSeconds, aloneSeconds;
    for (int n : sizes) {
        // Interleaved, so that a phase of the machine (a busy host) hits both alike.
        std::vector<double> withTeam, withOne;
        timed(n, threads); // warm-up: buffers, the team's threads
        timed(n, 1);
        // Each timing is the second of two runs in a row, as the runner times its repetitions
        // back to back: in a VM a thread that has slept through a one-thread run wakes slower
        // (on a Xeon guest at n = 224, two threads took 237-274 us in the median right after a
        // one-thread run and 217-219 us after a team run; one thread 268-281 us either way).
        for (int r = 0; r < 9; ++r) {
            timed(n, threads);
            withTeam.push_back(timed(n, threads));
            timed(n, 1);
            withOne.push_back(timed(n, 1));
        }
        teamSeconds.push_back(medianInPlace(withTeam));
        aloneSeconds.push_back(medianInPlace(withOne));
    }
    const double n = chooseCrossover(sizes, teamSeconds, aloneSeconds);
    return n * n * n;
}

TuneOutcome tuneMicrokernel(const CacheInfo& caches, double budgetSeconds, int productSize,
                            const TuneProgress& progress, const std::atomic<bool>* cancel) {
    const Isa isa = selectedIsa();
    TuneOutcome out =
        searchCandidates(tuneCandidates(isa, caches), timedProductCost(productSize, 3),
                         budgetSeconds, progress, cancel);
    if (out.best && !out.cancelled && std::thread::hardware_concurrency() >= 2)
        out.best->serialBelow = measureSerialCrossover(*out.best, 2);
    return out;
}

} // namespace headroom::kernels
