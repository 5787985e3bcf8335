// SPDX-License-Identifier: MIT
// Faults (#8): kill -9 during a session save, many times (the file is the old or the new session,
// never partial); cancel at random points of a run, many times, both on the Runner directly and
// through the GUI's RunJob worker (no hang, what finished is kept and verified); a planted wrong
// kernel is marked failed by a real run and the model and the GFLOP/s chart do not show it fast.
//
// The saver child is this executable started with "--saver PATH": it links the real core and
// saves through Session::save, as the app does after every point.
#include "chartpanel.h"
#include "charts.h"
#include "laddertable.h"
#include "performancechart.h"
#include "planted_kernels.h"
#include "resultsmodel.h"
#include "rooflinechart.h"
#include "runjob.h"
#include "runner.h"
#include "runtimechart.h"
#include "session.h"

#include <ladder.h>

#include <QApplication>
#include <QChart>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLogValueAxis>
#include <QProcess>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>

#include <QTest>
#include <QValueAxis>
#include <QXYSeries>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <future>
#include <thread>

using namespace headroom;
using namespace headroom::ui;

namespace {

constexpr int kResultsPerSession = 5000; // about 2 MB of JSON: a save takes long enough to be hit

// A large session whose title and every result carry the generation, so that a mixed (partial
// or interleaved) file would show as a mismatch even if it happened to parse.
Session bigSession(int generation) {
    Session s;
    s.title = QStringLiteral("generation %1").arg(generation);
    s.machine.topology.source = QStringLiteral("live");
    s.machine.topology.cores = 2;
    s.machine.topology.pus = 2;
    s.machine.topology.packages = 1;
    s.plan = Plan::preset(QStringLiteral("quick"));
    s.results.reserve(kResultsPerSession);
    for (int i = 0; i < kResultsPerSession; ++i) {
        PointResult p;
        p.rung = QStringLiteral("naive");
        p.n = i + 1;
        p.status = PointStatus::Verified;
        p.gflops = generation + 1; // every point says which save wrote it (0 is no GFLOP/s)
        p.seconds = 2.0 * p.n * p.n * p.n / (p.gflops * 1e9); // consistent, as the loader checks
        p.repetitions = 3;
        p.check = QStringLiteral("freivalds+full");
        s.results.append(p);
    }
    return s;
}

// The child: saves generation 1, 2, 3, ... to `path` until killed, printing each committed one.
int saverMain(const QString& path) {
    for (int generation = 1;; ++generation) {
        QString error;
        if (!bigSession(generation).save(path, &error)) {
            std::fprintf(stderr, "save failed: %s\n", qPrintable(error));
            return 1;
        }
        std::printf("%d\n", generation);
        std::fflush(stdout);
    }
}

Machine testMachine() {
    Machine m;
    m.topology.source = QStringLiteral("live");
    m.topology.cores = 2;
    return m;
}

Plan cancelPlan() {
    Plan p;
    p.rungs = {QStringLiteral("naive"),      QStringLiteral("optflags"),
               QStringLiteral("parallel"),   QStringLiteral("tiled"),
               QStringLiteral("dac"),        QStringLiteral("vectorized"),
               QStringLiteral("microkernel")};
    p.sizes = {17, 64, 150, 256};
    p.threads = 2;
    p.budgetSeconds = 30;
    p.repetitions = 2;
    p.minSeconds = 0;
    return p;
}

using testing::wrongKernel;

// Every point a cancelled run returns must be one the plan asked for, reported once, verified.
void checkPartial(const Plan& plan, const QList<PointResult>& returned,
                  const QList<PointResult>& delivered) {
    QCOMPARE(returned.size(), delivered.size());
    QSet<QPair<QString, int>> seen;
    for (qsizetype i = 0; i < returned.size(); ++i) {
        const PointResult& p = returned[i];
        QCOMPARE(p.rung, delivered[i].rung);
        QCOMPARE(p.n, delivered[i].n);
        QVERIFY(plan.rungs.contains(p.rung));
        QVERIFY(plan.sizes.contains(p.n));
        QVERIFY2(!seen.contains({p.rung, p.n}), "a point reported twice");
        seen.insert({p.rung, p.n});
        QVERIFY2(p.status == PointStatus::Verified || p.status == PointStatus::Extrapolated,
                 qPrintable(p.rung + u' ' + statusName(p.status) + u' ' + p.message));
    }
}

} // namespace

