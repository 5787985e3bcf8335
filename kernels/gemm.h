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
struct GemmArgs {
    int n = 0;
    const double* a = nullptr;
    const double* b = nullptr;
    double* c = nullptr;
    int threads = 1;
    CacheInfo caches;
    const std::atomic<bool>* cancel = nullptr;

    bool cancelled() const { return cancel && cancel->load(std::memory_order_relaxed); }
};

using GemmFn = void (*)(const GemmArgs&);

} // namespace headroom::kernels
