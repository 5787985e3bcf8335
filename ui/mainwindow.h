// SPDX-License-Identifier: MIT
// The main window: the machine, the ladder and the plan on the left, the four charts on the
// right, Run / Cancel with progress below. Kernels run in RunJob's worker thread; this window
// only shows what arrives.
#pragma once

#include "charts.h"
#include "machine.h"
#include "session.h"
#include "theme.h"

#include <QElapsedTimer>
#include <QList>
#include <QMainWindow>
#include <QPointer>
#include <QStringList>
#include <QTimer>

#include <atomic>
#include <memory>

class QAction;
class QDragEnterEvent;
class QDragMoveEvent;
class QDropEvent;
class QLabel;
class QMenu;
class QProgressBar;
class QPushButton;
class QTabWidget;
class QThread;
class QVBoxLayout;

namespace headroom {
class RunJob;
struct PointResult;
struct Progress;
} // namespace headroom

namespace headroom::ui {

class QuietLabel;

class ChartPanel;
class LadderPanel;
class MachinePanel;
class MachineProbes;
class PlanEditor;
class RecentFiles;
class ResultsModel;
class RestoreBar;
class RunAutosave;

class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    struct Options {
        // Measure the machine's limits in the background when none are cached. Tests turn it
        // off so that constructing a window never starts a 15 s measurement.
        bool measureIfMissing = true;
        // Where File ▸ Open Recent is kept: empty = the application's QSettings, else an INI
        // file (tests keep theirs apart).
        QString settingsPath;
        // Where a run without a session file autosaves: empty = AppDataLocation/autosave.
        QString autosaveDir;
        // Offer (in a bar above the charts, never a modal dialog) to restore a run that did
        // not finish, e.g. because the program crashed.
        bool offerRestore = true;
    };

    explicit MainWindow(QWidget* parent = nullptr);
    MainWindow(const Options& options, QWidget* parent = nullptr);
    ~MainWindow() override;

    // For export, presentation and compare (#6).
    ResultsModel* resultsModel() const { return m_model; }
    ChartPanel* chartPanel(ChartKind kind) const;
    QList<ChartPanel*> chartPanels() const { return m_panels; }
    QTabWidget* chartTabs() const { return m_tabs; }
    Session currentSession() const;
    const Machine& machine() const { return m_machine; }
    void setTheme(const Theme& theme);

    QMenu* fileMenu() const { return m_fileMenu; }
    QMenu* viewMenu() const { return m_viewMenu; }
    QAction* openAction() const { return m_openAction; }
    QAction* saveAction() const { return m_saveAction; }
    QAction* exportAction() const { return m_exportAction; }
    // File > Open the Run Before: the autosaved run before the last one (enabled when it exists).
    QAction* runBeforeAction() const { return m_runBeforeAction; }
    // The window's own actions: File ▸ Export chart… (Ctrl+E), File ▸ Compare sessions…
    // (objectName "actionCompare"), View ▸ Presentation mode (F11, "actionPresentation").

    // Opens a session file: its machine, plan and results replace the current ones. The file
    // becomes the session path (autosaved to during runs) and goes to the recent files.
    bool openSession(const QString& path, QString* error);
    bool saveSession(const QString& path, QString* error);
    QString sessionPath() const { return m_sessionPath; } // empty: never opened or saved

    // Drag-and-drop (and tests): one file opens it; several files, or `compare`, add them as
    // compared datasets. All files are checked first: a bad one changes nothing.
    bool openFiles(const QStringList& paths, bool compare, QString* error);

    // File ▸ Open Recent.
    RecentFiles* recentFiles() const { return m_recent; }
    QMenu* recentMenu() const { return m_recentMenu; }
    void openRecent(const QString& path); // what clicking an entry does

    // Errors go to a window-modal message box that is opened, not exec()ed: nothing blocks, so
    // drops and tests never hang. The signal carries the text (tests).
    void reportError(const QString& title, const QString& text);

