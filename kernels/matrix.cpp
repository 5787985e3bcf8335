// SPDX-License-Identifier: MIT
#include "matrix.h"

#include <cstdlib>
#include <limits>
#include <new>

#if defined(__x86_64__) || defined(__i386__)
#include <xmmintrin.h> // MXCSR only; no vector code lives here
#endif

namespace headroom::kernels {

void AlignedFree::operator()(double* p) const noexcept {
    std::free(p);
}

MatrixBuffer allocateMatrix(std::size_t rows, std::size_t cols) {
    if (rows != 0 && cols > std::numeric_limits<std::size_t>::max() / sizeof(double) / rows)
        return nullptr;
    std::size_t bytes = rows * cols * sizeof(double);
    bytes = (bytes + 63) / 64 * 64;
    if (bytes == 0)
        bytes = 64;
    return MatrixBuffer(static_cast<double*>(std::aligned_alloc(64, bytes)));
}

double elementValue(std::uint64_t seed, std::uint64_t index) {
    // splitmix64: a cheap, well-mixed hash of the index.
    std::uint64_t z = seed * 0x9E3779B97F4A7C15ull + index + 0x632BE59BD9B4E019ull;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    z ^= z >> 31;
    const double u = static_cast<double>(z >> 11) * 0x1.0p-53; // [0, 1)
    const double mag = 0.0625 + 0.9375 * u;                    // [1/16, 1)
    return (z & 1) ? -mag : mag;
}

void fillMatrix(double* m, std::size_t rows, std::size_t cols, std::uint64_t seed, int threads) {
    const long long r = static_cast<long long>(rows);
#pragma omp parallel for schedule(static) num_threads(threads > 0 ? threads : 1)
    for (long long i = 0; i < r; ++i)
        for (std::size_t j = 0; j < cols; ++j)
            m[i * cols + j] = elementValue(seed, static_cast<std::uint64_t>(i) * cols + j);
}

void setFlushDenormals() {
#if defined(__x86_64__) || defined(__i386__)
    _mm_setcsr(_mm_getcsr() | 0x8040); // FTZ (bit 15) | DAZ (bit 6)
#endif
}

void setFlushDenormalsInTeam(int threads) {
#pragma omp parallel num_threads(threads > 0 ? threads : 1)
    setFlushDenormals();
}

} // namespace headroom::kernels
