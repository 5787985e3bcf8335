// SPDX-License-Identifier: MIT
// Arithmetic intensity of a point: FLOP per byte moved, per memory level, from a documented
// per-rung traffic model (README, "The roofline"). Each rung gets its own x on the roofline,
// so the climb shows as points moving right as well as up.
#pragma once

#include "machine.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace headroom {

struct Intensity {
    double l1 = 0; // 2 n^3 / bytes of matrix data the code loads and stores (cache-aware roofline)
    double dram = 0; // 2 n^3 / bytes its blocking leaves for memory (classic roofline)
    QString source;  // "model" | "counters"

    bool operator==(const Intensity&) const = default;
};

// The model's intensity of `rung` at size n on `threads` threads with these caches; nullopt for
// an unknown rung or n < 1. Python and Java are modelled as their loop's data accesses in C
// (i-j-k, 8-byte elements): the interpreters' own traffic is not counted.
std::optional<Intensity> modelIntensity(const QString& rung, int n, int threads,
                                        const EffectiveCaches& caches);

// {"l1": .., "dram": .., "source": ..} and back; fromJson refuses non-finite, non-positive or
// absurd values and unknown sources with a one-line message in *error.
QJsonObject intensityToJson(const Intensity& in);
std::optional<Intensity> intensityFromJson(const QJsonObject& o, QString* error);

// Whether the kernel lets this process count L1 data-cache loads (perf_event_open,
// PERF_TYPE_HW_CACHE L1D read access), for the session's environment:
// {"l1d_loads": true|false, "reason": ...}. Counter-based intensities are not measured yet.
QJsonObject cacheCountersJson();

} // namespace headroom
