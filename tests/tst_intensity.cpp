// SPDX-License-Identifier: MIT
// The per-rung traffic model (app/intensity.cpp): its values against the closed forms it
// documents, its response to block sizes, its place in session files, and its byte counts
// against what valgrind counts the scalar rungs' code moving.
#include <intensity.h>
#include <ladderinfo.h>
#include <results.h>

#include <cpu.h>
#include <microkernel.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace headroom;

namespace {
constexpr qint64 KiB = 1024, MiB = 1024 * KiB;

EffectiveCaches caches(qint64 l1d, qint64 l2, qint64 l3) {
    EffectiveCaches c;
    c.l1d = l1d;
    c.l2 = l2;
    c.l3 = l3;
    return c;
}

Intensity model(const char* rung, int n, const EffectiveCaches& c, int threads = 1) {
    const auto in = modelIntensity(QString::fromLatin1(rung), n, threads, c);
    if (!in)
        qFatal("no model for %s", rung);
    return *in;
}

// Runs `program args` and returns its exit code (-1 when it could not run or timed out).
int run(const QString& program, const QStringList& args, QByteArray* err = nullptr) {
    QProcess p;
    p.start(program, args);
    if (!p.waitForFinished(120000)) {
        p.kill();
        p.waitForFinished();
        return -1;
    }
    if (err)
        *err = p.readAllStandardError();
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

// Bytes read + written in heap blocks (the matrices) while the driver runs `rung` `calls` times,
// as counted by valgrind's DHAT. -1 on failure.
double heapBytes(const QString& dir, const QString& rung, int n, int calls) {
    const QString out = dir + QStringLiteral("/dhat-%1-%2.json").arg(rung).arg(calls);
    QByteArray err;
    if (run(QStringLiteral("valgrind"),
            {QStringLiteral("--tool=dhat"), QStringLiteral("--dhat-out-file=") + out,
             QStringLiteral(HEADROOM_INTENSITY_DRIVER), rung, QString::number(n),
             QString::number(calls)},
            &err) != 0) {
        qWarning("%s", err.constData());
        return -1;
    }
    QFile f(out);
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    double bytes = 0;
    for (const QJsonValue& pp :
         QJsonDocument::fromJson(f.readAll())[QStringLiteral("pps")].toArray()) {
        const QJsonObject o = pp.toObject();
        bytes +=
            o.value(QStringLiteral("rb")).toDouble() + o.value(QStringLiteral("wb")).toDouble();
    }
    return bytes;
}

// Data references (Dr + Dw: load and store instructions, whatever their width) of the whole
// driver run, as counted by cachegrind. -1 on failure.
double dataRefs(const QString& dir, const QString& rung, int n, int calls) {
    const QString out = dir + QStringLiteral("/cg-%1-%2.out").arg(rung).arg(calls);
    if (run(QStringLiteral("valgrind"),
            {QStringLiteral("--tool=cachegrind"), QStringLiteral("--cachegrind-out-file=") + out,
             QStringLiteral(HEADROOM_INTENSITY_DRIVER), rung, QString::number(n),
             QString::number(calls)}) != 0)
        return -1;
    QFile f(out);
    if (!f.open(QIODevice::ReadOnly | QIODevice::Text))
        return -1;
    QStringList events, summary;
    while (!f.atEnd()) {
        const QString line = QString::fromUtf8(f.readLine()).trimmed();
        if (line.startsWith(QLatin1String("events:")))
            events = line.mid(7).split(QLatin1Char(' '), Qt::SkipEmptyParts);
        else if (line.startsWith(QLatin1String("summary:")))
            summary = line.mid(8).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    }
    const qsizetype dr = events.indexOf(QStringLiteral("Dr"));
    const qsizetype dw = events.indexOf(QStringLiteral("Dw"));
    if (dr < 0 || dw < 0 || summary.size() != events.size())
        return -1;
    return summary[dr].toDouble() + summary[dw].toDouble();
}
} // namespace

class TestIntensity : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // The scalar loops: every multiply-add of i-j-k loads A, B, C and stores C (32 bytes), of
    // i-k-j loads B, C and stores C (24 bytes); tiling does not change that at L1.
    void scalarLoopsAtL1() {
        const EffectiveCaches c = caches(48 * KiB, 2 * MiB, 32 * MiB);
        for (const char* r : {"naive", "python", "java"}) {
            QVERIFY(model(r, 512, c).l1 <= 0.2);
            QVERIFY(std::abs(model(r, 512, c).l1 - 2.0 / 32) < 0.001);
        }
        for (const char* r : {"interchange", "optflags", "parallel", "tiled", "dac"})
            QVERIFY2(std::abs(model(r, 1024, c).l1 - 2.0 / 24) < 0.004, r);
        QCOMPARE(model("naive", 64, c).source, QStringLiteral("model"));
        QVERIFY(!modelIntensity(QStringLiteral("nosuchrung"), 64, 1, c));
        QVERIFY(!modelIntensity(QStringLiteral("naive"), 0, 1, c));
    }

