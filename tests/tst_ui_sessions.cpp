// SPDX-License-Identifier: MIT
// Sessions in the main window: File ▸ Open Recent (order, duplicates, cap, missing files, clear),
// drag-and-drop of session files (open one, compare several, a bad file changes nothing and
// reports without blocking, non-file drops refused), the throttled autosave and the restore
// offer after a run that never finished, and the first window size on a small screen.
#include "autosave.h"
#include "chartpanel.h"
#include "mainwindow.h"
#include "recentfiles.h"
#include "restorebar.h"
#include "resultsmodel.h"
#include "ui_export_fixtures.h"

#include <QAction>
#include <QApplication>
#include <QChartView>
#include <QFile>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QScreen>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace headroom;
using namespace headroom::ui;

namespace {

struct Sandbox {
    QTemporaryDir dir;
    MainWindow::Options options() const {
        MainWindow::Options o;
        o.measureIfMissing = false;
        o.settingsPath = dir.filePath(QStringLiteral("settings.ini"));
        o.autosaveDir = dir.filePath(QStringLiteral("autosave"));
        return o;
    }
    QString save(const Session& s, const QString& name) const {
        const QString path = dir.filePath(name);
        QString error;
        if (!s.save(path, &error))
            qWarning("%s", qPrintable(error));
        return path;
    }
    QString write(const QByteArray& bytes, const QString& name) const {
        const QString path = dir.filePath(name);
        QFile f(path);
        if (f.open(QIODevice::WriteOnly))
            f.write(bytes);
        return path;
    }
};

// Sends a drag enter and, if it was accepted, the drop, as the platform's drag manager would.
bool dropOn(QWidget* target, QMimeData* mime, Qt::KeyboardModifiers modifiers = Qt::NoModifier) {
    const QPoint at = target->rect().center();
    QDragEnterEvent enter(at, Qt::CopyAction | Qt::MoveAction, mime, Qt::LeftButton, modifiers);
    QApplication::sendEvent(target, &enter);
    if (!enter.isAccepted())
        return false;
    QDropEvent drop(QPointF(at), Qt::CopyAction | Qt::MoveAction, mime, Qt::LeftButton, modifiers);
    QApplication::sendEvent(target, &drop);
    return drop.isAccepted();
}

QMimeData* filesMime(const QStringList& paths) {
    auto* mime = new QMimeData;
    QList<QUrl> urls;
    for (const QString& p : paths)
        urls << QUrl::fromLocalFile(p);
    mime->setUrls(urls);
    return mime;
}

QList<QMessageBox*> errorBoxes(const QWidget& w) {
    return w.findChildren<QMessageBox*>(QStringLiteral("headroomError"));
}

int totalResults(const ResultsModel& m) {
    int n = 0;
    for (const Dataset& d : m.datasets())
        n += static_cast<int>(d.results.size());
    return n;
}

} // namespace

