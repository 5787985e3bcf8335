// SPDX-License-Identifier: MIT
// LabelPlacer as geometry: a label beside its anchor stays inside the plot; a flat line's label
// finds a free spot along its line or says there is none; separated labels never overlap each
// other nor a fixed label, keep their x, move as little as needed, and one that cannot fit in
// the plot is reported; a label that would overprint one placed before is refused.
#include "labelplacer.h"

#include <QRandomGenerator>
#include <QTest>

using namespace headroom::ui;

namespace {

const QRectF kPlot(100, 50, 800, 400);
const QSizeF kText(120, 20);

} // namespace

class TestLabelPlacer : public QObject {
    Q_OBJECT

private slots:
    void besideItsAnchor() {
        const LabelPlacer placer(kPlot);
        const QPointF anchor(400, 200);
        // AlignLeft: the text starts right of the anchor; AlignBottom: above it.
        const QPointF right = placer.beside(anchor, kText, Qt::AlignLeft | Qt::AlignVCenter);
        QVERIFY(right.x() > anchor.x());
        QCOMPARE(right.y() + kText.height() / 2, anchor.y());
        const QPointF left = placer.beside(anchor, kText, Qt::AlignRight | Qt::AlignBottom);
        QVERIFY(left.x() + kText.width() < anchor.x());
        QVERIFY(left.y() + kText.height() < anchor.y());
        const QPointF centred = placer.beside(anchor, kText, Qt::AlignHCenter | Qt::AlignTop);
        QCOMPARE(centred.x() + kText.width() / 2, anchor.x());
        QVERIFY(centred.y() > anchor.y());
    }

    void labelsStayInsideThePlot() {
        const LabelPlacer placer(kPlot);
        const QList<QPointF> anchors = {kPlot.topLeft(),
                                        kPlot.topRight(),
                                        kPlot.bottomLeft(),
                                        kPlot.bottomRight(),
                                        QPointF(0, 0),
                                        QPointF(2000, 2000),
                                        QPointF(kPlot.right() - 5, kPlot.center().y())};
        const QList<Qt::Alignment> aligns = {
            Qt::AlignLeft | Qt::AlignTop, Qt::AlignRight | Qt::AlignBottom,
            Qt::AlignHCenter | Qt::AlignVCenter, Qt::AlignLeft | Qt::AlignBottom};
        for (const QPointF& a : anchors)
            for (const Qt::Alignment align : aligns) {
                const QRectF box(placer.beside(a, kText, align), kText);
                QVERIFY2(kPlot.contains(box),
                         qPrintable(QStringLiteral("anchor %1,%2").arg(a.x()).arg(a.y())));
            }
    }

    void alongALineClearOfThePoints() {
        const LabelPlacer placer(kPlot);
        // A flat line at y = 300 pinned at the left edge; points cover its first 400 px.
        const QRectF dots(kPlot.left(), 250, 400, 100);
        auto blocked = [&](const QRectF& r) { return r.intersects(dots); };
        const QPointF anchor(kPlot.left(), 300);
        const auto spot = placer.alongLine(anchor, kText, Qt::AlignLeft | Qt::AlignBottom, blocked);
        QVERIFY(spot.has_value());
        const QRectF box(*spot, kText);
        QVERIFY(!blocked(box));
        QVERIFY(kPlot.contains(box));
        QVERIFY(box.bottom() <= anchor.y());     // still above its line: its own side first
        QVERIFY(box.left() < dots.right() + 80); // the nearest free spot, not any free spot
        // Everything blocked: no spot, and the caller keeps its label where it was.
        QVERIFY(
            !placer.alongLine(anchor, kText, Qt::AlignLeft, [](const QRectF&) { return true; }));
    }

