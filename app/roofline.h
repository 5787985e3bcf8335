// SPDX-License-Identifier: MIT
// The roofline model of a machine: compute ceilings per ISA and bandwidth ceilings per memory
// level, and the arithmetic intensity of a matmul rung under a stated traffic model.
#pragma once

#include "machine.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace headroom {

struct ComputeCeiling {
    QString isa;       // "scalar" | "sse" | "avx2" | "avx512"
    QString precision; // "double" | "single"
    int threads = 1;
    double gflops = 0;
    bool measured = false; // false: theoretical
};

struct MemoryCeiling {
    QString level; // "L1" | "L2" | "L3" | "DRAM"
    int threads = 1;
    double gbytesPerS = 0;
    QString kernel;             // the sweep kernel that gave the ceiling
    qint64 workingSetBytes = 0; // where: the working set it was read at (0 unknown)
};

struct Roofline {
    QList<ComputeCeiling> compute; // every measured and theoretical peak
    QList<MemoryCeiling> memory;   // per level and thread count: best of read and triad
    double peakGflops = 0;         // reference peak (double, all cores; measured if known)
    int threads = 1;               // thread count of the headline ceilings
    QString trafficModel;          // how arithmeticIntensity counts bytes, for legends

    // min(peak, bandwidth(level) x ai) on the headline thread count; 0 when unknown.
    double attainableGflops(double intensity, const QString& level = QStringLiteral("DRAM")) const;
    // The ridge point: the intensity where `level`'s bandwidth meets the peak; 0 when unknown.
    double ridgeIntensity(const QString& level = QStringLiteral("DRAM")) const;
    // The bandwidth ceiling of `level` on the headline thread count, 0 when not measured.
    double bandwidth(const QString& level) const;
};

// Everything the limits give; a machine without limits (XML) has no ceilings.
Roofline rooflineFor(const Machine& machine);

// Compulsory traffic of an n x n double matmul: A and B read once, C written once, 3*8*n^2 bytes
// (no write-allocate, no re-reads: the best any rung can do, so intensities are upper bounds).
double compulsoryBytes(int n);
// 2n^3 flops over compulsoryBytes(n): n/12 flop per byte.
double arithmeticIntensity(int n);
QString trafficModelDescription();

// One drawn compute ceiling: ceilings of equal value (within `tolerance`, relative) and the same
// kind (measured or theoretical) share one line and one label, "avx2 = avx512 measured", at the
// highest of their values: on a Zen 4 the avx2 and avx512 ceilings are one line, and two labels
// printed over each other. Double precision, the headline thread count; highest first.
struct CeilingLine {
    QStringList isas;
    double gflops = 0;
    bool measured = false;
    QString label() const; // "avx2 = avx512 measured"
};
QList<CeilingLine> computeCeilingLines(const Roofline& roof, double tolerance = 0.03);

} // namespace headroom
