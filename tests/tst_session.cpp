// SPDX-License-Identifier: MIT
#include "report.h"
#include "session.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>
#include <QTemporaryDir>
#include <QTest>

using namespace headroom;

namespace {
Session sampleSession() {
    Session s;
    s.title = QStringLiteral("test host");
    s.machine.topology.source = QStringLiteral("live");
    s.machine.topology.cpuModel = QStringLiteral("Test CPU");
    s.machine.topology.cores = 2;
    s.machine.topology.pus = 2;
    s.machine.topology.packages = 1;
    s.plan = Plan::preset(QStringLiteral("quick"));
    s.plan.seed = 0xFFFFFFFFFFFFFFF1ull; // needs all 64 bits
    s.environment[QStringLiteral("compiler")] = QStringLiteral("GNU 12.2.0");
    PointResult a;
    a.rung = QStringLiteral("naive");
    a.n = 256;
    a.status = PointStatus::Verified;
    a.seconds = 0.0745;
    a.secondsMin = 0.0731;
    a.secondsLow = 0.0738;
    a.secondsHigh = 0.0752;
    a.cv = 0.0123;
    a.gflops = 2.0 * 256 * 256 * 256 / 0.0745 / 1e9; // 2n³/seconds, as the loader checks
    a.repetitions = 3;
    a.check = QStringLiteral("freivalds+full");
    PointResult b = a;
    b.rung = QStringLiteral("python");
    b.n = 1024;
    b.status = PointStatus::Extrapolated;
    b.seconds = 47.1;
    b.gflops = 2.0 * 1024 * 1024 * 1024 / 47.1 / 1e9;
    b.secondsLow = b.secondsHigh = 0; // a prediction has no interval
    b.repetitions = 0;
    b.extrapolatedFrom = 256;
    b.message = QStringLiteral("predicted");
    PointResult c = a;
    c.rung = QStringLiteral("microkernel");
    c.status = PointStatus::Failed;
    c.message = QStringLiteral("Freivalds check failed in row 3");
    s.results = {a, b, c};
    return s;
}

QByteArray sampleBytes() {
    return QJsonDocument(sampleSession().toJson()).toJson();
}

QByteArray withChange(const std::function<void(QJsonObject&)>& change) {
    QJsonObject o = sampleSession().toJson();
    change(o);
    return QJsonDocument(o).toJson();
}
} // namespace

class TestSession : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void roundTripIsLossless() {
        const Session s = sampleSession();
        QString error;
        auto back = Session::fromBytes(QJsonDocument(s.toJson()).toJson(), &error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(back->toJson(), s.toJson());
        QCOMPARE(back->plan.seed, s.plan.seed);
        QCOMPARE(back->results.size(), 3);
        QCOMPARE(back->results[1].status, PointStatus::Extrapolated);
        QCOMPARE(back->results[2].status, PointStatus::Failed);
        QCOMPARE(back->results[0].seconds, 0.0745);
        QCOMPARE(back->results[0].secondsLow, 0.0738);
        QCOMPARE(back->results[0].secondsHigh, 0.0752);
        QCOMPARE(back->title, s.title);
    }