    // The packed micro-kernel at L1: 2 MR NR KC / (8 KC (MR + NR) + 16 MR NR), plus packing.
    void microkernelAtL1() {
        const EffectiveCaches c = caches(32 * KiB, 1 * MiB, 32 * MiB);
        const kernels::MicrokernelChoice k = kernels::microkernelChoice(kernelCaches(c));
        const double mr = k.mr, nr = k.nr, kc = k.kc;
        const double formula = 2 * mr * nr * kc / (8 * kc * (mr + nr) + 16 * mr * nr);
        const Intensity in = model("microkernel", 4096, c);
        QVERIFY(in.l1 >= 0.5);
        QVERIFY2(in.l1 <= formula && in.l1 > 0.97 * formula,
                 qPrintable(QStringLiteral("%1 vs %2").arg(in.l1).arg(formula)));
        // The example: 6 x 8 at KC = 256 is about 0.84.
        QVERIFY(std::abs(2. * 6 * 8 * 256 / (8. * 256 * 14 + 16 * 48) - 0.835) < 0.001);
        // The vectorized leaf keeps a register tile too: above the scalar loops.
        QVERIFY(model("vectorized", 1024, c).l1 > 0.2);
    }

    // DRAM: everything that fits in the LLC moves once (n / 12); past it, blocking decides.
    void dramFromBlocking() {
        const EffectiveCaches big = caches(48 * KiB, 2 * MiB, 64 * MiB);
        for (const char* r : {"naive", "optflags", "tiled", "dac", "vectorized", "microkernel"})
            QVERIFY2(std::abs(model(r, 512, big).dram - 512.0 / 12) < 1e-9, r);
        const EffectiveCaches small = caches(48 * KiB, 2 * MiB, 8 * MiB);
        const double naive = model("naive", 4096, small).dram;
        QVERIFY(std::abs(naive - 0.25) < 0.01); // B from memory for every row of C
        QVERIFY(model("tiled", 4096, small).dram > 10 * naive);
        QVERIFY(model("microkernel", 4096, small).dram > 10 * naive);
    }

    // Larger caches give larger blocks, and larger blocks a higher DRAM intensity.
    void dramRisesWithBlockSize() {
        const QList<EffectiveCaches> growing = {caches(16 * KiB, 256 * KiB, 8 * MiB),
                                                caches(32 * KiB, 1 * MiB, 8 * MiB),
                                                caches(64 * KiB, 4 * MiB, 8 * MiB)};
        int cols = 0, depth = 0;
        double tiled = 0;
        for (const EffectiveCaches& c : growing) {
            const QJsonObject t = blockingJson(c)[QStringLiteral("tiled")].toObject();
            QVERIFY(t[QStringLiteral("cols")].toInt() > cols ||
                    t[QStringLiteral("depth")].toInt() > depth);
            cols = t[QStringLiteral("cols")].toInt();
            depth = t[QStringLiteral("depth")].toInt();
            const double d = model("tiled", 4096, c).dram;
            QVERIFY2(d > tiled, qPrintable(QStringLiteral("%1 after %2").arg(d).arg(tiled)));
            tiled = d;
        }
        // Divide and conquer blocks for the LLC itself: a larger LLC, larger sub-products.
        double dac = 0;
        for (qint64 l3 : {4 * MiB, 16 * MiB, 64 * MiB}) {
            const double d = model("dac", 4096, caches(48 * KiB, 2 * MiB, l3)).dram;
            QVERIFY(d > dac);
            dac = d;
        }
    }

    void sessionJson() {
        PointResult p;
        p.rung = QStringLiteral("naive");
        p.n = 64;
        p.status = PointStatus::Verified;
        p.seconds = 1;
        p.gflops = 0.5;
        QString error;
        // An older session has no intensity: it still loads.
        auto back = PointResult::fromJson(p.toJson(), &error);
        QVERIFY2(back && !back->intensity, qPrintable(error));
        p.intensity = Intensity{0.0625, 5.3, QStringLiteral("model")};
        back = PointResult::fromJson(p.toJson(), &error);
        QVERIFY2(back && back->intensity == p.intensity, qPrintable(error));
        const QJsonObject good = p.toJson();
        auto corrupt = [&](const QJsonValue& v) {
            QJsonObject o = good;
            o[QStringLiteral("intensity")] = v;
            QString e;
            const bool refused = !PointResult::fromJson(o, &e) && e.contains(u"intensity");
            if (!refused)
                qWarning("accepted or unclear: %s", qPrintable(e));
            return refused;
        };
        QJsonObject in = intensityToJson(*p.intensity);
        QVERIFY(corrupt(QStringLiteral("high")));
        in[QStringLiteral("l1")] = -1;
        QVERIFY(corrupt(in));
        in[QStringLiteral("l1")] = QStringLiteral("0.06");
        QVERIFY(corrupt(in));
        in[QStringLiteral("l1")] = 0.06;
        in[QStringLiteral("source")] = QStringLiteral("guess");
        QVERIFY(corrupt(in));
        in.remove(QStringLiteral("source"));
        QVERIFY(corrupt(in));
    }

