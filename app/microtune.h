// SPDX-License-Identifier: MIT
// The micro-kernel rung's tuned choice on this machine: found by kernels/tuning's bounded search,
// cached beside the machine's measured limits, and handed to the rung (setTunedMicrokernel).
// The cache entry is valid for one CPU: same model, same ISA features, same cache sizes.
#pragma once

#include "machine.h"

#include <QString>

#include <atomic>
#include <functional>

namespace headroom {

enum class TuneWhen {
    CachedOnly, // use a cached result if there is one, never search
    IfMissing,  // search now when nothing is cached (the rung's first use)
    Now,        // search now regardless (headroom --tune)
};

// Makes the micro-kernel rung use this machine's tuned choice: from the cache, or searched now
// (about 10 s on one core, cancellable; each candidate times a productSize^3 product) as `when`
// allows, then cached. HEADROOM_TUNE=model in the
// environment keeps the analytical model and never searches unless `when` is Now (tests use it).
// Returns one line saying what was chosen and how, or why nothing was tuned.
QString prepareMicrokernel(const Machine& machine, TuneWhen when,
                           const std::function<void(double, const QString&)>& progress = {},
                           const std::atomic<bool>* cancel = nullptr, double budgetSeconds = 10,
                           int productSize = 1792);

// The path of the cache entry for this machine ("" without a cache directory).
QString microkernelCachePath(const Machine& machine);

} // namespace headroom
