// SPDX-License-Identifier: MIT
// The offer above the charts to restore a run that did not finish (the program crashed or was
// killed mid-run): a bar, not a modal dialog, so that the window is usable at once and tests
// never wait on a dialog.
#pragma once

#include <QFrame>

class QLabel;

namespace headroom::ui {

class RunAutosave;

class RestoreBar : public QFrame {
    Q_OBJECT

public:
    explicit RestoreBar(RunAutosave* autosave, QWidget* parent = nullptr);

    // Shows the bar when the autosave holds an unfinished run with measured points; one with
    // nothing measured (or unreadable) is discarded without asking.
    void check();
    // Forgets the unfinished run and hides the bar.
    void discard();

Q_SIGNALS:
    void restoreRequested();

private:
    RunAutosave* m_autosave = nullptr;
    QLabel* m_text = nullptr;
};

} // namespace headroom::ui
