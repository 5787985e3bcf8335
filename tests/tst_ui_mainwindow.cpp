// SPDX-License-Identifier: MIT
// The main window with the real RunJob worker: a tiny plan fills every chart, cancel keeps the
// finished points, kernels never run on the GUI thread, and the GUI stays responsive (the
// largest stall of a heartbeat timer is reported, not asserted).
#include "autosave.h"
#include "chartpanel.h"
#include "exportdialog.h"
#include "ladderpanel.h"
#include "mainwindow.h"
#include "planeditor.h"
#include "resultsmodel.h"
#include "runjob.h"
#include "sessionrun.h"
#include "theme.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <atomic>

using namespace headroom;
using namespace headroom::ui;

namespace {

// Settings and autosaves of these tests live here, never in the user's folders.
QTemporaryDir& sandbox() {
    static QTemporaryDir dir;
    return dir;
}

MainWindow::Options testOptions() {
    MainWindow::Options o;
    o.measureIfMissing = false; // never a 15 s measurement in a unit test
    o.settingsPath = sandbox().filePath(QStringLiteral("settings.ini"));
    o.autosaveDir = sandbox().filePath(QStringLiteral("autosave"));
    return o;
}

// Three fast native rungs at two small sizes, with a budget that runs every point.
Plan tinyPlan() {
    Plan p;
    p.rungs = {QStringLiteral("optflags"), QStringLiteral("tiled"), QStringLiteral("microkernel")};
    p.sizes = {48, 96};
    p.threads = 1;
    p.budgetSeconds = 30;
    p.repetitions = 2;
    p.minSeconds = 0.0;
    return p;
}

// Records the largest gap between ticks of a fast timer on the GUI thread.
class Heartbeat : public QObject {
public:
    Heartbeat() {
        m_timer.setInterval(5);
        m_timer.setTimerType(Qt::PreciseTimer);
        QObject::connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            if (m_last >= 0)
                m_maxGapMs = std::max(m_maxGapMs, (now - m_last) / 1e6);
            m_last = now;
        });
        m_clock.start();
        m_timer.start();
    }
    double maxGapMs() const { return m_maxGapMs; }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = -1;
    double m_maxGapMs = 0;
};

// The sizes field as a user edits it.
void typeSizes(MainWindow& w, const QString& text) {
    w.planEditor()->sizesEdit()->setText(text);
    Q_EMIT w.planEditor()->sizesEdit()->textEdited(text);
}

// Why `label` (in `window`) does not show its text whole, or empty: cut by its own size, or
// outside a widget it sits in.
QString textNotWhole(const QLabel* label, const QWidget* window) {
    const QString what = label->objectName() + QStringLiteral(" \u201c") + label->text() +
                         QStringLiteral("\u201d: ");
    if (!label->isVisible() || label->width() <= 0)
        return what + QStringLiteral("not shown");
    const bool fits = label->wordWrap() ? label->heightForWidth(label->width()) <= label->height()
                                        : label->sizeHint().width() <= label->width();
    if (!fits)
        return what + QStringLiteral("cut at %1 x %2").arg(label->width()).arg(label->height());
    for (const QWidget* w = label; w != window; w = w->parentWidget()) {
        const QWidget* parent = w->parentWidget();
        if (!parent->rect().contains(QRect(label->mapTo(parent, QPoint(0, 0)), label->size())))
            return what + QStringLiteral("outside its ") +
                   QString::fromLatin1(parent->metaObject()->className());
    }
    return {};
}

QRect inWindow(const QWidget* widget, const QWidget* window) {
    return QRect(widget->mapTo(window, QPoint(0, 0)), widget->size());
}

// What is wrong with how `label`, a text of `w`'s run bar, shows: the window widened past
// `narrowest` for it, its text is cut, or it overprints Run or the run bar's other text.
QString runBarTextNotWhole(MainWindow& w, const QLabel* label, int narrowest) {
    QCoreApplication::processEvents(); // the layout after the new text
    if (w.width() > narrowest)
        return QStringLiteral("the window widened from %1 to %2 for \u201c%3\u201d")
            .arg(narrowest)
            .arg(w.width())
            .arg(label->text());
    if (const QString cut = textNotWhole(label, &w); !cut.isEmpty())
        return cut;
    const QList<const QWidget*> others = {w.runButton(),
                                          w.findChild<QLabel*>(QStringLiteral("runBlockedLabel")),
                                          w.findChild<QLabel*>(QStringLiteral("progressText"))};
    for (const QWidget* other : others) {
        if (other != label && other->isVisible() &&
            inWindow(label, &w).intersects(inWindow(other, &w)))
            return label->objectName() + QStringLiteral(" overprints ") + other->objectName();
    }
    return {};
}

} // namespace