class TestHardeningFaults : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void killDuringSave() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("session.json"));
        QString error;
        QVERIFY(bigSession(0).save(path, &error));
        const int kills = qEnvironmentVariableIntValue("HEADROOM_HARDENING_KILLS") > 0
                              ? qEnvironmentVariableIntValue("HEADROOM_HARDENING_KILLS")
                              : 40;
        // Kill moments spread over about three saves after the child's first commit, so that
        // kills land before, during and between saves (a save's length differs a lot between a
        // Release and a sanitizer build, so it is measured, not assumed).
        QElapsedTimer clock;
        clock.start();
        QVERIFY(bigSession(0).save(path, &error));
        const int saveMs = std::max<int>(10, static_cast<int>(clock.elapsed()));
        int lastCommitted = 0, changed = 0;
        for (int k = 0; k < kills; ++k) {
            QProcess child;
            child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--saver"), path});
            QVERIFY(child.waitForStarted());
            if (k % 4 != 0) // every fourth kill may also land before the first save ends
                QVERIFY(child.waitForReadyRead(120000));
            QTest::qWait(static_cast<int>(QRandomGenerator::global()->bounded(0, 3 * saveMs)));
            child.kill(); // SIGKILL
            QVERIFY(child.waitForFinished(30000));
            const QList<QByteArray> lines = child.readAllStandardOutput().split('\n');
            int committed = 0;
            for (const QByteArray& l : lines)
                if (!l.trimmed().isEmpty())
                    committed = l.trimmed().toInt();
            auto s = Session::load(path, &error);
            QVERIFY2(s, qPrintable(QStringLiteral("kill %1: %2").arg(k).arg(error)));
            QCOMPARE(s->results.size(), kResultsPerSession);
            const int generation = s->title.section(u' ', 1).toInt();
            for (const PointResult& p : s->results)
                QCOMPARE(static_cast<int>(p.gflops) - 1, generation);
            // The file is the last committed save of this child, or the one it was writing when
            // killed (rename done, "printf" not yet), or the previous file if it committed none.
            if (committed > 0)
                QVERIFY2(generation == committed || generation == committed + 1,
                         qPrintable(QStringLiteral("file has %1, child committed %2")
                                        .arg(generation)
                                        .arg(committed)));
            else
                QVERIFY(generation == lastCommitted || generation == 1);
            changed += generation != lastCommitted;
            lastCommitted = generation;
        }
        // Temporary files of killed saves may stay beside it; they are never the session.
        qInfo("%d kills, the file changed %d times (one save: %d ms)", kills, changed, saveMs);
        QVERIFY2(changed > 0, "no kill came after a save: the test did not test the new file");
    }

    // Cancel the Runner from another thread after a random delay, many times.
    void cancelRunnerAtRandomPoints() {
        const Plan plan = cancelPlan();
        const int rounds = 25;
        int partial = 0;
        for (int round = 0; round < rounds; ++round) {
            Runner runner(testMachine(), rungStatuses());
            std::atomic<bool> cancel{false};
            QList<PointResult> delivered;
            RunnerCallbacks cb;
            cb.result = [&](const PointResult& p) { delivered.append(p); };
            const int delayMs = static_cast<int>(QRandomGenerator::global()->bounded(0, 600));
            auto run =
                std::async(std::launch::async, [&] { return runner.run(plan, cb, &cancel); });
            std::this_thread::sleep_for(std::chrono::milliseconds(delayMs));
            cancel = true;
            // A hang shows as the run not ending at all; the bound is far above any real cancel.
            QVERIFY2(run.wait_for(std::chrono::minutes(3)) == std::future_status::ready,
                     "a cancelled run did not end");
            const QList<PointResult> returned = run.get();
            checkPartial(plan, returned, delivered);
            partial += returned.size() < plan.rungs.size() * plan.sizes.size();
        }
        qInfo("%d of %d cancelled runs ended early", partial, rounds);
        QVERIFY(partial > 0); // otherwise nothing was cancelled and the test tested nothing
    }

    // The GUI's path: RunJob on its worker thread, cancelled at random, restarted at once.
    void cancelRunJobAtRandomPoints() {
        RunJob job;
        QList<PointResult> got;
        quint64 current = 0;
        connect(&job, &RunJob::resultAvailable, this, [&](quint64 id, const PointResult& p) {
            if (id == current)
                got.append(p);
        });
        QSignalSpy finished(&job, &RunJob::finished);
        const Plan plan = cancelPlan();
        for (int round = 0; round < 15; ++round) {
            got.clear();
            finished.clear();
            current = job.start(testMachine(), plan);
            QTest::qWait(static_cast<int>(QRandomGenerator::global()->bounded(0, 500)));
            job.cancel();
            QVERIFY2(job.wait(180000), "a cancelled job did not end");
            QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 10000);
            QCOMPARE(finished.last().at(0).toULongLong(), current);
            for (const PointResult& p : got)
                QVERIFY2(p.verified() || p.extrapolated(), qPrintable(p.message));
        }
        // Start and cancel before a single point: no leak, no late result of a dead job.
        for (int i = 0; i < 10; ++i) {
            current = job.start(testMachine(), plan);
            job.cancel();
        }
        QVERIFY(job.wait(180000));
    }

    // A wrong kernel in a real run: failed, with a reason; the model says failed; the GFLOP/s
    // chart does not draw it at its (fast, wrong) speed.
    void plantedWrongKernelNotChartedFast() {
        Runner runner(testMachine(), rungStatuses());
        runner.overrideKernel(QStringLiteral("tiled"), wrongKernel);
        Plan plan = cancelPlan();
        plan.rungs = {QStringLiteral("optflags"), QStringLiteral("tiled")};
        plan.sizes = {64, 300};
        plan.fullCheckMaxN = 100; // n = 300 rests on Freivalds alone
        const QList<PointResult> res = runner.run(plan, {});
        QCOMPARE(res.size(), 4);
        ResultsModel model;
        model.setPlan(plan);
        for (const PointResult& p : res) {
            if (p.rung == QLatin1String("tiled")) {
                QCOMPARE(p.status, PointStatus::Failed);
                QVERIFY(!p.message.isEmpty());
            } else {
                QVERIFY2(p.verified(), qPrintable(p.message));
            }
            model.appendResult(0, p);
        }
        for (int row = 0; row < model.rowCount(); ++row) {
            const QModelIndex status = model.index(row, ResultsModel::StatusColumn);
            if (model.data(status, ResultsModel::RungRole).toString() != QLatin1String("tiled"))
                continue;
            QCOMPARE(model.data(status, ResultsModel::StatusRole).toInt(),
                     static_cast<int>(PointStatus::Failed));
            QCOMPARE(model.data(status).toString(), QStringLiteral("failed"));
        }
        // Failed points sit on the floor of the GFLOP/s chart, whatever speed they measured:
        // no mark of the failed rung may stand above the bottom of the axis (a factor 2 of it).
        PerformanceChart gflops(&model);
        const auto axes = gflops.chart()->axes(Qt::Vertical);
        QVERIFY(!axes.isEmpty());
        auto* axis = qobject_cast<QValueAxis*>(axes.first());
        auto* logAxis = qobject_cast<QLogValueAxis*>(axes.first());
        QVERIFY(axis || logAxis);
        const double floor = axis ? axis->min() : logAxis->min();
        QVERIFY(floor > 0 || axis);
        int tiledPoints = 0;
        const auto series = gflops.chart()->series();
        for (QAbstractSeries* s : series) {
            auto* xy = qobject_cast<QXYSeries*>(s);
            if (!xy || xy->property("headroomRung") != QStringLiteral("tiled"))
                continue;
            for (const QPointF& pt : xy->points()) {
                const PointResult* p = model.find(0, QStringLiteral("tiled"), qRound(pt.x()));
                QVERIFY(p);
                ++tiledPoints;
                QVERIFY2(pt.y() <= 2 * floor,
                         qPrintable(QStringLiteral("failed n=%1 (%2 GFLOP/s) drawn at %3, floor %4")
                                        .arg(p->n)
                                        .arg(p->gflops)
                                        .arg(pt.y())
                                        .arg(floor)));
            }
        }
        QVERIFY2(tiledPoints > 0, "the failed points are not shown at all");
        qInfo("%d marks of the failed rung, all on the floor", tiledPoints);
    }
};

int main(int argc, char** argv) {
    if (argc == 3 && qstrcmp(argv[1], "--saver") == 0) {
        QCoreApplication app(argc, argv);
        return saverMain(QString::fromLocal8Bit(argv[2]));
    }
    QApplication app(argc, argv);
    TestHardeningFaults t;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&t, argc, argv);
}

#include "tst_hardening_faults.moc"
