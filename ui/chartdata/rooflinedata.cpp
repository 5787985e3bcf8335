// SPDX-License-Identifier: MIT
#include "rooflinedata.h"

#include "chartformat.h"
#include "charttips.h"
#include "compare.h"
#include "ladderinfo.h"
#include "resultsmodel.h"
#include "roofline.h"

#include <format.h>

#include <algorithm>

namespace headroom::ui::chartdata {

using chartfmt::formatNumber;

namespace {

// A compared session's machine: its roof, at its headline thread count.
struct OtherRoof {
    int dataset;
    Roofline roof;
    double peak = 0; // the highest measured compute ceiling, else the theoretical one
};

class Builder {
public:
    Builder(const ResultsModel& model, const RooflineOptions& o)
        : m_model(model)
        , m_o(o)
        , m_theme(o.theme)
        , m_rungs(shownRungs(model, o.revealed))
        , m_roof(rooflineFor(model.dataset(0).machine)) {}

    RooflineData build();

private:
    bool shown(const PointResult& p) const {
        return m_o.n == RooflineOptions::kAllSizes || p.n == m_o.n;
    }
    double x(const PointResult& p) const { return pointIntensity(p, m_o.level); }
    void collectRoofs();
    void computeRanges();
    void addComputeCeilings();
    void addMemoryCeilings();
    void addRung(const QString& rung);
    void addCompared();
    void addOtherRoof(const OtherRoof& r);
    void addClimb();
    QString note() const;

