// SPDX-License-Identifier: MIT
// One run of a plan, the same for every front end: the memory check, the run lock, the machine,
// the micro-kernel's tuning, the thread count and binding, the environment block, the runner,
// and the session that collects its results (saved after every point when asked). The command
// line and the window (through RunJob's worker thread) only start it, show what it reports and
// stop it.
#pragma once

#include "ladderinfo.h"
#include "machine.h"
#include "plan.h"
#include "runlock.h"
#include "runner.h"
#include "session.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <atomic>
#include <functional>

namespace headroom {

struct SessionRunCallbacks {
    RunnerCallbacks runner; // each point, progress, the runner's notes
    // What the run says whatever the front end's verbosity: waiting for another run, the
    // micro-kernel's tuning result.
    std::function<void(const QString&)> notice;
    std::function<void(double, const QString&)> tuning; // the micro-kernel's search, 0..1
    // The session is set up (machine, plan, environment); nothing is timed yet.
    std::function<void(const Session&)> started;
};

class SessionRun {
public:
    enum class Outcome { Finished, Cancelled, NotStarted };

    // Why the plan's largest size does not fit in memory (one line, with the numbers), or empty.
    static QString checkMemory(const Plan& plan, qint64 availableBytes);
    static QString checkMemory(const Plan& plan);
    // The threads a plan runs with on `machine`: plan.threads, else one per physical core.
    static int threadsFor(const Machine& machine, const Plan& plan);
    // The environment block of a run on `threads` threads, after pinning the calling thread's
    // OpenMP team the way the runner pins it (so the binding recorded is the one timed).
    static QJsonObject environmentFor(const Machine& machine, int threads,
                                      const QList<RungStatus>& rungs);

    // `rungs`: which rungs can run here (rungStatuses(), or a test's list).
    SessionRun(Plan plan, QList<RungStatus> rungs);

    // Save the session to `path` after every point (empty: not).
    void setAutosave(const QString& path) { m_autosave = path; }

    // Runs on the calling thread: takes the run lock (`lockMode`), then the machine from
    // `machine()` (called under the lock: a measurement of the limits is a measurement too),
    // tunes the micro-kernel on its first use, sets up the session and runs the plan. A failed
    // point that arrives after `cancel` is set was cut short, not wrong: it is dropped.
    // NotStarted: the lock was refused or the wait cancelled, with the reason in *error.
    Outcome run(const std::function<Machine()>& machine, const SessionRunCallbacks& cb,
                const std::atomic<bool>* cancel, RunLock::Mode lockMode, QString* error);

    // The session: set up by run(), with every point that finished.
    const Session& session() const { return m_session; }
    int threads() const { return m_threads; }

private:
    void tune(const SessionRunCallbacks& cb, const std::atomic<bool>* cancel) const;

    Plan m_plan;
    QList<RungStatus> m_rungs;
    QString m_autosave;
    Session m_session;
    int m_threads = 0;
};

} // namespace headroom
