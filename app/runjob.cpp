// SPDX-License-Identifier: MIT
#include "runjob.h"

#include "sessionrun.h"

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
        SessionRunCallbacks cb;
        cb.runner.result = [this, id](const PointResult& r) { Q_EMIT resultAvailable(id, r); };
        cb.runner.progress = [this, id](const Progress& p) { Q_EMIT progress(id, p); };
        cb.runner.log = [this, id](const QString& s) { Q_EMIT logMessage(id, s); };
        cb.notice = cb.runner.log;
        cb.tuning = [this, id](double f, const QString& what) {
            Q_EMIT logMessage(id, QStringLiteral("tuning the micro-kernel [%1%]: %2")
                                      .arg(static_cast<int>(100 * f))
                                      .arg(what));
        };
        cb.started = [this, id](const Session& s) { Q_EMIT started(id, s.environment); };
        SessionRun run(plan, rungStatuses());
        QString error;
        const auto outcome = run.run([&machine] { return machine; }, cb, cancelFlag.get(),
                                     RunLock::Mode::Wait, &error);
        if (outcome == SessionRun::Outcome::NotStarted) // cancelled while another run measured
            Q_EMIT logMessage(id, error);
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