    const ResultsModel& m_model;
    const RooflineOptions& m_o;
    const Theme& m_theme;
    const QStringList m_rungs;
    const Roofline m_roof;
    QList<CeilingLine> m_compute;
    QList<MemoryCeiling> m_memory;
    QList<OtherRoof> m_others;
    Extent m_ai, m_rate;
    RooflineData m_data;
};

// Ceilings from the core's roofline: compute per ISA (measured and theoretical) and bandwidth
// per level, all on the headline thread count; and the compared machines' roofs.
void Builder::collectRoofs() {
    m_compute = computeCeilingLines(m_roof);
    // The cache-aware view puts every rung against the L1 roof; the classic one keeps every level.
    const bool l1View = m_o.level == QLatin1String("l1");
    for (const MemoryCeiling& m : m_roof.memory) {
        if (m.threads == m_roof.threads && m.gbytesPerS > 0 &&
            (!l1View || m.level == QLatin1String("L1")))
            m_memory.append(m);
    }
    for (int d = 1; d < m_model.datasetCount(); ++d) {
        const Machine& other = m_model.dataset(d).machine;
        if (!other.limits)
            continue;
        OtherRoof r{d, rooflineFor(other)};
        for (const ComputeCeiling& cc : r.roof.compute) {
            if (cc.precision == QLatin1String("double") && cc.threads == r.roof.threads &&
                cc.measured)
                r.peak = std::max(r.peak, cc.gflops);
        }
        if (r.peak <= 0)
            r.peak = other.referencePeakGflops();
        if (r.peak > 0)
            m_others.append(r);
    }
}

void Builder::computeRanges() {
    forEachPoint(
        m_model, m_rungs,
        [](const PointResult& p) { return p.status == PointStatus::Verified || p.extrapolated(); },
        [this](const PointResult& p) {
            if (!shown(p))
                return;
            m_ai.add(x(p));
            if (hasRate(p))
                m_rate.add(p.gflops);
        });
    for (const OtherRoof& r : std::as_const(m_others))
        m_rate.raiseTop(r.peak);
    for (const CeilingLine& cc : std::as_const(m_compute))
        m_rate.raiseTop(cc.gflops);
    double bwLo = 1e300;
    for (const MemoryCeiling& b : std::as_const(m_memory))
        bwLo = std::min(bwLo, b.gbytesPerS);
    for (const OtherRoof& r : std::as_const(m_others))
        for (const MemoryCeiling& m : r.roof.memory)
            if (m.threads == r.roof.threads && m.gbytesPerS > 0)
                bwLo = std::min(bwLo, m.gbytesPerS);
    // Roofs reach down to an intensity of 0.1, where the memory-bound points of a Python loop sit.
    m_data.rangeX = decadeRange(m_ai.orDefault(1, 200));
    if (!m_memory.isEmpty() || !m_others.isEmpty())
        m_data.rangeX.lo = std::min(m_data.rangeX.lo, 0.1);
    m_data.rangeY = decadeRange(m_rate.orDefault(0.1, 100));
    if (bwLo < 1e300)
        m_data.rangeY.lo = std::min(m_data.rangeY.lo, decadeFloor(bwLo * m_data.rangeX.lo));
}

void Builder::addComputeCeilings() {
    const Range& rx = m_data.rangeX;
    for (const CeilingLine& cc : std::as_const(m_compute)) {
        // A compute ceiling starts where the highest bandwidth roof reaches it.
        double startBest = rx.hi;
        for (const MemoryCeiling& b : std::as_const(m_memory))
            startBest = std::min(startBest, cc.gflops / b.gbytesPerS);
        const double start = m_memory.isEmpty() ? rx.lo : std::max(rx.lo, startBest);
        Series line;
        line.points = {QPointF(start, cc.gflops), QPointF(rx.hi, cc.gflops)};
        line.pen = {m_theme.peak, cc.measured ? 2.2 : 1.4,
                    cc.measured ? Qt::SolidLine : Qt::DotLine};
        line.name = line.group =
            cc.measured ? tr("compute ceilings, measured") : tr("compute ceilings, theoretical");
        const QString text =
            cc.label() + u' ' + formatNumber(cc.gflops, 1) + QStringLiteral(" GFLOP/s");
        line.tips = {{line.points.last(), text}};
        const int at = m_data.add(line);
        // Measured and theoretical peaks of one ISA are close: label the measured line only
        // (the theoretical one has its value in the tooltip), or the labels overprint.
        if (cc.measured) {
            Label l{at,   text, line.points.last(), Qt::AlignRight | Qt::AlignBottom, m_theme.peak,
                    0.85, true};
            l.pin = Qt::RightEdge;
            l.clearOfDots = true;
            m_data.labels.append(l);
        }
    }
}

void Builder::addMemoryCeilings() {
    double peakTop = 0;
    for (const CeilingLine& cc : std::as_const(m_compute))
        peakTop = std::max(peakTop, cc.gflops);
    const Range& rx = m_data.rangeX;
    for (const MemoryCeiling& b : std::as_const(m_memory)) {
        const double top = peakTop > 0 ? peakTop : m_data.rangeY.hi;
        const double ridge = std::min(rx.hi, top / b.gbytesPerS);
        Series line;
        line.points = {QPointF(rx.lo, b.gbytesPerS * rx.lo), QPointF(ridge, b.gbytesPerS * ridge)};
        line.pen = {m_theme.mutedForeground, 1.6, Qt::DashLine};
        line.name = line.group = tr("bandwidth ceilings");
        const QString text = b.level + u' ' + formatNumber(b.gbytesPerS, 1) + u" GB/s";
        // Where the roof was read says what it is: a memory roof read inside a cache that the
        // machine does not report is that cache's speed (README, The roofs against likwid-bench).
        const QString where = b.workingSetBytes > 0
                                  ? tr(", read at %1").arg(format::bytes(b.workingSetBytes))
                                  : QString();
        line.tips = {{line.points.last(), text + u" (" + b.kernel + u", " +
                                              QString::number(b.threads) + tr(" threads") + where +
                                              u')'}};
        const int at = m_data.add(line);
        // Near the lower-left end of the roof, where lines are apart; cache levels close in
        // bandwidth stack their labels.
        const double ax = rx.lo * 1.5;
        m_data.labels.append({at, text, QPointF(ax, b.gbytesPerS * ax),
                              Qt::AlignLeft | Qt::AlignBottom, m_theme.mutedForeground, 0.8, false,
                              true});
    }
}

void Builder::addRung(const QString& rung) {
    const QColor color = rungColor(rung, m_theme);
    const QString name = rungLabel(rung);
    Series dots;
    dots.type = Series::Type::Scatter;
    dots.name = dots.group = name;
    dots.rung = rung;
    dots.keyColor = dots.fill = color;
    dots.border = color.darker(120);
    dots.markerSize = 11;
    Series marks = dots;
    marks.keyColor = QColor();
    marks.fill = marks.border = m_theme.foreground;
    marks.markerSize = 4;
    Series hollow = dots;
    hollow.fill = m_theme.background;
    hollow.border = color;
    hollow.pen = {color, 2};
    Series failed = marks;
    failed.marker = MarkerShape::Cross;
    failed.fill = m_theme.failed;
    failed.border = QColor();
    failed.markerSize = 16;
    const QList<PointResult> points = m_model.points(0, rung);
    const PointResult* best = nullptr; // points outlives it
    for (const PointResult& p : points) {
        if (!shown(p))
            continue;
        const QPointF at(x(p), p.gflops);
        const QString tip = pointTip(p) + u"<br>" + intensityTip(p);
        if (p.status == PointStatus::Verified && p.gflops > 0) {
            dots.points.append(at);
            dots.tips.append({at, tip});
            if (p.sampled())
                marks.tips.append(dots.tips.last());
            if (!best || p.n > best->n)
                best = &p;
        } else if (p.extrapolated() && p.gflops > 0) {
            hollow.points.append(at);
            hollow.tips.append({at, tip});
        } else if (p.status == PointStatus::Failed) {
            const QPointF floor(x(p), m_data.rangeY.lo * 1.15);
            failed.points.append(floor);
            failed.tips.append({floor, tip});
        }
    }
    dots.pointCount = int(dots.points.size());
    const int dotsAt = m_data.add(dots);
    if (!marks.tips.isEmpty()) {
        for (const auto& t : std::as_const(marks.tips))
            marks.points.append(t.first);
        m_data.add(marks);
    }
    if (best)
        m_data.labels.append({dotsAt, name, QPointF(x(*best), best->gflops),
                              Qt::AlignLeft | Qt::AlignVCenter, color, 0.85, true, true});
    if (!hollow.points.isEmpty()) {
        hollow.pointCount = int(hollow.points.size());
        const int at = m_data.add(hollow);
        if (!best)
            m_data.labels.append({at, name + tr(" (extrapolated)"), hollow.points.last(),
                                  Qt::AlignLeft | Qt::AlignVCenter, color, 0.85, false, true});
    }
    if (!failed.points.isEmpty()) {
        failed.pointCount = int(failed.points.size());
        m_data.add(failed);
    }
}

// Compared sessions: their points in their colour family with a marker shape of their own (one
// legend entry per session).
void Builder::addCompared() {
    static constexpr MarkerShape kShapes[] = {MarkerShape::Rectangle, MarkerShape::Triangle,
                                              MarkerShape::RotatedRectangle, MarkerShape::Pentagon};
    for (int d = 1; d < m_model.datasetCount(); ++d) {
        const QString label = m_model.dataset(d).label;
        for (const QString& rung : m_model.rungs(d)) {
            if (m_o.revealed >= 0 && !m_rungs.contains(rung))
                continue;
            Series dots;
            for (const PointResult& p : m_model.points(d, rung)) {
                if (!(p.status == PointStatus::Verified || p.extrapolated()) || p.gflops <= 0 ||
                    !shown(p))
                    continue;
                const QPointF at(x(p), p.gflops);
                dots.points.append(at);
                dots.tips.append({at, u"<b>" + label.toHtmlEscaped() + u"</b><br>" + pointTip(p)});
            }
            if (dots.points.isEmpty())
                continue;
            dots.type = Series::Type::Scatter;
            dots.name = dots.group = tr("%1 (compared)").arg(label);
            dots.rung = rung;
            dots.dataset = d;
            dots.marker = kShapes[compareMarkerIndex(d, int(std::size(kShapes)))];
            dots.markerSize = 11;
            dots.keyColor = dots.fill = compareColor(rung, d, m_theme);
            dots.border = dots.fill.darker(130);
            dots.pointCount = int(dots.points.size());
            m_data.add(dots);
        }
    }
}

// One roof per compared machine, the classic one: main memory and the peak (its cache levels are
// in the tooltip); all its levels would bury this machine's ceilings.
void Builder::addOtherRoof(const OtherRoof& r) {
    const Range& rx = m_data.rangeX;
    const QString label = m_model.dataset(r.dataset).label;
    // A mid shade of the family: the roof reads as that machine's without a rung's colour.
    const QColor color = compareColor(QStringLiteral("tiled"), r.dataset, m_theme);
    auto addRoofLine = [&](QPointF a, QPointF b, const QString& tip) {
        Series line;
        line.points = {a, b};
        line.pen = {color, 1.8, Qt::DashLine};
        line.name = line.group = tr("%1 roof").arg(label);
        line.dataset = r.dataset;
        line.tips = {{b, tip}};
        return m_data.add(line);
    };
    const MemoryCeiling* slowest = nullptr;
    QStringList levels;
    for (const MemoryCeiling& m : r.roof.memory) {
        if (m.threads != r.roof.threads || m.gbytesPerS <= 0)
            continue;
        levels.append(m.level + u' ' + formatNumber(m.gbytesPerS, 1) + u" GB/s");
        if (!slowest || m.gbytesPerS < slowest->gbytesPerS)
            slowest = &m;
    }
    double start = rx.lo;
    if (slowest) {
        const double ridge = std::min(rx.hi, r.peak / slowest->gbytesPerS);
        addRoofLine(QPointF(rx.lo, slowest->gbytesPerS * rx.lo),
                    QPointF(ridge, slowest->gbytesPerS * ridge),
                    label + u": " + levels.join(QStringLiteral(" \u00b7 ")));
        start = std::max(rx.lo, ridge);
    }
    const QString text = label + u' ' + formatNumber(r.peak, 1) + u" GFLOP/s";
    const int top = addRoofLine(QPointF(start, r.peak), QPointF(rx.hi, r.peak), text);
    // Below its line (ours are labelled above theirs), at the right end.
    Label l{top, text, QPointF(rx.hi, r.peak), Qt::AlignRight | Qt::AlignTop, color, 0.85, true};
    l.pin = Qt::RightEdge;
    l.clearOfDots = true;
    m_data.labels.append(l);
}

// The ladder's rungs at one size, joined in ladder order (the yardsticks are not rungs): each
// step moves up, and right where the step also cuts the traffic.
void Builder::addClimb() {
    Series climb;
    for (const QString& rung : m_rungs) {
        const PointResult* p = m_model.find(0, rung, m_o.n);
        if (p && p->status == PointStatus::Verified && p->gflops > 0 && !isReferenceRung(rung))
            climb.points.append(QPointF(x(*p), p->gflops));
    }
    if (climb.points.size() < 2)
        return;
    climb.pen = {m_theme.mutedForeground, 1.6, Qt::DashLine};
    climb.arrows = true; // the direction of the climb, rung to rung
    climb.name = climb.group = tr("the climb, n = %1").arg(m_o.n);
    climb.tips = {{climb.points.last(), climb.name}};
    m_data.add(climb);
}

// Where the x comes from: the points' own intensities (their source), or n/12 for sessions that
// predate them.
QString Builder::note() const {
    QString source;
    for (const PointResult& p : m_model.dataset(0).results)
        if (p.intensity) {
            source = p.intensity->source;
            break;
        }
    const QString what = m_o.level == QLatin1String("l1")
                             ? tr("x: L1 intensity (the bytes the code loads and stores)")
                             : tr("x: DRAM intensity (the bytes its blocking leaves for memory)");
    const QString from =
        source.isEmpty() ? tr("compulsory traffic n/12, this session has no per-rung intensity")
        : source == QLatin1String("model")
            ? tr("per-rung traffic model, no hardware counters here (README, The roofline)")
            : tr("hardware counters");
    const QString which = m_o.n == RooflineOptions::kAllSizes
                              ? tr("every size")
                              : tr("n = %1, dashed: the climb rung to rung").arg(m_o.n);
    const QString text = what + QStringLiteral(", ") + from + QStringLiteral("; ") + which;
    if (m_model.dataset(0).machine.limits)
        return text;
    return tr("No measured limits for this machine: ceilings unknown "
              "(Machine \u2192 Measure again). ") +
           text;
}

RooflineData Builder::build() {
    m_data.title = tr("Roofline: arithmetic intensity vs performance");
    // Said in the chart itself: an export has no note line, and a roofline without roofs must
    // not look like one whose points are far below them.
    if (!m_model.dataset(0).machine.limits)
        m_data.title = tr("Roofline: no ceilings, this machine's limits were not measured");
    m_data.x = {10, QStringLiteral("%g"), 8, tr("arithmetic intensity (FLOP/byte, log scale)")};
    m_data.y = {10, QStringLiteral("%g"), 8, tr("GFLOP/s (log scale)")};
    collectRoofs();
    computeRanges();
    addComputeCeilings();
    addMemoryCeilings();
    for (const QString& rung : m_rungs)
        addRung(rung);
    addCompared();
    for (const OtherRoof& r : std::as_const(m_others))
        addOtherRoof(r);
    if (m_o.n != RooflineOptions::kAllSizes)
        addClimb();
    m_data.note = note();
    return m_data;
}

} // namespace

double pointIntensity(const PointResult& p, const QString& level) {
    if (p.intensity)
        return level == QLatin1String("l1") ? p.intensity->l1 : p.intensity->dram;
    return compulsoryIntensity(p.n);
}

RooflineData rooflineData(const ResultsModel& model, const RooflineOptions& options) {
    return Builder(model, options).build();
}

} // namespace headroom::ui::chartdata
