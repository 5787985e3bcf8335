// SPDX-License-Identifier: MIT
// The machine checked against its own baseline (#16): a slowed machine makes the run warn and
// marks the points timed in the slow phase; the judgement itself on known numbers.
#include "baseline.h"
#include "machinestore.h"
#include "report.h"
#include "runner.h"

#include <probes/probes.h>

#include <QTest>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

using namespace headroom;
namespace probes = kernels::probes;

namespace {

// A machine whose baseline is measured here and now: the scalar and the widest FMA probe on one
// thread, best of a few 20 ms windows (the same probes the limits measure).
Machine measuredHere() {
    Machine m = liveMachine();
    Limits l;
    for (auto isa : {probes::VectorIsa::Scalar, probes::VectorIsa::Sse, probes::VectorIsa::Avx2,
                     probes::VectorIsa::Avx512}) {
        if (!probes::peakAvailable(isa))
            continue;
        double best = 0, sink = 0;
        for (int rep = 0; rep < 5; ++rep) {
            const auto t0 = std::chrono::steady_clock::now();
            double flops = 0, s = 0;
            while (s < 0.02) {
                flops += probes::runPeak(isa, probes::Precision::Double, 20000, &sink);
                s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            }
            best = std::max(best, flops / s / 1e9);
        }
        PeakEntry e;
        e.isa = QLatin1String(probes::vectorIsaName(isa));
        e.precision = QStringLiteral("double");
        e.threads = 1;
        e.measuredGflops = best;
        l.perIsa.append(e);
    }
    m.limits = l;
    return m;
}

struct RunOutcome {
    double speed = 0;
    QStringList log;
    QList<PointResult> points;
};

RunOutcome runSmallPlan(const Machine& m) {
    Plan plan;
    plan.sizes = {48, 64};
    plan.rungs = {QStringLiteral("optflags"), QStringLiteral("parallel")};
    plan.minSeconds = 0.02;
    RunOutcome out;
    RunnerCallbacks cb;
    cb.log = [&out](const QString& s) { out.log << s; };
    out.points = Runner(m, rungStatuses()).run(plan, cb);
    out.speed = 1e9;
    for (const PointResult& p : out.points)
        out.speed = std::min(out.speed, p.machineSpeed);
    return out;
}

} // namespace

class TestBaseline : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void judgement() {
        Machine m;
        Limits l;
        l.perIsa = {{QStringLiteral("scalar"), QStringLiteral("double"), 1, 0, 10.0},
                    {QStringLiteral("sse"), QStringLiteral("double"), 1, 0, 20.0},
                    {QStringLiteral("sse"), QStringLiteral("double"), 2, 0, 40.0}};
        m.limits = l;
        const BaselineCheck check(m, 2);
        QVERIFY(check.available());
        const MachineState same = check.judge(9.8, 19.0);
        QVERIFY(!same.slow);
        QCOMPARE(same.speed, 0.95);
        const MachineState slow = check.judge(10.0, 14.0); // the FMA probe at 0.7x
        QVERIFY(slow.slow);
        QVERIFY2(slow.detail.contains(QStringLiteral("0.70×")), qPrintable(slow.detail));
        QVERIFY(check.judge(7.6, 20).slow); // just below 1/1.3
        QVERIFY(!check.judge(7.8, 20).slow);
        QVERIFY(!BaselineCheck(Machine{}, 2).available());
        QCOMPARE(BaselineCheck(Machine{}, 2).probe().speed, 0.0);
    }

    void slowPhaseIsNamedInTheTable() {
        PointResult p;
        p.rung = QStringLiteral("optflags");
        p.n = 64;
        p.status = PointStatus::Verified;
        p.seconds = 1e-3;
        p.gflops = 0.5;
        p.repetitions = 6;
        p.machineSpeed = 0.95;
        QVERIFY(slowPhaseNote({p}, 64).isEmpty());
        p.machineSpeed = 0.5;
        QVERIFY(slowPhaseNote({p}, 64).contains(QStringLiteral("0.50× its own baseline")));
        QVERIFY(formatLadderTable({p}, 64, 0, {}).contains(QStringLiteral("WARNING")));
        const auto back = PointResult::fromJson(p.toJson(), nullptr);
        QVERIFY(back);
        QCOMPARE(back->machineSpeed, 0.5);
    }

    // Busy threads on every core: the reference probe runs at a fraction of the baseline, the
    // run warns and every point of it is marked. The same plan alone is clearly faster.
    void busyMachineWarns() {
        const Machine m = measuredHere();
        const RunOutcome quiet = runSmallPlan(m);
        QVERIFY(!quiet.points.isEmpty());

        std::atomic<bool> stop{false};
        std::vector<std::thread> busy;
        const int hogs = 2 * std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
        for (int i = 0; i < hogs; ++i)
            busy.emplace_back([&stop] {
                volatile double x = 1;
                while (!stop.load(std::memory_order_relaxed))
                    x = x * 1.0000001 + 1e-9;
            });
        const RunOutcome loaded = runSmallPlan(m);
        stop = true;
        for (auto& t : busy)
            t.join();

        qInfo("machine speed: alone %.2f, beside %d busy threads %.2f", quiet.speed, hogs,
              loaded.speed);
        QVERIFY(!loaded.points.isEmpty());
        for (const PointResult& p : loaded.points)
            QVERIFY2(p.timedWhileSlow(), qPrintable(QString::number(p.machineSpeed)));
        QVERIFY2(loaded.log.join(QLatin1Char('\n')).contains(QStringLiteral("machine is slow")),
                 qPrintable(loaded.log.join(QLatin1Char('\n'))));
        QVERIFY(quiet.speed > 1.3 * loaded.speed);
    }
};

QTEST_GUILESS_MAIN(TestBaseline)
#include "tst_baseline.moc"
