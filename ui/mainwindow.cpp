// SPDX-License-Identifier: MIT
#include "mainwindow.h"

#include "uiload.h"

#include "autosave.h"
#include "chartpanel.h"
#include "environment.h"
#include "format.h"
#include "ladderinfo.h"
#include "ladderpanel.h"
#include "machinepanel.h"
#include "machineprobes.h"
#include "machinestore.h"
#include "microtune.h"
#include "planeditor.h"
#include "quietlabel.h"
#include "recentfiles.h"
#include "restorebar.h"
#include "resultsmodel.h"
#include "runjob.h"
#include "sessionrun.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QFileInfo>
#include <QFrame>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QScreen>
#include <QScrollArea>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QVBoxLayout>

namespace headroom::ui {

MainWindow::MainWindow(QWidget* parent)
    : MainWindow(Options{}, parent) {}

MainWindow::MainWindow(const Options& options, QWidget* parent)
    : QMainWindow(parent)
    , m_options(options)
    , m_theme(Theme::forId(ThemeId::System)) {
    setWindowTitle(QStringLiteral("Headroom"));
    setAcceptDrops(true);
    m_model = new ResultsModel(this);
    m_recent = new RecentFiles(m_options.settingsPath, this);
    m_autosave = new RunAutosave(m_options.autosaveDir, this);
    m_job = new RunJob(this);
    m_uiLoad = new UiLoadMonitor(this);
    connect(m_job, &RunJob::resultAvailable, this, &MainWindow::onResult);
    connect(m_job, &RunJob::progress, this, &MainWindow::onProgress);
    m_progressThrottle.setSingleShot(true);
    m_progressThrottle.setInterval(200);
    connect(&m_progressThrottle, &QTimer::timeout, this,
            [this] { showProgress(m_pendingProgress); });
    connect(m_job, &RunJob::finished, this, &MainWindow::onFinished);
    connect(m_job, &RunJob::started, this, [this](quint64 id, const QJsonObject& environment) {
        if (id == m_jobId)
            m_model->setEnvironment(environment);
    });
    connect(m_job, &RunJob::logMessage, this, [this](quint64 id, const QString& message) {
        if (id == m_jobId)
            statusBar()->showMessage(message, 8000);
    });
    m_probes = new MachineProbes(this);
    connect(m_probes, &MachineProbes::measureProgress, this,
            [this](double fraction, const QString& what) {
                m_progress->setValue(qRound(fraction * 1000));
                m_progressLabel->setText(tr("Measuring: %1").arg(what));
            });
    connect(m_probes, &MachineProbes::measured, this, &MainWindow::onMachineMeasured);
    connect(m_probes, &MachineProbes::rungsDetected, this,
            [this](const QList<RungStatus>& statuses) {
                m_ladderPanel->setRungs(statuses);
                m_rungsKnown = true;
                updateRunState();
                Q_EMIT rungsDetected();
            });
    buildUi();
    buildMenus();

    // The cached machine shows at once; measuring (if needed) runs in the background.
    m_machine = liveMachine();
    m_model->setMachine(m_machine);
    prepareMicrokernel(m_machine, TuneWhen::CachedOnly); // a tuned choice cached earlier
    showMachine(m_machine, true);
    detectRungs();
    m_planEditor->setMaxThreads(m_machine.topology.pus);
    m_planEditor->setMemoryBytes(m_machine.topology.memoryBytes);
    m_planEditor->setCaches(m_machine.caches); // the standard preset, as the CLI derives it
    updateRunState();
    if (!m_machine.limits && m_options.measureIfMissing)
        QMetaObject::invokeMethod(this, &MainWindow::measureMachine, Qt::QueuedConnection);
    const QScreen* screen = QGuiApplication::primaryScreen();
    resize(screen ? initialSize(screen->availableGeometry()) : QSize(1280, 800));
    if (m_options.offerRestore)
        m_restoreBar->check();
}

QSize MainWindow::initialSize(const QRect& available) {
    // Preferred: room for the side panel and a large chart. On a small screen the window fits
    // inside the available area, with room left for the frame and title bar (which resize()
    // does not count), so that Run and the progress bar are on screen.
    const QSize preferred(1600, 1000);
    if (!available.isValid())
        return preferred;
    const int frameW = 16, frameH = 48;
    return QSize(std::clamp(available.width() - frameW, 200, preferred.width()),
                 std::clamp(available.height() - frameH, 200, preferred.height()));
}

MainWindow::~MainWindow() {
    m_probes->stop(); // before the widgets its answers would go to
    // RunJob's destructor cancels and joins the worker.
}

void MainWindow::buildUi() {
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setChildrenCollapsible(false);

    auto* side = new QTabWidget(splitter);
    side->setDocumentMode(true);
    auto* runScroll = new QScrollArea(side);
    runScroll->setWidgetResizable(true);
    runScroll->setFrameShape(QFrame::NoFrame);
    runScroll->setWidget(buildRunPanel());
    side->addTab(runScroll, tr("Ladder && plan"));
    auto* machineScroll = new QScrollArea(side);
    machineScroll->setWidgetResizable(true);
    machineScroll->setFrameShape(QFrame::NoFrame);
    m_machinePanel = new MachinePanel(machineScroll);
    connect(m_machinePanel, &MachinePanel::measureRequested, this, &MainWindow::measureMachine);
    connect(m_machinePanel, &MachinePanel::openTopologyRequested, this,
            &MainWindow::openTopologyDialog);
    connect(m_machinePanel, &MachinePanel::liveMachineRequested, this,
            [this] { showMachine(m_machine, true); });
    machineScroll->setWidget(m_machinePanel);
    side->addTab(machineScroll, tr("Machine"));
    side->setMinimumWidth(380);

    m_tabs = new QTabWidget(splitter);
    m_tabs->setDocumentMode(true);
    for (ChartKind kind : allChartKinds()) {
        auto* panel = createChartPanel(kind, m_model, m_tabs);
        m_panels.append(panel);
        m_tabs->addTab(panel, chartKindTitle(kind));
    }
    splitter->addWidget(side);
    splitter->addWidget(m_tabs);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({440, 1160});

    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(8, 8, 8, 4);
    layout->setSpacing(8);
    m_restoreBar = new RestoreBar(m_autosave, central);
    connect(m_restoreBar, &RestoreBar::restoreRequested, this, [this] {
        QString error;
        if (!restoreUnfinishedRun(&error))
            reportError(tr("Restore the unfinished run"), error);
    });
    connect(m_restoreBar, &RestoreBar::reopenRequested, this, [this](const QString& path) {
        // As the run before: opened as a file, a new run never writes into it.
        QString error;
        if (!openSession(path, &error))
            reportError(tr("Reopen the last run"), error);
    });
    layout->addWidget(m_restoreBar);
    layout->addWidget(splitter, 1);
    buildRunBar(central, layout);
    setCentralWidget(central);

    buildStatusBar();
}

// The run bar spans the window: Run, Cancel, progress with rung, n and ETA, and below them why
// Run is not available.
void MainWindow::buildRunBar(QWidget* central, QVBoxLayout* layout) {
    auto* bar = new QHBoxLayout;
    bar->setSpacing(10);
    m_runButton = new QPushButton(tr("Run"), central);
    m_runButton->setDefault(true);
    m_runButton->setMinimumWidth(110);
    QFont bold = m_runButton->font();
    bold.setBold(true);
    m_runButton->setFont(bold);
    m_cancelButton = new QPushButton(tr("Cancel"), central);
    m_cancelButton->setEnabled(false);
    m_cancelButton->setMinimumWidth(90);
    m_progress = new QProgressBar(central);
    m_progress->setRange(0, 1000);
    m_progress->setValue(0);
    m_progress->setTextVisible(false);
    m_progress->setMinimumWidth(200);
    m_progressLabel = new QuietLabel(tr("Ready"), central);
    m_progressLabel->setMinimumWidth(360);
    m_progressLabel->label()->setObjectName(QStringLiteral("progressText"));
    m_blockedLabel = new QLabel(central);
    m_blockedLabel->setObjectName(QStringLiteral("runBlockedLabel"));
    m_blockedLabel->setWordWrap(true); // a long reason takes lines, never the window's width
    QPalette warn = m_blockedLabel->palette();
    warn.setColor(QPalette::WindowText, QColor(0xc0, 0x39, 0x2b));
    m_blockedLabel->setPalette(warn);
    bar->addWidget(m_runButton);
    bar->addWidget(m_cancelButton);
    bar->addWidget(m_progress, 1);
    bar->addWidget(m_progressLabel);
    layout->addLayout(bar);
    layout->addWidget(m_blockedLabel);
    connect(m_runButton, &QPushButton::clicked, this, qOverload<>(&MainWindow::startRun));
    connect(m_cancelButton, &QPushButton::clicked, this, &MainWindow::cancelRun);
}

// The status bar: messages, and what the autosave last wrote (or why it could not).
void MainWindow::buildStatusBar() {
    m_statusLabel = new QLabel(this);
    statusBar()->addPermanentWidget(m_statusLabel);
    m_autosaveLabel = new QLabel(this);
    m_autosaveLabel->setObjectName(QStringLiteral("autosaveLabel"));
    statusBar()->addPermanentWidget(m_autosaveLabel);
    statusBar()->setToolTip(
        tr("Drop a session file (.json) on the window to open it; drop several, "
           "or hold Shift while dropping, to add them as compared machines."));
    connect(m_autosave, &RunAutosave::written, this, [this](const QString& path, int points) {
        m_autosaveLabel->setText(
            tr("Autosaved %1 points to %2").arg(points).arg(QFileInfo(path).fileName()));
        m_autosaveLabel->setToolTip(path);
    });
    connect(m_autosave, &RunAutosave::failed, this, [this](const QString& error) {
        m_autosaveLabel->setText(tr("Autosave failed"));
        m_autosaveLabel->setToolTip(error);
    });
}

QWidget* MainWindow::buildRunPanel() {
    auto* panel = new QWidget;
    auto* layout = new QVBoxLayout(panel);
    layout->setContentsMargins(10, 10, 10, 10);
    layout->setSpacing(12);
    auto* planBox = new QGroupBox(tr("Plan"), panel);
    auto* planLayout = new QVBoxLayout(planBox);
    m_planEditor = new PlanEditor(planBox);
    planLayout->addWidget(m_planEditor);
    layout->addWidget(planBox);
    auto* ladderBox = new QGroupBox(tr("Ladder"), panel);
    auto* ladderLayout = new QVBoxLayout(ladderBox);
    m_ladderPanel = new LadderPanel(ladderBox);
    ladderLayout->addWidget(m_ladderPanel);
    layout->addWidget(ladderBox, 1);
    connect(m_planEditor, &PlanEditor::changed, this, &MainWindow::updateRunState);
    connect(m_ladderPanel, &LadderPanel::selectionChanged, this, &MainWindow::updateRunState);
    return panel;
}

void MainWindow::reportError(const QString& title, const QString& text) {
    auto* box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("headroomError"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::WindowModal);
    box->open(); // returns at once: a drop handler or a test never waits on it
    statusBar()->showMessage(text.section(u'\n', 0, 0), 8000);
    Q_EMIT errorReported(text);
}

ChartPanel* MainWindow::chartPanel(ChartKind kind) const {
    for (ChartPanel* p : m_panels) {
        if (p->kind() == kind)
            return p;
    }
    return nullptr;
}

void MainWindow::setTheme(const Theme& theme) {
    m_theme = theme;
    for (ChartPanel* p : std::as_const(m_panels))
        p->setTheme(theme);
}

void MainWindow::showMachine(const Machine& machine, bool live) {
    m_machinePanel->showMachine(machine, live, isMeasuring());
}

void MainWindow::measureMachine() {
    if (isMeasuring() || isRunning())
        return;
    m_machinePanel->setMeasuring();
    m_progressLabel->setText(tr("Measuring the machine's limits (about 15 s)\u2026"));
    m_progress->setValue(0);
    m_probes->measure();
    updateRunState();
}

void MainWindow::onMachineMeasured(const Machine& measured, bool cancelled) {
    if (!cancelled)
        m_machine = measured;
    m_model->setMachine(m_machine);
    showMachine(m_machine, true);
    m_machinePanel->setMeasureEnabled(true);
    m_progress->setValue(0);
    m_progressLabel->setText(m_machine.limits ? tr("Machine measured") : tr("Measuring failed"));
    updateRunState();
    Q_EMIT machineMeasured();
}

void MainWindow::detectRungs() {
    // Which rungs can run asks python3 and java for their versions (a JVM takes a while to
    // start): placeholders until the answer arrives.
    QList<RungStatus> placeholder;
    for (const QString& id : allRungIds()) {
        RungStatus s;
        s.id = id;
        s.whatChanged = tr("checking whether it can run here…");
        placeholder.append(s);
    }
    m_ladderPanel->setRungs(placeholder);
    m_probes->detectRungs();
}

QString MainWindow::runBlockedReason() const {
    if (!m_rungsKnown)
        return tr("Checking which rungs can run here…");
    if (isMeasuring())
        return tr("Measuring the machine's limits; Run is available when it is done.");
    const Plan plan = m_planEditor->plan(m_ladderPanel->checkedRungs());
    return m_planEditor->validate(plan);
}

bool MainWindow::isMeasuring() const {
    return m_probes->isMeasuring();
}

bool MainWindow::isRunning() const {
    return m_job && m_job->isRunning() && m_jobId != 0;
}

void MainWindow::updateRunState() {
    const bool running = isRunning();
    const QString reason = running ? QString() : runBlockedReason();
    m_runButton->setEnabled(!running && reason.isEmpty());
    m_runButton->setToolTip(
        reason.isEmpty() ? tr("Run the plan (the charts grow as results arrive)") : reason);
    m_blockedLabel->setText(reason);
    m_blockedLabel->setVisible(!reason.isEmpty());
    m_cancelButton->setEnabled(running);
    m_machinePanel->setMeasureEnabled(!running && !isMeasuring());
    m_planEditor->setEnabled(!running);
    m_ladderPanel->setEnabled(!running);
    m_openAction->setEnabled(!running);
}

void MainWindow::startRun() {
    const Plan plan = m_planEditor->plan(m_ladderPanel->checkedRungs());
    if (!m_planEditor->validate(plan).isEmpty() || isMeasuring())
        return;
    startRun(plan);
}

void MainWindow::startRun(const Plan& plan) {
    if (isRunning() || isMeasuring())
        return;
    if (const QString tooBig = SessionRun::checkMemory(plan); !tooBig.isEmpty()) {
        m_progressLabel->setText(tooBig);
        statusBar()->showMessage(tooBig, 15000);
        return;
    }
    // The editor and the ladder show the plan that runs, also one given from outside (--run).
    m_planEditor->setPlan(plan);
    m_ladderPanel->setCheckedRungs(plan.rungs);
    // A new run replaces "this run" (compared datasets stay).
    Dataset d;
    d.label = tr("This machine");
    d.machine = m_machine;
    d.plan = plan;
    // The environment block comes from the run itself (RunJob::started), as in a headless run.
    QList<Dataset> all = m_model->datasets();
    all[0] = d;
    m_model->setDatasets(all);
    showMachine(m_machine, true);
    m_pointsThisRun = 0;
    m_runClock.start();
    m_uiLoad->start();
    m_progress->setValue(0);
    m_progressLabel->setText(tr("Starting\u2026"));
    m_jobId = m_job->start(m_machine, plan);
    // Autosave into the file the user saved from this window, else into the autosave folder.
    m_restoreBar->hide();
    m_autosave->begin(m_autosaveTarget, [this] { return currentSession(); });
    m_autosaveLabel->setToolTip(m_autosave->path());
    statusBar()->showMessage(
        tr("Running %1 rungs \u00d7 %2 sizes").arg(plan.rungs.size()).arg(plan.sizes.size()));
    updateRunState();
}

void MainWindow::cancelRun() {
    if (!isRunning())
        return;
    m_progressLabel->setText(tr("Cancelling\u2026"));
    m_job->cancel();
}

void MainWindow::onResult(quint64 jobId, const PointResult& result) {
    if (jobId != m_jobId)
        return; // a cancelled job's late result
    m_model->appendResult(0, result);
    ++m_pointsThisRun;
    m_autosave->pointArrived(); // throttled: at most one write per interval
}

void MainWindow::onProgress(quint64 jobId, const Progress& p) {
    if (jobId != m_jobId)
        return;
    // Progress comes with every timing round; the window shows it at most five times a second,
    // so that repainting and relaying out the run bar costs the GUI thread little while points
    // are timed (#16: under 5 % of the run's wall time).
    m_pendingProgress = p;
    if (!m_progressThrottle.isActive())
        m_progressThrottle.start();
}

void MainWindow::showProgress(const Progress& p) {
    if (!isRunning())
        return;
    m_progress->setValue(qRound(std::clamp(p.fraction, 0.0, 1.0) * 1000));
    QString text = tr("%1 \u00b7 n = %2 \u00b7 point %3 of %4")
                       .arg(rungLabel(p.rung))
                       .arg(p.n)
                       .arg(p.pointIndex + 1)
                       .arg(p.pointCount);
    if (p.round > 0)
        text += tr(" \u00b7 timing round %1 of %2").arg(p.round).arg(p.rounds);
    if (p.etaSeconds >= 0)
        text += tr(" \u00b7 ETA %1").arg(format::seconds(p.etaSeconds));
    m_progressLabel->setText(text);
}

void MainWindow::onFinished(quint64 jobId, bool cancelled) {
    if (jobId != m_jobId)
        return;
    const double seconds = m_runClock.elapsed() / 1000.0;
    m_jobId = 0;
    m_progressThrottle.stop();
    // The window's own cost, kept with the run (the rule: under 5 % of the wall time).
    m_uiLoad->stop();
    QJsonObject env = m_model->dataset(0).environment;
    env[QStringLiteral("run_wall_seconds")] = seconds;
    env[QStringLiteral("ui_thread_cpu_seconds")] = m_uiLoad->cpuSeconds();
    env[QStringLiteral("ui_max_stall_ms")] = m_uiLoad->maxStallMs();
    m_model->setEnvironment(env);
    m_autosave->finish();
    if (m_machinePanel
            ->showsLiveMachine()) // the run may have tuned the micro-kernel: show its choice
        showMachine(m_machine, true);
    m_progress->setValue(cancelled ? m_progress->value() : 1000);
    const QString text =
        cancelled
            ? tr("Cancelled after %1: %2 finished points kept")
                  .arg(format::seconds(seconds))
                  .arg(m_pointsThisRun)
            : tr("Finished: %1 points in %2").arg(m_pointsThisRun).arg(format::seconds(seconds));
    m_progressLabel->setText(text);
    statusBar()->showMessage(text, 15000);
    updateRunState();
    Q_EMIT runFinished(cancelled);
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (isRunning())
        m_job->cancel();
    m_autosave->flush(); // what arrived since the last write
    m_probes->cancelMeasure();
    QMainWindow::closeEvent(event);
}

} // namespace headroom::ui
