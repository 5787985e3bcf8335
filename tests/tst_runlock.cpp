// SPDX-License-Identifier: MIT
// One measurement at a time, and a headless run that is interrupted: a second run waits for the
// first or refuses (CLI and RunJob alike), and Ctrl-C / SIGTERM keep the finished points.
#include "runjob.h"
#include "runlock.h"
#include "session.h"

#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <unistd.h>

using namespace headroom;

namespace {

// The real binary on a tiny plan, sharing this test's lock file.
void startHeadroom(QProcess& p, const QStringList& args, const QString& lockPath) {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HEADROOM_RUN_LOCK"), lockPath);
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(HEADROOM_BINARY), args);
}

QStringList tinyRun(const QStringList& extra = {}) {
    return QStringList{QStringLiteral("--headless"), QStringLiteral("--sizes"),
                       QStringLiteral("16"),         QStringLiteral("--rungs"),
                       QStringLiteral("naive"),      QStringLiteral("--no-measure")} +
           extra;
}

// Waits until the process has written `text` on stderr (or ends); returns all of stderr.
QString waitForStderr(QProcess& p, const QString& text, int ms) {
    QString all;
    QDeadlineTimer deadline(ms);
    while (!deadline.hasExpired() && !all.contains(text) && p.state() != QProcess::NotRunning) {
        p.waitForReadyRead(100);
        all += QString::fromUtf8(p.readAllStandardError());
    }
    return all + QString::fromUtf8(p.readAllStandardError());
}

} // namespace

class TestRunLock : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init() {
        QVERIFY(m_dir.isValid());
        m_lock = m_dir.filePath(QStringLiteral("measure.lock"));
        qputenv("HEADROOM_RUN_LOCK", QFile::encodeName(m_lock));
    }

    void holderWritesItsPid() {
        QString error;
        {
            const auto lock = RunLock::acquire(RunLock::Mode::Refuse, {}, nullptr, &error);
            QVERIFY2(lock, qPrintable(error));
            QCOMPARE(RunLock::holderPid(m_lock), qint64(::getpid()));
        }
        QCOMPARE(RunLock::holderPid(m_lock), qint64(0)); // released and cleared
    }

    void secondCliRunRefusesWithNoWait() {
        QString error;
        const auto lock = RunLock::acquire(RunLock::Mode::Refuse, {}, nullptr, &error);
        QVERIFY2(lock, qPrintable(error));
        QProcess p;
        startHeadroom(p, tinyRun({QStringLiteral("--no-wait")}), m_lock);
        QVERIFY(p.waitForFinished(60000));
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QCOMPARE(p.exitCode(), 1);
        QVERIFY2(err.contains(QStringLiteral("another headroom run (pid %1)").arg(::getpid())),
                 qPrintable(err));
    }

    void secondCliRunWaitsThenRuns() {
        QString error;
        auto lock = RunLock::acquire(RunLock::Mode::Refuse, {}, nullptr, &error);
        QVERIFY2(lock, qPrintable(error));
        QProcess p;
        startHeadroom(p, tinyRun(), m_lock);
        const QString err = waitForStderr(p, QStringLiteral("waiting for"), 30000);
        QVERIFY2(err.contains(
                     QStringLiteral("waiting for another headroom run (pid %1)").arg(::getpid())),
                 qPrintable(err));
        QTest::qWait(300);
        QCOMPARE(p.state(), QProcess::Running); // still waiting: nothing timed beside us
        lock.reset();
        QVERIFY(p.waitForFinished(120000));
        QCOMPARE(p.exitCode(), 0);
    }

    void runJobWaitsAndCanBeCancelled() {
        QString error;
        const auto lock = RunLock::acquire(RunLock::Mode::Refuse, {}, nullptr, &error);
        QVERIFY2(lock, qPrintable(error));
        RunJob job;
        QSignalSpy log(&job, &RunJob::logMessage);
        QSignalSpy done(&job, &RunJob::finished);
        QSignalSpy results(&job, &RunJob::resultAvailable);
        Plan plan;
        plan.sizes = {16};
        plan.rungs = {QStringLiteral("naive")};
        job.start(Machine{}, plan);
        QTRY_VERIFY_WITH_TIMEOUT(!log.isEmpty(), 10000);
        QVERIFY2(log.first().at(1).toString().contains(QStringLiteral("another headroom run")),
                 qPrintable(log.first().at(1).toString()));
        QTest::qWait(300);
        QVERIFY(done.isEmpty() && results.isEmpty()); // nothing measured while the lock is held
        job.cancel();
        QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 10000);
        QCOMPARE(done.first().at(1).toBool(), true);
        QVERIFY(results.isEmpty());
    }

    void interruptKeepsFinishedPoints_data() {
        QTest::addColumn<int>("sig");
        QTest::addColumn<int>("exitCode");
        QTest::newRow("Ctrl-C") << int(SIGINT) << 130;
        QTest::newRow("SIGTERM") << int(SIGTERM) << 143;
    }

    void interruptKeepsFinishedPoints() {
        QFETCH(int, sig);
        QFETCH(int, exitCode);
        const QString json = m_dir.filePath(QStringLiteral("s.json"));
        const QString csv = m_dir.filePath(QStringLiteral("s.csv"));
        QFile::remove(json);
        QProcess p;
        // Many small points: the signal lands between the first and the last.
        startHeadroom(p,
                      {QStringLiteral("--headless"), QStringLiteral("--sizes"),
                       QStringLiteral("16,24,32,48,64,96,128,192,256,384,512"),
                       QStringLiteral("--rungs"), QStringLiteral("naive,interchange"),
                       QStringLiteral("--no-measure"), QStringLiteral("--json"), json,
                       QStringLiteral("--csv"), csv},
                      m_lock);
        const QString before = waitForStderr(p, QStringLiteral("interchange  n=16"), 60000);
        QVERIFY2(before.contains(QStringLiteral("interchange  n=16")), qPrintable(before));
        ::kill(static_cast<pid_t>(p.processId()), sig);
        QVERIFY(p.waitForFinished(60000));
        const QString err = before + QString::fromUtf8(p.readAllStandardError());
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), exitCode);
        QVERIFY2(err.contains(QStringLiteral("interrupted by")), qPrintable(err));
        QString error;
        const auto session = Session::load(json, &error);
        QVERIFY2(session, qPrintable(error));
        QVERIFY(session->results.size() >= 2);
        QVERIFY(session->results.size() < 22); // it stopped early
        QFile f(csv);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll().count('\n'), qsizetype(session->results.size() + 1));
    }

private:
    QTemporaryDir m_dir;
    QString m_lock;
};

QTEST_GUILESS_MAIN(TestRunLock)
#include "tst_runlock.moc"
