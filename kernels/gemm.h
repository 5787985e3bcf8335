// SPDX-License-Identifier: MIT
#pragma once

#include <atomic>
#include <cstddef>

namespace headroom::kernels {

// Cache sizes that blocked rungs size their tiles from. 0 means unknown: each kernel then
// falls back to conservative defaults. The app passes validated sizes (hwloc cross-checked with
// sysfs/CPUID), never hwloc's raw numbers, because VMs report nonsense (a 508 MB L3 per core).
struct CacheInfo {
    std::size_t l1d = 0;
    std::size_t l2 = 0;
    std::size_t l3 = 0; // total shared last-level cache
};

// Arguments of one square product C = A * B, all n x n, row-major, leading dimension n.
// Promise of every rung: C is overwritten (never accumulated into), so C may hold anything
// (NaN included) on entry. When *cancel becomes true a kernel may return early with C
// incomplete; the runner then discards the result.
// Row-uniform rungs (RungInfo::rowUniform) compute only rows [rowBegin, rowEnd) of C (rowEnd < 0:
// up to n) and leave the other rows untouched: the runner times a few whole rows of the
// full-size product and scales. The other rungs ignore the range and compute all of C.
struct GemmArgs {
    int n = 0;
    int rowBegin = 0;
    int rowEnd = -1;
    const double* a = nullptr;
    const double* b = nullptr;
    double* c = nullptr;
    int threads = 1;
    CacheInfo caches;
    const std::atomic<bool>* cancel = nullptr;

    int rowsEnd() const { return rowEnd < 0 ? n : rowEnd; }
    bool cancelled() const { return cancel && cancel->load(std::memory_order_relaxed); }
};

using GemmFn = void (*)(const GemmArgs&);

} // namespace headroom::kernels
