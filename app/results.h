// SPDX-License-Identifier: MIT
// Value structs the runner speaks in: one per measured (or extrapolated) point, plus progress.
#pragma once

#include "intensity.h"

#include <QJsonObject>
#include <QMetaType>
#include <QString>

#include <optional>

namespace headroom {

enum class PointStatus {
    Pending,      // not settled yet: no check has passed, so never shown or saved as verified
    Verified,     // measured and verified
    Failed,       // measured, verification failed: never plotted as fast
    Extrapolated, // not run: predicted from smaller sizes by n^3 (budget)
    Unavailable,  // rung cannot run here (no python3, no OpenBLAS, ...)
    Error,        // could not run (out of memory, interpreter crashed, ...)
};

// "pending" | "verified" | "failed" | "extrapolated" | "unavailable" | "error"
QString statusName(PointStatus s);
std::optional<PointStatus> statusFromName(const QString& s);

struct PointResult {
    QString rung;
    int n = 0;
    PointStatus status = PointStatus::Pending; // a check must make it Verified
    double seconds = 0; // median of the timed repetitions (or the prediction)
    double secondsMin = 0;
    // 95 % confidence interval of the median time (0, 0 = not known: extrapolated, or an
    // older session file)
    double secondsLow = 0;
    double secondsHigh = 0;
    double cv = 0;       // coefficient of variation of the repetitions
    double gflops = 0;   // 2 n^3 / seconds
    int repetitions = 0; // timed repetitions (0 when extrapolated)
    int threads = 1;
    QString check;            // "freivalds" or "freivalds+full"; what was checked
    QString message;          // why failed / unavailable / error; for extrapolated: from which n
    int extrapolatedFrom = 0; // n the prediction came from
    // The machine's speed while the point was timed: the reference probe before and after its
    // size, against the machine's baseline (1 = itself; 0 = not checked). Below 1/1.3 the point
    // was timed in a slow phase and is marked so.
    double machineSpeed = 0;
    bool timedWhileSlow() const { return machineSpeed > 0 && machineSpeed < 1.0 / 1.3; }
    // > 0: a sampled point. Rows [0, sampledRows) of the full-size product were timed (seconds
    // = their time x n / sampledRows) and verified. Written as "status": "sampled" when verified.
    int sampledRows = 0;
    // FLOP per byte at L1 and DRAM and where they come from (none: an older session file)
    std::optional<Intensity> intensity;

    bool verified() const { return status == PointStatus::Verified; }
    bool extrapolated() const { return status == PointStatus::Extrapolated; }
    bool sampled() const { return sampledRows > 0; }
    // The session's "status": statusName(status), or "sampled" for a verified sampled point.
    QString statusText() const;
    bool hasTime() const {
        return status == PointStatus::Verified || status == PointStatus::Failed ||
               status == PointStatus::Extrapolated;
    }

    QJsonObject toJson() const;
    static std::optional<PointResult> fromJson(const QJsonObject& o, QString* error);
};

struct Progress {
    QString rung;
    int n = 0;
    int pointIndex = 0; // 0-based point being run
    int pointCount = 0;
    int round = 0; // the interleaved timing round of the size (1..rounds), 0 before
    int rounds = 0;
    double fraction = 0;    // 0..1 of the whole plan (by predicted time)
    double etaSeconds = -1; // -1 unknown
};

} // namespace headroom

Q_DECLARE_METATYPE(headroom::PointResult)
Q_DECLARE_METATYPE(headroom::Progress)