    void countersSaySo() {
        const QJsonObject o = cacheCountersJson();
        QVERIFY(o[QStringLiteral("l1d_loads")].isBool());
        QVERIFY(!o[QStringLiteral("reason")].toString().isEmpty());
    }

    // The model's L1 bytes against the bytes valgrind sees the code load from and store to the
    // matrices (heap blocks: DHAT), one call of the rung (two calls minus one, so that setup
    // and checksum cancel). At -O0 the code also loads its loop indices, pointers and locals
    // from the stack at every step: the model leaves those out, and cachegrind's count of all
    // data references shows by how much.
    void modelAgainstValgrind_data() {
        QTest::addColumn<QString>("rung");
        QTest::newRow("naive") << QStringLiteral("naive");
        QTest::newRow("interchange") << QStringLiteral("interchange");
        QTest::newRow("optflags") << QStringLiteral("optflags");
    }
    void modelAgainstValgrind() {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
        QSKIP("valgrind cannot run programs built with a sanitizer");
#endif
        if (QStandardPaths::findExecutable(QStringLiteral("valgrind")).isEmpty())
            QSKIP("valgrind is not installed (Debian: apt install valgrind)");
        QFETCH(QString, rung);
        const int n = 72; // not a power of two; a second or so per run under valgrind
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const double one = heapBytes(dir.path(), rung, n, 1);
        const double two = heapBytes(dir.path(), rung, n, 2);
        QVERIFY(one > 0 && two > one);
        const Intensity in = model(qPrintable(rung), n, caches(48 * KiB, 2 * MiB, 32 * MiB));
        const double modelBytes = 2.0 * n * n * n / in.l1;
        const double measured = two - one;
        qInfo("%s n=%d: matrix bytes per multiply-add %.2f measured, %.2f model", qPrintable(rung),
              n, measured / (double(n) * n * n), modelBytes / (double(n) * n * n));
        QVERIFY2(std::abs(measured / modelBytes - 1) <= 0.15,
                 qPrintable(
                     QStringLiteral("measured %1 bytes, model %2").arg(measured).arg(modelBytes)));

        const double refs1 = dataRefs(dir.path(), rung, n, 1);
        const double refs2 = dataRefs(dir.path(), rung, n, 2);
        QVERIFY(refs1 > 0 && refs2 > refs1);
        const double refs = refs2 - refs1;
        qInfo("%s n=%d: all data references per multiply-add %.2f (model: %.2f matrix elements)",
              qPrintable(rung), n, refs / (double(n) * n * n),
              modelBytes / 8 / (double(n) * n * n));
        // Each reference moves at most 16 bytes (SSE2, the rungs' baseline), so the matrix bytes
        // need at least bytes / 16 of them; the scalar -O0 rungs need one per element.
        const bool scalar = rung != QLatin1String("optflags");
        QVERIFY(refs >= measured / (scalar ? 8 : 16) * 0.99);
    }

    // The "Done when" of issue 19: a headless session carries an intensity on every point.
    void headlessSessionCarriesIntensity() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString json = dir.filePath(QStringLiteral("s.json"));
        QByteArray err;
        QCOMPARE(run(QStringLiteral(HEADROOM_BINARY),
                     {QStringLiteral("--headless"), QStringLiteral("--sizes"),
                      QStringLiteral("32,64"), QStringLiteral("--rungs"), QStringLiteral("all"),
                      QStringLiteral("--budget"), QStringLiteral("1"),
                      QStringLiteral("--no-measure"), QStringLiteral("--json"), json},
                     &err),
                 0);
        QFile f(json);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject s = QJsonDocument::fromJson(f.readAll()).object();
        int measured = 0;
        for (const QJsonValue& v : s[QStringLiteral("results")].toArray()) {
            const QJsonObject r = v.toObject();
            const QString status = r[QStringLiteral("status")].toString();
            if (status != QLatin1String("verified") && status != QLatin1String("failed"))
                continue;
            ++measured;
            const QJsonObject in = r[QStringLiteral("intensity")].toObject();
            QVERIFY2(in[QStringLiteral("l1")].toDouble() > 0 &&
                         in[QStringLiteral("dram")].toDouble() > 0 &&
                         in[QStringLiteral("source")].toString() == QLatin1String("model"),
                     qPrintable(r[QStringLiteral("rung")].toString()));
        }
        QVERIFY(measured >= 2 * 8); // the eight native rungs at both sizes at least
        QVERIFY(s[QStringLiteral("environment")][QStringLiteral("cache_counters")].isObject());
    }
};

QTEST_GUILESS_MAIN(TestIntensity)
#include "tst_intensity.moc"
