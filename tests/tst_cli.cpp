// SPDX-License-Identifier: MIT
// The command line as a user meets it: the real binary, bad arguments, a tiny headless run.
#include "session.h"

#include <cpu.h>
#include <ladder.h>

#include <QFile>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace headroom;

namespace {
struct Run {
    int exitCode = -1;
    QString out, err;
    bool finished = false;
};

Run runHeadroom(const QStringList& args, int timeoutMs = 120000, const QString& cacheHome = {},
                const QProcessEnvironment& extraEnv = {}) {
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString& k : extraEnv.keys()) {
        if (extraEnv.value(k).isEmpty())
            env.remove(k); // an empty value removes the shell's
        else
            env.insert(k, extraEnv.value(k));
    }
    if (!cacheHome.isEmpty())
        env.insert(QStringLiteral("XDG_CACHE_HOME"), cacheHome);
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(HEADROOM_BINARY), args);
    Run r;
    r.finished = p.waitForFinished(timeoutMs);
    if (!r.finished)
        p.kill();
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

// The "threading_runtime" block of the session a tiny headless run under `env` saves, or empty
// with the reason in `why`.
QJsonObject threadingRuntimeOfARun(const QProcessEnvironment& env, QString* why) {
    QTemporaryDir dir;
    const QString json = dir.filePath(QStringLiteral("s.json"));
    const Run h = runHeadroom({QStringLiteral("--headless"), QStringLiteral("--sizes"),
                               QStringLiteral("8"), QStringLiteral("--rungs"),
                               QStringLiteral("naive"), QStringLiteral("--no-measure"),
                               QStringLiteral("--quiet"), QStringLiteral("--json"), json},
                              120000, {}, env);
    if (h.exitCode != 0) {
        *why = QStringLiteral("headless run exited %1: %2").arg(h.exitCode).arg(h.err);
        return {};
    }
    const auto session = Session::load(json, why);
    return session ? session->environment.value(QStringLiteral("threading_runtime")).toObject()
                   : QJsonObject();
}

// Under the shell variables `vars` ("NAME=value"; an empty value unsets the shell's): what
// --list-rungs prints, and the "threading_runtime" block of a tiny headless run's session.
// Both must come out and say that headroom set the threading runtime; the caller checks
// QTest::currentTestFailed() after.
void threadingSetByHeadroom(const QStringList& vars, QString* listing, QJsonObject* runtime) {
    QProcessEnvironment shell;
    for (const QString& v : vars)
        shell.insert(v.section(QLatin1Char('='), 0, 0), v.section(QLatin1Char('='), 1));
    const Run r = runHeadroom({QStringLiteral("--list-rungs")}, 120000, {}, shell);
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains(QStringLiteral("(set by headroom)")), qPrintable(r.out));
    *listing = r.out;
    QString why;
    *runtime = threadingRuntimeOfARun(shell, &why);
    QVERIFY2(why.isEmpty(), qPrintable(why));
    QCOMPARE(runtime->value(QStringLiteral("set_by")).toString(), QStringLiteral("headroom"));
}
} // namespace

class TestCli : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void version() {
        const Run r = runHeadroom({QStringLiteral("--version")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.startsWith(QStringLiteral("headroom ")));
    }

    // The OpenMP/OpenBLAS waiting policy is the program's, whatever the shell says (#16).
    void threadingRuntimeIsTheProgramsChoice() {
        QString listing;
        QJsonObject rt;
        threadingSetByHeadroom(
            {QStringLiteral("OMP_WAIT_POLICY=active"), QStringLiteral("OMP_PROC_BIND=true")},
            &listing, &rt);
        if (QTest::currentTestFailed())
            return;
        QVERIFY2(listing.contains(QStringLiteral("OMP_WAIT_POLICY=passive OMP_PROC_BIND=false")),
                 qPrintable(listing));
        QVERIFY2(listing.contains(QStringLiteral("OMP_WAIT_POLICY=active")), qPrintable(listing));
        QCOMPARE(rt.value(QStringLiteral("omp_wait_policy")).toString(), QStringLiteral("passive"));
    }

