// SPDX-License-Identifier: MIT
// Topology from hwloc: golden files over real machines' XML exports (checked against our own
// reading of the XML), clear errors for bad files, the live machine, the cache cross-check,
// thread pinning and the machine's JSON round trip.
#include "describe.h"
#include "machinestore.h"
#include "topology.h"
#include "topologyxml.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include <functional>

#include <omp.h>
#include <sched.h>

using namespace headroom;

namespace {

const QByteArray
    kAllSets(R"(cpuset="0x1" complete_cpuset="0x1" nodeset="0x1" complete_nodeset="0x1")");

// A hand-made hwloc 2 export: a Machine with every set, holding `children`.
QByteArray topologyXml(const QByteArray& children) {
    return R"(<?xml version="1.0"?><topology version="2.0"><object type="Machine" os_index="0" )" +
           kAllSets + R"( allowed_cpuset="0x1" allowed_nodeset="0x1">)" + children +
           "</object></topology>";
}

QString fixturesDir() {
    return QStringLiteral(HEADROOM_FIXTURES_DIR);
}

// What the golden files pin down: counts, caches, kinds, the sizes used and the tree's shape.
QJsonObject summary(const Machine& m) {
    const QJsonObject full = m.toJson();
    QJsonObject s;
    for (const char* key : {"cpu", "packages", "cores", "pus", "numa_nodes", "memory_bytes",
                            "caches", "core_kinds", "effective_caches", "warnings"})
        s[QLatin1String(key)] = full.value(QLatin1String(key));
    QMap<QString, int> nodes;
    std::function<void(const TopologyNode&)> walk = [&](const TopologyNode& n) {
        nodes[n.type] += 1;
        for (const TopologyNode& c : n.children)
            walk(c);
    };
    walk(m.topology.root);
    QJsonObject tree;
    for (auto it = nodes.cbegin(); it != nodes.cend(); ++it)
        tree[it.key()] = it.value();
    s[QStringLiteral("tree_node_counts")] = tree;
    return s;
}

// Our own reading of an hwloc XML file, independent of hwloc: object counts per type and the
// set of data/unified cache sizes per level.
struct XmlFacts {
    QMap<QString, int> count;
    QMap<int, QSet<qint64>> dataCacheSizes;
};

XmlFacts readXmlFacts(const QString& path) {
    XmlFacts f;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return f;
    QXmlStreamReader xml(&file);
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement ||
            xml.name() != QLatin1String("object"))
            continue;
        const auto a = xml.attributes();
        const QString type = a.value(QLatin1String("type")).toString();
        f.count[type] += 1;
        static const QMap<QString, int> levels{{QStringLiteral("L1Cache"), 1},
                                               {QStringLiteral("L2Cache"), 2},
                                               {QStringLiteral("L3Cache"), 3}};
        if (levels.contains(type))
            f.dataCacheSizes[levels.value(type)].insert(
                a.value(QLatin1String("cache_size")).toLongLong());
    }
    return f;
}

QSet<qint64> topologySizes(const Topology& t, int level) {
    QSet<qint64> sizes;
    for (const CacheLevel& c : t.caches)
        if (c.level == level && c.type != QLatin1String("instruction"))
            sizes.insert(c.sizeBytes);
    return sizes;
}

} // namespace

