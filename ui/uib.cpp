// SPDX-License-Identifier: MIT
#include "uib.h"

#include "chartpanel.h"
#include "compare.h"
#include "exportdialog.h"
#include "mainwindow.h"
#include "presentation.h"
#include "resultsmodel.h"

#include <QAction>
#include <QMenu>

namespace headroom::ui {

namespace {

// The chart the user is looking at: the export dialog starts with it.
ExportChart visibleChart(const MainWindow& window) {
    const QList<ChartPanel*> panels = window.chartPanels();
    for (ChartPanel* p : panels) {
        if (p->isVisible())
            return ExportChart::of(p->kind());
    }
    return ExportChart::of(ChartKind::Runtime);
}

} // namespace

void installUiB(MainWindow& window) {
    if (QAction* exportAction = window.exportAction()) {
        QObject::disconnect(exportAction, &QAction::triggered, nullptr, nullptr);
        QObject::connect(exportAction, &QAction::triggered, &window, [&window] {
            ExportDialog dialog(window.resultsModel(), &window);
            dialog.setChart(visibleChart(window));
            const ChartPanel* panel = window.chartPanel(ChartKind::Runtime);
            if (panel) {
                dialog.setThemeId(panel->theme().id == ThemeId::System ? ThemeId::Light
                                                                       : panel->theme().id);
                dialog.setSizeN(panel->size());
            }
            dialog.exec();
        });
        // Compare sits under Export in the File menu, not after Quit.
        QAction* compare = installCompareAction(&window);
        if (QMenu* file = window.fileMenu()) {
            const QList<QAction*> actions = file->actions();
            const qsizetype at = actions.indexOf(exportAction);
            file->removeAction(compare);
            file->insertAction(actions.value(at + 1), compare);
        }
    } else {
        installCompareAction(&window);
    }
    installPresentationAction(&window, window.resultsModel());
}

} // namespace headroom::ui
