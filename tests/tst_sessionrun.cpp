// SPDX-License-Identifier: MIT
// One session run for both front ends: the memory check, the threads and binding, the
// environment block (the same from the command line's path and the window's RunJob), the
// autosave, and the run lock.
#include "ladderinfo.h"
#include "machinestore.h"
#include "runjob.h"
#include "runner_fixtures.h"
#include "sessionrun.h"

#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace headroom;

namespace {
using testing::smallPlan;
using testing::testMachine;

// The environment without what differs between two runs a moment apart.
QJsonObject comparable(QJsonObject e) {
    e.remove(QStringLiteral("date"));
    return e;
}
} // namespace

class TestSessionRun : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        // A lock of this test's own: another process's run must not make it wait.
        QVERIFY(m_dir.isValid());
        qputenv("HEADROOM_RUN_LOCK", QFile::encodeName(m_dir.filePath(QStringLiteral("lock"))));
    }

    void memoryCheckRefusesATooBigPlan() {
        constexpr qint64 kEightGiB = qint64(8) << 30;
        Plan plan = smallPlan({QStringLiteral("naive")}, {16, 90000});
        const QString why = SessionRun::checkMemory(plan, kEightGiB);
        QVERIFY2(why.startsWith(QStringLiteral("n = 90000 needs 181 GiB for A, B and C, but "
                                               "only 8 GiB of memory are available")),
                 qPrintable(why));
        QVERIFY2(why.contains(QStringLiteral("the largest size that fits is about 17")),
                 qPrintable(why));
        plan.sizes = {16, 4096};
        QVERIFY(SessionRun::checkMemory(plan, kEightGiB).isEmpty());
        plan.sizes = {90000};
        QVERIFY(SessionRun::checkMemory(plan, 0).isEmpty()); // memory unknown: not refused
    }

    void threadsAreThePlansOrOnePerCore() {
        const Machine m = testMachine(); // 2 cores, live
        Plan plan = smallPlan({QStringLiteral("naive")}, {8});
        plan.threads = 3;
        QCOMPARE(SessionRun::threadsFor(m, plan), 3);
        plan.threads = 0;
        QCOMPARE(SessionRun::threadsFor(m, plan), 2);
    }

    // The command line runs a SessionRun on its own thread; the window runs one through RunJob
    // on a worker thread. Both record the same environment block, threads and binding.
    void sameEnvironmentFromBothFrontEnds() {
        Plan plan = smallPlan({QStringLiteral("naive")}, {8});
        plan.threads = 0;
        const Machine machine = testMachine();

        SessionRun direct(plan, rungStatuses());
        QJsonObject started;
        SessionRunCallbacks cb;
        cb.started = [&](const Session& s) { started = s.environment; };
        QString error;
        QCOMPARE(direct.run([&] { return machine; }, cb, nullptr, RunLock::Mode::Wait, &error),
                 SessionRun::Outcome::Finished);
        const QJsonObject cli = direct.session().environment;
        QCOMPARE(started, cli);
        QCOMPARE(cli.value(QStringLiteral("threads")).toInt(), 2);
        QVERIFY2(cli.value(QStringLiteral("binding")).toString().contains(QStringLiteral("pinned")),
                 qPrintable(cli.value(QStringLiteral("binding")).toString()));
        QCOMPARE(direct.session().results.size(), 1);
        QCOMPARE(direct.session().results[0].status, PointStatus::Verified);

        RunJob job;
        QSignalSpy envSpy(&job, &RunJob::started);
        QSignalSpy done(&job, &RunJob::finished);
        job.start(machine, plan);
        QVERIFY(done.wait(60000));
        QCOMPARE(envSpy.size(), 1);
        const QJsonObject window = envSpy[0][1].toJsonObject();
        QCOMPARE(comparable(window), comparable(cli));
    }

    // Rung availability is a value the run is given, not a process-wide probe (#16): the
    // environment block records the list it was handed.
    void environmentRecordsTheRungsItWasGiven() {
        RungStatus planted;
        planted.id = QStringLiteral("naive");
        planted.available = false;
        planted.reason = QStringLiteral("planted by the test");
        planted.flags = QStringLiteral("-O0 -planted");
        const QJsonObject env =
            SessionRun::environmentFor(liveMachine(), 1, QList<RungStatus>{planted});
        const QJsonObject rungs = env.value(QStringLiteral("rungs")).toObject();
        QCOMPARE(rungs.keys(), QStringList{QStringLiteral("naive")});
        const QJsonObject naive = rungs.value(QStringLiteral("naive")).toObject();
        QCOMPARE(naive.value(QStringLiteral("available")).toBool(true), false);
        QCOMPARE(naive.value(QStringLiteral("reason")).toString(), planted.reason);
        QCOMPARE(env.value(QStringLiteral("rung_flags")).toObject().value(planted.id).toString(),
                 planted.flags);
    }

    void autosaveHoldsEveryPoint() {
        const QString path = m_dir.filePath(QStringLiteral("autosave.json"));
        SessionRun run(smallPlan({QStringLiteral("naive"), QStringLiteral("optflags")}, {8, 16}),
                       rungStatuses());
        run.setAutosave(path);
        int seen = 0;
        SessionRunCallbacks cb;
        cb.runner.result = [&](const PointResult&) {
            ++seen;
            QCOMPARE(run.session().results.size(), seen); // in the session before it is said
        };
        QString error;
        const Machine machine = testMachine();
        QCOMPARE(run.run([&] { return machine; }, cb, nullptr, RunLock::Mode::Wait, &error),
                 SessionRun::Outcome::Finished);
        QCOMPARE(seen, 4);
        const auto saved = Session::load(path, &error);
        QVERIFY2(saved, qPrintable(error));
        QCOMPARE(saved->results.size(), 4);
        QCOMPARE(saved->plan.sizes, QList<int>({8, 16}));
    }

    void refusedWhileAnotherRunHoldsTheLock() {
        QString error;
        const auto held = RunLock::acquire(RunLock::Mode::Refuse, {}, nullptr, &error);
        QVERIFY2(held, qPrintable(error));
        SessionRun run(smallPlan({QStringLiteral("naive")}, {8}), rungStatuses());
        bool machineAsked = false;
        const auto outcome = run.run(
            [&] {
                machineAsked = true;
                return testMachine();
            },
            {}, nullptr, RunLock::Mode::Refuse, &error);
        QCOMPARE(outcome, SessionRun::Outcome::NotStarted);
        QVERIFY2(error.contains(QStringLiteral("another headroom run")), qPrintable(error));
        QVERIFY(!machineAsked); // nothing measured without the lock
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestSessionRun)
#include "tst_sessionrun.moc"
