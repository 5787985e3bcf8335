// SPDX-License-Identifier: MIT
#pragma once

#include "machine.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace headroom {

// What to run: rungs x sizes, with the limits of one run.
struct Plan {
    QStringList rungs; // rung ids in ladder order
    QList<int> sizes;  // ascending, each >= 1
    int threads = 0;   // 0 = one per physical core
    double budgetSeconds =
        2.0;                 // per (rung, size): a point predicted to take longer is extrapolated
    int repetitions = 3;     // timed repetitions at least (after a warm-up)
    double minSeconds = 0.2; // keep repeating until the timed runs add up to this
    int fullCheckMaxN = 256; // full comparison with the reference up to this n (Freivalds always)
    quint64 seed = 42;
    // Over-budget points of row-uniform rungs are sampled (a few whole rows of the full-size
    // product, scaled); true predicts them by n^3 from a smaller size instead, like the other
    // rungs.
    bool extrapolate = false;

    QJsonObject toJson() const;
    static std::optional<Plan> fromJson(const QJsonObject& o, QString* error);

    // Presets (GUI and CLI): "quick" (~30 s on 2 cores, up to n = 1024, the slow rungs sampled
    // or extrapolated), "standard" (up to largestSizeFor(caches)), "thorough", "paper" (n = 4096,
    // the slow rungs sampled: the seed tables' size in about a minute).
    static Plan preset(const QString& name, const EffectiveCaches& caches = {});

    // The first power of two from 1024 at which A, B and C (24 n^2 bytes) outgrow the whole
    // last-level cache, so that cache blocking shows (on a 32 MiB L3: 2048), at most 4096. With
    // no L3 known (none, or refused as implausible): kFallbackLargestN.
    static int largestSizeFor(const EffectiveCaches& caches);
    // 24 x 2048^2 = 96 MiB: beyond the L3 of most single-socket machines.
    static constexpr int kFallbackLargestN = 2048;
};

} // namespace headroom
