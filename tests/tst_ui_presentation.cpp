// SPDX-License-Identifier: MIT
// Presentation mode driven by key events: each press reveals the next rung with its speedup in
// large print, then the roofline; back, end, dark, Esc.
#include "chartpanel.h"
#include "format.h"
#include "presentation.h"
#include "resultsmodel.h"
#include "ui_export_fixtures.h"

#include <QSignalSpy>
#include <QTest>

using namespace headroom;
using namespace headroom::ui;

class TestUiPresentation : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void themes() {
        const Theme light = presentationTheme(false);
        const Theme dark = presentationTheme(true);
        QVERIFY(!light.dark);
        QVERIFY(dark.dark);
        QVERIFY(light.fontScale > 1.2);
        QCOMPARE(dark.fontScale, light.fontScale);
        // High contrast: background and foreground at the two ends of the scale.
        QVERIFY(qAbs(light.background.lightness() - light.foreground.lightness()) > 200);
        QVERIFY(qAbs(dark.background.lightness() - dark.foreground.lightness()) > 200);
    }

    void stepsThroughTheLadder() {
        const Session session = testing::makeSession(QStringLiteral("A"));
        ResultsModel model;
        model.setDatasets({Dataset::fromSession(session)});
        const int rungs = static_cast<int>(model.rungs(0).size());
        QCOMPARE(rungs, int(std::size(testing::kLadder1024)));

        PresentationWindow w(&model);
        w.resize(1280, 720);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QCOMPARE(w.stepCount(), rungs + 2);
        QCOMPARE(w.step(), 0);
        QCOMPARE(w.revealedRungs(), 0);
        QCOMPARE(w.runtimePanel()->revealedRungs(), 0);
        QVERIFY(!w.rooflineShown());

        const int n = w.size();
        QVERIFY(n > 0);
        const PointResult* first = session.find(QStringLiteral("python"), n);
        QVERIFY(first);

        QTest::keyClick(&w, Qt::Key_Right);
        QCOMPARE(w.revealedRungs(), 1);
        QCOMPARE(w.runtimePanel()->revealedRungs(), 1);
        QCOMPARE(w.bigText(), QStringLiteral("1.00×"));

        QTest::keyClick(&w, Qt::Key_Space);
        QTest::keyClick(&w, Qt::Key_PageDown);
        QTest::keyClick(&w, Qt::Key_Right);
        QCOMPARE(w.revealedRungs(), 4);
        QCOMPARE(w.runtimePanel()->revealedRungs(), 4);
        const QString fourth = model.rungs(0).at(3);
        const PointResult* r = session.find(fourth, n);
        QVERIFY(r);
        QCOMPARE(w.bigText(), format::ratio(first->seconds / r->seconds));
        QVERIFY(w.captionText().contains(rungLabel(fourth)));

        QTest::keyClick(&w, Qt::Key_Left);
        QCOMPARE(w.revealedRungs(), 3);
        QTest::keyClick(&w, Qt::Key_PageUp);
        QCOMPARE(w.revealedRungs(), 2);

        // To the last rung: the largest speedup, with separators.
        for (int i = 2; i < rungs; ++i)
            QTest::keyClick(&w, Qt::Key_Right);
        QCOMPARE(w.revealedRungs(), rungs);
        QVERIFY(!w.rooflineShown());
        const PointResult* last = session.find(model.rungs(0).last(), n);
        QCOMPARE(w.bigText(), format::ratio(first->seconds / last->seconds));
        QVERIFY(w.bigText().contains(QLatin1Char(',')));

        // Then the roofline, and no further.
        QTest::keyClick(&w, Qt::Key_Right);
        QVERIFY(w.rooflineShown());
        QVERIFY(w.bigText().contains(QLatin1String("% of peak")));
        QTest::keyClick(&w, Qt::Key_Right);
        QVERIFY(w.rooflineShown());
        QCOMPARE(w.step(), w.stepCount() - 1);

        QTest::keyClick(&w, Qt::Key_Home);
        QCOMPARE(w.step(), 0);
        QTest::keyClick(&w, Qt::Key_End);
        QVERIFY(w.rooflineShown());

        QVERIFY(!w.isDark());
        QTest::keyClick(&w, Qt::Key_D);
        QVERIFY(w.isDark());
        QCOMPARE(w.palette().color(QPalette::Window), QColor(Qt::black));

        QSignalSpy left(&w, &PresentationWindow::left);
        QTest::keyClick(&w, Qt::Key_Escape);
        QCOMPARE(left.size(), 1);
        QVERIFY(!w.isVisible());
    }

    // Before the first run there is no "0.000 GFLOP/s" headline on any step.
    void beforeTheFirstRun() {
        ResultsModel model;
        Dataset empty;
        empty.label = QStringLiteral("This machine");
        model.setDatasets({empty});
        PresentationWindow w(&model);
        for (int step = 0; step < w.stepCount(); ++step) {
            w.setStep(step);
            QCOMPARE(w.bigText(), QStringLiteral("Nothing to present yet"));
            QVERIFY(!w.captionText().contains(QLatin1String("GFLOP/s")));
        }
    }

    void growsWithALiveRun() {
        ResultsModel model;
        PresentationWindow w(&model);
        QCOMPARE(w.stepCount(), 2);
        QTest::keyClick(&w, Qt::Key_Right);
        QCOMPARE(w.revealedRungs(), 0);
        const Session session = testing::makeSession(QStringLiteral("live"), 1.0, {256});
        for (const PointResult& p : session.results)
            model.appendResult(0, p);
        QCOMPARE(w.stepCount(), int(std::size(testing::kLadder1024)) + 2);
        QTest::keyClick(&w, Qt::Key_Right);
        QVERIFY(w.revealedRungs() >= 1);
    }
};

QTEST_MAIN(TestUiPresentation)
#include "tst_ui_presentation.moc"
