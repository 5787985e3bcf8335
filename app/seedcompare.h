// SPDX-License-Identifier: MIT
// The seed tables (Leiserson et al., Science 2020; MIT 6.172) and this machine's ladder set side
// by side like with like: each speedup is taken over the same pair of rows the paper's is (the
// Science table has no interchange/optflags/tiled rows, so its "parallel" step is over naive C
// and ours is too), and the sizes are named. Ratios of speedups are comparable across machines;
// times at different n are not.
#pragma once

#include "results.h"

#include <QList>
#include <QString>

namespace headroom {

// One row of a published table (n = 4096, double precision).
struct PaperRow {
    QString rung; // our rung id it corresponds to
    QString name; // as the paper names it
    double seconds = 0;
};

struct PaperTable {
    QString id;      // "science2020" | "mit6172"
    QString title;   // "Leiserson et al., Science 2020, Table 1"
    QString machine; // "18-core Intel Haswell, 835 GFLOP/s peak"
    int n = 4096;
    double peakGflops = 0; // 0 unknown
    QList<PaperRow> rows;
};

// Both seed tables, values from design.md.
const QList<PaperTable>& paperTables();
const PaperTable* paperTable(const QString& id);

struct SeedComparisonRow {
    QString rung;
    QString paperName;
    double paperSeconds = 0;
    double paperAbsolute = 0; // over the paper's first row
    double paperRelative = 0; // over the paper's row before (0 for the first)
    // This machine: its time for the rung at the comparison's n (0 = none, or not verified).
    double seconds = 0;
    bool extrapolated = false; // scaled by n^3 from a smaller measured size, or extrapolated
    double absolute = 0;       // over our time for the paper's first row's rung
    double relative = 0;       // over our time for the paper's row before (same pair)
    // Ours over the paper's (1 = the same step here as there; 0 = one side is missing).
    double absoluteRatio() const { return paperAbsolute > 0 ? absolute / paperAbsolute : 0; }
    double relativeRatio() const { return paperRelative > 0 ? relative / paperRelative : 0; }
};

struct SeedComparison {
    const PaperTable* paper = nullptr;
    int n = 0;                 // this machine's size (the paper's n when extrapolated to it)
    int measuredN = 0;         // the largest verified size the times come from
    bool extrapolated = false; // this machine's times were scaled to the paper's n
    QList<SeedComparisonRow> rows;
    // The row of our rung `rung`, or nullptr when the paper has none.
    const SeedComparisonRow* row(const QString& rung) const;
    // "sizes differ: this machine at n = 512, the paper at n = 4096" / "both at n = 4096" /
    // "this machine extrapolated from n = 1024 to 4096 (n^3)".
    QString sizeNote() const;
};

// This machine's times moved to the paper's size: each rung's time at `from`, the largest
// verified size (the same for every rung, so that sizes are not mixed), times `factor`.
struct PaperScale {
    int from = 0;      // 0: nothing to scale (no verified time, or measured at the paper's n)
    double factor = 1; // (paper.n / from)^3
};
PaperScale scaleToPaper(const QList<PointResult>& results, const PaperTable& paper);

// This machine's points at `n` against `paper`. With `extrapolateToPaper`, each rung's time is
// moved to the paper's size (scaleToPaper) and marked extrapolated. The paper's own speedups
// (paperAbsolute, paperRelative) are its table's whatever `results` holds: every view that
// shows them takes them from here.
SeedComparison compareWithPaper(const QList<PointResult>& results, const PaperTable& paper, int n,
                                bool extrapolateToPaper);

} // namespace headroom
