// SPDX-License-Identifier: MIT
// XYChartPanel's overlays: the labels and arrowheads drawn over the plot in pixels, placed
// again on every layout and zoom (LabelPlacer keeps them apart and off the points).
#include "xychartpanel.h"

#include "labelplacer.h"

#include <QChart>
#include <QGraphicsLineItem>
#include <QGraphicsPathItem>
#include <QGraphicsRectItem>
#include <QGraphicsSimpleTextItem>
#include <QPainterPath>
#include <QScatterSeries>
#include <QXYSeries>

#include <cmath>

namespace headroom::ui {

void XYChartPanel::addArrows(QXYSeries* line, const chartdata::Series& data) {
    const QColor color = data.pen.width > 0 ? data.pen.color : line->color();
    for (qsizetype i = 0; i + 1 < data.points.size(); ++i) {
        auto* head = new QGraphicsPathItem(m_chart);
        head->setBrush(color);
        head->setPen(QPen(color, 1));
        head->setZValue(15); // over the series, under the labels
        m_arrows.append({head, data.points[i], data.points[i + 1], line});
    }
}

void XYChartPanel::placeArrow(const Arrow& a, const QRectF& area) {
    const QPointF p = m_chart->mapToPosition(a.from, a.series);
    const QPointF q = m_chart->mapToPosition(a.to, a.series);
    const QPointF d = q - p;
    const double length = std::hypot(d.x(), d.y());
    const double size = 7 * theme().fontScale + 3; // grows with the slide's type
    // Past the middle, clear of the marker at the segment's end; none on a segment too short.
    const QPointF tip = p + d * 0.62;
    if (!a.series || !a.series->isVisible() || length < 3 * size || !area.contains(tip)) {
        a.head->hide();
        return;
    }
    const QPointF u = d / length;
    const QPointF n(-u.y(), u.x());
    QPainterPath path;
    path.moveTo(tip);
    path.lineTo(tip - u * size + n * (size * 0.45));
    path.lineTo(tip - u * (size * 0.6));
    path.lineTo(tip - u * size - n * (size * 0.45));
    path.closeSubpath();
    a.head->setPath(path);
    a.head->show();
}

void XYChartPanel::addLabel(const chartdata::Label& l, QAbstractSeries* series) {
    auto* item = new QGraphicsSimpleTextItem(l.text, m_chart);
    item->setFont(theme().font(l.fontFactor, l.bold));
    item->setBrush(l.color);
    item->setZValue(20);
    Overlay o{item, l.value, series, l.align};
    o.avoid = l.avoid;
    o.pin = l.pin;
    o.clearOfDots = l.clearOfDots;
    m_overlays.append(o);
}

bool XYChartPanel::coversADot(const QRectF& box) const {
    // The points of the rungs (scatter series), with room for their markers.
    const auto series = m_chart->series();
    for (QAbstractSeries* s : series) {
        auto* dots = qobject_cast<QScatterSeries*>(s);
        if (!dots || !dots->isVisible())
            continue;
        const qreal r = dots->markerSize() / 2 + 1;
        const QRectF near = box.adjusted(-r, -r, r, r);
        for (const QPointF& p : dots->points()) {
            if (near.contains(m_chart->mapToPosition(p, dots)))
                return true;
        }
    }
    return false;
}

void XYChartPanel::updateOverlays() {
    beforeOverlays();
    const QRectF area = m_chart->plotArea();
    // Labels claim their room in order: one that would overprint another is not drawn.
    LabelPlacer placer(area);
    for (const Overlay& o : std::as_const(m_overlays))
        placeOverlay(o, placer);
    for (const Arrow& a : std::as_const(m_arrows))
        placeArrow(a, area);
    separateLabels(placer);
}

void XYChartPanel::placeOverlay(const Overlay& o, LabelPlacer& placer) {
    if (!o.series || !o.series->isVisible()) {
        o.item->hide();
        return;
    }
    const QRectF area = placer.area();
    QPointF at = m_chart->mapToPosition(o.value, o.series);
    if (o.pin & Qt::LeftEdge)
        at.setX(area.left());
    if (o.pin & Qt::RightEdge)
        at.setX(area.right());
    if (o.pin & Qt::TopEdge)
        at.setY(area.top());
    const QSizeF size = o.item->boundingRect().size();
    QPointF pos = placer.beside(at, size, o.align);
    // A flat line's label moves along its line, off the points and the labels placed before it.
    const auto blocked = [&](const QRectF& r) { return coversADot(r) || placer.isTaken(r); };
    if (o.clearOfDots && blocked(QRectF(pos, size))) {
        if (const auto spot = placer.alongLine(at, size, o.align, blocked))
            pos = *spot;
    }
    o.item->setPos(pos);
    bool shown = area.adjusted(-1, -1, 1, 1).contains(at);
    // A pinned label goes with its line: a line that starts inside the data (a compared roof's
    // flat part starts at its ridge) can be zoomed out of view at the pinned edge.
    if (auto* line = qobject_cast<QXYSeries*>(o.series.data());
        o.pin && line && line->count() >= 2) {
        const QRectF extent(m_chart->mapToPosition(line->at(0), line),
                            m_chart->mapToPosition(line->at(line->count() - 1), line));
        shown = shown && extent.normalized().adjusted(-1, -1, 1, 1).intersects(area);
    }
    // Separated labels claim their room afterwards (separateLabels).
    if (shown && !o.avoid)
        shown = placer.claim(o.item->mapRectToParent(o.item->boundingRect()));
    o.item->setVisible(shown);
}

void XYChartPanel::separateLabels(LabelPlacer& placer) {
    // Rung names close in speed are moved apart (LabelPlacer::separate), clear of the labels that
    // stay where they are; moved labels get a leader line back to their point, and one without
    // room is not drawn.
    QList<Overlay*> labels;
    QList<QRectF> wanted;
    for (Overlay& o : m_overlays) {
        if (o.leader)
            o.leader->hide();
        if (o.backdrop)
            o.backdrop->hide();
        if (!o.item->isVisible())
            continue;
        if (o.avoid) {
            labels.append(&o);
            wanted.append(o.item->mapRectToParent(o.item->boundingRect()));
        }
    }
    const QList<LabelPlacer::Placement> placed = placer.separate(wanted);
    for (qsizetype i = 0; i < labels.size(); ++i) {
        Overlay* o = labels[i];
        if (!placed[i].placed) {
            o->item->hide();
            continue;
        }
        const QPointF moved(o->item->pos().x(), placed[i].box.top());
        o->item->setPos(moved);
        // A veil of the background behind the text: names stay readable where they cross a
        // ceiling or a grid line (projectors wash thin text out).
        if (!o->backdrop) {
            o->backdrop = new QGraphicsRectItem(m_chart);
            o->backdrop->setPen(Qt::NoPen);
            o->backdrop->setZValue(19.5);
        }
        QColor veil = theme().background;
        veil.setAlphaF(0.8);
        o->backdrop->setBrush(veil);
        o->backdrop->setRect(
            o->item->mapRectToParent(o->item->boundingRect()).adjusted(-2, 0, 2, 0));
        o->backdrop->show();
        if (!placed[i].moved)
            continue;
        if (!o->leader) {
            o->leader = new QGraphicsLineItem(m_chart);
            o->leader->setZValue(19);
        }
        QColor c = o->item->brush().color();
        c.setAlphaF(0.6);
        o->leader->setPen(QPen(c, 1));
        const QPointF anchor = m_chart->mapToPosition(o->value, o->series);
        o->leader->setLine(QLineF(
            anchor, QPointF(moved.x() - 1, moved.y() + o->item->boundingRect().height() / 2)));
        o->leader->show();
    }
}

} // namespace headroom::ui
