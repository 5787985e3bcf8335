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

// A placed matrix sits past a 64-byte header that keeps the pointer malloc gave: the data can
// then start at any 64-byte offset within a page.
constexpr std::size_t kHeader = 64;
constexpr std::size_t kPage = 4096;

void PlacedFree::operator()(double* p) const noexcept {
    if (p)
        std::free(reinterpret_cast<void**>(p)[-1]);
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

PlacedMatrix allocatePlacedMatrix(std::size_t rows, std::size_t cols, std::size_t pageOffset) {
    if (pageOffset % 64 != 0 || pageOffset >= kPage)
        return nullptr;
    if (rows != 0 && cols > std::numeric_limits<std::size_t>::max() / sizeof(double) / rows)
        return nullptr;
    const std::size_t bytes = rows * cols * sizeof(double);
    if (bytes > std::numeric_limits<std::size_t>::max() - 3 * kPage)
        return nullptr;
    // A page-aligned block; the data starts `pageOffset` bytes into its second page when the
    // offset leaves no room for the header in the first.
    const std::size_t lead = pageOffset >= kHeader ? pageOffset : kPage + pageOffset;
    void* base = std::aligned_alloc(kPage, (lead + bytes + kPage - 1) / kPage * kPage);
    if (!base)
        return nullptr;
    auto* data = reinterpret_cast<double*>(static_cast<char*>(base) + lead);
    reinterpret_cast<void**>(data)[-1] = base;
    return PlacedMatrix(data);
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

std::uint64_t portableOffset(std::uint64_t seed) {
    return seed % kPortablePrime;
}

double portableValue(std::uint64_t offset, std::uint64_t index) {
    const std::uint64_t q = (index % kPortablePrime + offset) % kPortablePrime;
    const std::uint64_t g = q * 40503u % kPortablePrime;
    const double mag = static_cast<double>(64 + (g >> 1) % 961) / 1024.0;
    return (g & 1) ? -mag : mag;
}

void fillPortable(double* m, std::size_t rows, std::size_t cols, std::uint64_t seed, int threads) {
    const std::uint64_t offset = portableOffset(seed);
    const long long r = static_cast<long long>(rows);
#pragma omp parallel for schedule(static) num_threads(threads > 0 ? threads : 1)
    for (long long i = 0; i < r; ++i)
        for (std::size_t j = 0; j < cols; ++j)
            m[i * cols + j] = portableValue(offset, static_cast<std::uint64_t>(i) * cols + j);
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
