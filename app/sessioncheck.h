// SPDX-License-Identifier: MIT
// What a session file must not do, beyond its types and ranges (jsonread.h): strings long
// enough to exhaust the drawing of a chart, and points that contradict themselves. Each check
// returns an empty string when the session passes, else one line naming the key or the point.
#pragma once

#include <QJsonObject>
#include <QString>

namespace headroom {

struct Session;

// Names shown in charts, legends and titles (title, host, CPU model and vendor, rung ids).
constexpr qsizetype kMaxLabelChars = 256;
// Any other string in a session (messages, notes, flags, paths).
constexpr qsizetype kMaxStringChars = 4096;
// A point faster than this many times the machine's recorded theoretical peak is not physical.
constexpr double kMaxTimesPeak = 100;
// Slower than 1000 FLOP/s is no measurement of a matmul: it would stretch an axis over decades.
constexpr double kMinGflops = 1e-6;
// GFLOP/s must equal 2 n^3 / seconds within this relative tolerance.
constexpr double kGflopsTolerance = 0.01;

// Every string of the document within its limit; the message names the key and the limit.
QString checkSessionStrings(const QJsonObject& root);
// Duplicates of (rung, n, threads); GFLOP/s off 2n^3/seconds by more than 1 %; a time or a
// GFLOP/s of 0 in a point that has a time, or below kMinGflops; GFLOP/s above 100x the
// theoretical peak; a bandwidth ceiling of 0. Together they bound the charts' axes.
QString checkSessionPoints(const Session& session);

} // namespace headroom
