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

    // The baselines: `machine`'s measured scalar and widest-FMA double peaks on one thread, and
    // its L2 read bandwidth per thread (at the run's thread count when measured there).
    // Without measured peaks the check is unavailable and probe() returns speed 0.
    BaselineCheck(const Machine& machine, int threads);
    bool available() const { return m_scalar > 0 && m_fma > 0; }

    // Runs the probes on each of the run's `threads` threads at once (about 45 ms in all; the
    // team pinned as the runner pins it) and compares the slowest thread with the baselines.
    // The FMA probes live in registers; the L2 read catches what they cannot see: on a Zen 5 VM
    // the compiled rungs ran 1.7-1.9x slow for about 20 s while the FMA probes stayed at 0.98x
    // (a neighbour on the host's caches).
    MachineState probe() const;

    // The same comparison from given probe results (GFLOP/s and GB/s per thread), for tests.
    // l2Gbytes < 0: no L2 probe (no L2 baseline, or not measured).
    MachineState judge(double scalarGflops, double fmaGflops, double l2Gbytes = -1) const;

private:
    int m_threads = 1;
    double m_scalar = 0; // baseline GFLOP/s of one thread, scalar double
    double m_fma = 0;    // baseline GFLOP/s of one thread, widest vector ISA, double
    QString m_fmaIsa;
    double m_l2 = 0;      // baseline GB/s of one thread reading its share of L2; 0 none
    qint64 m_l2Bytes = 0; // the working set per thread it was measured at
};

} // namespace headroom
