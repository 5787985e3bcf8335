// SPDX-License-Identifier: MIT
// Presentation mode: full screen, large type, high-contrast light or dark, stepping through the
// ladder on a projector. Each step reveals the next rung on the runtime chart with its speedup
// over the first rung in large print ("×23,224"), then the roofline. Keys: Right / Space /
// PageDown next, Left / PageUp / Backspace back, Home / End, D light/dark, F11 full screen, Esc
// leaves.
#pragma once

#include "theme.h"

#include <QPointer>
#include <QString>
#include <QWidget>

class QAction;
class QLabel;
class QMainWindow;
class QMenu;
class QStackedWidget;

namespace headroom::ui {

class ChartPanel;
class ResultsModel;

// The Presentation theme (large type, pure black on white) or its dark twin (white on black).
Theme presentationTheme(bool dark);

class PresentationWindow : public QWidget {
    Q_OBJECT

public:
    explicit PresentationWindow(ResultsModel* model, QWidget* parent = nullptr);

    // Step 0: the title (no rung yet); 1..R: rungs revealed; R + 1: the roofline.
    int step() const { return m_step; }
    int stepCount() const;     // R + 2, R = rungs in the model
    int revealedRungs() const; // rungs shown on the runtime chart
    bool rooflineShown() const;
    QString bigText() const;     // the large line: speedup, or % of peak on the roofline
    QString captionText() const; // the line under it: rung, time, GFLOP/s
    int size() const;            // n shown

    bool isDark() const { return m_dark; }
    void setDark(bool dark);
    void setStep(int step);
    void next() { setStep(m_step + 1); }
    void previous() { setStep(m_step - 1); }

    // Shows full screen at step 0 (the caller keeps ownership or sets WA_DeleteOnClose).
    void start();

    // The runtime and roofline panels (tests, screenshots).
    ChartPanel* runtimePanel() const { return m_runtime; }
    ChartPanel* rooflinePanel() const { return m_roofline; }

Q_SIGNALS:
    void left(); // Esc or closed

protected:
    void keyPressEvent(QKeyEvent* event) override;
    void closeEvent(QCloseEvent* event) override;

private:
    void applyTheme();
    void refresh();
    void keepFocus();

    QPointer<ResultsModel> m_model;
    int m_step = 0;
    bool m_dark = false;
    QLabel* m_big = nullptr;
    QLabel* m_caption = nullptr;
    QLabel* m_hint = nullptr;
    QStackedWidget* m_stack = nullptr;
    ChartPanel* m_runtime = nullptr;
    ChartPanel* m_roofline = nullptr;
};

// Opens a PresentationWindow on `model`; `window` hides while it shows and comes back on Esc.
void startPresentation(QWidget* window, ResultsModel* model);

} // namespace headroom::ui
