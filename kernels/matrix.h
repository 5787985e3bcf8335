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

// Sets flush-to-zero and denormals-are-zero on the calling thread (x86; no-op elsewhere).
// Called in every worker so that a stray denormal cannot make one rung look slow.
void setFlushDenormals();
// Calls setFlushDenormals on each of `threads` OpenMP threads.
void setFlushDenormalsInTeam(int threads);

} // namespace headroom::kernels
