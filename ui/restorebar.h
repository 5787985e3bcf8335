// SPDX-License-Identifier: MIT
// The offer above the charts to restore a run that did not finish (the program crashed or was
// killed mid-run), or else to reopen the last run that finished: a bar, not a modal dialog, so
// that the window is usable at once and tests never wait on a dialog.
#pragma once

#include <QFrame>

class QLabel;
class QPushButton;

namespace headroom::ui {

class RunAutosave;

class RestoreBar : public QFrame {
    Q_OBJECT

public:
    explicit RestoreBar(RunAutosave* autosave, QWidget* parent = nullptr);

    // Shows the bar when the autosave holds an unfinished run with measured points (one with
    // nothing measured, or unreadable, is discarded without asking); else when it holds the last
    // finished run, not yet reopened or declined.
    void check();
    // Forgets the unfinished run (or the offer to reopen the finished one) and hides the bar.
    void discard();
    bool offersFinishedRun() const { return m_finished; }

Q_SIGNALS:
    void restoreRequested();
    void reopenRequested(const QString& path);

private:
    bool offerFinished();

    RunAutosave* m_autosave = nullptr;
    QLabel* m_text = nullptr;
    QPushButton* m_restore = nullptr;
    bool m_finished = false; // the offer is the finished run's
};

} // namespace headroom::ui
