// SPDX-License-Identifier: MIT
#include "interpreted.h"
#include "ladderinfo.h"
#include "planted_kernels.h"
#include "runner.h"
#include "runner_fixtures.h"

#include <ladder.h>

#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

using namespace headroom;

namespace {
using testing::smallPlan;
using testing::testMachine;

using testing::wrongKernel;
// Like a library whose first call starts its thread pool: slow once, then fast.
std::atomic<int> g_coldCalls{0};
void coldStartKernel(const kernels::GemmArgs& args) {
    if (g_coldCalls.fetch_add(1) == 0)
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
    kernels::gemm_optflags(args);
}
// Records which rung ran, in call order (the runner calls kernels from its own thread).
std::vector<char> g_calls;
void recordingOptflags(const kernels::GemmArgs& args) {
    g_calls.push_back('o');
    kernels::gemm_optflags(args);
}
void recordingParallel(const kernels::GemmArgs& args) {
    g_calls.push_back('p');
    kernels::gemm_parallel(args);
}
// A product that takes at least 40 ms whatever its size.
void slowOptflags(const kernels::GemmArgs& args) {
    std::this_thread::sleep_for(std::chrono::milliseconds(40));
    kernels::gemm_optflags(args);
}
// Writes nothing: whatever C holds when it is called is what gets verified.
void idleKernel(const kernels::GemmArgs&) {}
} // namespace

