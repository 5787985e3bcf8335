// SPDX-License-Identifier: MIT
// Sessions for the export / presentation / compare / chart CLI tests: a plausible ladder filled
// in by hand (no benchmark is run), scaled by `speed` so that two machines differ by a known
// factor.
#pragma once

#include "session.h"

#include <QHash>
#include <QImage>
#include <QStringList>

#include <cmath>

namespace headroom::testing {

// Seconds at n = 1024 on a made-up machine, ladder order (python extrapolated).
struct RungTime {
    const char* rung;
    double seconds;
};
inline constexpr RungTime kLadder1024[] = {
    {"python", 1200.0},   {"java", 140.0},        {"naive", 9.0},      {"interchange", 1.6},
    {"optflags", 0.33},   {"parallel", 0.18},     {"tiled", 0.11},     {"dac", 0.09},
    {"vectorized", 0.05}, {"microkernel", 0.022}, {"openblas", 0.019}, {"blis", 0.024},
};

// One point of a made-up run: GFLOP/s from n and seconds; measured points have repetitions,
// extrapolated ones say where from.
inline PointResult makePoint(const QString& rung, int n, double seconds,
                             PointStatus status = PointStatus::Verified) {
    PointResult p;
    p.rung = rung;
    p.n = n;
    p.status = status;
    p.seconds = seconds;
    p.gflops = 2.0 * n * n * n / seconds / 1e9;
    p.repetitions = status == PointStatus::Verified ? 3 : 0;
    if (status == PointStatus::Extrapolated)
        p.extrapolatedFrom = n / 2;
    return p;
}

// A verified point with a 95 % interval [lo, hi] of its median time.
inline PointResult makeTimedPoint(const char* rung, int n, double seconds, double lo, double hi) {
    PointResult p = makePoint(QLatin1String(rung), n, seconds);
    p.secondsLow = lo;
    p.secondsHigh = hi;
    return p;
}

inline Session makeSession(const QString& title, double speed = 1.0,
                           const QList<int>& sizes = {256, 512, 1024}) {
    Session s;
    s.title = title;
    s.machine.topology.source = QStringLiteral("xml");
    s.machine.topology.cpuVendor = QStringLiteral("AuthenticAMD");
    s.machine.topology.cpuModel = QStringLiteral("Test CPU ") + title;
    s.machine.topology.packages = 1;
    s.machine.topology.cores = 2;
    s.machine.topology.pus = 2;
    s.machine.topology.numaNodes = 1;
    s.machine.topology.isa = {QStringLiteral("avx2"), QStringLiteral("fma")};
    s.machine.topology.root.type = QStringLiteral("Machine");
    Limits limits;
    limits.clockGhz = 3.0;
    limits.threads = 2;
    limits.peakTheoreticalGflops = 192 * speed;
    limits.peakMeasuredGflops = 180 * speed;
    limits.bandwidth = {
        {QStringLiteral("L1"), 400 * speed, 16 << 10, 2, QStringLiteral("read")},
        {QStringLiteral("L2"), 200 * speed, 256 << 10, 2, QStringLiteral("read")},
        {QStringLiteral("L3"), 100 * speed, 8 << 20, 2, QStringLiteral("read")},
        {QStringLiteral("DRAM"), 30 * speed, 512 << 20, 2, QStringLiteral("triad")}};
    limits.measuredAt = QStringLiteral("2026-11-30");
    limits.setting = QStringLiteral("quick");
    s.machine.limits = limits;
    for (const RungTime& rt : kLadder1024)
        s.plan.rungs << QString::fromLatin1(rt.rung);
    s.plan.sizes = sizes;
    for (const RungTime& rt : kLadder1024) {
        for (const int n : sizes) {
            PointResult p;
            p.rung = QString::fromLatin1(rt.rung);
            p.n = n;
            p.seconds = rt.seconds * std::pow(n / 1024.0, 3) / speed;
            p.secondsMin = p.seconds * 0.98;
            p.gflops = 2.0 * double(n) * n * n / p.seconds / 1e9;
            p.threads = 2;
            p.check = QStringLiteral("freivalds");
            const bool slow = p.rung == QLatin1String("python") && n > sizes.first();
            p.status = slow ? PointStatus::Extrapolated : PointStatus::Verified;
            p.repetitions = slow ? 0 : 3;
            p.extrapolatedFrom = slow ? sizes.first() : 0;
            if (slow)
                p.message = QStringLiteral("from n = %1").arg(sizes.first());
            s.results << p;
        }
    }
    return s;
}

// Distinct colours on a coarse grid, and the share of the most common one: a blank or
// single-colour image has 1-2 colours and a share near 1.
struct ImageContent {
    int colours = 0;
    double dominantShare = 1.0;
};
inline ImageContent imageContent(const QImage& image) {
    QHash<QRgb, int> counts;
    int samples = 0;
    const int step = std::max(1, std::min(image.width(), image.height()) / 200);
    for (int y = 0; y < image.height(); y += step) {
        for (int x = 0; x < image.width(); x += step) {
            ++counts[image.pixel(x, y)];
            ++samples;
        }
    }
    int most = 0;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        most = std::max(most, it.value());
    return {static_cast<int>(counts.size()), samples ? double(most) / samples : 1.0};
}
inline bool hasContent(const QImage& image) {
    const ImageContent c = imageContent(image);
    return c.colours >= 3 && c.dominantShare < 0.995;
}
inline QString describeContent(const QImage& image) {
    const ImageContent c = imageContent(image);
    return QStringLiteral("%1 colours, the most common covers %2 %")
        .arg(c.colours)
        .arg(100 * c.dominantShare, 0, 'f', 1);
}

} // namespace headroom::testing
