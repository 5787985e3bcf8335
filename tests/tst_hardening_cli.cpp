// SPDX-License-Identifier: MIT
// Bad input where a user gives it (#8): the real binary with wrong arguments must answer with one
// line saying what is wrong and what is valid, exit non-zero, and leave no output file behind;
// and a hostile environment (no python3/java on PATH, HEADROOM_ISA forced or bogus, hwloc failing,
// no cache information) must still give a run of what can run, saying what could not.
// tst_cli covers the common mistakes; this suite covers the rest of the list in the issue.
#include "run_headroom.h"
#include "session.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace headroom;

namespace {

QProcessEnvironment envWith(std::initializer_list<std::pair<const char*, QString>> vars) {
    QProcessEnvironment e;
    for (const auto& [k, v] : vars)
        e.insert(QLatin1String(k), v);
    return e;
}

// The placeholder an output path in the table stands for: a file in the per-row temporary
// directory, so that "no partial file" can be checked by listing that directory.
const QString kOut = QStringLiteral("@OUT@");

QStringList headless(std::initializer_list<const char*> rest) {
    QStringList a{QStringLiteral("--headless"), QStringLiteral("--no-measure"),
                  QStringLiteral("--rungs"),    QStringLiteral("optflags"),
                  QStringLiteral("--sizes"),    QStringLiteral("16")};
    for (const char* s : rest)
        a << QString::fromUtf8(s);
    return a;
}

QStringList args(std::initializer_list<const char*> all) {
    QStringList a;
    for (const char* s : all)
        a << QString::fromUtf8(s);
    return a;
}

// The repository's copy of the hwloc fixtures (tests/fixtures/hwloc): CI's clone need not have
// ../shared beside it.
QByteArray fixtureBytes(const QString& name) {
    QFile f(QStringLiteral(HEADROOM_FIXTURES_DIR "/hwloc/") + name);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Loads a session written by a headless run and returns the point statuses by rung.
QHash<QString, PointResult> pointsOf(const QString& json, QString* error) {
    QHash<QString, PointResult> by;
    auto s = Session::load(json, error);
    if (s)
        for (const PointResult& p : s->results)
            by.insert(p.rung, p);
    return by;
}

} // namespace

class TestHardeningCli : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // Every row: exit 1 or 2 (never a crash, a hang or 0), the first line of stderr is
    // "headroom: ..." and names the problem, nothing was run, no file was written.
    void badInput_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("expect");
        auto row = [](const char* name, const QStringList& a, const char* expect) {
            QTest::newRow(name) << a << QString::fromUtf8(expect);
        };
        // Sizes.
        row("sizes 0", headless({"--sizes", "0"}), "out of range");
        row("sizes -3", headless({"--sizes", "-3"}), "out of range");
        row("sizes -0", headless({"--sizes", "-0"}), "out of range");
        row("sizes abc", headless({"--sizes", "abc"}), "not a whole number");
        row("sizes 12.5", headless({"--sizes", "12.5"}), "not a whole number");
        row("sizes 1e3", headless({"--sizes", "1e3"}), "not a whole number");
        row("sizes 0x40", headless({"--sizes", "0x40"}), "not a whole number");
        row("sizes empty", headless({"--sizes", ""}), "empty item");
        row("sizes blank", headless({"--sizes", "   "}), "empty item");
        row("sizes comma", headless({"--sizes", ","}), "empty item");
        row("sizes trailing comma", headless({"--sizes", "64,"}), "empty item");
        row("sizes leading comma", headless({"--sizes", ",64"}), "empty item");
        row("sizes overflow int64", headless({"--sizes", "99999999999999999999"}),
            "not a whole number");
        row("sizes overflow int32", headless({"--sizes", "2147483648"}), "out of range");
        row("sizes above max", headless({"--sizes", "100001"}), "out of range");
        row("sizes one bad of many", headless({"--sizes", "16,32,x,64"}), "not a whole number");
        row("sizes unicode digits", headless({"--sizes", "\xd9\xa3\xd9\xa4"}),
            "not a whole number");
        row("sizes too big for memory", headless({"--sizes", "90000"}), "GiB");
        row("sizes 50000 too big for memory", headless({"--sizes", "16,50000"}), "GiB");
        // Rungs.
        row("rungs unknown", headless({"--rungs", "fastest"}), "unknown rung");
        row("rungs wrong case", headless({"--rungs", "NAIVE"}), "unknown rung");
        row("rungs empty", headless({"--rungs", ""}), "empty item");
        row("rungs empty item", headless({"--rungs", "naive,,optflags"}), "empty item");
        row("rungs all plus id", headless({"--rungs", "all,naive"}), "unknown rung");
        row("rungs one unknown of many", headless({"--rungs", "naive,turbo"}), "turbo");
        // Threads (0, negative, junk, beyond the limit; more than the cores is a warning, below).
        row("threads 0", headless({"--threads", "0"}), "--threads");
        row("threads -1", headless({"--threads", "-1"}), "--threads");
        row("threads abc", headless({"--threads", "abc"}), "--threads");
        row("threads empty", headless({"--threads", ""}), "--threads");
        row("threads 1.5", headless({"--threads", "1.5"}), "--threads");
        row("threads huge", headless({"--threads", "99999999999"}), "--threads");
        // Budgets and repetitions.
        row("budget -1", headless({"--budget", "-1"}), "--budget");
        row("budget 0", headless({"--budget", "0"}), "--budget");
        row("budget nan", headless({"--budget", "nan"}), "--budget");
        row("budget inf", headless({"--budget", "inf"}), "--budget");
        row("budget 1e300", headless({"--budget", "1e300"}), "--budget");
        row("budget abc", headless({"--budget", "abc"}), "--budget");
        row("budget empty", headless({"--budget", ""}), "--budget");
        row("repetitions 0", headless({"--repetitions", "0"}), "--repetitions");
        row("repetitions -5", headless({"--repetitions", "-5"}), "--repetitions");
        row("repetitions 1001", headless({"--repetitions", "1001"}), "--repetitions");
        row("repetitions x", headless({"--repetitions", "x"}), "--repetitions");
        row("preset unknown", headless({"--preset", "fast"}), "--preset");
        // Output paths.
        row("json in missing dir", headless({"--json", "/nonexistent-dir/out.json"}),
            "does not exist");
        row("json is a directory", headless({"--json", "/tmp"}), "is a directory");
        row("csv in missing dir", headless({"--csv", "/nonexistent-dir/out.csv"}),
            "does not exist");
        row("benchmark-json is a directory", headless({"--benchmark-json", "/"}), "is a directory");
        // Root can write where the mode bits say no; a read-only file system stops everyone.
        row("json on read-only fs", headless({"--json", "/proc/headroom-out.json"}),
            "not writable");
        row("csv on read-only fs", headless({"--csv", "/sys/headroom-out.csv"}), "not writable");
        // Flags and commands.
        row("unknown flag", args({"--headles"}), "Unknown option");
        row("unknown short flag", args({"-x"}), "Unknown option");
        row("missing value", args({"--describe-machine", "--topology"}), "Missing value");
        row("two commands", args({"--headless", "--describe-machine"}), "only one");
        row("stray argument", args({"--list-rungs", "extra"}), "unexpected argument");
        // Machine description.
        row("format yaml", args({"--describe-machine", "--format", "yaml"}), "--format");
        row("topology missing", args({"--describe-machine", "--topology", "/nonexistent/t.xml"}),
            "t.xml");
        row("topology is a directory", args({"--describe-machine", "--topology", "/tmp"}), "/tmp");
        row("topology not xml", args({"--describe-machine", "--topology", "/etc/passwd"}),
            "/etc/passwd");
        row("topology junk", args({"--describe-machine", "--topology", "@JUNK@"}), "junk");
        row("topology empty", args({"--describe-machine", "--topology", "@EMPTY@"}), "empty");
        row("topology truncated", args({"--describe-machine", "--topology", "@TRUNCATED@"}),
            "truncated");
        row("topology other xml", args({"--describe-machine", "--topology", "@OTHERXML@"}),
            "other");
        // Charts.
        row("chart width 0",
            args({"--open", "/tmp/x.json", "--chart", "gflops", "--png", "@OUT@", "--width", "0"}),
            "--width");
        row("chart height abc",
            args({"--open", "/tmp/x.json", "--chart", "gflops", "--png", "@OUT@", "--height",
                  "abc"}),
            "--height");
        row("chart theme",
            args({"--open", "/tmp/x.json", "--chart", "gflops", "--png", "@OUT@", "--theme",
                  "neon"}),
            "--theme");
        row("chart no output", args({"--open", "/tmp/x.json", "--chart", "gflops"}), "--png");
        row("chart missing session",
            args({"--open", "/nonexistent/s.json", "--chart", "gflops", "--png", "@OUT@"}),
            "s.json");
        row("chart junk session", args({"--open", "@JUNK@", "--chart", "gflops", "--png", "@OUT@"}),
            "junk");
    }

    void badInput() {
        QFETCH(QStringList, arguments);
        QFETCH(QString, expect);
        QTemporaryDir outDir, inDir;
        QVERIFY(outDir.isValid() && inDir.isValid());
        // A missing fixture would make "truncated" the same case as "empty".
        const QByteArray skylake = fixtureBytes(QStringLiteral("Intel-Skylake-2xXeon6140.xml"));
        QVERIFY2(skylake.size() > 3000,
                 "the hwloc fixture tests/fixtures/hwloc/Intel-Skylake-2xXeon6140.xml is missing");
        // Input files the rows refer to by placeholder.
        const QHash<QString, QByteArray> inputs = {
            {QStringLiteral("junk"), QByteArray("\x7f"
                                                "ELF\x02\x01\x01\0\0\0\xff\xfe<topology",
                                                20)},
            {QStringLiteral("empty"), QByteArray()},
            {QStringLiteral("truncated"), skylake.left(3000)},
            {QStringLiteral("other"),
             QByteArray("<?xml version=\"1.0\"?>\n<html><body/></html>\n")},
        };
        QHash<QString, QString> placeholder;
        for (auto it = inputs.begin(); it != inputs.end(); ++it) {
            const QString path = inDir.filePath(it.key() + QStringLiteral(".xml"));
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(it.value());
            placeholder.insert(u'@' + it.key().toUpper() + u'@', path);
        }
        placeholder.insert(QStringLiteral("@OTHERXML@"),
                           placeholder.value(QStringLiteral("@OTHER@")));
        for (QString& a : arguments) {
            if (a == kOut)
                a = outDir.filePath(QStringLiteral("chart.png"));
            else if (placeholder.contains(a))
                a = placeholder.value(a);
        }
        // A headless row gets real output files too: none of them may appear.
        if (arguments.contains(QStringLiteral("--headless"))) {
            for (const char* opt : {"--json", "--csv", "--benchmark-json"})
                if (!arguments.contains(QLatin1String(opt)))
                    arguments << QLatin1String(opt)
                              << outDir.filePath(QLatin1String(opt + 2) + QStringLiteral(".out"));
        }
        const Run r = runHeadroom(arguments, {}, outDir.path(), 60000);
        QVERIFY2(r.finished, "hung");
        QVERIFY2(!r.crashed, qPrintable(r.err));
        QVERIFY2(r.exitCode == 1 || r.exitCode == 2,
                 qPrintable(QStringLiteral("exit %1: %2").arg(r.exitCode).arg(r.err)));
        const QString first = r.err.section(u'\n', 0, 0);
        QVERIFY2(first.startsWith(QStringLiteral("headroom: ")), qPrintable(r.err));
        QVERIFY2(first.contains(expect), qPrintable(r.err));
        QVERIFY2(!r.err.contains(QStringLiteral("Running ")), "ran anyway");
        QVERIFY2(!r.out.contains(QStringLiteral("GFLOP/s")), "ran anyway");
        const QStringList left =
            QDir(outDir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden);
        QVERIFY2(left.isEmpty(), qPrintable(left.join(u' ')));
    }

    // Too big for memory: the message carries the numbers (need, available, what fits).
    void memoryMessageHasNumbers() {
        const Run r = runHeadroom(headless({"--sizes", "90000"}));
        QCOMPARE(r.exitCode, 2);
        static const QRegularExpression numbers(QStringLiteral(
            "n = 90000 needs [0-9.]+ GiB .* only [0-9.]+ GiB .* largest size that fits is about "
            "[0-9]+"));
        QVERIFY2(numbers.match(r.err).hasMatch(), qPrintable(r.err));
    }

    // More threads than cores: a warning, and the run goes on.
    void threadsBeyondCoresWarnsAndRuns() {
        QTemporaryDir dir;
        const QString json = dir.filePath(QStringLiteral("s.json"));
        const Run r = runHeadroom(
            headless({"--threads", "64", "--sizes", "24", "--rungs", "optflags,parallel", "--json"})
            << json);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("warning: 64 threads")), qPrintable(r.err));
        QString error;
        const auto points = pointsOf(json, &error);
        QVERIFY2(points.value(QStringLiteral("parallel")).verified(), qPrintable(error));
    }

    // No python3, no java on PATH: those rungs are unavailable with a reason; the rest runs.
    void noInterpretersOnPath() {
        QTemporaryDir dir, emptyBin;
        const QString json = dir.filePath(QStringLiteral("s.json"));
        const Run r =
            runHeadroom(headless({"--rungs", "python,java,naive,optflags", "--json"}) << json,
                        envWith({{"PATH", emptyBin.path()}}));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QString error;
        const auto points = pointsOf(json, &error);
        QVERIFY2(!points.isEmpty(), qPrintable(error));
        for (const char* id : {"python", "java"}) {
            const PointResult p = points.value(QLatin1String(id));
            QCOMPARE(p.status, PointStatus::Unavailable);
            QVERIFY2(p.message.contains(QStringLiteral("not found on PATH")),
                     qPrintable(p.message));
        }
        QVERIFY(points.value(QStringLiteral("naive")).verified());
        QVERIFY(points.value(QStringLiteral("optflags")).verified());
        const Run list = runHeadroom(args({"--list-rungs"}), envWith({{"PATH", emptyBin.path()}}));
        QCOMPARE(list.exitCode, 0);
        QVERIFY2(list.out.contains(QStringLiteral("why not: python3 is not installed")),
                 qPrintable(list.out));
    }

    // HEADROOM_ISA: generic runs the portable micro-kernel (verified); an unknown value falls
    // back to the best ISA and says so.
    void isaOverride_data() {
        QTest::addColumn<QString>("isa");
        QTest::addColumn<QString>("expectIsa");
        QTest::addColumn<QString>("expectNote");
        QTest::newRow("generic") << QStringLiteral("generic") << QStringLiteral("generic")
                                 << QStringLiteral("forces the generic path");
        QTest::newRow("bogus") << QStringLiteral("bogus") << QString()
                               << QStringLiteral("HEADROOM_ISA=bogus is not one of");
        QTest::newRow("wrong case") << QStringLiteral("AVX2") << QString()
                                    << QStringLiteral("HEADROOM_ISA=AVX2 is not one of");
        QTest::newRow("empty") << QString() << QString() << QString();
    }
    void isaOverride() {
        QFETCH(QString, isa);
        QFETCH(QString, expectIsa);
        QFETCH(QString, expectNote);
        QTemporaryDir dir;
        const QString json = dir.filePath(QStringLiteral("s.json"));
        const Run r = runHeadroom(
            headless({"--rungs", "vectorized,microkernel", "--sizes", "37,96", "--json"}) << json,
            envWith({{"HEADROOM_ISA", isa}}));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QString error;
        auto s = Session::load(json, &error);
        QVERIFY2(s, qPrintable(error));
        QCOMPARE(s->results.size(), 4);
        for (const PointResult& p : s->results)
            QVERIFY2(p.verified(), qPrintable(p.rung + u' ' + p.message));
        const QJsonObject kernel = s->environment.value(QStringLiteral("microkernel")).toObject();
        const QString used = kernel.value(QStringLiteral("isa")).toString();
        QVERIFY2(!used.isEmpty(), "the session does not record the micro-kernel's ISA");
        if (!expectIsa.isEmpty())
            QCOMPARE(used, expectIsa);
        const QString note = kernel.value(QStringLiteral("note")).toString();
        if (!expectNote.isEmpty())
            QVERIFY2(note.contains(expectNote), qPrintable(note));
        // A value that is not understood is said on the console too, not only in the session.
        if (!expectNote.isEmpty() && expectIsa.isEmpty())
            QVERIFY2(r.err.contains(u"warning: " + expectNote), qPrintable(r.err));
    }

    // hwloc failing or without its Linux backend, and no cache information at all: the machine
    // is described and a run completes (blocking falls back to defaults).
    void hwlocTrouble_data() {
        QTest::addColumn<QString>("var");
        QTest::addColumn<QString>("value");
        QTest::newRow("XMLFILE missing")
            << QStringLiteral("HWLOC_XMLFILE") << QStringLiteral("/nonexistent/topo.xml");
        QTest::newRow("XMLFILE junk")
            << QStringLiteral("HWLOC_XMLFILE") << QStringLiteral("/etc/passwd");
        QTest::newRow("no linux backend")
            << QStringLiteral("HWLOC_COMPONENTS") << QStringLiteral("-linux");
        // Without linux and x86 backends hwloc knows the PUs and nothing else: no caches.
        QTest::newRow("no cache information")
            << QStringLiteral("HWLOC_COMPONENTS") << QStringLiteral("-linux,-x86");
    }
    void hwlocTrouble() {
        QFETCH(QString, var);
        QFETCH(QString, value);
        QProcessEnvironment env;
        env.insert(var, value);
        const Run d = runHeadroom(args({"--describe-machine", "--no-measure"}), env);
        QVERIFY2(d.exitCode == 0, qPrintable(d.err));
        QVERIFY(!d.out.trimmed().isEmpty());
        QTemporaryDir dir;
        const QString json = dir.filePath(QStringLiteral("s.json"));
        const Run r = runHeadroom(
            headless({"--rungs", "tiled,microkernel", "--sizes", "50,130", "--json"}) << json, env);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QString error;
        auto s = Session::load(json, &error);
        QVERIFY2(s, qPrintable(error));
        QCOMPARE(s->results.size(), 4);
        for (const PointResult& p : s->results)
            QVERIFY2(p.verified(), qPrintable(p.rung + u' ' + p.message));
    }
};

QTEST_GUILESS_MAIN(TestHardeningCli)
#include "tst_hardening_cli.moc"