class TestRunner : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void prediction() {
        QCOMPARE(Runner::predictSeconds(1.0, 100, 200), 8.0);
        QCOMPARE(Runner::predictSeconds(2.0, 64, 64), 2.0);
        QVERIFY(qAbs(Runner::predictSeconds(0.5, 300, 100) - 0.5 / 27) < 1e-15);
    }

    void nativeRungsVerified() {
        Runner r(testMachine(), rungStatuses());
        const Plan plan = smallPlan({QStringLiteral("naive"), QStringLiteral("interchange"),
                                     QStringLiteral("optflags"), QStringLiteral("parallel"),
                                     QStringLiteral("tiled"), QStringLiteral("dac"),
                                     QStringLiteral("vectorized"), QStringLiteral("microkernel")},
                                    {1, 7, 33, 65});
        int callbacks = 0;
        RunnerCallbacks cb;
        cb.result = [&](const PointResult&) { ++callbacks; };
        const QList<PointResult> res = r.run(plan, cb);
        QCOMPARE(res.size(), 32);
        QCOMPARE(callbacks, 32);
        for (const PointResult& p : res) {
            QVERIFY2(p.status == PointStatus::Verified,
                     qPrintable(p.rung + QStringLiteral(" ") + p.message));
            QVERIFY(p.seconds > 0);
            QVERIFY(p.gflops > 0);
            QCOMPARE(p.check, QStringLiteral("freivalds+full"));
            QVERIFY(p.repetitions >= 2);
        }
    }

    // A rung with a fixed overhead (packing, waking threads) calibrates at growing sizes while
    // they are cheap, so the prediction comes from where its n^3 term dominates (#16).
    void calibrationClimbsToFullSpeed() {
        double spent = 0;
        auto timeAt = [&spent](int m) {
            const double t = 0.001 + 1e-9 * m * m * double(m);
            spent += 4 * t; // a warm-up and up to three timed calls
            return t;
        };
        const Runner::Calibration c = Runner::calibrate(timeAt, 64, 4096, 2.0);
        QCOMPARE(c.n, 512);
        const double truth = 0.001 + 1e-9 * 4096.0 * 4096.0 * 4096.0;
        const double predicted = Runner::predictSeconds(c.seconds, c.n, 4096);
        QVERIFY2(std::abs(predicted / truth - 1) < 0.05, qPrintable(QString::number(predicted)));
        QVERIFY(Runner::predictSeconds(timeAt(64), 64, 4096) > 3 * truth); // what 64 alone said
        QVERIFY(spent < 2.0); // the climb costs less than the budget of the point it predicts
        // Never at or above n itself, and a size that cannot run ends the climb.
        QCOMPARE(Runner::calibrate(timeAt, 64, 128, 2.0).n, 64);
        QCOMPARE(Runner::calibrate([](int m) { return m > 128 ? 0.0 : 1e-4; }, 64, 4096, 2.0).n,
                 128);
    }

    // Availability is the caller's value: a rung it says cannot run here is reported so, with
    // its reason, and one it does not know is unavailable too; nothing is probed.
    void availabilityIsPassedIn() {
        RungStatus naive;
        naive.id = QStringLiteral("naive");
        naive.available = false;
        naive.reason = QStringLiteral("switched off by the test");
        Runner r(testMachine(), {naive});
        const QList<PointResult> res =
            r.run(smallPlan({QStringLiteral("naive"), QStringLiteral("optflags")}, {8}), {});
        QCOMPARE(res.size(), 2);
        QCOMPARE(res[0].status, PointStatus::Unavailable);
        QCOMPARE(res[0].message, naive.reason);
        QCOMPARE(res[1].status, PointStatus::Unavailable);
        QCOMPARE(res[1].message, QStringLiteral("not known to this run"));
    }

    void plantedErrorFails() {
        Runner r(testMachine(), rungStatuses());
        r.overrideKernel(QStringLiteral("optflags"), wrongKernel);
        Plan plan = smallPlan({QStringLiteral("optflags")}, {31, 300});
        plan.fullCheckMaxN = 64; // n = 300 relies on Freivalds alone
        const QList<PointResult> res = r.run(plan, {});
        QCOMPARE(res.size(), 2);
        for (const PointResult& p : res) {
            QCOMPARE(p.status, PointStatus::Failed);
            QVERIFY(!p.message.isEmpty());
            QVERIFY(!p.verified());
        }
    }

    void budgetExtrapolates() {
        Runner r(testMachine(), rungStatuses());
        Plan plan = smallPlan({QStringLiteral("naive")}, {40, 400});
        plan.budgetSeconds = 1e-7; // nothing above the calibration size may run
        plan.extrapolate = true;   // else naive, a row-uniform rung, is sampled
        const QList<PointResult> res = r.run(plan, {});
        QCOMPARE(res.size(), 2);
        QCOMPARE(res[0].status, PointStatus::Verified);
        QCOMPARE(res[1].status, PointStatus::Extrapolated);
        QCOMPARE(res[1].extrapolatedFrom, 40);
        QCOMPARE(res[1].repetitions, 0);
        const double expected = Runner::predictSeconds(res[0].seconds, 40, 400);
        QVERIFY(qAbs(res[1].seconds - expected) <= 1e-12 * expected);
        QVERIFY(qAbs(res[1].gflops - 2e-9 * 400 * 400 * 400 / expected) < 1e-6 * res[1].gflops);
    }

    void calibrationPredictsFirstSize() {
        // A rung first asked at a large size is calibrated small and extrapolated when slow.
        Runner r(testMachine(), rungStatuses());
        Plan plan = smallPlan({QStringLiteral("naive")}, {3000});
        plan.budgetSeconds = 0.5; // naive at 3000 takes about a minute
        plan.extrapolate = true;
        const QList<PointResult> res = r.run(plan, {});
        QCOMPARE(res.size(), 1);
        QCOMPARE(res[0].status, PointStatus::Extrapolated);
        // Calibrated at 64 and at doubling sizes while each stayed cheap (an eighth of the
        // budget), never at the size itself.
        QVERIFY2(res[0].extrapolatedFrom >= 64 && res[0].extrapolatedFrom < 3000,
                 qPrintable(QString::number(res[0].extrapolatedFrom)));
    }

    void calibrationIgnoresColdStart() {
        // 300 ms on the first call would predict 0.3 s x (400/64)^3 = 73 s at n = 400, over the
        // 30 s budget; the product itself takes ~20 ms there (~1 s under TSan), well under it.
        // The calibration must not time the cold call.
        Runner r(testMachine(), rungStatuses());
        g_coldCalls = 0;
        r.overrideKernel(QStringLiteral("optflags"), coldStartKernel);
        Plan plan = smallPlan({QStringLiteral("optflags")}, {400});
        plan.budgetSeconds = 30;
        const QList<PointResult> res = r.run(plan, {});
        QCOMPARE(res.size(), 1);
        QCOMPARE(res[0].status, PointStatus::Verified);
        QVERIFY(g_coldCalls.load() > 2);
    }

    void sixSamplesWhenTheBudgetHasRoom() {
        // Predicted at about 0.08 s at n = 80 (40 ms at the calibration size, times (80/64)^3):
        // six samples fit in a 1 s budget and give the median a 95 % interval; in 0.4 s they do
        // not, and the plan's 2 stand.
        for (const auto& [budget, expected] : {std::pair{1.0, 6}, std::pair{0.4, 2}}) {
            Runner r(testMachine(), rungStatuses());
            r.overrideKernel(QStringLiteral("optflags"), slowOptflags);
            Plan plan = smallPlan({QStringLiteral("optflags")}, {80});
            plan.budgetSeconds = budget;
            const QList<PointResult> res = r.run(plan, {});
            QCOMPARE(res.size(), 1);
            QCOMPARE(res[0].status, PointStatus::Verified);
            QCOMPARE(res[0].repetitions, expected);
        }
    }

    void pointsOfASizeAreInterleaved() {
        // The two rungs' timed calls alternate in rounds rather than all of one rung followed by
        // all of the other, so that a machine changing speed in phases affects both alike.
        Runner r(testMachine(), rungStatuses());
        r.overrideKernel(QStringLiteral("optflags"), recordingOptflags);
        r.overrideKernel(QStringLiteral("parallel"), recordingParallel);
        Plan plan = smallPlan({QStringLiteral("optflags"), QStringLiteral("parallel")}, {48});
        plan.repetitions = 10;
        g_calls.clear();
        const QList<PointResult> res = r.run(plan, {});
        QCOMPARE(res.size(), 2);
        for (const PointResult& p : res) {
            QCOMPARE(p.status, PointStatus::Verified);
            QVERIFY(p.repetitions >= 10);
        }
        int switches = 0;
        for (std::size_t i = 1; i < g_calls.size(); ++i)
            switches += g_calls[i] != g_calls[i - 1];
        QVERIFY2(switches >= 8,
                 qPrintable(
                     QStringLiteral("%1 switches in %2 calls").arg(switches).arg(g_calls.size())));
        // Results are still reported in ladder order.
        QCOMPARE(res[0].rung, QStringLiteral("optflags"));
        QCOMPARE(res[1].rung, QStringLiteral("parallel"));
    }

    void progressCountsSettledPointsAndRounds() {
        Runner r(testMachine(), rungStatuses());
        Plan plan = smallPlan({QStringLiteral("optflags"), QStringLiteral("parallel")}, {24, 48});
        plan.repetitions = 10;
        QList<Progress> seen;
        RunnerCallbacks cb;
        cb.progress = [&](const Progress& p) { seen.append(p); };
        QCOMPARE(r.run(plan, cb).size(), 4);
        QVERIFY(!seen.isEmpty());
        int lastIndex = 0, maxRound = 0;
        for (const Progress& p : std::as_const(seen)) {
            QCOMPARE(p.pointCount, 4);
            QVERIFY(p.pointIndex >= lastIndex && p.pointIndex < 4); // never backwards
            lastIndex = p.pointIndex;
            QVERIFY(p.fraction >= 0 && p.fraction <= 1);
            QVERIFY(p.round >= 0 && p.round <= p.rounds);
            maxRound = std::max(maxRound, p.round);
        }
        QCOMPARE(maxRound, seen.last().rounds);
        QVERIFY(maxRound >= 2);
        // The second size starts with both points of the first settled.
        const auto second =
            std::find_if(seen.begin(), seen.end(), [](const Progress& p) { return p.n == 48; });
        QVERIFY(second != seen.end());
        QCOMPARE(second->pointIndex, 2);
    }

    void rungCannotPassOnAnotherRungsProduct() {
        // The rungs of a size share A, B and C. A rung that writes nothing finds C as the rung
        // before it left it, correct: C is refilled with NaN before each batch, so it fails.
        Runner r(testMachine(), rungStatuses());
        r.overrideKernel(QStringLiteral("parallel"), idleKernel);
        const QList<PointResult> res = r.run(
            smallPlan({QStringLiteral("optflags"), QStringLiteral("parallel")}, {40, 300}), {});
        QCOMPARE(res.size(), 4);
        for (const PointResult& p : res)
            QCOMPARE(p.status, p.rung == QLatin1String("optflags") ? PointStatus::Verified
                                                                   : PointStatus::Failed);
    }

    void cancelBeforeStart() {
        Runner r(testMachine(), rungStatuses());
        std::atomic<bool> cancel{true};
        const QList<PointResult> res =
            r.run(smallPlan({QStringLiteral("optflags")}, {16, 32}), {}, &cancel);
        QVERIFY(res.isEmpty());
    }

    void cancelKeepsFinished() {
        Runner r(testMachine(), rungStatuses());
        std::atomic<bool> cancel{false};
        RunnerCallbacks cb;
        cb.result = [&](const PointResult&) { cancel = true; };
        const QList<PointResult> res =
            r.run(smallPlan({QStringLiteral("optflags"), QStringLiteral("parallel")}, {16, 32}), cb,
                  &cancel);
        // The points of a size are timed together (interleaved rounds) and reported when the
        // size is done: the cancel during n = 16's reports keeps n = 16 and runs nothing more.
        QCOMPARE(res.size(), 2);
        QCOMPARE(res[0].rung, QStringLiteral("optflags"));
        QCOMPARE(res[1].rung, QStringLiteral("parallel"));
        for (const PointResult& p : res) {
            QCOMPARE(p.n, 16);
            QCOMPARE(p.status, PointStatus::Verified);
        }
    }

    void cancelInsideLongKernel() {
        // naive at n = 2000 takes ~20 s; cancel from another thread must end it within a row block.
        Runner r(testMachine(), rungStatuses());
        std::atomic<bool> cancel{false};
        Plan plan = smallPlan({QStringLiteral("naive")}, {2000});
        plan.budgetSeconds = 1e6;
        QElapsedTimer t;
        t.start();
        std::thread canceller([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(700));
            cancel = true;
        });
        const QList<PointResult> res = r.run(plan, {}, &cancel);
        canceller.join();
        QVERIFY(res.isEmpty());
        QVERIFY2(t.elapsed() < 10000, "cancel was not honoured inside the kernel");
    }

    void unavailableRungReported() {
        Runner r(testMachine(), rungStatuses());
        const QList<PointResult> res = r.run(smallPlan({QStringLiteral("nosuchrung")}, {8}), {});
        QCOMPARE(res.size(), 1);
        QCOMPARE(res[0].status, PointStatus::Error);
    }

    void interpretedRungs_data() {
        QTest::addColumn<QString>("rung");
        QTest::newRow("python") << QStringLiteral("python");
        QTest::newRow("java") << QStringLiteral("java");
    }
    void interpretedRungs() {
        QFETCH(QString, rung);
        const RungStatus st = rungStatus(rung);
        Runner r(testMachine(), rungStatuses());
        const QList<PointResult> res = r.run(smallPlan({rung}, {1, 9, 24}), {});
        QCOMPARE(res.size(), 3);
        if (!st.available) {
            // Then the rung must say why, point by point, and not pretend to have run.
            for (const PointResult& p : res) {
                QCOMPARE(p.status, PointStatus::Unavailable);
                QVERIFY(!p.message.isEmpty());
            }
            QSKIP(qPrintable(rung + QStringLiteral(" is not installed here: ") + st.reason));
        }
        for (const PointResult& p : res) {
            QVERIFY2(p.status == PointStatus::Verified, qPrintable(p.message));
            QVERIFY(p.seconds > 0);
            QCOMPARE(p.check, QStringLiteral("freivalds+full"));
        }
        // Over the budget: the interpreter times a few rows of its own full-size A and B, and
        // those rows match the app's copies.
        Plan sampled = smallPlan({rung}, {80});
        sampled.budgetSeconds = 1e-4;
        const QList<PointResult> s = r.run(sampled, {});
        QCOMPARE(s.size(), 1);
        QVERIFY2(s[0].status == PointStatus::Verified, qPrintable(s[0].message));
        // A few rows, as many as the budget allows after the warm-up, never all of them.
        QVERIFY2(s[0].sampledRows >= 1 && s[0].sampledRows < 80,
                 qPrintable(QString::number(s[0].sampledRows)));
        QVERIFY(s[0].seconds > 0);
    }

    void interpretedWrongOutputIsCaught_data() {
        QTest::addColumn<double>("budget");
        QTest::addColumn<int>("n");
        QTest::newRow("full run") << 30.0 << 9;
        QTest::newRow("sampled rows") << 1e-4 << 96;
    }
    void interpretedWrongOutputIsCaught() {
        // The interpreter's C is verified like any other: a program whose product is off by one
        // in one entry of each row is marked failed, whether run in full or sampled.
        QFETCH(double, budget);
        QFETCH(int, n);
        if (!pythonInfo().available)
            QSKIP("python3 is not installed");
        QFile shipped(QStringLiteral(":/headroom/matmul.py"));
        QVERIFY(shipped.open(QIODevice::ReadOnly));
        QByteArray source = shipped.readAll();
        const QByteArray fresh = "C[i] = [0.0] * n";
        QVERIFY(source.contains(fresh));
        source.replace(fresh, QByteArray(fresh + "\n                C[i][n - 1] = 1.0"));
        QTemporaryDir dir;
        QFile planted(dir.filePath(QStringLiteral("wrong.py")));
        QVERIFY(planted.open(QIODevice::WriteOnly) && planted.write(source) == source.size());
        planted.close();

        Runner r(testMachine(), rungStatuses());
        r.overrideInterpretedSource(QStringLiteral("python"), planted.fileName());
        Plan plan = smallPlan({QStringLiteral("python")}, {n});
        plan.budgetSeconds = budget;
        const QList<PointResult> res = r.run(plan, {});
        QCOMPARE(res.size(), 1);
        QVERIFY2(res[0].status == PointStatus::Failed, qPrintable(res[0].message));
        QCOMPARE(res[0].sampled(), budget < 1);
        QVERIFY(!res[0].message.isEmpty());

        // The shipped program, same plan: verified (the planted error is what failed above).
        Runner ok(testMachine(), rungStatuses());
        const QList<PointResult> good = ok.run(plan, {});
        QVERIFY2(good[0].status == PointStatus::Verified, qPrintable(good[0].message));
    }

    void overBudgetRowUniformPointsAreSampled() {
        Runner r(testMachine(), rungStatuses());
        Plan plan = smallPlan(
            {QStringLiteral("naive"), QStringLiteral("parallel"), QStringLiteral("tiled")}, {150});
        plan.budgetSeconds = 1e-4; // every full run is over it
        const QList<PointResult> res = r.run(plan, {});
        QCOMPARE(res.size(), 3);
        for (int i = 0; i < 2; ++i) {
            QVERIFY2(res[i].status == PointStatus::Verified, qPrintable(res[i].message));
            QVERIFY(res[i].sampled());
            QVERIFY(res[i].sampledRows >= 1 && res[i].sampledRows <= 150);
            QVERIFY(res[i].seconds > 0 && res[i].gflops > 0);
            QCOMPARE(res[i].check, QStringLiteral("freivalds+full"));
        }
        // The parallel loop samples whole rows per thread.
        QCOMPARE(res[1].sampledRows % 2, 0);
        // Not row-uniform: extrapolated by n^3 as before.
        QCOMPARE(res[2].status, PointStatus::Extrapolated);
        QVERIFY(!res[2].sampled());

        plan.extrapolate = true; // asked for: nothing is sampled
        const QList<PointResult> ex = r.run(plan, {});
        for (const PointResult& p : ex) {
            QCOMPARE(p.status, PointStatus::Extrapolated);
            QVERIFY(!p.sampled());
        }
    }

    void sampledPlantedErrorFails() {
        Runner r(testMachine(), rungStatuses());
        r.overrideKernel(QStringLiteral("optflags"), testing::wrongRowKernel);
        Plan plan = smallPlan({QStringLiteral("optflags")}, {300});
        plan.budgetSeconds = 1e-4;
        plan.fullCheckMaxN = 0; // Freivalds on the sampled rows must catch it alone
        const QList<PointResult> res = r.run(plan, {});
        QCOMPARE(res.size(), 1);
        QVERIFY(res[0].sampled());
        QCOMPARE(res[0].status, PointStatus::Failed);
        QVERIFY2(res[0].message.contains(QStringLiteral("row 0")), qPrintable(res[0].message));
    }

    // The reference probe runs once between two sizes (the "after" of one is the "before" of
    // the next) and once before the first: sizes + 1 probes, each size marked by both.
    void probeRunsOnceBetweenSizes() {
        Runner r(testMachine(), rungStatuses());
        int calls = 0;
        r.overrideProbe([&calls] {
            ++calls;
            MachineState st;
            st.speed = calls == 2 ? 0.5 : 1.0; // between the first and the second size
            st.slow = st.speed < 1 / BaselineCheck::kSlowFactor;
            return st;
        });
        const Plan plan = smallPlan({QStringLiteral("optflags")}, {8, 16, 24});
        const QList<PointResult> res = r.run(plan, {});
        QCOMPARE(res.size(), 3);
        QCOMPARE(calls, 4);
        // The slow probe between 8 and 16 marks both sizes, and only them.
        QCOMPARE(res[0].machineSpeed, 0.5);
        QCOMPARE(res[1].machineSpeed, 0.5);
        QCOMPARE(res[2].machineSpeed, 1.0);
    }
};

QTEST_GUILESS_MAIN(TestRunner)
#include "tst_runner.moc"
