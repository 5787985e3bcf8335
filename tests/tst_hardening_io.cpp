// SPDX-License-Identifier: MIT
// The second hardening round (#20) through the real binary: outputs that never destroy (device
// nodes, FIFOs, a full disk, a suffix Qt cannot write), inputs that cannot exhaust (a 1 MiB
// title, a 100,000-point session), and messages that name the real cause and limit.
#include "run_headroom.h"
#include "session.h"
#include "test_files.h"
#include "ui_export_fixtures.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>

extern char** environ;

using namespace headroom;

namespace {

QStringList chart(const QString& session, std::initializer_list<QString> rest) {
    QStringList a{QStringLiteral("--open"),   session,
                  QStringLiteral("--chart"),  QStringLiteral("runtime"),
                  QStringLiteral("--width"),  QStringLiteral("640"),
                  QStringLiteral("--height"), QStringLiteral("360")};
    for (const QString& s : rest)
        a << s;
    return a;
}

// The real binary under a file size limit (`blocks` of 512 bytes) with SIGXFSZ ignored, as a
// nearly full disk behaves: writes fail with an errno instead of the process being killed.
Run runWithFileLimit(int blocks, const QStringList& arguments) {
    QStringList quoted;
    for (const QString& a : arguments)
        quoted << QLatin1Char('\'') + a + QLatin1Char('\'');
    QProcess p;
    p.start(QStringLiteral("/bin/sh"),
            {QStringLiteral("-c"), QStringLiteral("trap '' XFSZ; ulimit -f %1; exec '%2' %3")
                                       .arg(blocks)
                                       .arg(QStringLiteral(HEADROOM_BINARY), quoted.join(u' '))});
    Run r;
    r.finished = p.waitForFinished(120000);
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.err = QString::fromUtf8(p.readAllStandardError());
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    return r;
}

// A session of rungs x sizes points, every one consistent (GFLOP/s = 2n³/seconds).
Session denseSession(int sizes) {
    Session s = testing::makeSession(QStringLiteral("dense"));
    s.results.clear();
    const char* rungs[] = {"python", "naive", "interchange", "optflags",    "parallel",
                           "tiled",  "dac",   "vectorized",  "microkernel", "openblas"};
    double speed = 0.03;
    for (const char* rung : rungs) {
        for (int n = 1; n <= sizes; ++n) {
            const double gflops = speed * (1 + 0.1 * ((n * 7919) % 13) / 13.0);
            PointResult p = testing::makePoint(QString::fromLatin1(rung), n,
                                               2.0 * n * n * double(n) / gflops / 1e9);
            p.gflops = gflops;
            s.results.append(p);
        }
        speed *= 2;
    }
    return s;
}

struct Measured {
    int exitCode = -1;
    double seconds = 0;
    double maxRssMb = 0;
};

// Spawns the binary and reads its own peak memory from wait4 (not the test's other children).
Measured measure(const QStringList& arguments) {
    QList<QByteArray> bytes{QByteArrayLiteral(HEADROOM_BINARY)};
    for (const QString& a : arguments)
        bytes << a.toLocal8Bit();
    std::vector<char*> argv;
    for (QByteArray& b : bytes)
        argv.push_back(b.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    Measured m;
    const auto start = std::chrono::steady_clock::now();
    pid_t pid = 0;
    if (posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ) != 0)
        return m;
    posix_spawn_file_actions_destroy(&actions);
    int status = 0;
    rusage usage{};
    ::wait4(pid, &status, 0, &usage);
    m.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    m.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    m.maxRssMb = usage.ru_maxrss / 1024.0;
    return m;
}

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
constexpr double kSanitizerFactor = 4; // ASan/TSan builds: memory and time several times more
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
constexpr double kSanitizerFactor = 4;
#else
constexpr double kSanitizerFactor = 1;
#endif
#else
constexpr double kSanitizerFactor = 1;
#endif

} // namespace

class TestHardeningIo : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_session;

