// SPDX-License-Identifier: MIT
// Roofline probes: the kernels that measure the machine (clock, peak FMA throughput, bandwidth).
// Each call does a fixed amount of work and returns a value the caller must use, so nothing is
// optimised away; timing, threading and pinning are the caller's job. No Qt here.
#pragma once

#include <cstddef>
#include <cstdint>

namespace headroom::kernels::probes {

enum class VectorIsa { Scalar, Sse, Avx2, Avx512 }; // 64, 128, 256, 512-bit operations
enum class Precision { Double, Single };

const char* vectorIsaName(VectorIsa isa); // "scalar" | "sse" | "avx2" | "avx512"
int vectorBits(VectorIsa isa);
int lanes(VectorIsa isa, Precision p);

// Whether this build and CPU can run the peak probe for `isa`.
bool peakAvailable(VectorIsa isa);
// Whether the peak probe for `isa` uses fused multiply-add (else a multiply and an add).
bool peakUsesFma(VectorIsa isa);

// Independent multiply-add chains (12 accumulators: enough to cover FMA latency x issue width on
// current cores) for `iterations` rounds. Returns the floating-point operations performed;
// *sink receives a checksum.
double runPeak(VectorIsa isa, Precision p, std::int64_t iterations, double* sink);

// A chain of `n` dependent integer adds (1 cycle each on every current core): its duration
// gives the core clock. Returns the result so the chain cannot be folded.
std::uint64_t runDependentAdds(std::int64_t n);

// Bandwidth kernels over double arrays (n a multiple of 64 elements, 64-byte aligned), `passes`
// times over the same arrays:
// read: sums a (8 bytes moved per element); triad: a = b + s*c (24 bytes per element as the
// kernel moves them; the write-allocate read of `a` is not counted).
double readArray(const double* a, std::size_t n, std::int64_t passes);
void triad(double* a, const double* b, const double* c, double s, std::size_t n,
           std::int64_t passes);
// The widest vector width the bandwidth kernels use on this CPU, for reports.
const char* bandwidthIsa();

} // namespace headroom::kernels::probes
