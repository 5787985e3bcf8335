// SPDX-License-Identifier: MIT
// The machine: its topology (hwloc, live or from XML) and its limits (peaks, bandwidth per
// level). Plain value structs; detection and measurement live in topology.cpp / limits.cpp.
#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace headroom {

struct CacheLevel {
    int level = 0;        // 1, 2, 3 ...
    QString type;         // "data" | "instruction" | "unified"
    qint64 sizeBytes = 0; // per instance
    int lineBytes = 0;
    int associativity = 0; // 0 unknown, -1 fully associative
    int count = 0;         // instances in the machine
    int coresSharing = 0;  // cores per instance

    bool operator==(const CacheLevel&) const = default;
};

// One node of the topology tree, for drawing (packages -> caches -> cores -> PUs, NUMA nodes).
struct TopologyNode {
    QString type; // "Machine", "Package", "NUMANode", "L3", "L2", "L1d", "Core", "PU", ...
    int osIndex = -1;
    qint64 sizeBytes = 0; // caches and NUMA memory
    int kind = -1;        // index into Topology::coreKinds for cores/PUs on hybrid CPUs
    QList<TopologyNode> children;

    bool operator==(const TopologyNode&) const = default;
};

struct CoreKind {
    QString name;        // e.g. "IntelCore" / "IntelAtom" from hwloc cpukinds infos
    int efficiency = -1; // hwloc's efficiency rank (higher = faster), -1 unknown
    int pus = 0;

    bool operator==(const CoreKind&) const = default;
};

struct Topology {
    QString source;     // "live" | "xml"
    QString sourcePath; // XML file when source == "xml"
    QString cpuVendor;
    QString cpuModel;
    QStringList isa; // e.g. "sse2", "avx2", "fma", "avx512f" (live: detected; xml: from infos)
    int packages = 0;
    int cores = 0; // physical cores
    int pus = 0;   // hardware threads
    int numaNodes = 0;
    qint64 memoryBytes = 0; // total NUMA memory
    QList<CacheLevel> caches;
    QList<CoreKind> coreKinds;
    TopologyNode root;

    bool operator==(const Topology&) const = default;
};

// Cache sizes the kernels may trust: hwloc cross-checked against sysfs/CPUID and (after a
// bandwidth sweep) measured plateaus. `notes` says what was implausible and which value is used.
struct EffectiveCaches {
    qint64 l1d = 0;       // per core
    qint64 l2 = 0;        // per core (or per instance)
    qint64 l3 = 0;        // total last-level cache (0 if none)
    QStringList notes;    // every remark, including which kind of a hybrid CPU is used
    QStringList warnings; // the notes that flag a problem (disagreeing or implausible sizes)

    bool operator==(const EffectiveCaches&) const = default;
};

struct PeakEntry {
    QString isa;       // "scalar" | "sse" | "avx2" | "avx512"
    QString precision; // "double" | "single"
    int threads = 1;
    double theoreticalGflops = 0;
    double measuredGflops = 0;

    bool operator==(const PeakEntry&) const = default;
};

struct BandwidthCeiling {
    QString level; // "L1" | "L2" | "L3" | "DRAM"
    double gbytesPerS = 0;
    qint64 workingSetBytes = 0;
    int threads = 1;
    QString kernel; // "read" | "triad"

    bool operator==(const BandwidthCeiling&) const = default;
};

struct BandwidthSample { // one point of the sweep (for plateau plots)
    qint64 workingSetBytes = 0;
    double gbytesPerS = 0;
    int threads = 1;
    QString kernel;

    bool operator==(const BandwidthSample&) const = default;
};

struct Limits {
    double clockGhz = 0;              // measured
    int threads = 1;                  // "all cores" thread count used
    double peakTheoreticalGflops = 0; // double precision, best ISA, all cores
    double peakMeasuredGflops = 0;    // double precision, best ISA, all cores
    QList<PeakEntry> perIsa;
    QList<BandwidthCeiling> bandwidth;
    QList<BandwidthSample> sweep;
    QString measuredAt; // ISO date
    QString setting;    // "quick" | "thorough"
    // Added with the probes: the clock while all cores run (turbo drops), and the FMA model.
    double clockGhzAllCores = 0;
    int fmaUnitsPerCore = 0;           // FMA pipes per core assumed for the theoretical peak
    QString fmaUnitsNote;              // where that number comes from (an assumption, said so)
    bool writeAllocateCounted = false; // triad bytes: 24/element (false) or 32 (true)
    QStringList warnings; // problems found while measuring, kept with the cached limits

    bool operator==(const Limits&) const = default;
};

struct Machine {
    Topology topology;
    EffectiveCaches caches;
    std::optional<Limits> limits; // live machine only
    QStringList warnings;

    bool operator==(const Machine&) const = default;

    // Theoretical double-precision peak of all cores with the widest ISA (cores x SIMD lanes x
    // FMA units x 2 x measured clock), from the limits; 0 when not measured (an XML machine):
    // without a measured clock there is no honest number.
    double theoreticalPeakGflops() const;
    // Best known peak for "% of peak": measured if available, else theoretical.
    double referencePeakGflops() const;
    // The same for a run on `threads` threads (<= 0: all cores): the double-precision peak
    // measured with that many threads when the limits have it, else the all-core peak scaled
    // by threads / cores. A one-thread run is not "40 % of peak" when its core is at 80 %.
    double referencePeakGflops(int threads) const;

    QJsonObject toJson() const;
    // Returns nullopt and sets *error when `o` is not a machine object.
    static std::optional<Machine> fromJson(const QJsonObject& o, QString* error);
};

} // namespace headroom
