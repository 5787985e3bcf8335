// SPDX-License-Identifier: MIT
// The window's two background questions about the machine, each on a thread of its own so that
// the window shows at once: its limits (peak FLOP/s and bandwidth per level, seconds of every
// core busy) and which rungs can run here (python3 and java asked for their versions). Answers
// arrive as signals on the GUI thread.
#pragma once

#include "ladderinfo.h"
#include "machine.h"

#include <QList>
#include <QObject>

#include <atomic>
#include <memory>

class QThread;

namespace headroom::ui {

class MachineProbes : public QObject {
    Q_OBJECT

public:
    explicit MachineProbes(QObject* parent = nullptr);
    ~MachineProbes() override; // stop()

    // Measures the live machine's limits ("quick" setting); ignored while a measurement runs.
    void measure();
    void detectRungs();
    bool isMeasuring() const { return m_measureThread != nullptr; }
    // Asks a measurement to stop early; its result is then reported as cancelled.
    void cancelMeasure();
    // cancelMeasure(), then waits for both threads.
    void stop();

Q_SIGNALS:
    void measureProgress(double fraction, const QString& what);
    // isMeasuring() is already false when this arrives.
    void measured(const headroom::Machine& machine, bool cancelled);
    void rungsDetected(const QList<headroom::RungStatus>& statuses);

private:
    QThread* m_measureThread = nullptr;
    QThread* m_rungsThread = nullptr;
    std::shared_ptr<std::atomic<bool>> m_cancel;
};

} // namespace headroom::ui