    void separatedLabelsNeverOverlap() {
        LabelPlacer placer(kPlot);
        const QRectF ceiling(600, 100, 200, 20);
        QVERIFY(placer.claim(ceiling));
        // Twelve rung names wanted at nearly the same height (rungs close in speed), and random
        // ones elsewhere.
        QList<QRectF> wanted;
        for (int i = 0; i < 12; ++i)
            wanted.append(QRectF(QPointF(550 + i * 7, 100 + i * 2), kText));
        QRandomGenerator random(42);
        for (int i = 0; i < 8; ++i)
            wanted.append(QRectF(
                QPointF(kPlot.left() + random.bounded(600), kPlot.top() + random.bounded(380)),
                kText));
        const QList<LabelPlacer::Placement> placed = placer.separate(wanted);
        QCOMPARE(placed.size(), wanted.size());
        for (int i = 0; i < placed.size(); ++i) {
            QCOMPARE(placed[i].box.left(), wanted[i].left()); // only moved up or down
            QCOMPARE(placed[i].box.size(), wanted[i].size());
            QVERIFY(placed[i].placed);
            QVERIFY2(kPlot.contains(placed[i].box), qPrintable(QString::number(i)));
            QVERIFY(!placed[i].box.intersects(ceiling));
            for (int j = 0; j < i; ++j)
                QVERIFY2(!placed[i].box.intersects(placed[j].box),
                         qPrintable(QStringLiteral("%1 and %2").arg(i).arg(j)));
        }
    }

    void aFreeLabelStaysPut() {
        LabelPlacer placer(kPlot);
        QVERIFY(placer.claim(QRectF(100, 60, 100, 20)));
        const QRectF alone(QPointF(500, 300), kText);
        const auto placed = placer.separate({alone});
        QCOMPARE(placed[0].box, alone);
        QVERIFY(!placed[0].moved);
        QVERIFY(placed[0].placed);
    }

    void pushedPastTheBottomStacksUpwards() {
        LabelPlacer placer(kPlot);
        // Two labels at the very bottom: the second cannot go below the first, so it goes above.
        const QRectF low(QPointF(300, kPlot.bottom() - 20), kText);
        const auto placed = placer.separate({low, low.translated(10, 0)});
        QVERIFY(placed[1].moved || placed[0].moved);
        QVERIFY(kPlot.contains(placed[0].box) && kPlot.contains(placed[1].box));
        QVERIFY(!placed[0].box.intersects(placed[1].box));
    }

    void aLabelWithoutRoomIsReported() {
        // Room for two labels of 20 px (and their pixel of room) in a plot 50 px high, wanted at
        // its top; the third cannot be placed inside.
        LabelPlacer placer(QRectF(0, 0, 400, 50));
        const QRectF wanted(QPointF(10, 1), kText);
        const auto placed = placer.separate({wanted, wanted, wanted});
        int reported = 0;
        for (const auto& p : placed)
            reported += !p.placed;
        QCOMPARE(reported, 1);
        QVERIFY(!placed[2].placed);      // the last of equals: the first two took the room
        QCOMPARE(placed[2].box, wanted); // not moved out of the plot over the title: dropped
        QVERIFY(!placed[0].box.intersects(placed[1].box));
        QVERIFY(QRectF(0, 0, 400, 50).contains(placed[0].box));
        QVERIFY(QRectF(0, 0, 400, 50).contains(placed[1].box));
    }

    // Labels that stay where they are (ceilings, roofs, cache sizes) used to be drawn over each
    // other: the second of two that overlap is refused, takes no room, and is hidden.
    void aLabelThatWouldOverprintIsRefused() {
        LabelPlacer placer(kPlot);
        const QRectF l1(QPointF(300, 60), kText);
        QVERIFY(placer.claim(l1));
        QVERIFY(placer.isTaken(l1.translated(40, 5)));
        QVERIFY(!placer.claim(l1.translated(40, 5))); // would overprint l1
        QVERIFY(!placer.isTaken(l1.translated(40 + kText.width(), 5)));
        QVERIFY(placer.claim(l1.translated(0, 30))); // clear of l1
        // The refused one took no room: a separated label may go where it wanted to be.
        const auto placed = placer.separate({QRectF(QPointF(440, 65), kText)});
        QVERIFY(placed[0].placed);
        QVERIFY(!placed[0].moved);
        // A flat line's label finds the spot along its line clear of the claimed ones.
        const auto spot =
            placer.alongLine(QPointF(kPlot.left(), 90), kText, Qt::AlignLeft | Qt::AlignBottom,
                             [&](const QRectF& r) { return placer.isTaken(r); });
        QVERIFY(spot.has_value());
        QVERIFY(!placer.isTaken(QRectF(*spot, kText)));
    }
};

QTEST_GUILESS_MAIN(TestLabelPlacer)
#include "tst_labelplacer.moc"