    // Autosave of runs, and the run that did not finish last time.
    RunAutosave* autosave() const { return m_autosave; }
    QString unfinishedRunPath() const;
    QWidget* restoreBar() const;
    bool restoreUnfinishedRun(QString* error);
    void discardUnfinishedRun();

    // The first size of the window: the preferred size, shrunk to fit `available` (a screen's
    // available geometry) with room for the window frame.
    static QSize initialSize(const QRect& available);
    // Shows a machine from an hwloc XML file in the machine panel (runs stay on this machine).
    bool showTopologyXml(const QString& path, QString* error);

    // Run control (also for tests).
    PlanEditor* planEditor() const { return m_planEditor; }
    LadderPanel* ladderPanel() const { return m_ladderPanel; }
    QPushButton* runButton() const { return m_runButton; }
    QPushButton* cancelButton() const { return m_cancelButton; }
    RunJob* runJob() const { return m_job; }
    QString runBlockedReason() const; // empty when Run is enabled
    bool isRunning() const;
    bool isMeasuring() const;
    bool rungsKnown() const { return m_rungsKnown; } // availability probed (python3, java)
    void startRun();
    void startRun(const Plan& plan); // a given plan, bypassing the editor (tests, CLI --open)
    void cancelRun();

Q_SIGNALS:
    void runFinished(bool cancelled);
    void machineMeasured();
    void rungsDetected();
    void errorReported(const QString& text);

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dragMoveEvent(QDragMoveEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void buildUi();
    void buildMenus();
    void buildRunBar(QWidget* central, QVBoxLayout* layout);
    void buildStatusBar();
    QWidget* buildRunPanel();
    void showMachine(const Machine& machine, bool live);
    void updateRunState();
    void measureMachine();
    void onMachineMeasured(const Machine& measured, bool cancelled);
    void detectRungs();
    void onResult(quint64 jobId, const PointResult& result);
    void onProgress(quint64 jobId, const Progress& progress);
    void showProgress(const Progress& progress);
    void onFinished(quint64 jobId, bool cancelled);
    void openSessionDialog();
    void saveSessionDialog();
    void openTopologyDialog();
    void exportChartDialog();
    void rememberSession(const QString& path);
    void showSession(const Session& s); // its machine and plan in the side panels

    Options m_options;
    Machine m_machine; // the live machine (runs use it)
    Theme m_theme;
    ResultsModel* m_model = nullptr;
    QList<ChartPanel*> m_panels;
    QTabWidget* m_tabs = nullptr;
    MachinePanel* m_machinePanel = nullptr;
    LadderPanel* m_ladderPanel = nullptr;
    PlanEditor* m_planEditor = nullptr;
    QPushButton* m_runButton = nullptr;
    QPushButton* m_cancelButton = nullptr;
    QLabel* m_blockedLabel = nullptr;
    QProgressBar* m_progress = nullptr;
    QuietLabel* m_progressLabel = nullptr;
    QTimer m_progressThrottle; // coalesces progress into at most five updates a second
    Progress m_pendingProgress;
    QLabel* m_statusLabel = nullptr;
    QMenu* m_fileMenu = nullptr;
    QMenu* m_viewMenu = nullptr;
    QAction* m_openAction = nullptr;
    QAction* m_saveAction = nullptr;
    QAction* m_runBeforeAction = nullptr;
    QAction* m_exportAction = nullptr;
    QMenu* m_recentMenu = nullptr;
    RecentFiles* m_recent = nullptr;
    RunAutosave* m_autosave = nullptr;
    QString m_sessionPath;
    QString m_autosaveTarget; // the file a run autosaves into: only one saved from this window
    RestoreBar* m_restoreBar = nullptr;
    QLabel* m_autosaveLabel = nullptr;

    RunJob* m_job = nullptr;
    quint64 m_jobId = 0;
    int m_pointsThisRun = 0;
    QElapsedTimer m_runClock;
    class UiLoadMonitor* m_uiLoad = nullptr; // the GUI thread's share of a run, for the session
    MachineProbes* m_probes = nullptr;
    bool m_rungsKnown = false;
};

} // namespace headroom::ui