    // The yardstick's kernel family is named, with where it came from; a family the user forces
    // is kept, and said to be weaker when the CPU runs a stronger one.
    void openblasKernelIsNamed() {
        if (!headroom::kernels::openblas_available())
            QSKIP("OpenBLAS is not installed");
        QProcessEnvironment shell;
        shell.insert(QStringLiteral("OPENBLAS_CORETYPE"), QStringLiteral("Prescott"));
        const Run forced = runHeadroom({QStringLiteral("--list-rungs")}, 120000, {}, shell);
        QCOMPARE(forced.exitCode, 0);
        QVERIFY2(forced.out.contains(QStringLiteral("Prescott kernel (OPENBLAS_CORETYPE=Prescott "
                                                    "from the environment")),
                 qPrintable(forced.out));
        const std::string best = headroom::kernels::openblasBestCore(headroom::kernels::cpuInfo());
        if (!best.empty())
            QVERIFY2(forced.out.contains(QStringLiteral("this CPU runs its %1 kernel")
                                             .arg(QString::fromStdString(best))),
                     qPrintable(forced.out));

        QProcessEnvironment unset;
        unset.insert(QStringLiteral("OPENBLAS_CORETYPE"), QString());
        const Run own = runHeadroom({QStringLiteral("--list-rungs")}, 120000, {}, unset);
        QCOMPARE(own.exitCode, 0);
        // Whichever way it went, the yardstick is never left on a family weaker than the CPU's.
        QVERIFY2(!own.out.contains(QStringLiteral("so the yardstick runs below")),
                 qPrintable(own.out));
        if (own.out.contains(QStringLiteral("chosen by headroom")))
            QVERIFY2(own.out.contains(QString::fromStdString(best) + QStringLiteral(" kernel")),
                     qPrintable(own.out));
    }

    // HEADROOM_OMP_WAIT_POLICY=default leaves OMP_WAIT_POLICY unset; both the listing and the
    // session say what is in force then, not an empty "OMP_WAIT_POLICY=".
    void waitPolicyLeftToLibgompIsNamed() {
        QString listing;
        QJsonObject rt;
        threadingSetByHeadroom({QStringLiteral("HEADROOM_OMP_WAIT_POLICY=default"),
                                QStringLiteral("OMP_WAIT_POLICY=active")},
                               &listing, &rt);
        if (QTest::currentTestFailed())
            return;
        QVERIFY2(!listing.contains(QStringLiteral("OMP_WAIT_POLICY= ")), qPrintable(listing));
        QVERIFY2(listing.contains(QStringLiteral("OMP_WAIT_POLICY unset (libgomp default: spin "
                                                 "then sleep; HEADROOM_OMP_WAIT_POLICY=default) "
                                                 "OMP_PROC_BIND=false")),
                 qPrintable(listing));
        QCOMPARE(rt.value(QStringLiteral("omp_wait_policy")).toString(), QString());
        QCOMPARE(
            rt.value(QStringLiteral("omp_wait_policy_unset")).toString(),
            QStringLiteral("libgomp default: spin then sleep; HEADROOM_OMP_WAIT_POLICY=default"));
    }

    // --run: the window's own run path, saved and closed with --headless's exit status.
    void runInTheWindow() {
        QTemporaryDir dir;
        const QString json = dir.filePath(QStringLiteral("w.json"));
        QProcessEnvironment offscreen;
        offscreen.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        const Run r =
            runHeadroom({QStringLiteral("--run"), QStringLiteral("--sizes"),
                         QStringLiteral("16,33"), QStringLiteral("--rungs"),
                         QStringLiteral("naive,microkernel"), QStringLiteral("--no-measure"),
                         QStringLiteral("--json"), json, QStringLiteral("--quit")},
                        120000, {}, offscreen);
        QVERIFY2(r.finished, "the window did not close after its run");
        QCOMPARE(r.exitCode, 0);
        QString error;
        const auto session = Session::load(json, &error);
        QVERIFY2(session, qPrintable(error));
        QCOMPARE(session->results.size(), 4);
        for (const PointResult& p : session->results)
            QCOMPARE(p.status, PointStatus::Verified);
    }

    void listRungs() {
        const Run r = runHeadroom({QStringLiteral("--list-rungs")});
        QCOMPARE(r.exitCode, 0);
        for (const char* id : {"python", "java", "naive", "interchange", "optflags", "parallel",
                               "tiled", "dac", "vectorized", "microkernel", "openblas"})
            QVERIFY2(r.out.contains(QLatin1String(id)), id);
        // The block sizes each blocked rung uses here are printed under it.
        QVERIFY(r.out.contains(QStringLiteral("blocks of B ")));
        QVERIFY(r.out.contains(QStringLiteral("leaves of at most ")));
        QVERIFY(r.out.contains(QStringLiteral("MR x NR")));
    }

