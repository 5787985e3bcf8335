// SPDX-License-Identifier: MIT
// The runner: takes a plan, runs every (rung, size) point with timing, verification and the
// budget rule, and reports value structs. Shared by the command line and the GUI (which runs it
// in a worker thread through RunJob).
#pragma once

#include "baseline.h"
#include "ladderinfo.h"
#include "machine.h"
#include "plan.h"
#include "results.h"

#include <gemm.h>

#include <QHash>
#include <QList>
#include <QString>

#include <atomic>
#include <functional>

namespace headroom {

struct RunnerCallbacks {
    std::function<void(const PointResult&)> result; // each point, as soon as it is known
    std::function<void(const Progress&)> progress;  // before each point and during long ones
    std::function<void(const QString&)> log;        // human-readable notes (skips, warnings)
};

class Runner {
public:
    // `rungs`: which rungs can run here and why not (ladderinfo's rungStatuses(), or a test's
    // own list); a rung missing from it is reported unavailable.
    Runner(Machine machine, QList<RungStatus> rungs);

    // Runs the plan. Returns every point finished (a cancelled run returns what it finished).
    // `cancel` is checked between repetitions and inside long kernels.
    QList<PointResult> run(const Plan& plan, const RunnerCallbacks& callbacks,
                           const std::atomic<bool>* cancel = nullptr);

    // Predicted seconds for `rung` at `n` from an earlier measurement (t0 at n0): t0 * (n/n0)^3.
    static double predictSeconds(double t0, int n0, int n);

    // The size and time a native rung's prediction for `n` comes from: timed at `start`, then
    // at doubling sizes below n while each is predicted to cost at most an eighth of `budget`,
    // so that the prediction comes from a size where the rung runs at full speed (at n = 64 the
    // micro-kernel's packing and thread start-up cost more than its product: it predicted 3.66 s
    // for a 1.6 s product). `timeAt(m)` returns the best time at m, 0 when it cannot run.
    struct Calibration {
        int n = 0;
        double seconds = 0;
    };
    static Calibration calibrate(const std::function<double(int)>& timeAt, int start, int n,
                                 double budget);

    // Threads a plan runs with on `machine` (plan.threads, or one per physical core when 0).
    static int threadsFor(const Machine& machine, const Plan& plan);
    int threadsFor(const Plan& plan) const { return threadsFor(m_machine, plan); }

    // Test seam: run `fn` instead of the registry's kernel for native rung `id` (e.g. a planted
    // wrong kernel, to show that verification marks it failed).
    void overrideKernel(const QString& id, kernels::GemmFn fn);
    // Test seam: run the program at `path` for interpreted rung `id` instead of the shipped one.
    void overrideInterpretedSource(const QString& id, const QString& path);

    // Test seam: `probe` instead of the reference probe of the machine's state (e.g. to count
    // how often it runs).
    void overrideProbe(std::function<MachineState()> probe) { m_probe = std::move(probe); }

private:
    class Pass; // one run of a plan, its steps (runner.cpp)
    Machine m_machine;
    QList<RungStatus> m_rungs;
    QHash<QString, kernels::GemmFn> m_overrides;
    QHash<QString, QString> m_sources;
    std::function<MachineState()> m_probe;
};

} // namespace headroom
