// SPDX-License-Identifier: MIT
#include "packing.h"

#ifdef __linux__
#include <sys/mman.h>
#endif

#include <cstdlib>

namespace headroom::kernels::packing {

MatrixBuffer allocatePackingBuffer(std::size_t elems) {
#ifdef __linux__
    constexpr std::size_t kHuge = std::size_t{2} << 20;
    const std::size_t bytes = elems * sizeof(double);
    if (bytes >= kHuge) {
        const std::size_t rounded = (bytes + kHuge - 1) / kHuge * kHuge;
        auto* p = static_cast<double*>(std::aligned_alloc(kHuge, rounded));
        if (p)
            madvise(p, rounded, MADV_HUGEPAGE); // advice only: failure is harmless
        return MatrixBuffer(p);
    }
#endif
    return allocateMatrix(elems, 1);
}

} // namespace headroom::kernels::packing
