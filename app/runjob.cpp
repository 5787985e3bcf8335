// SPDX-License-Identifier: MIT
#include "runjob.h"

#include "runlock.h"
#include "microtune.h"
#include "runner.h"

namespace headroom {

RunJob::RunJob(QObject* parent)
    : QObject(parent) {
    qRegisterMetaType<headroom::PointResult>();
    qRegisterMetaType<headroom::Progress>();
}

RunJob::~RunJob() {
    cancel();
    wait();
    delete m_thread; // has no parent: the last job's thread would leak
}

quint64 RunJob::start(const Machine& machine, const Plan& plan) {
    if (isRunning()) {
        cancel();
        wait();
    }
    delete m_thread;
    const quint64 id = m_nextId++;
    m_current = id;
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    auto cancelFlag = m_cancel;
    // The worker only emits signals of this object; queued connections carry the value structs
    // to the receivers' threads. Kernels never run on the GUI thread.
    m_thread = QThread::create([this, id, machine, plan, cancelFlag] {
        Runner runner(machine, rungStatuses());
        RunnerCallbacks cb;
        cb.result = [this, id](const PointResult& r) { Q_EMIT resultAvailable(id, r); };
        cb.progress = [this, id](const Progress& p) { Q_EMIT progress(id, p); };
        cb.log = [this, id](const QString& s) { Q_EMIT logMessage(id, s); };
        QString lockError;
        const auto lock =
            RunLock::acquire(RunLock::Mode::Wait, cb.log, cancelFlag.get(), &lockError);
        if (!lock) { // cancelled while another run was measuring
            Q_EMIT logMessage(id, lockError);
            Q_EMIT finished(id, true);
            return;
        }
        if (plan.rungs.contains(QLatin1String("microkernel")))
            cb.log(prepareMicrokernel(
                machine, TuneWhen::IfMissing,
                [&cb](double f, const QString& what) {
                    cb.log(QStringLiteral("tuning the micro-kernel [%1%]: %2")
                               .arg(static_cast<int>(100 * f))
                               .arg(what));
                },
                cancelFlag.get()));
        runner.run(plan, cb, cancelFlag.get());
        Q_EMIT finished(id, cancelFlag->load());
    });
    m_thread->setObjectName(QStringLiteral("headroom-runner"));
    m_thread->start();
    return id;
}

void RunJob::cancel() {
    if (m_cancel)
        m_cancel->store(true);
}

bool RunJob::isRunning() const {
    return m_thread && m_thread->isRunning();
}

bool RunJob::wait(unsigned long ms) {
    if (!m_thread)
        return true;
    if (ms == ULONG_MAX)
        return m_thread->wait();
    return m_thread->wait(QDeadlineTimer(static_cast<qint64>(ms)));
}

} // namespace headroom
