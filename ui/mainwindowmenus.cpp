// SPDX-License-Identifier: MIT
// The main window's menus and the actions it owns (File, View): kept apart from the window's
// layout and run control in mainwindow.cpp.
#include "mainwindow.h"

#include "autosave.h"
#include "chartpanel.h"
#include "compare.h"
#include "exportdialog.h"
#include "presentation.h"
#include "recentfiles.h"

#include <QAction>
#include <QActionGroup>
#include <QFileInfo>
#include <QMenuBar>
#include <QTabWidget>

namespace headroom::ui {

void MainWindow::buildMenus() {
    m_fileMenu = menuBar()->addMenu(tr("&File"));
    m_openAction =
        m_fileMenu->addAction(tr("&Open session\u2026"), this, &MainWindow::openSessionDialog);
    m_openAction->setShortcut(QKeySequence::Open);
    auto* recent = new RecentMenu(m_recent, tr("Open &Recent"), m_fileMenu);
    connect(recent, &RecentMenu::openRequested, this, &MainWindow::openRecent);
    m_recentMenu = recent;
    m_fileMenu->addMenu(m_recentMenu);
    // A new run replaces the window's results; the autosave keeps the run before it, finished or
    // not and saved or not, and this opens it (as a file opened: a run never writes into it).
    m_runBeforeAction = m_fileMenu->addAction(tr("Open the Run &Before"), this, [this] {
        QString error;
        if (!openSession(m_autosave->previousPath(), &error))
            reportError(tr("Open the run before"), error);
    });
    m_runBeforeAction->setObjectName(QStringLiteral("runBeforeAction"));
    m_runBeforeAction->setStatusTip(
        tr("Open the run before the last one, kept by the autosave when a new run started"));
    auto updateRunBefore = [this] {
        m_runBeforeAction->setEnabled(QFileInfo::exists(m_autosave->previousPath()));
    };
    connect(m_fileMenu, &QMenu::aboutToShow, this, updateRunBefore);
    updateRunBefore();
    m_saveAction =
        m_fileMenu->addAction(tr("&Save session\u2026"), this, &MainWindow::saveSessionDialog);
    m_saveAction->setShortcut(QKeySequence::Save);
    m_exportAction =
        m_fileMenu->addAction(tr("&Export chart\u2026"), this, &MainWindow::exportChartDialog);
    m_exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    // Another machine's sessions in a window of their own: the run on screen stays as it is.
    QAction* compare = m_fileMenu->addAction(tr("Co&mpare sessions\u2026"), this,
                                             [this] { openCompareWindow(this); });
    compare->setObjectName(QStringLiteral("actionCompare"));
    m_fileMenu->addAction(tr("Open &topology XML\u2026"), this, &MainWindow::openTopologyDialog);
    m_fileMenu->addSeparator();
    QAction* quit = m_fileMenu->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    QMenu* themes = m_viewMenu->addMenu(tr("&Theme"));
    auto* group = new QActionGroup(this);
    for (ThemeId id : {ThemeId::System, ThemeId::Light, ThemeId::Dark}) {
        QAction* a = themes->addAction(id == ThemeId::System  ? tr("Follow the system")
                                       : id == ThemeId::Light ? tr("Light")
                                                              : tr("Dark"));
        a->setCheckable(true);
        a->setChecked(id == ThemeId::System);
        group->addAction(a);
        connect(a, &QAction::triggered, this, [this, id] { setTheme(Theme::forId(id)); });
    }
    for (int i = 0; i < m_panels.size(); ++i) {
        QAction* a = m_viewMenu->addAction(chartKindTitle(m_panels[i]->kind()));
        a->setShortcut(QKeySequence(Qt::CTRL | (Qt::Key_1 + i)));
        connect(a, &QAction::triggered, this, [this, i] { m_tabs->setCurrentIndex(i); });
    }
    m_viewMenu->addSeparator();
    QAction* presentation = m_viewMenu->addAction(tr("&Presentation mode"), this,
                                                  [this] { startPresentation(this, m_model); });
    presentation->setShortcut(QKeySequence(Qt::Key_F11));
    presentation->setShortcutContext(Qt::WindowShortcut);
    presentation->setObjectName(QStringLiteral("actionPresentation"));
    addAction(presentation); // F11 also while the menu bar is hidden
}

void MainWindow::exportChartDialog() {
    ExportDialog dialog(m_model, this);
    // The chart the user is looking at: the dialog starts with it.
    ExportChart chart = ExportChart::of(ChartKind::Runtime);
    for (const ChartPanel* p : std::as_const(m_panels)) {
        if (p->isVisible()) {
            chart = ExportChart::of(p->kind());
            break;
        }
    }
    dialog.setChart(chart);
    if (const ChartPanel* panel = chartPanel(ChartKind::Runtime)) {
        dialog.setThemeId(panel->theme().id == ThemeId::System ? ThemeId::Light
                                                               : panel->theme().id);
        dialog.setSizeN(panel->size());
    }
    dialog.exec();
}

} // namespace headroom::ui