class TestUiSessions : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        // Nothing here may touch the user's settings or autosave folder.
        QStandardPaths::setTestModeEnabled(true);
    }

    void recentListOrderDedupeCap() {
        QStringList list;
        list = withRecentFile(list, QStringLiteral("/tmp/a.json"), 3);
        list = withRecentFile(list, QStringLiteral("/tmp/b.json"), 3);
        QCOMPARE(list, QStringList({QStringLiteral("/tmp/b.json"), QStringLiteral("/tmp/a.json")}));
        // The same file by another spelling moves to the front instead of appearing twice.
        list = withRecentFile(list, QStringLiteral("/tmp/x/../a.json"), 3);
        QCOMPARE(list, QStringList({QStringLiteral("/tmp/a.json"), QStringLiteral("/tmp/b.json")}));
        list = withRecentFile(list, QStringLiteral("/tmp/c.json"), 3);
        list = withRecentFile(list, QStringLiteral("/tmp/d.json"), 3);
        QCOMPARE(list, QStringList({QStringLiteral("/tmp/d.json"), QStringLiteral("/tmp/c.json"),
                                    QStringLiteral("/tmp/a.json")}));
    }

    void recentFilesPersistInSettings() {
        QTemporaryDir dir;
        const QString ini = dir.filePath(QStringLiteral("s.ini"));
        {
            RecentFiles recent(ini);
            QSignalSpy changed(&recent, &RecentFiles::changed);
            for (int i = 0; i < RecentFiles::kMaxEntries + 3; ++i)
                recent.add(dir.filePath(QStringLiteral("f%1.json").arg(i)));
            QCOMPARE(changed.size(), RecentFiles::kMaxEntries + 3);
            QCOMPARE(recent.files().size(), RecentFiles::kMaxEntries);
        }
        RecentFiles again(ini); // a new start reads the same list
        const QStringList files = again.files();
        QCOMPARE(files.size(), RecentFiles::kMaxEntries);
        QCOMPARE(files.first(),
                 dir.filePath(QStringLiteral("f%1.json").arg(RecentFiles::kMaxEntries + 2)));
        again.remove(files.first());
        QCOMPARE(again.files().first(), files.at(1));
        again.clear();
        QVERIFY(again.files().isEmpty());
    }

    void openAndSaveGoToRecentMenu() {
        Sandbox box;
        MainWindow w(box.options());
        const QString a =
            box.save(testing::makeSession(QStringLiteral("alpha")), QStringLiteral("alpha.json"));
        const QString b =
            box.save(testing::makeSession(QStringLiteral("beta")), QStringLiteral("beta.json"));
        QString error;
        QVERIFY2(w.openSession(a, &error), qPrintable(error));
        QVERIFY2(w.openSession(b, &error), qPrintable(error));
        QCOMPARE(w.sessionPath(), b);
        const QString saved = box.dir.filePath(QStringLiteral("saved.json"));
        QVERIFY2(w.saveSession(saved, &error), qPrintable(error));
        QCOMPARE(w.recentFiles()->files(), QStringList({saved, b, a}));
        // The menu: one entry per file, most recent first, then Clear Menu.
        const QList<QAction*> actions = w.recentMenu()->actions();
        QCOMPARE(actions.size(), 3 + 2);
        QCOMPARE(actions.at(0)->data().toString(), saved);
        QCOMPARE(actions.at(2)->data().toString(), a);
        QVERIFY(actions.last()->isEnabled());

        // Clicking an entry opens it.
        actions.at(2)->trigger();
        QCOMPARE(w.resultsModel()->dataset(0).label, QStringLiteral("alpha.json"));
        QCOMPARE(w.recentFiles()->files().first(), a);

        // A file that went away: clicking it says so (without blocking) and drops the entry.
        QVERIFY(QFile::remove(b));
        QSignalSpy errors(&w, &MainWindow::errorReported);
        Q_EMIT w.recentMenu()->aboutToShow();
        QAction* missing = nullptr;
        for (QAction* act : w.recentMenu()->actions()) {
            if (act->data().toString() == b)
                missing = act;
        }
        QVERIFY(missing);
        QVERIFY(missing->text().contains(QLatin1String("missing")));
        missing->trigger();
        QCOMPARE(errors.size(), 1);
        QVERIFY(errors.first().first().toString().contains(QLatin1String("no longer exists")));
        QVERIFY(!w.recentFiles()->files().contains(b));
        QCOMPARE(errorBoxes(w).size(), 1);
        QVERIFY(errorBoxes(w).first()->isVisible());
        QCOMPARE(w.resultsModel()->dataset(0).label, QStringLiteral("alpha.json")); // unchanged

        // Clear Menu.
        w.recentMenu()->actions().last()->trigger();
        QVERIFY(w.recentFiles()->files().isEmpty());
        QCOMPARE(w.recentMenu()->actions().size(), 1);
        QVERIFY(!w.recentMenu()->actions().first()->isEnabled());
    }

    void dropOpensOneSession() {
        Sandbox box;
        MainWindow w(box.options());
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        const Session s = testing::makeSession(QStringLiteral("dropped"));
        const QString path = box.save(s, QStringLiteral("dropped.json"));
        std::unique_ptr<QMimeData> mime(filesMime({path}));
        QVERIFY(dropOn(&w, mime.get()));
        QCOMPARE(w.resultsModel()->datasetCount(), 1);
        QCOMPARE(w.resultsModel()->dataset(0).results.size(), s.results.size());
        QCOMPARE(w.sessionPath(), path);
        QCOMPARE(w.recentFiles()->files().first(), path);
        QVERIFY(errorBoxes(w).isEmpty());

        // Dropped on a chart (a graphics view, which takes drops for its scene), the drop still
        // reaches the window.
        const QString other = box.save(testing::makeSession(QStringLiteral("other"), 2.0),
                                       QStringLiteral("other.json"));
        w.chartTabs()->setCurrentIndex(2);
        QWidget* chart = w.chartPanel(ChartKind::Roofline)->chartView();
        QVERIFY(chart && chart->acceptDrops());
        std::unique_ptr<QMimeData> again(filesMime({other}));
        QVERIFY(dropOn(chart, again.get()));
        QCOMPARE(w.sessionPath(), other);
    }

    void dropSeveralOrShiftCompares() {
        Sandbox box;
        MainWindow w(box.options());
        const QString a =
            box.save(testing::makeSession(QStringLiteral("laptop"), 1.0), QStringLiteral("a.json"));
        const QString b =
            box.save(testing::makeSession(QStringLiteral("server"), 2.5), QStringLiteral("b.json"));
        const QString c =
            box.save(testing::makeSession(QStringLiteral("node"), 4.0), QStringLiteral("c.json"));
        std::unique_ptr<QMimeData> two(filesMime({a, b}));
        QVERIFY(dropOn(&w, two.get()));
        // Nothing was measured yet: the first file is this session, the second is compared.
        QCOMPARE(w.resultsModel()->datasetCount(), 2);
        QCOMPARE(w.resultsModel()->dataset(1).label, QStringLiteral("server"));
        // One file with Shift joins as a further machine instead of replacing.
        std::unique_ptr<QMimeData> one(filesMime({c}));
        QVERIFY(dropOn(&w, one.get(), Qt::ShiftModifier));
        QCOMPARE(w.resultsModel()->datasetCount(), 3);
        QCOMPARE(w.resultsModel()->dataset(2).label, QStringLiteral("node"));
        QCOMPARE(w.resultsModel()->dataset(0).label, QStringLiteral("laptop"));
        // Compared files go to the recent list, but none is the file a run autosaves into.
        QVERIFY(w.sessionPath().isEmpty());
        QCOMPARE(w.recentFiles()->files(), QStringList({c, b, a}));
        QVERIFY(errorBoxes(w).isEmpty());
    }

    void badDropChangesNothingAndReports() {
        Sandbox box;
        MainWindow w(box.options());
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        const QString good =
            box.save(testing::makeSession(QStringLiteral("good")), QStringLiteral("good.json"));
        QString error;
        QVERIFY2(w.openSession(good, &error), qPrintable(error));
        const int before = totalResults(*w.resultsModel());
        QSignalSpy errors(&w, &MainWindow::errorReported);
        const QStringList bad = {
            box.write(QByteArray(), QStringLiteral("empty.json")),
            box.write(QByteArray("{\"format\": \"headroom-session\", \"vers"),
                      QStringLiteral("truncated.json")),
            box.write(QByteArray("\x00\x01\x02\xff\xfe", 5), QStringLiteral("binary.json")),
        };
        for (const QString& path : bad) {
            std::unique_ptr<QMimeData> mime(filesMime({path}));
            QVERIFY(dropOn(&w, mime.get())); // a file: accepted, then rejected with a message
            // A good file beside a bad one: all or nothing.
            std::unique_ptr<QMimeData> mixed(filesMime({good, path}));
            QVERIFY(dropOn(&w, mixed.get()));
        }
        QCOMPARE(errors.size(), 2 * bad.size());
        for (int i = 0; i < errors.size(); ++i) {
            const QString text = errors.at(i).first().toString();
            QVERIFY2(text.contains(QFileInfo(bad.at(i / 2)).fileName()), qPrintable(text));
        }
        QCOMPARE(totalResults(*w.resultsModel()), before);
        QCOMPARE(w.resultsModel()->datasetCount(), 1);
        QCOMPARE(w.sessionPath(), good);
        // The message boxes are open (window-modal) and did not block this test.
        QCOMPARE(errorBoxes(w).size(), errors.size());
        for (QMessageBox* m : errorBoxes(w))
            m->close();
    }

    void nonFileDropsRefused() {
        Sandbox box;
        MainWindow w(box.options());
        QMimeData text;
        text.setText(QStringLiteral("{\"format\": \"headroom-session\"}"));
        QVERIFY(!dropOn(&w, &text));
        QMimeData web;
        web.setUrls({QUrl(QStringLiteral("https://example.org/session.json"))});
        QVERIFY(!dropOn(&w, &web));
        QMimeData folder;
        folder.setUrls({QUrl::fromLocalFile(box.dir.path())});
        QVERIFY(!dropOn(&w, &folder));
        QVERIFY(errorBoxes(w).isEmpty());
        QCOMPARE(w.resultsModel()->dataset(0).results.size(), 0);
    }

    void autosaveIsThrottled() {
        QTemporaryDir dir;
        RunAutosave autosave(dir.path());
        autosave.setIntervalMs(300);
        Session s = testing::makeSession(QStringLiteral("run"));
        const QList<PointResult> all = s.results;
        s.results.clear();
        autosave.begin(QString(), [&s] { return s; });
        QCOMPARE(autosave.path(), autosave.defaultPath());
        QCOMPARE(autosave.writeCount(), 1); // the plan is on disk before the first point
        // Points arrive much faster than the interval: a handful of writes, not one per point.
        for (const PointResult& p : all) {
            s.results << p;
            autosave.pointArrived();
            QTest::qWait(10);
        }
        QVERIFY2(autosave.writeCount() < all.size() / 2,
                 qPrintable(QString::number(autosave.writeCount())));
        autosave.finish();
        QString error;
        const std::optional<Session> back = Session::load(autosave.path(), &error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(back->results.size(), all.size()); // the last points are written at the end
        QVERIFY(autosave.unfinishedRunPath().isEmpty());
    }

    void runBeforeIsKeptOneGenerationBack() {
        // A finished run that was never saved elsewhere must survive the next run.
        QTemporaryDir dir;
        RunAutosave autosave(dir.path());
        const Session first = testing::makeSession(QStringLiteral("first"));
        autosave.begin(QString(), [&first] { return first; });
        autosave.finish();
        Session second = testing::makeSession(QStringLiteral("second"));
        second.results.clear();
        autosave.begin(QString(), [&second] { return second; });
        autosave.finish();
        QString error;
        const std::optional<Session> kept = Session::load(autosave.previousPath(), &error);
        QVERIFY2(kept, qPrintable(error));
        QCOMPARE(kept->toJson(), first.toJson());
        const std::optional<Session> last = Session::load(autosave.defaultPath(), &error);
        QVERIFY2(last, qPrintable(error));
        QCOMPARE(last->results.size(), 0);
    }

    void runBeforeOpensFromTheMenu() {
        // Two runs in the autosave folder; File > Open the Run Before shows the first.
        Sandbox box;
        {
            MainWindow none(box.options());
            QVERIFY(!none.runBeforeAction()->isEnabled()); // nothing kept yet
        }
        RunAutosave autosave(box.options().autosaveDir);
        const Session first = testing::makeSession(QStringLiteral("first"));
        autosave.begin(QString(), [&first] { return first; });
        autosave.finish();
        Session second = testing::makeSession(QStringLiteral("second"));
        second.results.resize(3);
        autosave.begin(QString(), [&second] { return second; });
        autosave.finish();
        MainWindow w(box.options());
        QVERIFY(w.runBeforeAction()->isEnabled());
        w.runBeforeAction()->trigger();
        QVERIFY(errorBoxes(w).isEmpty());
        QCOMPARE(w.resultsModel()->dataset(0).results.size(), first.results.size());
        QVERIFY(first.results.size() > 3);
    }

    void unwritableSessionFallsBackToAutosaveFolder() {
        QTemporaryDir dir;
        RunAutosave autosave(dir.filePath(QStringLiteral("autosave")));
        // A "folder" that is a file: nothing can be written below it, whoever runs the test.
        QFile blocker(dir.filePath(QStringLiteral("blocker")));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        const Session s = testing::makeSession(QStringLiteral("run"));
        QSignalSpy written(&autosave, &RunAutosave::written);
        autosave.begin(dir.filePath(QStringLiteral("blocker/session.json")), [&s] { return s; });
        QCOMPARE(autosave.path(), autosave.defaultPath());
        QCOMPARE(written.size(), 1);
        QString error;
        QVERIFY2(Session::load(autosave.defaultPath(), &error), qPrintable(error));
        // Until the run ends it counts as unfinished, in the file it really went to.
        RunAutosave other(dir.filePath(QStringLiteral("autosave")));
        QCOMPARE(other.unfinishedRunPath(), autosave.defaultPath());
        autosave.finish();
        QVERIFY(other.unfinishedRunPath().isEmpty());
    }

    void unfinishedRunIsOfferedAndRestored() {
        Sandbox box;
        const Session crashed = testing::makeSession(QStringLiteral("crashed"));
        {
            // A run that wrote some points and then died: begin + writes, never finish().
            RunAutosave autosave(box.options().autosaveDir);
            Session partial = crashed;
            partial.results.resize(5);
            autosave.begin(QString(), [&partial] { return partial; });
            QVERIFY(QFileInfo::exists(autosave.defaultPath()));
        }
        MainWindow w(box.options());
        QVERIFY(!w.unfinishedRunPath().isEmpty());
        QVERIFY(!w.restoreBar()->isHidden());
        auto* restore = w.restoreBar()->findChild<QPushButton*>(QStringLiteral("restoreButton"));
        QVERIFY(restore);
        restore->click();
        QVERIFY(errorBoxes(w).isEmpty());
        QVERIFY(w.restoreBar()->isHidden());
        QCOMPARE(w.resultsModel()->dataset(0).results.size(), 5);
        QCOMPARE(w.resultsModel()->dataset(0).plan.rungs, crashed.plan.rungs);
        // Restored scratch data is not the user's document.
        QVERIFY(w.sessionPath().isEmpty());
        QVERIFY(w.unfinishedRunPath().isEmpty());
        MainWindow next(box.options()); // asked once only
        QVERIFY(next.restoreBar()->isHidden());

        // Discard: the offer goes away too.
        {
            RunAutosave autosave(box.options().autosaveDir);
            Session partial = crashed;
            partial.results.resize(2);
            autosave.begin(QString(), [&partial] { return partial; });
        }
        MainWindow again(box.options());
        QVERIFY(!again.restoreBar()->isHidden());
        again.discardUnfinishedRun();
        QVERIFY(again.restoreBar()->isHidden());
        QVERIFY(MainWindow(box.options()).restoreBar()->isHidden());
    }

    // #19 item 4: a fresh window offers the last finished run (once), not empty axes only.
    void lastFinishedRunIsOfferedOnce() {
        Sandbox box;
        const Session done = testing::makeSession(QStringLiteral("done"));
        {
            RunAutosave autosave(box.options().autosaveDir);
            autosave.begin(QString(), [&done] { return done; });
            autosave.finish();
            QCOMPARE(autosave.finishedRunPath(), autosave.defaultPath());
        }
        MainWindow w(box.options());
        QVERIFY(w.unfinishedRunPath().isEmpty());
        auto* bar = qobject_cast<RestoreBar*>(w.restoreBar());
        QVERIFY(bar);
        QVERIFY(!bar->isHidden());
        QVERIFY(bar->offersFinishedRun());
        auto* reopen = bar->findChild<QPushButton*>(QStringLiteral("restoreButton"));
        QVERIFY(reopen);
        QCOMPARE(reopen->text(), QStringLiteral("Reopen"));
        reopen->click();
        QVERIFY(errorBoxes(w).isEmpty());
        QVERIFY(bar->isHidden());
        QCOMPARE(w.resultsModel()->dataset(0).results.size(), done.results.size());
        QVERIFY(MainWindow(box.options()).restoreBar()->isHidden()); // asked once only

        // Declined: not asked again either; a new finished run is offered afresh.
        {
            RunAutosave autosave(box.options().autosaveDir);
            autosave.begin(QString(), [&done] { return done; });
            autosave.finish();
        }
        MainWindow again(box.options());
        QVERIFY(!again.restoreBar()->isHidden());
        auto* decline =
            again.restoreBar()->findChild<QPushButton*>(QStringLiteral("discardButton"));
        QVERIFY(decline);
        decline->click();
        QVERIFY(again.restoreBar()->isHidden());
        QVERIFY(MainWindow(box.options()).restoreBar()->isHidden());
        QVERIFY(QFileInfo::exists(RunAutosave(box.options().autosaveDir).defaultPath()));
    }

    void initialSizeFitsTheScreen() {
        // A 1600x900 screen with a 40 px panel: the whole window, frame included, fits.
        const QRect small(0, 0, 1600, 860);
        const QSize s = MainWindow::initialSize(small);
        QVERIFY(s.height() <= small.height() - 30);
        QVERIFY(s.width() <= small.width());
        QVERIFY(s.height() >= 600); // still a usable window
        // A large screen gets the preferred size, no larger.
        QCOMPARE(MainWindow::initialSize(QRect(0, 0, 3840, 2160)), QSize(1600, 1000));

        // The real window on this (offscreen, 800x800) screen: it fits in height, where Run and
        // the progress bar are; in width it is as narrow as its side panel and a chart allow.
        Sandbox box;
        MainWindow w(box.options());
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        const QRect avail = w.screen()->availableGeometry();
        QVERIFY2(w.frameGeometry().height() <= avail.height() &&
                     w.width() <= std::max(avail.width(), w.minimumSizeHint().width()),
                 qPrintable(QStringLiteral("%1x%2 on %3x%4")
                                .arg(w.width())
                                .arg(w.height())
                                .arg(avail.width())
                                .arg(avail.height())));
    }
};

QTEST_MAIN(TestUiSessions)
#include "tst_ui_sessions.moc"