    void saveAndLoad() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("s.json"));
        QString error;
        QVERIFY2(sampleSession().save(path, &error), qPrintable(error));
        auto back = Session::load(path, &error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(back->toJson(), sampleSession().toJson());
    }

    void saveToUnwritablePathFails() {
        QString error;
        QVERIFY(!sampleSession().save(QStringLiteral("/nonexistent-dir/x/s.json"), &error));
        QVERIFY(!error.isEmpty());
    }

    void badFiles_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expect"); // part of the message
        const QByteArray good = sampleBytes();
        QTest::newRow("empty") << QByteArray() << QStringLiteral("empty");
        QTest::newRow("truncated") << good.left(good.size() / 2) << QStringLiteral("JSON");
        QByteArray binary(4096, '\0');
        for (int i = 0; i < binary.size(); ++i)
            binary[i] = static_cast<char>((i * 7919) & 0xFF);
        QTest::newRow("binary") << binary << QStringLiteral("JSON");
        QTest::newRow("array") << QByteArray("[1,2,3]") << QStringLiteral("not an object");
        QTest::newRow("deeply nested")
            << (QByteArray(100000, '[') + QByteArray(100000, ']')) << QStringLiteral("JSON");
        QTest::newRow("foreign json") << QByteArray(R"({"name": "package.json", "version": "1.0"})")
                                      << QStringLiteral("not a Headroom session");
        QTest::newRow("future version")
            << withChange([](QJsonObject& o) { o[QStringLiteral("version")] = 99; })
            << QStringLiteral("newer");
        QTest::newRow("version string") << withChange([](QJsonObject& o) {
            o[QStringLiteral("version")] = QStringLiteral("1");
        }) << QStringLiteral("version");
        QTest::newRow("missing machine")
            << withChange([](QJsonObject& o) { o.remove(QStringLiteral("machine")); })
            << QStringLiteral("machine");
        QTest::newRow("missing results")
            << withChange([](QJsonObject& o) { o.remove(QStringLiteral("results")); })
            << QStringLiteral("results");
        QTest::newRow("results not array")
            << withChange([](QJsonObject& o) { o[QStringLiteral("results")] = 5; })
            << QStringLiteral("results");
        auto changeResult = [](const char* key, QJsonValue v) {
            return withChange([=](QJsonObject& o) {
                QJsonArray rs = o[QStringLiteral("results")].toArray();
                QJsonObject r = rs[0].toObject();
                r[QLatin1String(key)] = v;
                rs[0] = r;
                o[QStringLiteral("results")] = rs;
            });
        };
        QTest::newRow("zero size") << changeResult("n", 0) << QStringLiteral("\"n\"");
        QTest::newRow("negative size") << changeResult("n", -3) << QStringLiteral("\"n\"");
        QTest::newRow("fractional size") << changeResult("n", 2.5) << QStringLiteral("\"n\"");
        QTest::newRow("non-numeric seconds")
            << changeResult("seconds", QStringLiteral("abc")) << QStringLiteral("\"seconds\"");
        QTest::newRow("negative seconds")
            << changeResult("seconds", -1.0) << QStringLiteral("\"seconds\"");
        QTest::newRow("median outside its interval")
            << changeResult("seconds_high", 0.07) << QStringLiteral("outside");
        QTest::newRow("interval bound not a number")
            << changeResult("seconds_low", QStringLiteral("x")) << QStringLiteral("seconds_low");
        QTest::newRow("unknown status")
            << changeResult("status", QStringLiteral("fast")) << QStringLiteral("status");
        QTest::newRow("failed claims verified") << withChange([](QJsonObject& o) {
            QJsonArray rs = o[QStringLiteral("results")].toArray();
            QJsonObject r = rs[2].toObject();
            r[QStringLiteral("verified")] = true;
            rs[2] = r;
            o[QStringLiteral("results")] = rs;
        }) << QStringLiteral("contradict");
        QTest::newRow("unknown rung")
            << changeResult("rung", QStringLiteral("rm -rf /")) << QStringLiteral("unknown rung");
        QTest::newRow("plan sizes negative") << withChange([](QJsonObject& o) {
            QJsonObject p = o[QStringLiteral("plan")].toObject();
            p[QStringLiteral("sizes")] = QJsonArray{256, -1};
            o[QStringLiteral("plan")] = p;
        }) << QStringLiteral("size");
        // #20: points that contradict themselves, strings that would exhaust the drawing.
        QTest::newRow("duplicate point") << withChange([](QJsonObject& o) {
            QJsonArray rs = o[QStringLiteral("results")].toArray();
            QJsonObject r = rs[0].toObject();
            r[QStringLiteral("seconds")] = r[QStringLiteral("seconds")].toDouble() * 100;
            r[QStringLiteral("gflops")] = r[QStringLiteral("gflops")].toDouble() / 100;
            r.remove(QStringLiteral("seconds_low"));
            r.remove(QStringLiteral("seconds_high"));
            rs.append(r);
            o[QStringLiteral("results")] = rs;
        }) << QStringLiteral("results[3] (naive, n = 256, 1 thread) repeats results[0]");
        QTest::newRow("gflops not 2n^3/seconds")
            << changeResult("gflops", 81.0) << QStringLiteral("81 GFLOP/s is not 2n³/seconds");
        QTest::newRow("gflops 1e-300")
            << changeResult("gflops", 1e-300) << QStringLiteral("is not 2n³/seconds");
        QTest::newRow("consistent but 1e-9 GFLOP/s") << withChange([](QJsonObject& o) {
            QJsonArray rs = o[QStringLiteral("results")].toArray();
            QJsonObject r = rs[0].toObject();
            r[QStringLiteral("seconds")] = 2.0 * 256 * 256 * 256 / 1e-9 / 1e9;
            r[QStringLiteral("gflops")] = 1e-9;
            r.remove(QStringLiteral("seconds_low"));
            r.remove(QStringLiteral("seconds_high"));
            rs[0] = r;
            o[QStringLiteral("results")] = rs;
        }) << QStringLiteral("below 1e-06 GFLOP/s");
        QTest::newRow("zero seconds") << withChange([](QJsonObject& o) {
            QJsonArray rs = o[QStringLiteral("results")].toArray();
            QJsonObject r = rs[0].toObject();
            r[QStringLiteral("seconds")] = 0;
            r.remove(QStringLiteral("seconds_low"));
            r.remove(QStringLiteral("seconds_high"));
            rs[0] = r;
            o[QStringLiteral("results")] = rs;
        }) << QStringLiteral("needs both above 0");
        QTest::newRow("zero gflops")
            << changeResult("gflops", 0.0) << QStringLiteral("results[0] (naive, n = 256");
        QTest::newRow("1 MiB title") << withChange([](QJsonObject& o) {
            o[QStringLiteral("title")] = QString(1 << 20, QLatin1Char('T'));
        }) << QStringLiteral("title is 1048576 characters long; the limit is 256");
        QTest::newRow("long environment string") << withChange([](QJsonObject& o) {
            QJsonObject e = o[QStringLiteral("environment")].toObject();
            e[QStringLiteral("compiler")] = QString(5000, QLatin1Char('c'));
            o[QStringLiteral("environment")] = e;
        }) << QStringLiteral("environment.compiler is 5000 characters long; the limit is 4096");
        QTest::newRow("version 1e300")
            << withChange([](QJsonObject& o) { o[QStringLiteral("version")] = 1e300; })
            << QStringLiteral("\"version\" is 1e+300, not a format version this Headroom reads");
        const QString text = QString::fromUtf8(sampleBytes());
        QByteArray utf16(reinterpret_cast<const char*>(text.utf16()), text.size() * 2);
        QTest::newRow("UTF-16 without BOM") << utf16 << QStringLiteral("UTF-16");
        QTest::newRow("UTF-16 with BOM")
            << QByteArray("\xFF\xFE") + utf16 << QStringLiteral("UTF-16");
        QTest::newRow("plan wrong type") << withChange([](QJsonObject& o) {
            o[QStringLiteral("plan")] = QStringLiteral("quick");
        }) << QStringLiteral("plan");
    }

    void badFiles() {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expect);
        QString error;
        const auto s = Session::fromBytes(bytes, &error);
        QVERIFY(!s);
        QVERIFY2(error.contains(expect, Qt::CaseInsensitive), qPrintable(error));
    }

    // Against the machine's limits: a point 100x above the theoretical peak, a zero bandwidth.
    void pointsAgainstTheMachine() {
        Session s = sampleSession();
        Limits limits;
        limits.peakTheoreticalGflops = 0.004; // the sample's 0.45 GFLOP/s is > 100x this
        s.machine.limits = limits;
        QString error;
        QVERIFY(!Session::fromBytes(QJsonDocument(s.toJson()).toJson(), &error));
        QVERIFY2(error.contains(QStringLiteral("more than 100x the machine's theoretical peak")),
                 qPrintable(error));
        s.machine.limits->peakTheoreticalGflops = 1;
        QVERIFY2(Session::fromBytes(QJsonDocument(s.toJson()).toJson(), &error), qPrintable(error));
        s.machine.limits->bandwidth = {BandwidthCeiling{QStringLiteral("L2"), 0}};
        QVERIFY(!Session::fromBytes(QJsonDocument(s.toJson()).toJson(), &error));
        QVERIFY2(error.contains(QStringLiteral("the L2 bandwidth is 0 GB/s")), qPrintable(error));
    }

    void symlinkLoopIsNamed() {
        QTemporaryDir dir;
        const QString loop = dir.filePath(QStringLiteral("loop.json"));
        QVERIFY(QFile::link(loop, loop));
        QString error;
        QVERIFY(!Session::load(loop, &error));
        QVERIFY2(error.contains(QStringLiteral("Too many levels of symbolic links")),
                 qPrintable(error));
    }

    // A result starts pending: a path that never verifies it cannot report "verified".
    void aResultStartsPending() {
        PointResult p;
        QCOMPARE(p.status, PointStatus::Pending);
        QVERIFY(!p.verified());
        QVERIFY(!p.hasTime());
        p.rung = QStringLiteral("naive");
        p.n = 64;
        p.seconds = 0.01;
        p.gflops = 2.0 * 64 * 64 * 64 / p.seconds / 1e9;
        p.repetitions = 3;
        const QJsonObject o = p.toJson();
        QCOMPARE(o[QStringLiteral("status")].toString(), QStringLiteral("pending"));
        QCOMPARE(o[QStringLiteral("verified")].toBool(true), false);
        QString error;
        const auto back = PointResult::fromJson(o, &error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(back->status, PointStatus::Pending);
        QVERIFY(!back->verified());
        QVERIFY(!formatLadderTable({p}, 64, 0, {}).contains(QStringLiteral("verified")));
        const QByteArray row = toCsv({p}).split('\n').value(1);
        QVERIFY(row.contains(",pending,"));
        QVERIFY(!row.contains("verified") && !row.contains("true"));
    }

    void sampledPointsRoundTrip() {
        Session s = sampleSession();
        PointResult p = s.results[0];
        p.rung = QStringLiteral("python");
        p.n = 4096;
        p.sampledRows = 3;
        // Scaled from 3 rows; the other fields consistent with it (the loader checks).
        p.seconds = p.secondsMin = 20000;
        p.secondsLow = p.secondsHigh = 0;
        p.gflops = 2.0 * 4096.0 * 4096.0 * 4096.0 / p.seconds / 1e9;
        s.results.append(p);
        const QJsonObject o = s.toJson();
        const QJsonObject saved = o[QStringLiteral("results")].toArray()[3].toObject();
        QCOMPARE(saved[QStringLiteral("status")].toString(), QStringLiteral("sampled"));
        QCOMPARE(saved[QStringLiteral("sampled_rows")].toInt(), 3);
        QCOMPARE(saved[QStringLiteral("verified")].toBool(), true);
        QString error;
        auto back = Session::fromBytes(QJsonDocument(o).toJson(), &error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(back->results[3].status, PointStatus::Verified);
        QCOMPARE(back->results[3].sampledRows, 3);
        QCOMPARE(back->toJson(), o);
        // Older files have no sampled_rows: every point is a full run.
        QCOMPARE(back->results[0].sampledRows, 0);
    }

    void badSampledRows_data() {
        QTest::addColumn<QString>("status");
        QTest::addColumn<QJsonValue>("rows");
        QTest::addColumn<QString>("expect");
        QTest::newRow("sampled without rows")
            << "sampled" << QJsonValue(QJsonValue::Undefined) << "needs";
        QTest::newRow("zero rows") << "sampled" << QJsonValue(0) << "1 to n";
        QTest::newRow("more rows than n") << "sampled" << QJsonValue(257) << "1 to n";
        QTest::newRow("negative rows") << "sampled" << QJsonValue(-1) << "sampled_rows";
        QTest::newRow("fractional rows") << "sampled" << QJsonValue(1.5) << "sampled_rows";
        QTest::newRow("text rows")
            << "sampled" << QJsonValue(QStringLiteral("2")) << "sampled_rows";
        QTest::newRow("extrapolated with rows") << "extrapolated" << QJsonValue(2) << "belongs";
    }
    void badSampledRows() {
        QFETCH(QString, status);
        QFETCH(QJsonValue, rows);
        QFETCH(QString, expect);
        const QByteArray bytes = withChange([&](QJsonObject& o) {
            QJsonArray rs = o[QStringLiteral("results")].toArray();
            QJsonObject r = rs[0].toObject(); // naive, n = 256
            r[QStringLiteral("status")] = status;
            r.remove(QStringLiteral("verified"));
            r.remove(QStringLiteral("extrapolated"));
            if (!rows.isUndefined())
                r[QStringLiteral("sampled_rows")] = rows;
            rs[0] = r;
            o[QStringLiteral("results")] = rs;
        });
        QString error;
        QVERIFY(!Session::fromBytes(bytes, &error));
        QVERIFY2(error.contains(expect), qPrintable(error));
    }

    void missingAndDirectoryPaths() {
        QString error;
        QVERIFY(!Session::load(QStringLiteral("/nonexistent/s.json"), &error));
        QVERIFY(error.contains(QStringLiteral("no such file")));
        QTemporaryDir dir;
        QVERIFY(!Session::load(dir.path(), &error));
        QVERIFY(error.contains(QStringLiteral("not a regular file")));
    }
};

QTEST_GUILESS_MAIN(TestSession)
#include "tst_session.moc"