private Q_SLOTS:
    void initTestCase() {
        m_session = m_dir.filePath(QStringLiteral("session.json"));
        QString error;
        QVERIFY2(testing::makeSession(QStringLiteral("node")).save(m_session, &error),
                 qPrintable(error));
    }

    // Row 2: /dev/full says ENOSPC and fails; /dev/null is written through and stays a device.
    void deviceOutputs_data() {
        QTest::addColumn<QString>("option");
        for (const char* o : {"--png", "--svg", "--pdf"})
            QTest::newRow(o) << QString::fromLatin1(o);
    }
    void deviceOutputs() {
        QFETCH(QString, option);
        const Run full = runHeadroom(chart(m_session, {option, QStringLiteral("/dev/full")}));
        QCOMPARE(full.exitCode, 1);
        QVERIFY2(full.err.contains(QStringLiteral("No space left on device")),
                 qPrintable(full.err));
        QVERIFY2(!full.out.contains(QStringLiteral("wrote")), qPrintable(full.out));
        QVERIFY(isCharDevice(QStringLiteral("/dev/full")));
        const Run null = runHeadroom(chart(m_session, {option, QStringLiteral("/dev/null")}));
        QVERIFY2(null.exitCode == 0, qPrintable(null.err));
        QVERIFY(isCharDevice(QStringLiteral("/dev/null")));
    }

    // Row 2, JSON: a headless session to /dev/full fails with the cause.
    void headlessJsonToDevFull() {
        const Run r = runHeadroom({QStringLiteral("--headless"), QStringLiteral("--no-measure"),
                                   QStringLiteral("--rungs"), QStringLiteral("optflags"),
                                   QStringLiteral("--sizes"), QStringLiteral("16"),
                                   QStringLiteral("--json"), QStringLiteral("/dev/full")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("No space left on device")), qPrintable(r.err));
        QVERIFY(isCharDevice(QStringLiteral("/dev/full")));
    }

    // Row 2 as root: a device node in a writable directory is written through, not replaced.
    void deviceNodeAsRoot() {
        if (::geteuid() != 0)
            QSKIP("mknod needs root; /dev/null and /dev/full are covered by deviceOutputs");
        QTemporaryDir dir;
        const QString node = dir.filePath(QStringLiteral("null.png"));
        QVERIFY(::mknod(QFile::encodeName(node).constData(), S_IFCHR | 0666, makedev(1, 3)) == 0);
        const Run r = runHeadroom(chart(m_session, {QStringLiteral("--png"), node}));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(isCharDevice(node), "the device node was replaced by a file");
    }

    // Row 2: a reader on a FIFO gets the whole SVG.
    void fifoReaderGetsTheBytes() {
        QTemporaryDir dir;
        const QString fifo = dir.filePath(QStringLiteral("chart.svg"));
        QVERIFY(::mkfifo(QFile::encodeName(fifo).constData(), 0600) == 0);
        QProcess cat;
        cat.start(QStringLiteral("cat"), {fifo});
        QVERIFY(cat.waitForStarted());
        const Run r = runHeadroom(chart(m_session, {QStringLiteral("--svg"), fifo}));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(cat.waitForFinished(30000));
        const QByteArray got = cat.readAllStandardOutput();
        QVERIFY2(got.size() > 1000 && got.trimmed().endsWith("</svg>"),
                 qPrintable(QString::number(got.size())));
    }

    // Row 3: every format on a "full disk" keeps the old file and names the cause.
    void fullDiskKeepsOldFiles_data() {
        QTest::addColumn<QString>("option");
        QTest::addColumn<QString>("name");
        QTest::newRow("svg") << QStringLiteral("--svg") << QStringLiteral("old.svg");
        QTest::newRow("png") << QStringLiteral("--png") << QStringLiteral("old.png");
        QTest::newRow("pdf") << QStringLiteral("--pdf") << QStringLiteral("old.pdf");
    }
    void fullDiskKeepsOldFiles() {
        QFETCH(QString, option);
        QFETCH(QString, name);
        QTemporaryDir dir;
        const QString path = dir.filePath(name);
        const QByteArray old(4000, 'o');
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(old);
        }
        const Run r = runWithFileLimit(16, chart(m_session, {option, path})); // 8 KiB
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("File too large")), qPrintable(r.err));
        QVERIFY2(!r.out.contains(QStringLiteral("wrote")), qPrintable(r.out));
        QCOMPARE(readAll(path), old);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{name});
    }

    // Row 3, JSON: the session of a headless run on a "full disk" keeps the old file.
    void fullDiskKeepsOldSession() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("old.json"));
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("old");
        }
        const Run r = runWithFileLimit(
            16, {QStringLiteral("--headless"), QStringLiteral("--no-measure"),
                 QStringLiteral("--rungs"), QStringLiteral("optflags"), QStringLiteral("--sizes"),
                 QStringLiteral("16"), QStringLiteral("--quiet"), QStringLiteral("--json"), path});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("cannot write %1: File too large").arg(path)),
                 qPrintable(r.err));
        QCOMPARE(readAll(path), QByteArray("old"));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden),
                 QStringList{QStringLiteral("old.json")});
    }

    // Row 7: the format follows the suffix where Qt writes it; otherwise refused.
    void formatFollowsSuffix() {
        QTemporaryDir dir;
        const QString jpg = dir.filePath(QStringLiteral("out.jpg"));
        const Run r = runHeadroom(chart(m_session, {QStringLiteral("--png"), jpg}));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(readAll(jpg).startsWith("\xFF\xD8\xFF"), "not JPEG bytes");
        QVERIFY2(r.out.contains(QStringLiteral("JPG")), qPrintable(r.out));
        for (const auto& [option, file] :
             {std::pair{QStringLiteral("--png"), QStringLiteral("out.txt")},
              std::pair{QStringLiteral("--png"), QStringLiteral("out.svg")},
              std::pair{QStringLiteral("--svg"), QStringLiteral("out.png")},
              std::pair{QStringLiteral("--pdf"), QStringLiteral("out.svg")}}) {
            const Run bad = runHeadroom(chart(m_session, {option, dir.filePath(file)}));
            QVERIFY2(bad.exitCode == 2, qPrintable(option + u' ' + file + u": " + bad.err));
            QVERIFY2(bad.err.startsWith(QStringLiteral("headroom: ") + option),
                     qPrintable(bad.err));
            QVERIFY(!QFileInfo::exists(dir.filePath(file)));
        }
    }

    // Row 1: a compared session with a 1 MiB title is refused at once, the limit named; a title
    // at the limit draws (elided) as fast as any other.
    void hugeTitleIsRefused() {
        QTemporaryDir dir;
        Session b = testing::makeSession(QStringLiteral("b"));
        b.title = QString(1 << 20, QLatin1Char('B'));
        const QString other = dir.filePath(QStringLiteral("b.json"));
        QString error;
        QVERIFY2(b.save(other, &error), qPrintable(error));
        const QString png = dir.filePath(QStringLiteral("x.png"));
        const Run r = runHeadroom(
            chart(m_session, {QStringLiteral("--compare"), other, QStringLiteral("--png"), png}) +
                QStringList{QStringLiteral("--chart"), QStringLiteral("roofline")},
            {}, {}, 60000);
        QVERIFY(r.finished);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("the limit is 256")), qPrintable(r.err.left(300)));
        b.title = QString(256, QLatin1Char('B'));
        QVERIFY2(b.save(other, &error), qPrintable(error));
        const Run ok = runHeadroom(
            chart(m_session, {QStringLiteral("--compare"), other, QStringLiteral("--png"), png}));
        QVERIFY2(ok.exitCode == 0, qPrintable(ok.err));
    }

    // Row 11: a 100,000-point session draws the dashboard (all four charts) within 5 s and
    // 500 MB. Failing only at 4x the time (a shared machine), and at the memory bound itself
    // (x4 under a sanitizer); the numbers are printed for the report.
    void denseSessionDrawsInBounds() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("dense.json"));
        QString error;
        QVERIFY2(denseSession(10000).save(path, &error), qPrintable(error));
        const Measured m = measure({QStringLiteral("--open"), path, QStringLiteral("--chart"),
                                    QStringLiteral("dashboard"), QStringLiteral("--png"),
                                    dir.filePath(QStringLiteral("d.png"))});
        qInfo("100,000 points, dashboard: %.2f s, %.0f MB max RSS", m.seconds, m.maxRssMb);
        QCOMPARE(m.exitCode, 0);
        QVERIFY2(m.seconds <= 4 * 5 * kSanitizerFactor, qPrintable(QString::number(m.seconds)));
        QVERIFY2(m.maxRssMb <= 500 * kSanitizerFactor, qPrintable(QString::number(m.maxRssMb)));
    }

    // Rows 6, 9, 10: the messages name the real cause and limit.
    void messagesNameTheCause() {
        QTemporaryDir cache;
        QProcessEnvironment env;
        env.insert(QStringLiteral("XDG_CACHE_HOME"), cache.path()); // no limits cached
        const Run r = runHeadroom({QStringLiteral("--headless"), QStringLiteral("--no-measure"),
                                   QStringLiteral("--rungs"), QStringLiteral("optflags"),
                                   QStringLiteral("--sizes"), QStringLiteral("16"),
                                   QStringLiteral("--repetitions"), QStringLiteral("1")},
                                  env);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("--repetitions 1 is a minimum")), qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("no limits of this machine are cached")),
                 qPrintable(r.err));
        const Run budget = runHeadroom(
            {QStringLiteral("--headless"), QStringLiteral("--budget"), QStringLiteral("1e7")});
        QCOMPARE(budget.exitCode, 2);
        QVERIFY2(budget.err.contains(QStringLiteral("at most 1000000 s")), qPrintable(budget.err));

        QTemporaryDir dir;
        const QString loop = dir.filePath(QStringLiteral("loop.json"));
        QVERIFY(QFile::link(loop, loop));
        const Run looped = runHeadroom(
            chart(loop, {QStringLiteral("--png"), dir.filePath(QStringLiteral("x.png"))}));
        QCOMPARE(looped.exitCode, 1);
        QVERIFY2(looped.err.contains(QStringLiteral("Too many levels of symbolic links")),
                 qPrintable(looped.err));
    }

    // Row 13: --help names the program, not the build's path; README and man page agree on
    // the exit codes.
    void helpAndExitCodes() {
        const Run help = runHeadroom({QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        QVERIFY2(help.out.startsWith(QStringLiteral("Usage: headroom ")),
                 qPrintable(help.out.left(80)));
        QVERIFY(!help.out.contains(QStringLiteral(HEADROOM_BINARY)));
        const QString man = QString::fromUtf8(
            readAll(QStringLiteral(HEADROOM_SOURCE_DIR "/packaging/headroom.1.in")));
        const QString readme =
            QString::fromUtf8(readAll(QStringLiteral(HEADROOM_SOURCE_DIR "/README.md")));
        const qsizetype at = man.indexOf(QStringLiteral(".SH EXIT STATUS"));
        QVERIFY(at >= 0);
        const QString exits = man.mid(at, man.indexOf(QStringLiteral(".SH"), at + 4) - at);
        for (const char* code : {"0", "1", "2", "3"}) {
            QVERIFY2(exits.contains(QStringLiteral(".B %1").arg(QLatin1String(code))), code);
            QVERIFY2(readme.contains(QStringLiteral(", %1 ").arg(QLatin1String(code))) ||
                         readme.contains(QStringLiteral("codes: %1 ").arg(QLatin1String(code))),
                     code);
        }
    }
};

QTEST_GUILESS_MAIN(TestHardeningIo)
#include "tst_hardening_io.moc"
