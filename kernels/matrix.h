// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>

namespace headroom::kernels {

// 64-byte aligned, uninitialised storage for n*n doubles. Deliberately not zeroed: the runner
// initialises it in parallel so that pages are first touched by the threads that use them.
struct AlignedFree {
    void operator()(double* p) const noexcept;
};
using MatrixBuffer = std::unique_ptr<double[], AlignedFree>;

// Returns null when the allocation fails (the caller reports it; nothing throws).
MatrixBuffer allocateMatrix(std::size_t rows, std::size_t cols);

// A matrix placed `pageOffset` bytes (a multiple of 64 below 4096) past a 4 KiB boundary. The
// runner gives A, B and C distinct offsets so that their streams never alias in the low 12
// address bits (4K aliasing made an -O3 i-k-j loop 2.3x slower at an unlucky offset on a Zen 4
// VM). Its deleter frees the block it sits in. Null when the allocation fails or the offset is
// not a multiple of 64 below 4096.
struct PlacedFree {
    void operator()(double* p) const noexcept;
};
using PlacedMatrix = std::unique_ptr<double[], PlacedFree>;
PlacedMatrix allocatePlacedMatrix(std::size_t rows, std::size_t cols, std::size_t pageOffset);

// Where the runner places A, B and C past a page boundary (bytes): pairwise at least 1344
// bytes apart modulo 4096.
inline constexpr std::size_t kPageOffsetA = 0, kPageOffsetB = 1344, kPageOffsetC = 2752;

// Deterministic element value in [-1, -1/16] U [1/16, 1]: a pure function of (seed, index), so any
// thread can compute any element (parallel first touch) and results are reproducible. Bounded
// away from zero so that products never become denormal.
double elementValue(std::uint64_t seed, std::uint64_t index);

// Fills m (rows*cols) with elementValue using `threads` OpenMP threads, rows split statically
// like the kernels' outer loops, so each page is first touched by the thread that will use it.
void fillMatrix(double* m, std::size_t rows, std::size_t cols, std::uint64_t seed, int threads);

// The ladder's matrices: a formula that python, Java and C++ evaluate bit for bit alike, so the
// interpreted rungs build A and B themselves (at n = 4096 passing them as text would take
// minutes) and the app builds the same ones to verify. With q = (index + offset) mod 65521 and
// g = 40503 q mod 65521, the value is (64 + (g >> 1) mod 961) / 1024, negated when g is odd: a
// dyadic rational in [-1, -1/16] U [1/16, 1] (11 significant bits, so every product and sum in a
// product up to n = 2^32 is exact). resources/rungs/matmul.py and Matmul.java restate it.
inline constexpr std::uint64_t kPortablePrime = 65521;
std::uint64_t portableOffset(std::uint64_t seed); // seed mod 65521: what the programs are given
double portableValue(std::uint64_t offset, std::uint64_t index);
// fillMatrix with portableValue(portableOffset(seed), i * cols + j).
void fillPortable(double* m, std::size_t rows, std::size_t cols, std::uint64_t seed, int threads);

// Sets flush-to-zero and denormals-are-zero on the calling thread (x86; no-op elsewhere).
// Called in every worker so that a stray denormal cannot make one rung look slow.
void setFlushDenormals();
// Calls setFlushDenormals on each of `threads` OpenMP threads.
void setFlushDenormalsInTeam(int threads);

} // namespace headroom::kernels
