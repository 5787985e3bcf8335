// SPDX-License-Identifier: MIT
// The Machine tab of the main window: the CPU, its caches and topology, the measured limits
// (peaks, bandwidth per level, clock) and the notes about them. It shows a Machine it is given
// and asks the window (by signal) to measure again, open a topology file or go back to the live
// machine.
#pragma once

#include "machine.h"

#include <QWidget>

class QLabel;
class QPushButton;

namespace headroom::ui {

class TopologyView;

class MachinePanel : public QWidget {
    Q_OBJECT

public:
    explicit MachinePanel(QWidget* parent = nullptr);

    // `live`: this machine (Measure again); else a topology file's (a button back to this one).
    // `measuring`: limits not there yet because a measurement is under way.
    void showMachine(const Machine& machine, bool live, bool measuring);
    void setMeasuring(); // "Measuring…" in the limits, the button off until setMeasureEnabled
    void setMeasureEnabled(bool enabled);
    bool showsLiveMachine() const;

    // The limits as a small HTML table (or why there are none).
    static QString limitsText(const Machine& machine, bool measuring);

Q_SIGNALS:
    void measureRequested();
    void openTopologyRequested();
    void liveMachineRequested();

private:
    QLabel* m_machineTitle = nullptr;
    QLabel* m_machineInfo = nullptr;
    TopologyView* m_topologyView = nullptr;
    QLabel* m_limitsInfo = nullptr;
    QPushButton* m_measureButton = nullptr;
    QPushButton* m_backToLive = nullptr;
    QLabel* m_notes = nullptr;
};

} // namespace headroom::ui