class TestUiMainWindow : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void constructs() {
        MainWindow w(testOptions());
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QCOMPARE(w.windowTitle(), QStringLiteral("Headroom"));
        QCOMPARE(w.chartPanels().size(), 4);
        for (ChartKind k : allChartKinds())
            QVERIFY(w.chartPanel(k));
        QVERIFY(w.chartPanel(ChartKind::Ladder)->chart() == nullptr);
        QVERIFY(w.chartPanel(ChartKind::Roofline)->chart() != nullptr);
        QVERIFY(w.fileMenu() && w.viewMenu() && w.exportAction() && w.saveAction());
        QVERIFY(!w.isRunning());
    }

    void ownsItsActions() {
        // Export, Compare and Presentation are the window's own, in its menus, with nothing
        // installed from outside: Export opens the export dialog on the chart in view.
        MainWindow w(testOptions());
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        const QList<QAction*> file = w.fileMenu()->actions();
        auto* compare = w.findChild<QAction*>(QStringLiteral("actionCompare"));
        auto* presentation = w.findChild<QAction*>(QStringLiteral("actionPresentation"));
        QVERIFY(compare && presentation);
        QCOMPARE(file.indexOf(compare), file.indexOf(w.exportAction()) + 1);
        QVERIFY(w.viewMenu()->actions().contains(presentation));
        QCOMPARE(presentation->shortcut(), QKeySequence(Qt::Key_F11));
        w.chartTabs()->setCurrentIndex(w.chartTabs()->indexOf(w.chartPanel(ChartKind::Roofline)));
        ExportChart seen = ExportChart::dashboard();
        QTimer::singleShot(0, &w, [&seen] {
            auto* dialog = qobject_cast<ExportDialog*>(QApplication::activeModalWidget());
            QVERIFY(dialog);
            seen = dialog->chart();
            dialog->reject();
        });
        w.exportAction()->trigger();
        QVERIFY(seen.kind == ChartKind::Roofline);
    }

    void invalidPlanDisablesRun() {
        MainWindow w(testOptions());
        // Until python3 / java are probed (off the GUI thread; the answer arrives through the
        // event loop, which has not run yet) Run waits, and says why.
        QVERIFY(!w.rungsKnown());
        QVERIFY(!w.runBlockedReason().isEmpty());
        QVERIFY(!w.runButton()->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(w.rungsKnown(), 30000);
        typeSizes(w, QStringLiteral("12x"));
        QVERIFY(!w.runButton()->isEnabled());
        QVERIFY(!w.runBlockedReason().isEmpty());
        typeSizes(w, QStringLiteral("64, 128"));
        w.ladderPanel()->setCheckedRungs({});
        QVERIFY(!w.runButton()->isEnabled());
        w.ladderPanel()->setCheckedRungs({QStringLiteral("optflags")});
        QVERIFY2(w.runButton()->isEnabled(), qPrintable(w.runBlockedReason()));
        QCOMPARE(w.planEditor()->preset(), QStringLiteral("custom"));
    }

    void tinyRunFillsEveryChart() {
        MainWindow w(testOptions());
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        // The thread each result was produced on: RunJob emits from its worker, so a direct
        // connection runs where the kernel ran.
        std::atomic<int> onGuiThread{0}, offGuiThread{0};
        QThread* gui = QThread::currentThread();
        connect(
            w.runJob(), &RunJob::resultAvailable, this,
            [&](quint64, const PointResult&) {
                (QThread::currentThread() == gui ? onGuiThread : offGuiThread)++;
            },
            Qt::DirectConnection);
        QSignalSpy finished(&w, &MainWindow::runFinished);
        Heartbeat heartbeat;
        const Plan plan = tinyPlan();
        w.startRun(plan);
        QVERIFY(w.isRunning());
        QVERIFY(w.cancelButton()->isEnabled());
        QVERIFY(!w.runButton()->isEnabled());
        // Cycle the tabs while the run goes, as a user would: every chart repaints live.
        QTimer tabs;
        connect(&tabs, &QTimer::timeout, &w,
                [&] { w.chartTabs()->setCurrentIndex((w.chartTabs()->currentIndex() + 1) % 4); });
        tabs.start(40);
        QVERIFY(finished.wait(300000));
        tabs.stop();
        QCOMPARE(finished.first().first().toBool(), false);
        qInfo("largest GUI stall during the tiny run: %.1f ms", heartbeat.maxGapMs());
        QCOMPARE(onGuiThread.load(), 0);
        QCOMPARE(offGuiThread.load(), 6);

        ResultsModel* model = w.resultsModel();
        QCOMPARE(model->rowCount(), 6);
        QTest::qWait(100); // coalesced chart rebuilds
        // Only the chart in view is rebuilt during a run; the others catch up when shown.
        // (tst_ui_charts: hiddenPanelsRebuildWhenShown.)
        for (int i = 0; i < w.chartTabs()->count(); ++i)
            w.chartTabs()->setCurrentIndex(i);
        for (const QString& rung : plan.rungs) {
            const PointResult* p = model->find(0, rung, 96);
            QVERIFY(p);
            QVERIFY2(p->verified(),
                     qPrintable(rung + u' ' + statusName(p->status) + u' ' + p->message));
            QCOMPARE(w.chartPanel(ChartKind::Gflops)->pointCount(rung), 2);
            // The roofline shows the climb at one size (the largest complete) by default.
            QCOMPARE(w.chartPanel(ChartKind::Roofline)->pointCount(rung), 1);
            QCOMPARE(w.chartPanel(ChartKind::Runtime)->pointCount(rung), 1);
            QCOMPARE(w.chartPanel(ChartKind::Ladder)->pointCount(rung), 1);
            // One colour per rung in every chart.
            const QColor c = w.chartPanel(ChartKind::Gflops)->colorOf(rung);
            QVERIFY(c.isValid());
            for (ChartPanel* p : w.chartPanels())
                QCOMPARE(p->colorOf(rung), c);
        }
        QVERIFY(w.runButton()->isEnabled());
        QVERIFY(!w.cancelButton()->isEnabled());
        // The session of the run round-trips through the window.
        const Session s = w.currentSession();
        QCOMPARE(s.results.size(), 6);
        QCOMPARE(s.plan.rungs, plan.rungs);
        // The environment block is the run's own (SessionRun, as in a headless run): the
        // threads and binding the CLI would pick for this plan, not a literal.
        QCOMPARE(s.environment.value(QStringLiteral("threads")).toInt(),
                 SessionRun::threadsFor(s.machine, plan));
        QVERIFY2(s.environment.value(QStringLiteral("binding")).toString().contains(u"pinned"),
                 qPrintable(s.environment.value(QStringLiteral("binding")).toString()));
        QVERIFY(s.environment.contains(QStringLiteral("ui_thread_cpu_seconds")));

        // The run was autosaved as it went (no session file: the autosave folder), the last
        // write after the last point, and the run is not "unfinished".
        const RunAutosave* autosave = w.autosave();
        QCOMPARE(autosave->path(), autosave->defaultPath());
        QVERIFY(autosave->path().startsWith(sandbox().path()));
        QVERIFY2(autosave->writeCount() >= 2, qPrintable(QString::number(autosave->writeCount())));
        QString error;
        const std::optional<Session> saved = Session::load(autosave->path(), &error);
        QVERIFY2(saved, qPrintable(error));
        QCOMPARE(saved->toJson(), s.toJson());
        QVERIFY(w.unfinishedRunPath().isEmpty());
        auto* where = w.findChild<QLabel*>(QStringLiteral("autosaveLabel"));
        QVERIFY(where && where->text().contains(QLatin1String("last-run.json")));
    }

    void aGivenPlanIsShownWhileItRuns() {
        // `--run` and tests start a plan that bypasses the editor: the editor and the ladder
        // must then show what runs, not the preset they held (they showed 128 ... 2048 while
        // --run --sizes 256,512 ran).
        MainWindow w(testOptions());
        auto* editor = w.findChild<PlanEditor*>();
        auto* ladder = w.findChild<LadderPanel*>();
        QVERIFY(editor && ladder);
        QSignalSpy finished(&w, &MainWindow::runFinished);
        Plan plan = tinyPlan();
        plan.rungs = {QStringLiteral("optflags")};
        plan.sizes = {40, 72};
        plan.repetitions = 3;
        w.startRun(plan);
        const Plan shown = editor->plan(ladder->checkedRungs());
        QCOMPARE(shown.sizes, plan.sizes);
        QCOMPARE(shown.rungs, plan.rungs);
        QCOMPARE(shown.threads, plan.threads);
        QCOMPARE(shown.repetitions, plan.repetitions);
        QVERIFY(finished.wait(300000));
    }

    void autosaveGoesToTheSessionFile() {
        // After Save, a run writes into that file as it goes.
        MainWindow w(testOptions());
        const QString path = sandbox().filePath(QStringLiteral("mine.json"));
        QString error;
        QVERIFY2(w.saveSession(path, &error), qPrintable(error));
        QSignalSpy finished(&w, &MainWindow::runFinished);
        Plan plan = tinyPlan();
        plan.rungs = {QStringLiteral("optflags")};
        w.startRun(plan);
        QVERIFY(finished.wait(300000));
        QCOMPARE(w.autosave()->path(), path);
        const std::optional<Session> saved = Session::load(path, &error);
        QVERIFY2(saved, qPrintable(error));
        QCOMPARE(saved->results.size(), 2);
        QCOMPARE(saved->toJson(), w.currentSession().toJson());
    }

    void runAfterOpenLeavesTheOpenedFile() {
        // An opened file may be another machine's session: a run must not autosave over it.
        const QString path = sandbox().filePath(QStringLiteral("other-machine.json"));
        QString error;
        {
            MainWindow first(testOptions());
            QVERIFY2(first.saveSession(path, &error), qPrintable(error));
        }
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray before = f.readAll();
        f.close();
        MainWindow w(testOptions());
        QVERIFY2(w.openSession(path, &error), qPrintable(error));
        QSignalSpy finished(&w, &MainWindow::runFinished);
        Plan plan = tinyPlan();
        plan.rungs = {QStringLiteral("optflags")};
        w.startRun(plan);
        QVERIFY(finished.wait(300000));
        QCOMPARE(w.autosave()->path(), w.autosave()->defaultPath());
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), before);
    }

    void cancelKeepsFinishedPoints() {
        MainWindow w(testOptions());
        Plan plan;
        plan.rungs = {QStringLiteral("naive"), QStringLiteral("interchange"),
                      QStringLiteral("optflags")};
        plan.sizes = {64, 256, 512, 768};
        plan.threads = 1;
        plan.budgetSeconds = 600;
        plan.repetitions = 3;
        QSignalSpy finished(&w, &MainWindow::runFinished);
        Heartbeat heartbeat;
        w.startRun(plan);
        // Cancel as soon as the first points are in.
        QTRY_VERIFY_WITH_TIMEOUT(w.resultsModel()->rowCount() >= 1, 120000);
        QElapsedTimer clock;
        clock.start();
        w.cancelRun();
        QVERIFY(finished.wait(120000));
        qInfo("cancel took %lld ms; largest GUI stall %.1f ms", clock.elapsed(),
              heartbeat.maxGapMs());
        QCOMPARE(finished.first().first().toBool(), true);
        const int kept = w.resultsModel()->rowCount();
        QVERIFY(kept >= 1);
        QVERIFY(kept < plan.rungs.size() * plan.sizes.size());
        QTest::qWait(100);
        // What finished stays in the charts.
        int drawn = 0;
        for (const QString& rung : plan.rungs)
            drawn += w.chartPanel(ChartKind::Gflops)->pointCount(rung);
        int measured = 0;
        for (int r = 0; r < kept; ++r) {
            const auto [d, i] = w.resultsModel()->locate(r);
            if (w.resultsModel()->dataset(d).results[i].verified())
                ++measured;
        }
        QVERIFY(measured >= 1);
        QVERIFY(drawn >= measured);
        QVERIFY(w.runButton()->isEnabled());
    }

    // Why Run is blocked and the progress of a run wrap: at the window's narrowest, in normal
    // and in presentation-sized type, neither text is cut, overprints the other or the buttons,
    // or makes the window wider (past a screen's edge, where it would be cut).
    void runBarTextsAreNeverCut() {
        // The type: this platform's font and a desktop's usual 11 pt, each as is and scaled by
        // the presentation theme.
        const QList<qreal> bases = {Theme::forId(ThemeId::Light).font().pointSizeF(), 11.0};
        for (const ThemeId id : {ThemeId::Light, ThemeId::Presentation})
            for (const qreal base : bases) {
                const Theme theme = Theme::forId(id);
                MainWindow w(testOptions());
                w.setTheme(theme);
                QFont font = theme.font();
                font.setPointSizeF(base * theme.fontScale);
                w.setFont(font);
                w.show();
                QVERIFY(QTest::qWaitForWindowExposed(&w));
                QTRY_VERIFY_WITH_TIMEOUT(w.rungsKnown(), 30000);
                auto* blocked = w.findChild<QLabel*>(QStringLiteral("runBlockedLabel"));
                auto* progress = w.findChild<QLabel*>(QStringLiteral("progressText"));
                QVERIFY(blocked && progress);
                const QString type =
                    QStringLiteral("%1 at %2 pt: ").arg(Theme::name(id)).arg(font.pointSizeF());

                // The narrowest window, with Run available and nothing to explain.
                typeSizes(w, QStringLiteral("64, 128"));
                w.ladderPanel()->setCheckedRungs({QStringLiteral("optflags")});
                QVERIFY2(w.runButton()->isEnabled(), qPrintable(w.runBlockedReason()));
                QCoreApplication::processEvents();
                w.resize(w.minimumSizeHint().width(), 720);
                const int narrowest = w.width();

                // A machine with 1 GiB cannot hold n = 16384: the longest reason the plan gives.
                w.planEditor()->setMemoryBytes(qint64(1) << 30);
                typeSizes(w, QStringLiteral("64, 16384"));
                QVERIFY(!w.runButton()->isEnabled());
                QVERIFY2(blocked->text().contains(QLatin1String("memory")),
                         qPrintable(blocked->text()));
                const QString reason = runBarTextNotWhole(w, blocked, narrowest);
                QVERIFY2(reason.isEmpty(), qPrintable(type + reason));

                // The progress of a run, checked while it is shown.
                Plan plan = tinyPlan();
                plan.rungs = {QStringLiteral("naive"), QStringLiteral("microkernel")};
                plan.sizes = {64, 256, 384};
                plan.budgetSeconds = 600;
                QSignalSpy finished(&w, &MainWindow::runFinished);
                w.startRun(plan);
                QTRY_VERIFY_WITH_TIMEOUT(progress->text().contains(QStringLiteral(" point ")),
                                         60000);
                const QString during = runBarTextNotWhole(w, progress, narrowest);
                w.cancelRun();
                QVERIFY(finished.wait(120000));
                QVERIFY2(during.isEmpty(), qPrintable(type + during));
                const QString after = runBarTextNotWhole(w, progress, narrowest);
                QVERIFY2(after.isEmpty(), qPrintable(type + after));
            }
    }

    void showsTopologyXml() {
        MainWindow w(testOptions());
        QString error;
        QVERIFY(!w.showTopologyXml(QStringLiteral("/nonexistent.xml"), &error));
        QVERIFY(!error.isEmpty());
        const QString fixture = QStringLiteral(HEADROOM_FIXTURES_DIR "/hwloc") +
                                QStringLiteral("/Intel-RaptorLake-Corei7-1370P.xml");
        QVERIFY2(w.showTopologyXml(fixture, &error), qPrintable(error));
        // The live machine still runs the ladder.
        QCOMPARE(w.machine().topology.source, QStringLiteral("live"));
    }
};

QTEST_MAIN(TestUiMainWindow)
#include "tst_ui_mainwindow.moc"
