// SPDX-License-Identifier: MIT
#include "topology.h"

#include "cpu.h"
#include "describe.h"
#include "format.h"
#include "topologyxml.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>
#include <QSet>

#include <hwloc.h>
#include <omp.h>

#include <algorithm>
#include <atomic>
#include <tuple>

namespace headroom {

namespace {

QString objectName(hwloc_obj_t obj) {
    char buf[64];
    hwloc_obj_type_snprintf(buf, sizeof buf, obj, 0);
    return QString::fromLatin1(buf);
}

QString info(hwloc_obj_t obj, const char* name) {
    const char* v = obj ? hwloc_obj_get_info_by_name(obj, name) : nullptr;
    return v ? QString::fromUtf8(v).trimmed() : QString();
}

QString cacheTypeName(hwloc_obj_cache_type_t t) {
    switch (t) {
    case HWLOC_OBJ_CACHE_DATA:
        return QStringLiteral("data");
    case HWLOC_OBJ_CACHE_INSTRUCTION:
        return QStringLiteral("instruction");
    case HWLOC_OBJ_CACHE_UNIFIED:
        break;
    }
    return QStringLiteral("unified");
}

// hwloc cpukinds: index of the kind whose cpuset contains `set`, -1 when none or homogeneous.
int kindOf(hwloc_topology_t t, hwloc_const_cpuset_t set) {
    if (hwloc_cpukinds_get_nr(t, 0) < 2 || !set || hwloc_bitmap_iszero(set))
        return -1;
    const int k = hwloc_cpukinds_get_by_cpuset(t, set, 0);
    return k < 0 ? -1 : k;
}

TopologyNode buildTree(hwloc_topology_t t, hwloc_obj_t obj) {
    TopologyNode n;
    n.type = objectName(obj);
    n.osIndex = obj->os_index == HWLOC_UNKNOWN_INDEX ? -1 : static_cast<int>(obj->os_index);
    if (hwloc_obj_type_is_cache(obj->type))
        n.sizeBytes = static_cast<qint64>(obj->attr->cache.size);
    else if (obj->type == HWLOC_OBJ_NUMANODE)
        n.sizeBytes = static_cast<qint64>(obj->attr->numanode.local_memory);
    if (obj->type == HWLOC_OBJ_CORE || obj->type == HWLOC_OBJ_PU)
        n.kind = kindOf(t, obj->cpuset);
    // Memory children (NUMA nodes) first, as lstopo draws them above the caches.
    for (hwloc_obj_t c = obj->memory_first_child; c; c = c->next_sibling)
        n.children.append(buildTree(t, c));
    for (hwloc_obj_t c = obj->first_child; c; c = c->next_sibling)
        n.children.append(buildTree(t, c));
    return n;
}

QList<CacheLevel> collectCaches(hwloc_topology_t t) {
    // Group instances of equal geometry: hybrid CPUs have several L1/L2 kinds per level.
    using Key = std::tuple<int, int, qint64, int, int,
                           int>; // level, type order, size, line, assoc, sharing
    QMap<Key, CacheLevel> groups;
    const hwloc_obj_type_t types[] = {HWLOC_OBJ_L1CACHE,  HWLOC_OBJ_L2CACHE, HWLOC_OBJ_L3CACHE,
                                      HWLOC_OBJ_L4CACHE,  HWLOC_OBJ_L5CACHE, HWLOC_OBJ_L1ICACHE,
                                      HWLOC_OBJ_L2ICACHE, HWLOC_OBJ_L3ICACHE};
    for (hwloc_obj_type_t type : types) {
        const int n = hwloc_get_nbobjs_by_type(t, type);
        for (int i = 0; i < n; ++i) {
            hwloc_obj_t o = hwloc_get_obj_by_type(t, type, static_cast<unsigned>(i));
            CacheLevel c;
            c.level = static_cast<int>(o->attr->cache.depth);
            c.type = cacheTypeName(o->attr->cache.type);
            c.sizeBytes = static_cast<qint64>(o->attr->cache.size);
            c.lineBytes = static_cast<int>(o->attr->cache.linesize);
            c.associativity = o->attr->cache.associativity;
            c.coresSharing = hwloc_get_nbobjs_inside_cpuset_by_type(t, o->cpuset, HWLOC_OBJ_CORE);
            if (c.coresSharing <= 0) // topologies without Core objects: count PUs
                c.coresSharing = hwloc_get_nbobjs_inside_cpuset_by_type(t, o->cpuset, HWLOC_OBJ_PU);
            const int typeOrder = c.type == QLatin1String("data")          ? 0
                                  : c.type == QLatin1String("instruction") ? 1
                                                                           : 2;
            const Key key{c.level,     typeOrder,       c.sizeBytes,
                          c.lineBytes, c.associativity, c.coresSharing};
            auto it = groups.find(key);
            if (it == groups.end())
                it = groups.insert(key, c);
            it->count += 1;
        }
    }
    return groups.values();
}

QList<CoreKind> collectKinds(hwloc_topology_t t) {
    QList<CoreKind> kinds;
    const int nr = hwloc_cpukinds_get_nr(t, 0);
    if (nr < 2) // one kind says nothing: only hybrid CPUs get a list
        return kinds;
    hwloc_bitmap_t set = hwloc_bitmap_alloc();
    for (int k = 0; k < nr; ++k) {
        int efficiency = -1;
        unsigned nrInfos = 0;
        hwloc_info_s* infos = nullptr;
        if (hwloc_cpukinds_get_info(t, static_cast<unsigned>(k), set, &efficiency, &nrInfos, &infos,
                                    0) != 0)
            continue;
        CoreKind kind;
        kind.efficiency = efficiency;
        kind.pus = hwloc_bitmap_weight(set);
        for (unsigned i = 0; i < nrInfos; ++i) {
            // Intel hybrid: CoreType (IntelCore / IntelAtom); otherwise the frequency says it.
            if (qstrcmp(infos[i].name, "CoreType") == 0)
                kind.name = QString::fromUtf8(infos[i].value);
        }
        if (kind.name.isEmpty()) {
            for (unsigned i = 0; i < nrInfos; ++i)
                if (qstrcmp(infos[i].name, "FrequencyMaxMHz") == 0)
                    kind.name = QStringLiteral("max %1 MHz").arg(QString::fromUtf8(infos[i].value));
        }
        if (kind.name.isEmpty())
            kind.name = efficiency >= 0 ? QStringLiteral("efficiency %1").arg(efficiency)
                                        : QStringLiteral("kind %1").arg(k);
        kinds.append(kind);
    }
    hwloc_bitmap_free(set);
    return kinds;
}

// The SIMD-relevant subset of the detected features, in a fixed order.
QStringList liveIsa() {
    static const char* const interesting[] = {
        "sse2",       "sse3",       "ssse3",      "sse4_1",   "sse4_2",   "avx",      "avx2",
        "fma3",       "avx512f",    "avx512dq",   "avx512bw", "avx512vl", "avx512cd", "avx512ifma",
        "avx512vnni", "avx512bf16", "avx512fp16", "amx_tile", "neon",     "asimd",    "sve"};
    const auto& features = kernels::cpuInfo().features;
    QStringList isa;
    for (const char* name : interesting) {
        if (std::find(features.begin(), features.end(), name) != features.end())
            isa.append(QString::fromLatin1(name == std::string("fma3") ? "fma" : name));
    }
    return isa;
}

Topology fromHwloc(hwloc_topology_t t) {
    Topology topo;
    topo.packages = std::max(0, hwloc_get_nbobjs_by_type(t, HWLOC_OBJ_PACKAGE));
    topo.cores = std::max(0, hwloc_get_nbobjs_by_type(t, HWLOC_OBJ_CORE));
    topo.pus = std::max(0, hwloc_get_nbobjs_by_type(t, HWLOC_OBJ_PU));
    topo.numaNodes = std::max(0, hwloc_get_nbobjs_by_type(t, HWLOC_OBJ_NUMANODE));
    for (int i = 0; i < topo.numaNodes; ++i) {
        hwloc_obj_t n = hwloc_get_obj_by_type(t, HWLOC_OBJ_NUMANODE, static_cast<unsigned>(i));
        topo.memoryBytes += static_cast<qint64>(n->attr->numanode.local_memory);
    }
    // CPUVendor/CPUModel are on packages (Linux, x86 backends), sometimes only on the root.
    hwloc_obj_t package = hwloc_get_obj_by_type(t, HWLOC_OBJ_PACKAGE, 0);
    hwloc_obj_t root = hwloc_get_root_obj(t);
    topo.cpuVendor = info(package, "CPUVendor");
    topo.cpuModel = info(package, "CPUModel");
    if (topo.cpuVendor.isEmpty())
        topo.cpuVendor = info(root, "CPUVendor");
    if (topo.cpuModel.isEmpty())
        topo.cpuModel = info(root, "CPUModel");
    topo.caches = collectCaches(t);
    topo.coreKinds = collectKinds(t);
    topo.root = buildTree(t, root);
    return topo;
}

std::atomic<int> g_handlesAlive{0};

class HwlocTopology {
public:
    HwlocTopology() {
        m_ok = hwloc_topology_init(&m_t) == 0;
        if (m_ok)
            ++g_handlesAlive;
        // Instruction caches are filtered out by default; the topology should show them.
        if (m_ok)
            hwloc_topology_set_icache_types_filter(m_t, HWLOC_TYPE_FILTER_KEEP_ALL);
    }
    ~HwlocTopology() {
        if (m_ok) {
            hwloc_topology_destroy(m_t);
            --g_handlesAlive;
        }
    }
    HwlocTopology(const HwlocTopology&) = delete;
    HwlocTopology& operator=(const HwlocTopology&) = delete;
    bool ok() const { return m_ok; }
    hwloc_topology_t get() const { return m_t; }

private:
    hwloc_topology_t m_t = nullptr;
    bool m_ok = false;
};

// The live topology kept for binding threads; loaded once, read-only afterwards (hwloc allows
// concurrent reads and binding calls on a loaded topology).
hwloc_topology_t sharedLiveTopology() {
    static HwlocTopology* holder = [] {
        auto* h = new HwlocTopology; // intentionally never freed: used until process exit
        if (h->ok() && hwloc_topology_load(h->get()) != 0) {
            delete h;
            h = nullptr;
        }
        return h;
    }();
    return holder && holder->ok() ? holder->get() : nullptr;
}

} // namespace

int hwlocHandlesAlive() {
    return g_handlesAlive.load();
}

std::optional<Topology> loadLiveTopology(QString* error) {
    HwlocTopology t;
    if (!t.ok() || hwloc_topology_load(t.get()) != 0) {
        if (error)
            *error = QStringLiteral("hwloc could not read this machine's topology");
        return std::nullopt;
    }
    Topology topo = fromHwloc(t.get());
    topo.source = QStringLiteral("live");
    const auto& cpu = kernels::cpuInfo();
    if (topo.cpuVendor.isEmpty())
        topo.cpuVendor = QString::fromStdString(cpu.vendor);
    // The CPUID brand string is more telling than hwloc's (VMs often say just "AMD EPYC").
    const QString brand = QString::fromStdString(cpu.brand).trimmed();
    if (brand.size() > topo.cpuModel.size())
        topo.cpuModel = brand;
    topo.isa = liveIsa();
    return topo;
}

std::optional<Topology> loadXmlTopology(const QString& path, QString* error) {
    QString localError;
    QString* err = error ? error : &localError;
    if (!checkTopologyXml(path, err))
        return std::nullopt;
    // hwloc prints "XML import failed" style messages only when asked to; keep it that way.
    if (!qEnvironmentVariableIsSet("HWLOC_XML_VERBOSE"))
        qputenv("HWLOC_HIDE_ERRORS", "1");
    HwlocTopology t;
    const QByteArray local = QFile::encodeName(path);
    if (!t.ok() || hwloc_topology_set_xml(t.get(), local.constData()) != 0 ||
        hwloc_topology_load(t.get()) != 0) {
        *err = QStringLiteral("%1: hwloc could not import this topology XML (damaged or an "
                              "unsupported version)")
                   .arg(path);
        return std::nullopt;
    }
    Topology topo = fromHwloc(t.get());
    if (topo.pus <= 0) {
        *err = QStringLiteral("%1: the topology has no processing units").arg(path);
        return std::nullopt;
    }
    topo.source = QStringLiteral("xml");
    topo.sourcePath = QFileInfo(path).absoluteFilePath();
    return topo;
}

namespace {

qint64 parseSysfsSize(QByteArray text) {
    text = text.trimmed();
    qint64 mult = 1;
    if (text.endsWith('K'))
        mult = 1024;
    else if (text.endsWith('M'))
        mult = 1024 * 1024;
    else if (text.endsWith('G'))
        mult = qint64(1024) * 1024 * 1024;
    if (mult != 1)
        text.chop(1);
    bool ok = false;
    const qint64 v = text.toLongLong(&ok);
    return ok ? v * mult : 0;
}

QByteArray readSmall(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.read(4096).trimmed() : QByteArray();
}

struct Range {
    qint64 min, max;
};
// Per-instance sizes of every real CPU we know of sit well inside these.
constexpr Range kL1Range{2 * 1024, 512 * 1024};
constexpr Range kL2Range{32 * 1024, 64 * 1024 * 1024};
constexpr Range kL3Range{256 * 1024, qint64(4) * 1024 * 1024 * 1024};
// Even 3D V-Cache parts stay below 16 MiB of L3 per core.
constexpr qint64 kMaxL3PerCore = 64 * 1024 * 1024;

bool inRange(qint64 v, Range r) {
    return v >= r.min && v <= r.max;
}

// The smallest per-instance size of a data/unified cache level in the hwloc topology (smallest
// because tiling for the small kind is safe on the big one), and how many cores share it.
std::pair<qint64, int> hwlocLevel(const Topology& t, int level) {
    qint64 size = 0;
    int sharing = 0;
    for (const CacheLevel& c : t.caches) {
        if (c.level != level || c.type == QLatin1String("instruction"))
            continue;
        if (size == 0 || c.sizeBytes < size) {
            size = c.sizeBytes;
            sharing = c.coresSharing;
        }
    }
    return {size, sharing};
}

// Picks one value among hwloc, sysfs and CPUID for a cache level and explains disagreements.
qint64 chooseSize(const QString& name, qint64 hw, qint64 sysfs, qint64 cpuid, Range range,
                  qint64 perCoreLimit, int sharing, EffectiveCaches* out) {
    auto plausible = [&](qint64 v) {
        if (!inRange(v, range))
            return false;
        return perCoreLimit <= 0 || sharing <= 0 || v / sharing <= perCoreLimit;
    };
    const bool agree = (sysfs == 0 || sysfs == hw) && (cpuid == 0 || cpuid == hw);
    if (hw > 0 && agree && plausible(hw))
        return hw;
    if (hw == 0 && sysfs == 0 && cpuid == 0)
        return 0;
    // A value two sources agree on wins; then sysfs (the kernel's view), then CPUID, then hwloc.
    qint64 chosen = 0;
    QString why;
    if (sysfs > 0 && sysfs == cpuid && plausible(sysfs)) {
        chosen = sysfs;
        why = QStringLiteral("sysfs and CPUID agree");
    } else if (hw > 0 && (hw == sysfs || hw == cpuid) && plausible(hw)) {
        chosen = hw;
        why = QStringLiteral("hwloc agrees with %1")
                  .arg(hw == sysfs ? QStringLiteral("sysfs") : QStringLiteral("CPUID"));
    } else if (plausible(sysfs)) {
        chosen = sysfs;
        why = QStringLiteral("sysfs value is plausible");
    } else if (plausible(cpuid)) {
        chosen = cpuid;
        why = QStringLiteral("CPUID value is plausible");
    } else if (plausible(hw)) {
        chosen = hw;
        why = QStringLiteral("hwloc value is plausible");
    }
    auto show = [](qint64 v) { return v > 0 ? format::bytes(v) : QStringLiteral("unknown"); };
    QString note = QStringLiteral("%1: hwloc says %2, sysfs %3, CPUID %4")
                       .arg(name, show(hw), show(sysfs), show(cpuid));
    if (hw > 0 && !plausible(hw)) {
        note += sharing > 0 ? QStringLiteral(" (hwloc's %1 per instance shared by %2 cores = %3 "
                                             "per core is implausible)")
                                  .arg(show(hw))
                                  .arg(sharing)
                                  .arg(format::bytes(hw / sharing))
                            : QStringLiteral(" (hwloc's value is implausible)");
    }
    if (chosen > 0)
        note += QStringLiteral("; using %1 (%2)").arg(format::bytes(chosen), why);
    else
        note += QStringLiteral("; no plausible value, level ignored");
    out->notes.append(note);
    out->warnings.append(note);
    return chosen;
}

} // namespace

CacheEvidence liveCacheEvidence() {
    CacheEvidence e;
    const QString base = QStringLiteral("/sys/devices/system/cpu/cpu0/cache");
    const QStringList indexes =
        QDir(base).entryList({QStringLiteral("index*")}, QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString& idx : indexes) {
        const QString dir = base % QLatin1Char('/') % idx % QLatin1Char('/');
        const QByteArray type = readSmall(dir % QStringLiteral("type"));
        if (type == "Instruction")
            continue;
        const int level = readSmall(dir % QStringLiteral("level")).toInt();
        const qint64 size = parseSysfsSize(readSmall(dir % QStringLiteral("size")));
        if (level == 1)
            e.sysfsL1d = size;
        else if (level == 2)
            e.sysfsL2 = size;
        else if (level == 3) {
            e.sysfsL3 = size;
            // Count distinct L3 instances from every CPU's shared list.
            QSet<QByteArray> lists;
            const QStringList cpus = QDir(QStringLiteral("/sys/devices/system/cpu"))
                                         .entryList({QStringLiteral("cpu[0-9]*")}, QDir::Dirs);
            for (const QString& cpu : cpus) {
                const QByteArray l =
                    readSmall(QStringLiteral("/sys/devices/system/cpu/") % cpu %
                              QStringLiteral("/cache/") % idx % QStringLiteral("/shared_cpu_list"));
                if (!l.isEmpty())
                    lists.insert(l);
            }
            e.sysfsL3Instances = static_cast<int>(lists.size());
        }
    }
    const auto& cpu = kernels::cpuInfo();
    e.cpuidL1d = cpu.cpuidL1d;
    e.cpuidL2 = cpu.cpuidL2;
    e.cpuidL3 = cpu.cpuidL3;
    return e;
}

EffectiveCaches effectiveCaches(const Topology& topology) {
    if (topology.source == QLatin1String("live"))
        return effectiveCaches(topology, liveCacheEvidence());
    return effectiveCaches(topology, CacheEvidence{});
}

EffectiveCaches effectiveCaches(const Topology& topology, const CacheEvidence& e) {
    EffectiveCaches out;
    const auto [h1, s1] = hwlocLevel(topology, 1);
    const auto [h2, s2] = hwlocLevel(topology, 2);
    const auto [h3, s3] = hwlocLevel(topology, 3);
    out.l1d = chooseSize(QStringLiteral("L1d"), h1, e.sysfsL1d, e.cpuidL1d, kL1Range, 0, s1, &out);
    out.l2 = chooseSize(QStringLiteral("L2"), h2, e.sysfsL2, e.cpuidL2, kL2Range, 0, s2, &out);
    const qint64 l3 = chooseSize(QStringLiteral("L3"), h3, e.sysfsL3, e.cpuidL3, kL3Range,
                                 kMaxL3PerCore, s3, &out);
    if (l3 > 0) {
        // Total L3: hwloc's instances when hwloc's size was used; else the sysfs instance count.
        qint64 hwTotal = 0;
        for (const CacheLevel& c : topology.caches)
            if (c.level == 3 && c.type != QLatin1String("instruction"))
                hwTotal += c.sizeBytes * c.count;
        if (l3 == h3 && hwTotal > 0)
            out.l3 = hwTotal;
        else
            out.l3 = l3 * std::max(1, e.sysfsL3Instances);
    }
    // Hybrid CPUs: several sizes on one level; the smallest is used (safe for every core).
    for (int level = 1; level <= 3; ++level) {
        QStringList sizes;
        for (const CacheLevel& c : topology.caches)
            if (c.level == level && c.type != QLatin1String("instruction"))
                sizes.append(QStringLiteral("%1 x%2 (shared by %3)")
                                 .arg(format::bytes(c.sizeBytes))
                                 .arg(c.count)
                                 .arg(c.coresSharing));
        if (sizes.size() > 1)
            out.notes.append(
                QStringLiteral("%1: several kinds: %2; using the smallest%3")
                    .arg(level == 1 ? QStringLiteral("L1d") : QStringLiteral("L%1").arg(level))
                    .arg(sizes.join(QStringLiteral(", ")),
                         level == 3 ? QStringLiteral(" per instance, all of them "
                                                     "in the total")
                                    : QString()));
    }
    if (out.l2 > 0 && out.l1d > 0 && out.l2 < out.l1d) {
        out.notes.append(QStringLiteral("L2 (%1) is smaller than L1d (%2): check the topology")
                             .arg(format::bytes(out.l2), format::bytes(out.l1d)));
        out.warnings.append(out.notes.last());
    }
    return out;
}

namespace {
// NUMA memory changes under a VM's balloon driver without the machine changing.
void forgetMemory(TopologyNode& n) {
    if (n.type == QLatin1String("NUMANode"))
        n.sizeBytes = 0;
    for (TopologyNode& c : n.children)
        forgetMemory(c);
}
} // namespace

QString topologyHash(const Topology& topology) {
    // What identifies the hardware: CPU (vendor, model, ISA), caches and the tree; not where it
    // was read from, nor how much memory is online.
    Machine m;
    m.topology = topology;
    forgetMemory(m.topology.root);
    const QJsonObject o = m.toJson();
    const QJsonObject keep{{QStringLiteral("cpu"), o.value(QStringLiteral("cpu"))},
                           {QStringLiteral("caches"), o.value(QStringLiteral("caches"))},
                           {QStringLiteral("topology"), o.value(QStringLiteral("topology"))}};
    const QByteArray bytes = QJsonDocument(keep).toJson(QJsonDocument::Compact);
    return QString::fromLatin1(
        QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex().left(16));
}

int liveCoreCount() {
    hwloc_topology_t t = sharedLiveTopology();
    const int n = t ? hwloc_get_nbobjs_by_type(t, HWLOC_OBJ_CORE) : 0;
    return n > 0 ? n : std::max(1, omp_get_num_procs());
}

bool bindOpenMpThreadsToCores(int threads, QString* note) {
    hwloc_topology_t t = sharedLiveTopology();
    if (!t) {
        if (note)
            *note = QStringLiteral("threads not pinned: hwloc topology unavailable");
        return false;
    }
    const int cores = hwloc_get_nbobjs_by_type(t, HWLOC_OBJ_CORE);
    if (cores <= 0) {
        if (note)
            *note = QStringLiteral("threads not pinned: hwloc reports no cores");
        return false;
    }
    int failures = 0;
#pragma omp parallel num_threads(threads) reduction(+ : failures)
    {
        const int core = omp_get_thread_num() % cores;
        hwloc_obj_t obj = hwloc_get_obj_by_type(t, HWLOC_OBJ_CORE, static_cast<unsigned>(core));
        hwloc_bitmap_t set = hwloc_bitmap_dup(obj->cpuset);
        // One PU: the OS must not move the thread between hyperthreads of the core either.
        hwloc_bitmap_singlify(set);
        if (hwloc_set_cpubind(t, set, HWLOC_CPUBIND_THREAD) != 0)
            failures += 1;
        hwloc_bitmap_free(set);
    }
    if (failures > 0) {
        if (note)
            *note =
                QStringLiteral("%1 of %2 threads could not be pinned").arg(failures).arg(threads);
        return false;
    }
    if (note)
        *note = threads > cores ? QStringLiteral("%1 threads pinned round-robin to %2 cores")
                                      .arg(threads)
                                      .arg(cores)
                                : QStringLiteral("%1 threads pinned, one per core").arg(threads);
    return true;
}

void unbindOpenMpThreads(int threads) {
    hwloc_topology_t t = sharedLiveTopology();
    if (!t)
        return;
#pragma omp parallel num_threads(threads)
    hwloc_set_cpubind(t, hwloc_topology_get_allowed_cpuset(t), HWLOC_CPUBIND_THREAD);
}

} // namespace headroom
