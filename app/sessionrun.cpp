// SPDX-License-Identifier: MIT
#include "sessionrun.h"

#include "affinity.h"
#include "environment.h"
#include "microtune.h"
#include "sysmemory.h"

#include <QJsonArray>

namespace headroom {

QString SessionRun::checkMemory(const Plan& plan, qint64 availableBytes) {
    int largest = 0;
    for (int n : plan.sizes)
        largest = std::max(largest, n);
    return memoryShortfall(largest, availableBytes);
}

QString SessionRun::checkMemory(const Plan& plan) {
    return checkMemory(plan, availableMemoryBytes());
}

int SessionRun::threadsFor(const Machine& machine, const Plan& plan) {
    return Runner::threadsFor(machine, plan);
}

QJsonObject SessionRun::environmentFor(const Machine& machine, int threads,
                                       const QList<RungStatus>& rungs) {
    return collectEnvironment(machine, threads, pinOpenMpThreads(threads), rungs);
}

SessionRun::SessionRun(Plan plan, QList<RungStatus> rungs)
    : m_plan(std::move(plan))
    , m_rungs(std::move(rungs)) {}

void SessionRun::tune(const SessionRunCallbacks& cb, const std::atomic<bool>* cancel) const {
    if (!m_plan.rungs.contains(QLatin1String("microkernel")))
        return;
    // The rung's first use on this machine tunes it (once; cached), before anything is timed.
    const QString line = prepareMicrokernel(
        m_session.machine, TuneWhen::IfMissing,
        [&cb](double f, const QString& what) {
            if (cb.tuning)
                cb.tuning(f, what);
        },
        cancel);
    if (cb.notice)
        cb.notice(line);
}

SessionRun::Outcome SessionRun::run(const std::function<Machine()>& machine,
                                    const SessionRunCallbacks& cb, const std::atomic<bool>* cancel,
                                    RunLock::Mode lockMode, QString* error) {
    auto say = [&cb](const QString& s) {
        if (cb.notice)
            cb.notice(s);
    };
    const auto lock = RunLock::acquire(lockMode, say, cancel, error);
    if (!lock)
        return Outcome::NotStarted;
    m_session = {};
    m_session.machine = machine();
    m_session.plan = m_plan;
    tune(cb, cancel);
    Runner runner(m_session.machine, m_rungs);
    m_threads = runner.threadsFor(m_plan);
    m_session.environment = environmentFor(m_session.machine, m_threads, m_rungs);
    m_session.title = m_session.environment.value(QStringLiteral("host")).toString();
    if (cb.started)
        cb.started(m_session);

    RunnerCallbacks rc = cb.runner;
    rc.result = [&](const PointResult& r) {
        // Cut short by a cancel (Ctrl-C reaches the interpreters too): not a result.
        if (cancel && cancel->load() && r.status == PointStatus::Failed)
            return;
        m_session.results.append(r);
        if (cb.runner.result)
            cb.runner.result(r);
        // Autosave: a crash or Ctrl+C later loses nothing measured so far.
        if (!m_autosave.isEmpty()) {
            QString e;
            m_session.save(m_autosave, &e);
        }
    };
    runner.run(m_plan, rc, cancel);
    return cancel && cancel->load() ? Outcome::Cancelled : Outcome::Finished;
}

} // namespace headroom
