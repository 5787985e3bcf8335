// SPDX-License-Identifier: MIT
// Machine value helpers and its JSON form (the --describe-machine shape plus what a lossless
// round trip needs). fromJson reads untrusted files: every value is type- and range-checked.
#include "machine.h"

#include "jsonread.h"
#include "roofline.h"

#include <QJsonArray>
#include <algorithm>

#include <limits>

namespace headroom {

namespace {

constexpr qint64 kMaxBytes = qint64(1) << 52; // exact in a double, beyond any real machine
constexpr int kMaxCount = 1 << 24;
constexpr int kMaxTreeDepth = 64; // untrusted input must not overflow our stack
constexpr double kMaxRate = 1e12; // GFLOP/s or GB/s: far beyond any machine of this decade

QJsonArray strings(const QStringList& list) {
    return QJsonArray::fromStringList(list);
}

// A list of strings; a non-string element is an error.
QStringList readStrings(JsonReader& r, const QString& key, bool required) {
    QStringList out;
    const QJsonArray a = r.array(key, required);
    for (const QJsonValue& v : a) {
        if (!v.isString()) {
            r.fail(QStringLiteral("\"%1\" must hold only strings").arg(key));
            return {};
        }
        out.append(v.toString());
    }
    return out;
}

// Calls f(JsonReader&) for each element of an array of objects; stops at the first problem.
template <typename F>
void forEachObject(JsonReader& r, const QString& key, bool required, F f) {
    const QJsonArray a = r.array(key, required);
    for (int i = 0; i < a.size() && r.ok(); ++i) {
        if (!a.at(i).isObject()) {
            r.fail(QStringLiteral("\"%1\"[%2] must be an object").arg(key).arg(i));
            return;
        }
        JsonReader item(a.at(i).toObject(), QStringLiteral("%1[%2]").arg(key).arg(i));
        f(item);
        if (!item.ok())
            r.fail(item.error());
    }
}

QJsonObject nodeToJson(const TopologyNode& n) {
    QJsonObject o{{QStringLiteral("type"), n.type}, {QStringLiteral("os_index"), n.osIndex}};
    if (n.sizeBytes > 0)
        o[QStringLiteral("size_bytes")] = static_cast<double>(n.sizeBytes);
    if (n.kind >= 0)
        o[QStringLiteral("kind")] = n.kind;
    if (!n.children.isEmpty()) {
        QJsonArray children;
        for (const TopologyNode& c : n.children)
            children.append(nodeToJson(c));
        o[QStringLiteral("children")] = children;
    }
    return o;
}

TopologyNode nodeFromJson(JsonReader& r, int depth) {
    TopologyNode n;
    if (depth > kMaxTreeDepth) {
        r.fail(QStringLiteral("topology tree deeper than %1 levels").arg(kMaxTreeDepth));
        return n;
    }
    n.type = r.string(QStringLiteral("type"));
    n.osIndex = r.integer(QStringLiteral("os_index"), -1, std::numeric_limits<int>::max());
    n.sizeBytes = r.integer64(QStringLiteral("size_bytes"), 0, kMaxBytes, 0);
    n.kind = r.integer(QStringLiteral("kind"), -1, kMaxCount, -1);
    forEachObject(r, QStringLiteral("children"), false,
                  [&](JsonReader& c) { n.children.append(nodeFromJson(c, depth + 1)); });
    return n;
}

QJsonObject cpuToJson(const Topology& t) {
    return {{QStringLiteral("vendor"), t.cpuVendor},
            {QStringLiteral("model"), t.cpuModel},
            {QStringLiteral("isa"), strings(t.isa)}};
}

QJsonObject limitsExtraToJson(const Limits& l) {
    QJsonArray sweep;
    for (const BandwidthSample& s : l.sweep)
        sweep.append(QJsonObject{
            {QStringLiteral("working_set_bytes"), static_cast<double>(s.workingSetBytes)},
            {QStringLiteral("gbytes_per_s"), s.gbytesPerS},
            {QStringLiteral("threads"), s.threads},
            {QStringLiteral("kernel"), s.kernel}});
    return {{QStringLiteral("clock_ghz"), l.clockGhz},
            {QStringLiteral("clock_ghz_all_cores"), l.clockGhzAllCores},
            {QStringLiteral("threads"), l.threads},
            {QStringLiteral("measured_at"), l.measuredAt},
            {QStringLiteral("setting"), l.setting},
            {QStringLiteral("fma_units_per_core"), l.fmaUnitsPerCore},
            {QStringLiteral("fma_units_note"), l.fmaUnitsNote},
            {QStringLiteral("write_allocate_counted"), l.writeAllocateCounted},
            {QStringLiteral("warnings"), strings(l.warnings)},
            {QStringLiteral("sweep"), sweep}};
}

Limits limitsFromJson(JsonReader& root) {
    Limits l;
    JsonReader x(root.object(QStringLiteral("limits")), QStringLiteral("limits"));
    l.clockGhz = x.number(QStringLiteral("clock_ghz"), 0, 1000);
    l.clockGhzAllCores = x.number(QStringLiteral("clock_ghz_all_cores"), 0, 1000, 0);
    l.threads = x.integer(QStringLiteral("threads"), 1, kMaxCount);
    l.measuredAt = x.string(QStringLiteral("measured_at"), QString());
    l.setting = x.string(QStringLiteral("setting"), QString());
    l.fmaUnitsPerCore = x.integer(QStringLiteral("fma_units_per_core"), 0, 64, 0);
    l.fmaUnitsNote = x.string(QStringLiteral("fma_units_note"), QString());
    l.writeAllocateCounted = x.boolean(QStringLiteral("write_allocate_counted"), false);
    l.warnings = readStrings(x, QStringLiteral("warnings"), false);
    forEachObject(x, QStringLiteral("sweep"), false, [&](JsonReader& s) {
        BandwidthSample b;
        b.workingSetBytes = s.integer64(QStringLiteral("working_set_bytes"), 0, kMaxBytes);
        b.gbytesPerS = s.number(QStringLiteral("gbytes_per_s"), 0, kMaxRate);
        b.threads = s.integer(QStringLiteral("threads"), 1, kMaxCount);
        b.kernel = s.string(QStringLiteral("kernel"), QString());
        l.sweep.append(b);
    });
    if (!x.ok())
        root.fail(x.error());

    JsonReader p(root.object(QStringLiteral("peak")), QStringLiteral("peak"));
    l.peakTheoreticalGflops = p.number(QStringLiteral("theoretical_gflops"), 0, kMaxRate);
    l.peakMeasuredGflops = p.number(QStringLiteral("measured_gflops"), 0, kMaxRate);
    forEachObject(p, QStringLiteral("per_isa"), true, [&](JsonReader& e) {
        PeakEntry pe;
        pe.isa = e.string(QStringLiteral("isa"));
        pe.precision = e.string(QStringLiteral("precision"));
        pe.threads = e.integer(QStringLiteral("threads"), 1, kMaxCount);
        pe.theoreticalGflops = e.number(QStringLiteral("theoretical_gflops"), 0, kMaxRate);
        pe.measuredGflops = e.number(QStringLiteral("measured_gflops"), 0, kMaxRate);
        l.perIsa.append(pe);
    });
    if (!p.ok())
        root.fail(p.error());

    forEachObject(root, QStringLiteral("bandwidth"), true, [&](JsonReader& e) {
        BandwidthCeiling c;
        c.level = e.string(QStringLiteral("level"));
        c.gbytesPerS = e.number(QStringLiteral("gbytes_per_s"), 0, kMaxRate);
        c.workingSetBytes = e.integer64(QStringLiteral("working_set_bytes"), 0, kMaxBytes);
        c.threads = e.integer(QStringLiteral("threads"), 1, kMaxCount);
        c.kernel = e.string(QStringLiteral("kernel"), QString());
        l.bandwidth.append(c);
    });
    return l;
}

} // namespace

double Machine::theoreticalPeakGflops() const {
    return limits ? limits->peakTheoreticalGflops : 0.0;
}

double Machine::referencePeakGflops() const {
    if (limits && limits->peakMeasuredGflops > 0)
        return limits->peakMeasuredGflops;
    return theoreticalPeakGflops();
}

double Machine::referencePeakGflops(int threads) const {
    const double all = referencePeakGflops();
    if (threads <= 0 || !limits || limits->threads <= 0 || threads >= limits->threads)
        return all;
    // The instruction set of the all-core peak, then its entry for this thread count.
    QString isa;
    double best = 0;
    for (const PeakEntry& e : limits->perIsa)
        if (e.precision == QLatin1String("double") && e.threads == limits->threads &&
            e.measuredGflops > best) {
            best = e.measuredGflops;
            isa = e.isa;
        }
    const bool measured = limits->peakMeasuredGflops > 0;
    for (const PeakEntry& e : limits->perIsa)
        if (e.isa == isa && e.precision == QLatin1String("double") && e.threads == threads) {
            const double v = measured ? e.measuredGflops : e.theoreticalGflops;
            if (v > 0)
                return v;
        }
    return all * threads / limits->threads;
}

QJsonObject Machine::toJson() const {
    const Topology& t = topology;
    QJsonObject o;
    o[QStringLiteral("source")] = t.source;
    if (!t.sourcePath.isEmpty())
        o[QStringLiteral("source_path")] = t.sourcePath;
    o[QStringLiteral("cpu")] = cpuToJson(t);
    o[QStringLiteral("packages")] = t.packages;
    o[QStringLiteral("cores")] = t.cores;
    o[QStringLiteral("pus")] = t.pus;
    o[QStringLiteral("numa_nodes")] = t.numaNodes;
    o[QStringLiteral("memory_bytes")] = static_cast<double>(t.memoryBytes);

    QJsonArray cacheList;
    for (const CacheLevel& c : t.caches)
        cacheList.append(
            QJsonObject{{QStringLiteral("level"), c.level},
                        {QStringLiteral("type"), c.type},
                        {QStringLiteral("size_bytes"), static_cast<double>(c.sizeBytes)},
                        {QStringLiteral("line_bytes"), c.lineBytes},
                        {QStringLiteral("associativity"), c.associativity},
                        {QStringLiteral("count"), c.count},
                        {QStringLiteral("cores_sharing"), c.coresSharing}});
    o[QStringLiteral("caches")] = cacheList;

    QJsonArray kinds;
    for (const CoreKind& k : t.coreKinds)
        kinds.append(QJsonObject{{QStringLiteral("name"), k.name},
                                 {QStringLiteral("efficiency"), k.efficiency},
                                 {QStringLiteral("pus"), k.pus}});
    o[QStringLiteral("core_kinds")] = kinds;
    o[QStringLiteral("topology")] = nodeToJson(t.root);

    o[QStringLiteral("effective_caches")] =
        QJsonObject{{QStringLiteral("l1d_bytes"), static_cast<double>(caches.l1d)},
                    {QStringLiteral("l2_bytes"), static_cast<double>(caches.l2)},
                    {QStringLiteral("l3_bytes"), static_cast<double>(caches.l3)},
                    {QStringLiteral("notes"), strings(caches.notes)},
                    {QStringLiteral("warnings"), strings(caches.warnings)}};

    if (limits) {
        const Limits& l = *limits;
        QJsonArray perIsa;
        for (const PeakEntry& e : l.perIsa)
            perIsa.append(QJsonObject{{QStringLiteral("isa"), e.isa},
                                      {QStringLiteral("precision"), e.precision},
                                      {QStringLiteral("threads"), e.threads},
                                      {QStringLiteral("theoretical_gflops"), e.theoreticalGflops},
                                      {QStringLiteral("measured_gflops"), e.measuredGflops}});
        o[QStringLiteral("peak")] =
            QJsonObject{{QStringLiteral("theoretical_gflops"), l.peakTheoreticalGflops},
                        {QStringLiteral("measured_gflops"), l.peakMeasuredGflops},
                        {QStringLiteral("per_isa"), perIsa}};
        QJsonArray bandwidth;
        for (const BandwidthCeiling& c : l.bandwidth)
            bandwidth.append(QJsonObject{
                {QStringLiteral("level"), c.level},
                {QStringLiteral("gbytes_per_s"), c.gbytesPerS},
                {QStringLiteral("working_set_bytes"), static_cast<double>(c.workingSetBytes)},
                {QStringLiteral("threads"), c.threads},
                {QStringLiteral("kernel"), c.kernel}});
        o[QStringLiteral("bandwidth")] = bandwidth;
        o[QStringLiteral("limits")] = limitsExtraToJson(l);
        // Derived, for readers of --describe-machine; fromJson ignores it.
        const Roofline r = rooflineFor(*this);
        QJsonObject ridges;
        for (const MemoryCeiling& c : r.memory)
            if (c.threads == r.threads && c.gbytesPerS > 0)
                ridges[c.level] = r.peakGflops / c.gbytesPerS;
        o[QStringLiteral("roofline")] =
            QJsonObject{{QStringLiteral("traffic_model"), r.trafficModel},
                        {QStringLiteral("threads"), r.threads},
                        {QStringLiteral("peak_gflops"), r.peakGflops},
                        {QStringLiteral("ridge_intensity"), ridges}};
    }
    o[QStringLiteral("warnings")] = strings(warnings);
    return o;
}

std::optional<Machine> Machine::fromJson(const QJsonObject& o, QString* error) {
    JsonReader r(o, QStringLiteral("machine"));
    Machine m;
    Topology& t = m.topology;
    t.source = r.string(QStringLiteral("source"));
    if (r.ok() && t.source != QLatin1String("live") && t.source != QLatin1String("xml"))
        r.fail(QStringLiteral("\"source\" must be \"live\" or \"xml\""));
    t.sourcePath = r.string(QStringLiteral("source_path"), QString());
    {
        JsonReader cpu(r.object(QStringLiteral("cpu")), QStringLiteral("cpu"));
        t.cpuVendor = cpu.string(QStringLiteral("vendor"));
        t.cpuModel = cpu.string(QStringLiteral("model"));
        t.isa = readStrings(cpu, QStringLiteral("isa"), true);
        if (!cpu.ok())
            r.fail(cpu.error());
    }
    t.packages = r.integer(QStringLiteral("packages"), 0, kMaxCount);
    t.cores = r.integer(QStringLiteral("cores"), 0, kMaxCount);
    t.pus = r.integer(QStringLiteral("pus"), 0, kMaxCount);
    t.numaNodes = r.integer(QStringLiteral("numa_nodes"), 0, kMaxCount);
    t.memoryBytes = r.integer64(QStringLiteral("memory_bytes"), 0, kMaxBytes, 0);
    forEachObject(r, QStringLiteral("caches"), true, [&](JsonReader& e) {
        CacheLevel c;
        c.level = e.integer(QStringLiteral("level"), 1, 16);
        c.type = e.string(QStringLiteral("type"));
        if (e.ok() && c.type != QLatin1String("data") && c.type != QLatin1String("instruction") &&
            c.type != QLatin1String("unified"))
            e.fail(QStringLiteral("\"type\" must be data, instruction or unified"));
        c.sizeBytes = e.integer64(QStringLiteral("size_bytes"), 0, kMaxBytes);
        c.lineBytes = e.integer(QStringLiteral("line_bytes"), 0, 1 << 20);
        c.associativity = e.integer(QStringLiteral("associativity"), -1, 1 << 20, 0);
        c.count = e.integer(QStringLiteral("count"), 0, kMaxCount);
        c.coresSharing = e.integer(QStringLiteral("cores_sharing"), 0, kMaxCount);
        t.caches.append(c);
    });
    forEachObject(r, QStringLiteral("core_kinds"), true, [&](JsonReader& e) {
        CoreKind k;
        k.name = e.string(QStringLiteral("name"));
        k.efficiency = e.integer(QStringLiteral("efficiency"), -1, kMaxCount, -1);
        k.pus = e.integer(QStringLiteral("pus"), 0, kMaxCount);
        t.coreKinds.append(k);
    });
    if (o.contains(QStringLiteral("topology"))) {
        JsonReader tree(r.object(QStringLiteral("topology")), QStringLiteral("topology"));
        if (r.ok())
            t.root = nodeFromJson(tree, 0);
        if (!tree.ok())
            r.fail(tree.error());
    }
    if (o.contains(QStringLiteral("effective_caches"))) {
        JsonReader e(r.object(QStringLiteral("effective_caches")),
                     QStringLiteral("effective_caches"));
        m.caches.l1d = e.integer64(QStringLiteral("l1d_bytes"), 0, kMaxBytes);
        m.caches.l2 = e.integer64(QStringLiteral("l2_bytes"), 0, kMaxBytes);
        m.caches.l3 = e.integer64(QStringLiteral("l3_bytes"), 0, kMaxBytes);
        m.caches.notes = readStrings(e, QStringLiteral("notes"), false);
        m.caches.warnings = readStrings(e, QStringLiteral("warnings"), false);
        if (!e.ok())
            r.fail(e.error());
    }
    // Limits come as a whole: "peak", "bandwidth" and "limits" together, or none of them.
    const bool anyLimits = o.contains(QStringLiteral("peak")) ||
                           o.contains(QStringLiteral("bandwidth")) ||
                           o.contains(QStringLiteral("limits"));
    if (anyLimits && r.ok())
        m.limits = limitsFromJson(r);
    m.warnings = readStrings(r, QStringLiteral("warnings"), false);
    if (!r.ok()) {
        if (error)
            *error = r.error();
        return std::nullopt;
    }
    return m;
}

} // namespace headroom
