// SPDX-License-Identifier: MIT
// What the window's own thread costs a run (#16): the GUI thread's CPU time and its longest
// event-loop stall while the run lasts, recorded in the session so that a window run can be
// checked against the rule that the window stays quiet while points are timed.
#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

namespace headroom::ui {

class UiLoadMonitor : public QObject {
    Q_OBJECT

public:
    explicit UiLoadMonitor(QObject* parent = nullptr);
    void start();                                    // on the GUI thread, when the run starts
    void stop();                                     // when it ends
    double cpuSeconds() const { return m_cpu; }      // GUI thread CPU between start and stop
    double maxStallMs() const { return m_maxStall; } // longest gap past the heartbeat's period

    static double threadCpuSeconds(); // this thread's CPU time so far

private:
    void beat();

    QTimer m_heartbeat;
    QElapsedTimer m_sinceBeat;
    double m_cpuAtStart = 0, m_cpu = 0, m_maxStall = 0;
};

} // namespace headroom::ui