class TestTopology : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void goldenFixtures_data() {
        QTest::addColumn<QString>("xml");
        const QDir dir(fixturesDir() % QStringLiteral("/hwloc"));
        const QStringList files = dir.entryList({QStringLiteral("*.xml")}, QDir::Files);
        QVERIFY2(files.size() >= 5, "the hwloc fixtures are missing");
        for (const QString& f : files)
            QTest::newRow(qPrintable(f)) << dir.filePath(f);
    }

    void goldenFixtures() {
        QFETCH(QString, xml);
        QString error;
        const auto m = machineFromXml(xml, &error);
        QVERIFY2(m, qPrintable(error));
        QCOMPARE(m->topology.source, QStringLiteral("xml"));
        QVERIFY(!m->limits); // a file cannot be measured

        // Independent of the golden file: what the XML itself says.
        const XmlFacts facts = readXmlFacts(xml);
        QCOMPARE(m->topology.packages, facts.count.value(QStringLiteral("Package")));
        QCOMPARE(m->topology.cores, facts.count.value(QStringLiteral("Core")));
        QCOMPARE(m->topology.pus, facts.count.value(QStringLiteral("PU")));
        QCOMPARE(m->topology.numaNodes, facts.count.value(QStringLiteral("NUMANode")));
        for (int level = 1; level <= 3; ++level)
            QCOMPARE(topologySizes(m->topology, level), facts.dataCacheSizes.value(level));

        const QString name = QFileInfo(xml).completeBaseName();
        const QString goldenPath =
            fixturesDir() % QStringLiteral("/golden/") % name % QStringLiteral(".json");
        const QJsonObject actual = summary(*m);
        if (qEnvironmentVariableIntValue("HEADROOM_REGENERATE_GOLDEN") == 1) {
            QFile out(goldenPath);
            QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
            out.write(QJsonDocument(actual).toJson(QJsonDocument::Indented));
            qInfo("regenerated %s", qPrintable(goldenPath));
            return;
        }
        QFile in(goldenPath);
        QVERIFY2(in.open(QIODevice::ReadOnly),
                 qPrintable(goldenPath % QStringLiteral(" missing; run with "
                                                        "HEADROOM_REGENERATE_GOLDEN=1")));
        const QJsonObject expected = QJsonDocument::fromJson(in.readAll()).object();
        for (auto it = expected.begin(); it != expected.end(); ++it)
            QVERIFY2(actual.value(it.key()) == it.value(),
                     qPrintable(
                         name % QStringLiteral(": \"") % it.key() % QStringLiteral("\" differs: ") %
                         QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("actual"),
                                                                      actual.value(it.key())}})
                                               .toJson(QJsonDocument::Compact))));
        QCOMPARE(actual.keys(), expected.keys());
    }

    // The numbers of the golden files, written out by hand from the XML (lstopo agrees).
    void knownMachines() {
        struct Known {
            const char* file;
            int packages, cores, pus, numa;
            qint64 l1d, l2, l3total;
            int kinds;
        };
        const Known known[] = {
            {"16amd64-4distances", 8, 16, 16, 8, 64 << 10, 1 << 20, 0, 0},
            {"AMD-1Ah-Zen5StrixPoint-RyzenAI9HX370", 1, 12, 24, 1, 48 << 10, 1 << 20, 24 << 20, 2},
            {"Intel-Haswell-2xXeon-E5-2680v3", 2, 24, 24, 1, 32 << 10, 256 << 10, 60 << 20, 0},
            {"Intel-RaptorLake-Corei7-1370P", 1, 14, 20, 1, 32 << 10, 1280 << 10, 24 << 20, 2},
            {"Intel-Skylake-2xXeon6140", 2, 36, 72, 1, 32 << 10, 1 << 20, 2 * 25952256LL, 0},
        };
        for (const Known& k : known) {
            QString error;
            const auto m = machineFromXml(fixturesDir() % QStringLiteral("/hwloc/") %
                                              QLatin1String(k.file) % QStringLiteral(".xml"),
                                          &error);
            QVERIFY2(m, qPrintable(error));
            QCOMPARE(m->topology.packages, k.packages);
            QCOMPARE(m->topology.cores, k.cores);
            QCOMPARE(m->topology.pus, k.pus);
            QCOMPARE(m->topology.numaNodes, k.numa);
            QCOMPARE(m->caches.l1d, k.l1d);
            QCOMPARE(m->caches.l2, k.l2);
            QCOMPARE(m->caches.l3, k.l3total);
            QCOMPARE(m->topology.coreKinds.size(), k.kinds);
        }
    }

    void badFiles_data() {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expect");
        QTest::newRow("empty") << QByteArray() << QStringLiteral("not an hwloc topology");
        QTest::newRow("garbage") << QByteArray("\x01\x02\xff\xfe garbage \x00\x17", 16)
                                 << QStringLiteral("not an hwloc topology");
        QTest::newRow("other xml") << QByteArray("<?xml version=\"1.0\"?><svg><g/></svg>")
                                   << QStringLiteral("not an hwloc topology");
        QTest::newRow("json") << QByteArray("{\"topology\": 1}")
                              << QStringLiteral("not an hwloc topology");
        QFile f(fixturesDir() % QStringLiteral("/hwloc/Intel-Skylake-2xXeon6140.xml"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray whole = f.readAll();
        // hwloc 2.9 leaks what it built from a file that ends early: refused before hwloc.
        QTest::newRow("truncated")
            << whole.left(whole.size() / 2) << QStringLiteral("may be truncated");
        // Objects without the sets hwloc's exporter always writes crash hwloc 2.9 (SEGV).
        QTest::newRow("object with a bare cpuset")
            << topologyXml(QByteArray(R"(<object type="Core" os_index="0" cpuset="0x1">)"
                                      R"(<object type="PU" os_index="0" cpuset="0x1"/></object>)"))
            << QStringLiteral("no complete_cpuset");
        QTest::newRow("NUMA node without complete_nodeset")
            << topologyXml(QByteArray(R"(<object type="NUMANode" os_index="0" cpuset="0x1" )"
                                      R"(complete_cpuset="0x1" nodeset="0x1"/>)"))
            << QStringLiteral("no complete_nodeset");
        // Well-formed and complete, but no NUMA node: hwloc itself refuses it.
        QTest::newRow("refused by hwloc")
            << topologyXml(R"(<object type="Core" os_index="0" )" + kAllSets +
                           R"(><object type="PU" os_index="0" )" + kAllSets + "/></object>")
            << QStringLiteral("could not import");
        QTest::newRow("no objects")
            << QByteArray("<?xml version=\"1.0\"?><!DOCTYPE topology SYSTEM \"hwloc2.dtd\">"
                          "<topology version=\"2.0\"></topology>")
            << QStringLiteral("");
    }

    void badFiles() {
        QFETCH(QByteArray, content);
        QFETCH(QString, expect);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("bad.xml"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
        f.close();
        QString error;
        const int handlesBefore = hwlocHandlesAlive();
        const auto m = machineFromXml(path, &error);
        QVERIFY(!m);
        QVERIFY2(error.contains(path), qPrintable(error));
        QVERIFY2(error.contains(expect), qPrintable(error));
        // A failed import must destroy the hwloc topology Headroom created for it.
        QCOMPARE(hwlocHandlesAlive(), handlesBefore);
    }

    // The import that fails inside hwloc (not at the pre-check) is the path that must clean up.
    void failedHwlocImportDestroysItsHandle() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("no-numa.xml"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(topologyXml(R"(<object type="PU" os_index="0" )" + kAllSets + "/>"));
        f.close();
        QString error;
        QVERIFY2(checkTopologyXml(path, &error), qPrintable(error));
        const int before = hwlocHandlesAlive();
        QVERIFY(!loadXmlTopology(path, &error));
        QVERIFY2(error.contains(QStringLiteral("could not import")), qPrintable(error));
        QCOMPARE(hwlocHandlesAlive(), before);
    }

    void missingFileAndDirectory() {
        QString error;
        QVERIFY(!machineFromXml(QStringLiteral("/nonexistent/headroom/topology.xml"), &error));
        QVERIFY2(error.contains(QStringLiteral("no such file")), qPrintable(error));
        QTemporaryDir dir;
        QVERIFY(!machineFromXml(dir.path(), &error));
        QVERIFY2(error.contains(QStringLiteral("not a regular file")), qPrintable(error));
    }

    void liveTopologyIsSane() {
        QString error;
        const auto t = loadLiveTopology(&error);
        QVERIFY2(t, qPrintable(error));
        QCOMPARE(t->source, QStringLiteral("live"));
        QVERIFY(t->cores >= 1);
        QVERIFY(t->pus >= t->cores);
        QVERIFY(t->packages >= 1);
        QVERIFY(t->numaNodes >= 1);
        QVERIFY(!t->caches.isEmpty());
        QVERIFY(!t->root.children.isEmpty());
        QVERIFY(!t->isa.isEmpty());
        QCOMPARE(liveCoreCount(), t->cores);
        const Machine m = liveMachine();
        QVERIFY(m.caches.l1d >= 4096);
        QVERIFY(m.caches.l2 > m.caches.l1d);
        QCOMPARE(topologyHash(m.topology), topologyHash(*t)); // stable between two loads
        // Memory coming and going (a VM's balloon) is the same machine; another cache is not.
        Topology more = *t;
        more.memoryBytes *= 2;
        std::function<void(TopologyNode&)> grow = [&](TopologyNode& n) {
            if (n.type == QLatin1String("NUMANode"))
                n.sizeBytes += qint64(1) << 30;
            for (TopologyNode& c : n.children)
                grow(c);
        };
        grow(more.root);
        QCOMPARE(topologyHash(more), topologyHash(*t));
        Topology other = *t;
        other.caches.first().sizeBytes *= 2;
        QVERIFY(topologyHash(other) != topologyHash(*t));
    }

    // The VM case of the issue: hwloc reports an L3 of 508 MB per core, sysfs and CPUID 32 MiB.
    void bogusL3IsFlagged() {
        Topology t;
        t.source = QStringLiteral("live");
        t.cores = 2;
        t.caches = {{1, QStringLiteral("data"), 32 << 10, 64, 8, 2, 1},
                    {2, QStringLiteral("unified"), 512 << 10, 64, 8, 2, 1},
                    {3, QStringLiteral("unified"), 508LL << 20, 64, 16, 2, 1}};
        CacheEvidence e;
        e.sysfsL1d = e.cpuidL1d = 32 << 10;
        e.sysfsL2 = e.cpuidL2 = 512 << 10;
        e.sysfsL3 = e.cpuidL3 = 32 << 20;
        e.sysfsL3Instances = 1;
        const EffectiveCaches c = effectiveCaches(t, e);
        QCOMPARE(c.l1d, qint64(32) << 10);
        QCOMPARE(c.l2, qint64(512) << 10);
        QCOMPARE(c.l3, qint64(32) << 20);
        QCOMPARE(c.notes.size(), 1);
        QCOMPARE(c.warnings, c.notes);
        QVERIFY2(c.notes.first().contains(QStringLiteral("implausible")),
                 qPrintable(c.notes.first()));
        QVERIFY2(c.notes.first().contains(QStringLiteral("using 32 MiB")),
                 qPrintable(c.notes.first()));

        // hwloc alone (an XML file), with an impossible L1: flagged, level ignored.
        Topology x = t;
        x.source = QStringLiteral("xml");
        x.caches[0].sizeBytes = 64LL << 20;
        x.caches[2].sizeBytes = 32 << 20;
        const EffectiveCaches cx = effectiveCaches(x);
        QCOMPARE(cx.l1d, qint64(0));
        QCOMPARE(cx.l3, qint64(64) << 20); // 32 MiB x 2 instances from hwloc
        QVERIFY(cx.notes.join(QLatin1Char('\n')).contains(QStringLiteral("L1d")));

        // Everything agrees: nothing to say.
        Topology ok = t;
        ok.caches[2].sizeBytes = 32 << 20;
        ok.caches[2].count = 1;
        ok.caches[2].coresSharing = 2;
        const EffectiveCaches cok = effectiveCaches(ok, e);
        QVERIFY2(cok.notes.isEmpty(), qPrintable(cok.notes.join(QLatin1Char('\n'))));
        QVERIFY(cok.warnings.isEmpty());
        QCOMPARE(cok.l3, qint64(32) << 20);
    }

    void pinning() {
        const int cores = liveCoreCount();
        const int threads = std::min(cores, 4);
        QString note;
        QVERIFY2(bindOpenMpThreadsToCores(threads, &note), qPrintable(note));
        QVector<int> cpu(threads, -1);
#pragma omp parallel num_threads(threads)
        cpu[omp_get_thread_num()] = sched_getcpu();
        const QSet<int> distinct(cpu.begin(), cpu.end());
        QCOMPARE(distinct.size(), threads); // one core each, pinned
        unbindOpenMpThreads(threads);
    }

    void jsonRoundTrip_data() {
        goldenFixtures_data();
    }

    void jsonRoundTrip() {
        QFETCH(QString, xml);
        QString error;
        const auto m = machineFromXml(xml, &error);
        QVERIFY2(m, qPrintable(error));
        const QByteArray text = QJsonDocument(m->toJson()).toJson();
        const auto back = Machine::fromJson(QJsonDocument::fromJson(text).object(), &error);
        QVERIFY2(back, qPrintable(error));
        QVERIFY(*back == *m);
        QCOMPARE(topologyHash(back->topology), topologyHash(m->topology));
    }

    void describeText() {
        QString error;
        const auto m = machineFromXml(
            fixturesDir() % QStringLiteral("/hwloc/Intel-RaptorLake-Corei7-1370P.xml"), &error);
        QVERIFY2(m, qPrintable(error));
        const QString text = describeMachineText(*m);
        QVERIFY(text.contains(QStringLiteral("13th Gen Intel(R) Core(TM) i7-1370P")));
        QVERIFY(text.contains(QStringLiteral("1 package, 14 cores, 20 hardware threads")));
        QVERIFY(text.contains(QStringLiteral("IntelAtom")));
        QVERIFY(text.contains(QStringLiteral("L2 (1.25 MiB) + L1d (48 KiB)")));
        QVERIFY(text.contains(QStringLiteral("not measured")));
    }
};

QTEST_GUILESS_MAIN(TestTopology)
#include "tst_topology.moc"
