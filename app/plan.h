// SPDX-License-Identifier: MIT
#pragma once

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

    // Presets (GUI and CLI): "quick" (~30 s on 2 cores), "standard", "thorough", "paper" (n = 4096,
    // the slow rungs sampled: the seed tables' size in about a minute).
    static Plan preset(const QString& name);
};

} // namespace headroom
