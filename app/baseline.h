// SPDX-License-Identifier: MIT
// Is the machine itself? A short reference probe before each size and at the end of a run,
// compared with the limits measured earlier on this machine (the cached or just-measured peaks).
// A process or machine phase that runs the probe more than 1.3x below its baseline (another load
// on a core, a throttled clock, a bad process state) marks the points timed in it and warns.
#pragma once

#include "machine.h"

#include <QString>

namespace headroom {

struct MachineState {
    double speed = 0; // probe speed / baseline, the slowest probe on the slowest thread; 0: unknown
    bool slow = false; // speed below 1 / kSlowFactor
    QString detail;    // which probe, on how many threads, measured vs baseline GFLOP/s
};

class BaselineCheck {
public:
    static constexpr double kSlowFactor = 1.3; // PointResult::timedWhileSlow() uses the same

    // The baselines: `machine`'s measured scalar and widest-FMA double peaks on one thread.
    // Without measured limits the check is unavailable and probe() returns speed 0.
    BaselineCheck(const Machine& machine, int threads);
    bool available() const { return m_scalar > 0 && m_fma > 0; }

    // Runs both probes on each of the run's `threads` threads at once (about 90 ms in all; the
    // team pinned as the runner pins it) and compares the slowest thread with the baselines.
    MachineState probe() const;

    // The same comparison from given probe results (GFLOP/s per thread), for tests.
    MachineState judge(double scalarGflops, double fmaGflops) const;

private:
    int m_threads = 1;
    double m_scalar = 0; // baseline GFLOP/s of one thread, scalar double
    double m_fma = 0;    // baseline GFLOP/s of one thread, widest vector ISA, double
    QString m_fmaIsa;
};

} // namespace headroom
