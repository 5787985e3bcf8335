// SPDX-License-Identifier: MIT
// Reporters: they only format what the runner produced (console table, CSV, Google Benchmark's
// JSON so existing viewers and compare.py read Headroom's results).
#pragma once

#include "session.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace headroom {

// One row of the paper's table for size n, in ladder order.
struct LadderRow {
    PointResult result;
    QString name;
    double absoluteSpeedup = 0;       // vs the first rung with a time at this n (0 = n/a)
    double relativeSpeedup = 0;       // vs the previous rung with a time (0 = n/a)
    bool relativeWithinNoise = false; // see withinNoise(): the step is not resolved by this run
    double percentOfPeak = 0;         // of peakGflops (0 = unknown)
};

// Differences of median times smaller than this are not resolved on a shared machine, even when
// one run's samples agree closely: run-to-run variation is larger than the spread within a run
// (on the 2-core VM this was written on, the -O0 "interchange" rung measured 0.96-1.25x "naive"
// at n = 512 over six runs of 3 repetitions with cv 1-5 % each).
inline constexpr double kNoiseFloor = 0.05;

// True when two verified points' times cannot be told apart: their medians differ by at most
// kNoiseFloor, or both have a 95 % interval of the median and the intervals overlap. On a
// shared machine neighbouring rungs that hit the same limit (at n = 512 the -O3 i-k-j loop of
// "parallel", "tiled" and "dac" is bound by the core's loads and stores) swap places from run to
// run; such a step is marked rather than shown as a real slowdown or speedup.
bool withinNoise(const PointResult& a, const PointResult& b);
// What a ± mark means, in one line: "within noise: the two median times differ by at most 5 %,
// ..." (the CLI footnote, the chart key and the runtime bars' tooltips say the same).
QString withinNoiseMeaning();

// Rows for size n: the session's results at n ordered as the ladder, speedups filled in.
// Failed points get no speedup (a wrong answer is not fast); openblas is a yardstick, not a step,
// so it takes no part in the relative chain.
QList<LadderRow> ladderRows(const QList<PointResult>& results, int n, double peakGflops);

// One line when points of size `n` were timed in a slow phase of the machine (their
// machineSpeed below its baseline by more than 1.3x), naming the speed; empty otherwise.
QString slowPhaseNote(const QList<PointResult>& results, int n);

// The table for size n as printed by --headless.
QString formatLadderTable(const QList<PointResult>& results, int n, double peakGflops,
                          const QString& peakLabel);

// "microkernel / OpenBLAS = 1.04×, microkernel / peak = 87.1 %" lines for size n ("" if n/a).
QString formatTopRatios(const QList<PointResult>& results, int n, double peakGflops,
                        const QString& peakLabel);

QByteArray toCsv(const QList<PointResult>& results);
QJsonObject toGoogleBenchmarkJson(const Session& session);

// "sampled: r of n rows" for a sampled point, else "".
QString formatSampled(const PointResult& p);

} // namespace headroom
