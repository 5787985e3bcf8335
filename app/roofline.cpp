// SPDX-License-Identifier: MIT
#include "roofline.h"

#include <algorithm>

namespace headroom {

double compulsoryBytes(int n) {
    const double nn = n;
    return 3.0 * 8.0 * nn * nn;
}

double arithmeticIntensity(int n) {
    if (n <= 0)
        return 0;
    const double nn = n;
    return 2.0 * nn * nn * nn / compulsoryBytes(n);
}

QString trafficModelDescription() {
    return QStringLiteral("compulsory traffic: A and B read once, C written once = 3*8*n^2 bytes "
                          "(no write-allocate, no re-reads), intensity = 2n^3 / bytes = n/12");
}

Roofline rooflineFor(const Machine& machine) {
    Roofline r;
    r.trafficModel = trafficModelDescription();
    if (!machine.limits)
        return r;
    const Limits& l = *machine.limits;
    r.threads = l.threads;
    r.peakGflops = machine.referencePeakGflops();
    for (const PeakEntry& e : l.perIsa) {
        r.compute.append({e.isa, e.precision, e.threads, e.measuredGflops, true});
        r.compute.append({e.isa, e.precision, e.threads, e.theoreticalGflops, false});
    }
    for (const BandwidthCeiling& b : l.bandwidth) {
        auto same = std::find_if(r.memory.begin(), r.memory.end(), [&](const MemoryCeiling& m) {
            return m.level == b.level && m.threads == b.threads;
        });
        if (same == r.memory.end())
            r.memory.append({b.level, b.threads, b.gbytesPerS, b.kernel, b.workingSetBytes});
        else if (b.gbytesPerS > same->gbytesPerS)
            *same = {b.level, b.threads, b.gbytesPerS, b.kernel, b.workingSetBytes};
    }
    return r;
}

double Roofline::bandwidth(const QString& level) const {
    for (const MemoryCeiling& m : memory)
        if (m.level == level && m.threads == threads)
            return m.gbytesPerS;
    return 0;
}

double Roofline::attainableGflops(double intensity, const QString& level) const {
    const double bw = bandwidth(level);
    if (bw <= 0 || peakGflops <= 0)
        return 0;
    return std::min(peakGflops, bw * intensity);
}

double Roofline::ridgeIntensity(const QString& level) const {
    const double bw = bandwidth(level);
    return bw > 0 ? peakGflops / bw : 0;
}

QString CeilingLine::label() const {
    return isas.join(QStringLiteral(" = ")) +
           (measured ? QStringLiteral(" measured") : QStringLiteral(" theoretical"));
}

QList<CeilingLine> computeCeilingLines(const Roofline& roof, double tolerance) {
    QList<ComputeCeiling> ceilings;
    for (const ComputeCeiling& c : roof.compute)
        if (c.precision == QLatin1String("double") && c.threads == roof.threads && c.gflops > 0)
            ceilings.append(c);
    std::sort(ceilings.begin(), ceilings.end(),
              [](const ComputeCeiling& a, const ComputeCeiling& b) { return a.gflops > b.gflops; });
    QList<CeilingLine> lines;
    for (const ComputeCeiling& c : std::as_const(ceilings)) {
        // Joins the line of its kind it is within `tolerance` of (lines come highest first).
        auto same = std::find_if(lines.begin(), lines.end(), [&](const CeilingLine& l) {
            return l.measured == c.measured && c.gflops >= l.gflops * (1.0 - tolerance);
        });
        if (same != lines.end()) {
            same->isas.append(c.isa);
            // Narrower ISAs first: "avx2 = avx512".
            static const QStringList order = {QStringLiteral("scalar"), QStringLiteral("sse"),
                                              QStringLiteral("avx2"), QStringLiteral("avx512")};
            std::sort(same->isas.begin(), same->isas.end(), [](const QString& a, const QString& b) {
                return order.indexOf(a) < order.indexOf(b);
            });
            continue;
        }
        lines.append({{c.isa}, c.gflops, c.measured});
    }
    return lines;
}

} // namespace headroom
