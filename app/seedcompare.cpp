// SPDX-License-Identifier: MIT
#include "seedcompare.h"

#include <cmath>

namespace headroom {

const QList<PaperTable>& paperTables() {
    // Facts from the sources (design.md), 4096 x 4096 double precision.
    static const QList<PaperTable> tables = {
        {QStringLiteral("science2020"),
         QStringLiteral("Leiserson et al., Science 2020, Table 1"),
         QStringLiteral("18-core Intel Haswell, 835 GFLOP/s peak"),
         4096,
         835.0,
         {
             {QStringLiteral("python"), QStringLiteral("Python"), 25552.48},
             {QStringLiteral("java"), QStringLiteral("Java"), 2372.68},
             {QStringLiteral("naive"), QStringLiteral("C"), 542.67},
             {QStringLiteral("parallel"), QStringLiteral("Parallel loops"), 69.80},
             {QStringLiteral("dac"), QStringLiteral("Parallel divide and conquer"), 3.80},
             {QStringLiteral("vectorized"), QStringLiteral("plus vectorization"), 1.10},
             {QStringLiteral("microkernel"), QStringLiteral("plus AVX intrinsics"), 0.41},
         }},
        {QStringLiteral("mit6172"),
         QStringLiteral("MIT 6.172 (2018), lecture 1"),
         QStringLiteral("2 x 9-core Intel Haswell"),
         4096,
         0.0,
         {
             {QStringLiteral("python"), QStringLiteral("Python"), 21041.67},
             {QStringLiteral("java"), QStringLiteral("Java"), 2387.32},
             {QStringLiteral("naive"), QStringLiteral("C"), 1155.77},
             {QStringLiteral("interchange"), QStringLiteral("+ interchange loops"), 177.68},
             {QStringLiteral("optflags"), QStringLiteral("+ optimization flags"), 54.63},
             {QStringLiteral("parallel"), QStringLiteral("Parallel loops"), 3.04},
             {QStringLiteral("tiled"), QStringLiteral("+ tiling"), 1.79},
             {QStringLiteral("dac"), QStringLiteral("Parallel divide & conquer"), 1.30},
             {QStringLiteral("vectorized"), QStringLiteral("+ compiler vectorization"), 0.70},
             {QStringLiteral("microkernel"), QStringLiteral("+ AVX intrinsics"), 0.39},
             {QStringLiteral("openblas"), QStringLiteral("Intel MKL"), 0.41},
         }},
    };
    return tables;
}

const PaperTable* paperTable(const QString& id) {
    for (const PaperTable& t : paperTables()) {
        if (t.id == id)
            return &t;
    }
    return nullptr;
}

namespace {
// A time for `rung` at exactly `n` (verified, or extrapolated by the runner), else none.
const PointResult* pointAt(const QList<PointResult>& results, const QString& rung, int n) {
    for (const PointResult& p : results)
        if (p.rung == rung && p.n == n && (p.verified() || p.extrapolated()) && p.seconds > 0)
            return &p;
    return nullptr;
}

// The largest n with a verified time: the size the extrapolation starts from, the same for every
// rung (a rung without a time there stays empty rather than mixing sizes).
int largestVerifiedSize(const QList<PointResult>& results) {
    int n = 0;
    for (const PointResult& p : results)
        if (p.verified() && p.seconds > 0)
            n = std::max(n, p.n);
    return n;
}

PaperScale scaleFrom(int from, const PaperTable& paper) {
    if (from <= 0 || from == paper.n)
        return {};
    return {from, std::pow(double(paper.n) / from, 3)};
}
} // namespace

PaperScale scaleToPaper(const QList<PointResult>& results, const PaperTable& paper) {
    return scaleFrom(largestVerifiedSize(results), paper);
}

SeedComparison compareWithPaper(const QList<PointResult>& results, const PaperTable& paper, int n,
                                bool extrapolateToPaper) {
    SeedComparison c;
    c.paper = &paper;
    c.measuredN = extrapolateToPaper ? largestVerifiedSize(results) : n;
    c.n = extrapolateToPaper ? paper.n : n;
    const PaperScale scale = extrapolateToPaper ? scaleFrom(c.measuredN, paper) : PaperScale{};
    c.extrapolated = scale.from > 0;
    for (const PaperRow& row : paper.rows) {
        SeedComparisonRow r;
        r.rung = row.rung;
        r.paperName = row.name;
        r.paperSeconds = row.seconds;
        if (const PointResult* p = pointAt(results, row.rung, c.measuredN)) {
            r.seconds = p->seconds * scale.factor;
            r.extrapolated = c.extrapolated || p->extrapolated();
        }
        c.rows.append(r);
    }
    // Speedups over the same rows on both sides: the first row, and the row before.
    const double paperFirst = c.rows.isEmpty() ? 0 : c.rows.first().paperSeconds;
    const double ourFirst = c.rows.isEmpty() ? 0 : c.rows.first().seconds;
    for (qsizetype i = 0; i < c.rows.size(); ++i) {
        SeedComparisonRow& r = c.rows[i];
        r.paperAbsolute = paperFirst / r.paperSeconds;
        if (ourFirst > 0 && r.seconds > 0)
            r.absolute = ourFirst / r.seconds;
        if (i == 0)
            continue;
        const SeedComparisonRow& before = c.rows[i - 1];
        r.paperRelative = before.paperSeconds / r.paperSeconds;
        if (before.seconds > 0 && r.seconds > 0)
            r.relative = before.seconds / r.seconds;
    }
    return c;
}

const SeedComparisonRow* SeedComparison::row(const QString& rung) const {
    for (const SeedComparisonRow& r : rows)
        if (r.rung == rung)
            return &r;
    return nullptr;
}

QString SeedComparison::sizeNote() const {
    const int paperN = paper ? paper->n : 0;
    if (extrapolated)
        return QStringLiteral("this machine extrapolated from n = %1 to %2 (time x (n/%1)^3), "
                              "the paper measured at n = %2")
            .arg(measuredN)
            .arg(paperN);
    if (n == paperN)
        return QStringLiteral("both at n = %1").arg(n);
    return QStringLiteral("sizes differ: this machine at n = %1, the paper at n = %2")
        .arg(n)
        .arg(paperN);
}

} // namespace headroom
