// SPDX-License-Identifier: MIT
// Measuring the live machine's limits: clock, peak FLOP/s per ISA (theoretical and measured,
// 1 core and all cores, threads pinned) and bandwidth per memory level from a working-set sweep.
#pragma once

#include "machine.h"

#include <QString>

#include <atomic>
#include <functional>

namespace headroom {

struct LimitsSettings {
    QString name;                  // "quick" | "thorough" | "test"
    double secondsPerPoint = 0;    // minimum timed duration of one run
    int repetitions = 0;           // best of up to this many timed runs per point ...
    double maxSecondsPerPoint = 0; // ... until this much time is spent on the point
    int sweepRepetitions = 0;      // the same two for each point of the bandwidth sweep
    double sweepMaxSecondsPerPoint = 0;
    int pointsPerOctave = 0;   // working-set sweep density
    bool measureSingle = true; // single precision peaks too

    // "quick" (<= 15 s on 2 cores), "thorough", or "test" (a fraction of a second per probe,
    // for unit tests); anything else falls back to quick.
    static LimitsSettings named(const QString& name);
};

// FMA pipes per core for vectors of `bits` (64 = scalar), from vendor/family/model and the CPUID
// brand string: an assumption taken from vendor documentation, said so in *note. Without FMA the
// mul+add pair counts as one.
int fmaUnitsPerCore(const QString& vendor, int family, int model, int bits, QString* note,
                    const QString& brand = {});

// Measures everything on the live machine. Threads are pinned with hwloc; `caches` bounds the
// sweep (>= 4x the last-level cache) and places the level windows for plateau detection.
// Problems (measured > 1.05x theoretical, flat plateaus, failed pinning) go to Limits::warnings.
// Returns a Limits with setting empty when cancelled.
Limits measureLimits(const Topology& topology, const EffectiveCaches& caches,
                     const LimitsSettings& settings,
                     const std::function<void(double, const QString&)>& progress = {},
                     const std::atomic<bool>* cancel = nullptr);

} // namespace headroom
