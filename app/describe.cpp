// SPDX-License-Identifier: MIT
#include "describe.h"

#include "format.h"
#include "roofline.h"

#include <QTextStream>

namespace headroom {

namespace {

QString nodeLabel(const TopologyNode& n, const Topology& t) {
    QString s = n.type;
    const bool numbered = n.type == QLatin1String("Package") || n.type == QLatin1String("Core") ||
                          n.type == QLatin1String("PU") || n.type == QLatin1String("NUMANode");
    if (numbered && n.osIndex >= 0)
        s += QStringLiteral(" P#%1").arg(n.osIndex);
    if (n.sizeBytes > 0)
        s += QStringLiteral(" (%1)").arg(format::bytes(n.sizeBytes));
    if (n.kind >= 0 && n.kind < t.coreKinds.size() && n.type == QLatin1String("Core"))
        s += QStringLiteral(" [%1]").arg(t.coreKinds.at(n.kind).name);
    return s;
}

// lstopo's layout: a chain of single children on one line joined by " + ".
void printTree(QTextStream& out, const TopologyNode& n, const Topology& t, int depth) {
    QString line = nodeLabel(n, t);
    const TopologyNode* cur = &n;
    while (cur->children.size() == 1) {
        cur = &cur->children.first();
        line += QStringLiteral(" + ") % nodeLabel(*cur, t);
    }
    out << QString(2 * depth + 2, QLatin1Char(' ')) << line << '\n';
    for (const TopologyNode& c : cur->children)
        printTree(out, c, t, depth + 1);
}

QString plural(int n, const char* word) {
    return QStringLiteral("%1 %2%3").arg(n).arg(QLatin1String(word),
                                                n == 1 ? QString() : QStringLiteral("s"));
}

// The peaks per instruction set, each rate with its unit (app/format), in columns that fit
// "1,234 GFLOP/s".
void printPeaks(QTextStream& out, const Limits& l) {
    const QString row = QStringLiteral("  %1 %2 %3 %4 %5\n");
    out << row.arg(QStringLiteral("peak"), -15)
               .arg(QStringLiteral("threads"), 7)
               .arg(QStringLiteral("measured"), 14)
               .arg(QStringLiteral("theoretical"), 14)
               .arg(QStringLiteral("ratio"), 7);
    for (const PeakEntry& e : l.perIsa) {
        const double ratio = e.theoreticalGflops > 0 ? e.measuredGflops / e.theoreticalGflops : 0.0;
        out << row.arg(QStringLiteral("%1 %2").arg(e.isa, -7).arg(e.precision), -15)
                   .arg(e.threads, 7)
                   .arg(format::rate(e.measuredGflops, format::Rate::Gflops), 14)
                   .arg(format::rate(e.theoreticalGflops, format::Rate::Gflops), 14)
                   .arg(format::ratio(ratio), 7);
    }
}

// The bandwidth per level and kernel, and the working set it was read at.
void printBandwidth(QTextStream& out, const Limits& l) {
    const QString row = QStringLiteral("  %1 %2  %3 %4   %5\n");
    out << row.arg(QStringLiteral("bandwidth"), -15)
               .arg(QStringLiteral("threads"), 7)
               .arg(QStringLiteral("kernel"), -6)
               .arg(QStringLiteral("rate"), 11)
               .arg(QStringLiteral("at working set"));
    for (const BandwidthCeiling& b : l.bandwidth)
        out << row.arg(b.level, -15)
                   .arg(b.threads, 7)
                   .arg(b.kernel, -6)
                   .arg(format::rate(b.gbytesPerS, format::Rate::GigabytesPerSecond), 11)
                   .arg(format::bytes(b.workingSetBytes));
}

// The measured limits: clock, peaks per instruction set, bandwidth per level, the roofline.
void printLimits(QTextStream& out, const Machine& m) {
    const Limits& l = *m.limits;
    out << "\nLimits (" << l.setting << " measurement, " << l.measuredAt << "):\n";
    out << QStringLiteral("  clock %1 GHz on 1 core, %2 GHz with all %3 cores busy "
                          "(dependent-add chain)\n")
               .arg(format::number(l.clockGhz), format::number(l.clockGhzAllCores))
               .arg(l.threads);
    if (!l.fmaUnitsNote.isEmpty())
        out << "  " << l.fmaUnitsNote << '\n';
    printPeaks(out, l);
    printBandwidth(out, l);
    out << "  bytes counted as the kernels move them: read 8 B/element, triad 24 B/element ("
        << (l.writeAllocateCounted ? "with" : "without") << " write-allocate)\n";

    const Roofline r = rooflineFor(m);
    out << "\nRoofline (" << r.threads << " threads, peak "
        << format::rate(r.peakGflops, format::Rate::Gflops) << "):\n";
    for (const MemoryCeiling& c : r.memory) {
        if (c.threads != r.threads)
            continue;
        out << QStringLiteral("  %1 %2, ridge at %3 flop/byte\n")
                   .arg(c.level, -5)
                   .arg(format::rate(c.gbytesPerS, format::Rate::GigabytesPerSecond), 12)
                   .arg(format::number(r.peakGflops / c.gbytesPerS));
    }
    out << "  traffic model: " << r.trafficModel << '\n';
}

} // namespace

QString describeMachineText(const Machine& m) {
    const Topology& t = m.topology;
    QString text;
    QTextStream out(&text);
    out << "Machine: " << (t.cpuModel.isEmpty() ? QStringLiteral("unknown CPU") : t.cpuModel);
    if (!t.cpuVendor.isEmpty())
        out << " (" << t.cpuVendor << ")";
    out << "\nSource: "
        << (t.source == QLatin1String("xml") ? QStringLiteral("hwloc XML ") % t.sourcePath
                                             : QStringLiteral("this machine (live)"))
        << '\n';
    if (!t.isa.isEmpty())
        out << "ISA: " << t.isa.join(QLatin1Char(' ')) << '\n';
    out << plural(t.packages, "package") << ", " << plural(t.cores, "core") << ", "
        << plural(t.pus, "hardware thread") << ", " << plural(t.numaNodes, "NUMA node");
    if (t.memoryBytes > 0)
        out << ", " << format::bytes(t.memoryBytes) << " memory";
    out << '\n';

    out << "\nCaches (hwloc):\n";
    for (const CacheLevel& c : t.caches) {
        const QString name = QStringLiteral("L%1%2").arg(c.level).arg(
            c.type == QLatin1String("data")          ? QStringLiteral("d")
            : c.type == QLatin1String("instruction") ? QStringLiteral("i")
                                                     : QString());
        out << "  " << name.leftJustified(4) << format::bytes(c.sizeBytes).rightJustified(10)
            << " x" << c.count << "  line " << format::bytes(c.lineBytes);
        if (c.associativity > 0)
            out << ", " << c.associativity << "-way";
        else if (c.associativity < 0)
            out << ", fully associative";
        out << ", shared by " << plural(c.coresSharing, "core") << '\n';
    }
    out << "Cache sizes used: L1d " << format::bytes(m.caches.l1d) << " per core, L2 "
        << format::bytes(m.caches.l2) << " per instance, L3 "
        << (m.caches.l3 > 0 ? format::bytes(m.caches.l3) % QStringLiteral(" in total")
                            : QStringLiteral("none"))
        << '\n';
    for (const QString& n : m.caches.notes)
        out << "  note: " << n << '\n';

    if (!t.coreKinds.isEmpty()) {
        out << "\nCore kinds (hwloc cpukinds, higher efficiency = faster):\n";
        for (const CoreKind& k : t.coreKinds)
            out << "  " << k.name << ": " << plural(k.pus, "hardware thread") << ", efficiency "
                << k.efficiency << '\n';
    }

    out << "\nTopology:\n";
    printTree(out, t.root, t, 0);

    if (m.limits) {
        printLimits(out, m);
    } else {
        out << "\nLimits: not measured"
            << (t.source == QLatin1String("xml") ? " (a topology file cannot be measured)\n"
                                                 : " yet\n");
    }

    if (!m.warnings.isEmpty()) {
        out << "\nWarnings:\n";
        for (const QString& w : m.warnings)
            out << "  - " << w << '\n';
    }
    out.flush();
    return text;
}

} // namespace headroom
