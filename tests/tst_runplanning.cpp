// SPDX-License-Identifier: MIT
// The runner's arithmetic: predictions, repetitions, how a point is run, an interpreted run's
// shape, each round's share of a native batch, and the ETA.
#include "interpreted.h"
#include "runplanning.h"
#include "stats.h"

#include <QTest>

using namespace headroom;

namespace {
Plan plan(double budget, int repetitions = 3, double minSeconds = 0.2) {
    Plan p;
    p.rungs = {QStringLiteral("python"), QStringLiteral("naive")};
    p.sizes = {100, 200};
    p.budgetSeconds = budget;
    p.repetitions = repetitions;
    p.minSeconds = minSeconds;
    return p;
}
} // namespace

class TestRunPlanning : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void cubicPrediction() {
        QCOMPARE(predictCubic(1.0, 100, 200), 8.0);
        QCOMPARE(predictCubic(2.0, 0, 500), 2.0); // no size: the time itself
    }

    void repetitionsFor95WhenTheyFit() {
        const Plan p = plan(1.0);
        QCOMPARE(repetitionsFor(p, -1), 3);                // unknown: what the plan asks
        QCOMPARE(repetitionsFor(p, 0.1), kSamplesFor95);   // 6 x 0.1 s fit in 1 s
        QCOMPARE(repetitionsFor(p, 0.5), 3);               // 6 x 0.5 s do not
        QCOMPARE(repetitionsFor(plan(1.0, 20), 0.01), 20); // the plan asks more
    }

    void pointPlanFollowsTheBudget() {
        const Plan p = plan(1.0);
        History h;
        // Never measured: timed, prediction unknown.
        PointPlan pp = planPoint(p, h, QStringLiteral("naive"), 200, true);
        QCOMPARE(pp.kind, PointPlan::Kind::Time);
        QCOMPARE(pp.predicted, -1.0);
        QCOMPARE(pp.repetitions, 3);
        h[QStringLiteral("naive")] = {100, 0.01}; // 0.08 s at 200: timed, 6 samples
        pp = planPoint(p, h, QStringLiteral("naive"), 200, true);
        QCOMPARE(pp.kind, PointPlan::Kind::Time);
        QCOMPARE(pp.predicted, 0.08);
        QCOMPARE(pp.from, 100);
        QCOMPARE(pp.repetitions, kSamplesFor95);
        h[QStringLiteral("naive")] = {100, 0.5}; // 4 s at 200: over the budget
        QCOMPARE(planPoint(p, h, QStringLiteral("naive"), 200, true).kind, PointPlan::Kind::Sample);
        pp = planPoint(p, h, QStringLiteral("naive"), 200, false);
        QCOMPARE(pp.kind, PointPlan::Kind::Extrapolate);
        QCOMPARE(pp.predicted, 4.0);
    }

    void interpretedShapeStaysInTheBudget() {
        const Plan p = plan(1.0);
        InterpretedShape s = interpretedShape(p, QStringLiteral("python"), 0.5, 3);
        QCOMPARE(s.repetitions, 3); // 3 x 0.5 s: within 3 budgets
        QCOMPARE(s.warmups, 0);
        QCOMPARE(s.timeoutSeconds, 60.0 + 10.0 * 1.0 * 3);
        QCOMPARE(interpretedShape(p, QStringLiteral("python"), 1.5, 3).repetitions, 2);
        s = interpretedShape(p, QStringLiteral("java"), 5.0, 3);
        QCOMPARE(s.repetitions, 1); // never below one
        QCOMPARE(s.warmups, 1);     // the JIT warms up first
        QCOMPARE(s.timeoutSeconds, 60.0 + 10.0 * 5.0 * 2);
        QCOMPARE(interpretedShape(p, QStringLiteral("python"), -1, 3).repetitions, 3);
    }

    // The warm-up follows the interpreter's description, not the rung's name.
    void aJitWarmsUpWhateverItsRung() {
        const Interpreter* java = interpreterFor(QStringLiteral("java"));
        const Interpreter* python = interpreterFor(QStringLiteral("python"));
        QVERIFY(java && python);
        QVERIFY(java->jit);
        QVERIFY(!python->jit);
        QCOMPARE(interpreterFor(QStringLiteral("naive")), nullptr);
        QCOMPARE(interpretedShape(plan(1.0), QStringLiteral("naive"), 1.0, 3).warmups, 0);
    }

    void roundSharesGrowToTheWhole() {
        const Plan p = plan(1.0, 3, 0.5);
        int last = 0;
        for (int round = 1; round <= 5; ++round) {
            const RoundShare share = roundShare(p, 7, round, 5);
            QVERIFY(share.repetitions >= last);
            last = share.repetitions;
            QCOMPARE(share.seconds, 0.5 * round / 5);
        }
        QCOMPARE(last, 7);                               // the last round asks for every repetition
        QCOMPARE(roundShare(p, 7, 1, 5).repetitions, 2); // rounded up: never a round of none
    }

    void etaCountsWhatIsLeft() {
        const Plan p = plan(1.0);
        const auto never = [](const QString&) { return false; };
        History h;
        // Nothing measured: four points at a quarter of the budget each, (3 + 1) runs.
        QCOMPARE(remainingSeconds(p, p.sizes, h, 0, never), 4 * 0.25 * 4);
        QCOMPARE(remainingSeconds(p, p.sizes, h, 3, never), 1 * 0.25 * 4);
        QCOMPARE(remainingSeconds(p, p.sizes, h, 4, never), 0.0);
        // python predicted at 8 s at 200 (over budget): extrapolated costs nothing, sampled
        // costs the warm-up row and the budget.
        h[QStringLiteral("python")] = {100, 1.0}; // 1 s at 100, 8 s at 200
        h[QStringLiteral("naive")] = {100, 0.01};
        const double naive = 0.01 * (kSamplesFor95 + 1) + 0.08 * (kSamplesFor95 + 1);
        QVERIFY(qAbs(remainingSeconds(p, p.sizes, h, 0, never) - (1.0 * 4 + naive)) < 1e-12);
        const auto sampled = [](const QString& r) { return r == QLatin1String("python"); };
        QVERIFY(qAbs(remainingSeconds(p, p.sizes, h, 0, sampled) - (1.0 * 4 + 1.5 + naive)) <
                1e-12);
    }
};

QTEST_GUILESS_MAIN(TestRunPlanning)
#include "tst_runplanning.moc"
