// SPDX-License-Identifier: MIT
// A SessionRun on a worker thread, for the GUI: start() returns at once; results arrive by queued
// signals as value structs, tagged with the job id so that a view can drop stale results of a
// cancelled job (hotspot's job tracker does the same).
#pragma once

#include "machine.h"
#include "plan.h"
#include "results.h"

#include <QJsonObject>
#include <QObject>
#include <QThread>

#include <atomic>
#include <memory>

namespace headroom {

class RunJob : public QObject {
    Q_OBJECT

public:
    explicit RunJob(QObject* parent = nullptr);
    ~RunJob() override; // cancels and joins a running job

    // Starts a run on a new worker thread and returns its job id. Cancels any job still running.
    quint64 start(const Machine& machine, const Plan& plan);
    void cancel(); // returns at once; finished(id, true) follows within one repetition
    bool isRunning() const;
    // Blocks until the current job (if any) ends; for tests and shutdown.
    bool wait(unsigned long ms = ULONG_MAX);

Q_SIGNALS:
    // The run is set up (after the run lock and the micro-kernel's tuning): its environment
    // block, the same as a headless run of the plan records.
    void started(quint64 jobId, const QJsonObject& environment);
    void resultAvailable(quint64 jobId, const headroom::PointResult& result);
    void progress(quint64 jobId, const headroom::Progress& progress);
    void logMessage(quint64 jobId, const QString& message);
    void finished(quint64 jobId, bool cancelled);

private:
    QThread* m_thread = nullptr;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    quint64 m_nextId = 1;
    quint64 m_current = 0;
};

} // namespace headroom