    void badArguments_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("expect");
        auto args = [](std::initializer_list<const char*> list) {
            QStringList a;
            for (const char* s : list)
                a << QLatin1String(s);
            return a;
        };
        auto h = [&args](std::initializer_list<const char*> rest) {
            return args({"--headless", "--rungs", "optflags"}) + args(rest);
        };
        // A chart export of a session, with one more option.
        auto chart = [&args](std::initializer_list<const char*> rest) {
            return args({"--open", "/tmp/x.json", "--chart", "runtime", "--png", "/tmp/x.png"}) +
                   args(rest);
        };
        QTest::newRow("--quit without --run")
            << h({"--quit"}) << QStringLiteral("--quit goes with --run");
        QTest::newRow("--run with --csv")
            << args({"--run", "--csv", "/tmp/x.csv"}) << QStringLiteral("--csv is for --headless");
        QTest::newRow("--run --sizes abc")
            << args({"--run", "--sizes", "abc"}) << QStringLiteral("not a whole number");
        QTest::newRow("--run and --headless")
            << args({"--run", "--headless"}) << QStringLiteral("give only one of");
        QTest::newRow("size 0") << h({"--sizes", "0"}) << QStringLiteral("out of range");
        QTest::newRow("size -3") << h({"--sizes", "-3"}) << QStringLiteral("out of range");
        QTest::newRow("size abc") << h({"--sizes", "abc"}) << QStringLiteral("not a whole number");
        QTest::newRow("empty item") << h({"--sizes", "256,,512"}) << QStringLiteral("empty item");
        QTest::newRow("overflow") << h({"--sizes", "99999999999999999999"})
                                  << QStringLiteral("not a whole number");
        QTest::newRow("too big for memory") << h({"--sizes", "90000"}) << QStringLiteral("GiB");
        QTest::newRow("unknown rung")
            << args({"--headless", "--rungs", "fastest"}) << QStringLiteral("unknown rung");
        QTest::newRow("threads 0") << h({"--threads", "0"}) << QStringLiteral("--threads");
        QTest::newRow("threads -2") << h({"--threads", "-2"}) << QStringLiteral("--threads");
        QTest::newRow("budget negative") << h({"--budget", "-1"}) << QStringLiteral("--budget");
        QTest::newRow("budget abc") << h({"--budget", "abc"}) << QStringLiteral("--budget");
        QTest::newRow("repetitions 0")
            << h({"--repetitions", "0"}) << QStringLiteral("--repetitions");
        QTest::newRow("unknown flag") << args({"--headles"}) << QStringLiteral("Unknown option");
        QTest::newRow("unwritable json")
            << h({"--json", "/nonexistent-dir/out.json"}) << QStringLiteral("does not exist");
        QTest::newRow("json is a directory")
            << h({"--json", "/tmp"}) << QStringLiteral("is a directory");
        QTest::newRow("missing topology")
            << args({"--describe-machine", "--topology", "/nonexistent/topo.xml"})
            << QStringLiteral("topo.xml");
        QTest::newRow("bad format")
            << args({"--describe-machine", "--format", "yaml"}) << QStringLiteral("--format");
        QTest::newRow("measure and no-measure")
            << h({"--measure", "--no-measure"}) << QStringLiteral("contradict");
        QTest::newRow("describe: measure and no-measure")
            << args({"--describe-machine", "--measure", "--no-measure"})
            << QStringLiteral("contradict");
        QTest::newRow("two commands")
            << args({"--headless", "--list-rungs"}) << QStringLiteral("only one");
        QTest::newRow("chart without open")
            << args({"--chart", "gflops", "--png", "/tmp/x.png"}) << QStringLiteral("--open");
        QTest::newRow("chart unknown kind")
            << args({"--open", "/tmp/x.json", "--chart", "pie", "--png", "/tmp/x.png"})
            << QStringLiteral("pie");
        QTest::newRow("compare without chart") << args({"--compare", "/tmp/x.json"})
                                               << QStringLiteral("--compare is for chart export");
        QTest::newRow("chart size abc") << chart({"--size", "abc"}) << QStringLiteral("--size");
        QTest::newRow("chart size negative") << chart({"--size", "-3"}) << QStringLiteral("--size");
    }

    void badArguments() {
        QFETCH(QStringList, args);
        QFETCH(QString, expect);
        const Run r = runHeadroom(args, 60000);
        QVERIFY2(r.finished, "hung");
        QVERIFY2(r.exitCode > 0,
                 qPrintable(QStringLiteral("exit %1: %2").arg(r.exitCode).arg(r.err)));
        QVERIFY2(r.err.contains(expect), qPrintable(r.err));
        QVERIFY2(!r.out.contains(QStringLiteral("GFLOP/s")), "ran anyway");
    }

    void tinyHeadlessRun() {
        QTemporaryDir dir;
        const QString json = dir.filePath(QStringLiteral("s.json"));
        const QString csv = dir.filePath(QStringLiteral("s.csv"));
        const QString gb = dir.filePath(QStringLiteral("gb.json"));
        const Run r = runHeadroom(
            {QStringLiteral("--headless"), QStringLiteral("--no-measure"),
             QStringLiteral("--sizes"), QStringLiteral("31,64"), QStringLiteral("--rungs"),
             QStringLiteral("naive,optflags,parallel"), QStringLiteral("--threads"),
             QStringLiteral("2"), QStringLiteral("--budget"), QStringLiteral("2"),
             QStringLiteral("--json"), json, QStringLiteral("--csv"), csv,
             QStringLiteral("--benchmark-json"), gb});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.out.contains(QStringLiteral("n = 31")));
        QVERIFY(r.out.contains(QStringLiteral("n = 64")));
        QVERIFY(r.out.contains(QStringLiteral("verified")));
        QString error;
        auto s = Session::load(json, &error);
        QVERIFY2(s, qPrintable(error));
        QCOMPARE(s->results.size(), 6);
        for (const PointResult& p : s->results)
            QVERIFY2(p.verified(), qPrintable(p.message));
        QVERIFY(s->environment.contains(QStringLiteral("compiler")));
        QVERIFY(s->environment.contains(QStringLiteral("binding")));
        const QJsonObject blocking = s->environment.value(QStringLiteral("blocking")).toObject();
        const QJsonObject tiled = blocking.value(QStringLiteral("tiled")).toObject();
        QVERIFY(tiled.value(QStringLiteral("depth")).toInt() > 0);
        QVERIFY(tiled.value(QStringLiteral("cols")).toInt() > 0);
        QVERIFY(blocking.value(QStringLiteral("dac_leaf")).toInt() > 0);
        QVERIFY(blocking.value(QStringLiteral("vectorized_leaf")).toInt() > 0);
        QFile c(csv);
        QVERIFY(c.open(QIODevice::ReadOnly));
        QCOMPARE(c.readAll().trimmed().split('\n').size(), 7);
        QVERIFY(QFile::exists(gb));
    }

    // Over the budget naive is sampled (written "sampled" with its rows), unless --extrapolate.
    void sampledOrExtrapolated_data() {
        QTest::addColumn<bool>("extrapolate");
        QTest::newRow("sampled") << false;
        QTest::newRow("--extrapolate") << true;
    }
    void sampledOrExtrapolated() {
        QFETCH(bool, extrapolate);
        QTemporaryDir dir;
        const QString json = dir.filePath(QStringLiteral("s.json"));
        QStringList args{QStringLiteral("--headless"), QStringLiteral("--no-measure"),
                         QStringLiteral("--sizes"),    QStringLiteral("200"),
                         QStringLiteral("--rungs"),    QStringLiteral("naive"),
                         QStringLiteral("--budget"),   QStringLiteral("0.0001"),
                         QStringLiteral("--json"),     json};
        if (extrapolate)
            args << QStringLiteral("--extrapolate");
        const Run r = runHeadroom(args);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(r.out.contains(QStringLiteral("sampled: ")), !extrapolate);
        QCOMPARE(r.out.contains(QStringLiteral("extrapolated from n = 64")), extrapolate);
        QFile f(json);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        QCOMPARE(bytes.contains("\"status\": \"sampled\""), !extrapolate);
        QCOMPARE(bytes.contains("\"sampled_rows\""), !extrapolate);
        QString error;
        QVERIFY2(Session::fromBytes(bytes, &error), qPrintable(error));
    }

    // --measure measures the limits in this run even when they are cached, and the ratio line
    // says where its peak came from; a run after it uses the cache and says so.
    void measureInThisRun() {
        QTemporaryDir cache;
        const QStringList args{
            QStringLiteral("--headless"), QStringLiteral("--sizes"),     QStringLiteral("64"),
            QStringLiteral("--rungs"),    QStringLiteral("microkernel"), QStringLiteral("--budget"),
            QStringLiteral("1")};
        for (int run = 0; run < 2; ++run) {
            const Run r =
                runHeadroom(args + QStringList{QStringLiteral("--measure")}, 300000, cache.path());
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
            QVERIFY2(r.err.contains(QStringLiteral("Measuring this machine's limits")),
                     qPrintable(r.err)); // the second time too, though the cache has them now
            QVERIFY2(r.out.contains(QStringLiteral("(peak measured in this run)")),
                     qPrintable(r.out));
        }
        const Run cached = runHeadroom(args, 120000, cache.path());
        QVERIFY2(cached.exitCode == 0, qPrintable(cached.err));
        QVERIFY(!cached.err.contains(QStringLiteral("Measuring")));
        QVERIFY2(cached.out.contains(QStringLiteral("(peak measured in an earlier run, cached)")),
                 qPrintable(cached.out));
        QVERIFY(cached.err.contains(QStringLiteral("--measure measures it again")));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
