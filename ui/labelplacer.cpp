// SPDX-License-Identifier: MIT
#include "labelplacer.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace headroom::ui {

namespace {
constexpr qreal kGap = 6;    // between an anchor and its text
constexpr qreal kMargin = 2; // between a text and the edge of the plot
} // namespace

LabelPlacer::LabelPlacer(const QRectF& plotArea)
    : m_area(plotArea) {}

QPointF LabelPlacer::beside(QPointF anchor, QSizeF size, Qt::Alignment align) const {
    QPointF pos = anchor;
    if (align & Qt::AlignLeft)
        pos.rx() += kGap;
    else if (align & Qt::AlignRight)
        pos.rx() -= size.width() + kGap;
    else
        pos.rx() -= size.width() / 2;
    if (align & Qt::AlignTop)
        pos.ry() += kGap;
    else if (align & Qt::AlignBottom)
        pos.ry() -= size.height() + kGap;
    else
        pos.ry() -= size.height() / 2;
    const qreal left = m_area.left() + kMargin;
    const qreal top = m_area.top() + kMargin;
    pos.setX(std::clamp(pos.x(), left, std::max(left, m_area.right() - size.width() - kMargin)));
    pos.setY(std::clamp(pos.y(), top, std::max(top, m_area.bottom() - size.height() - kMargin)));
    return pos;
}

std::optional<QPointF>
LabelPlacer::alongLine(QPointF anchor, QSizeF size, Qt::Alignment align,
                       const std::function<bool(const QRectF&)>& blocked) const {
    const Qt::Alignment flipped = (align & ~(Qt::AlignTop | Qt::AlignBottom)) |
                                  ((align & Qt::AlignTop) ? Qt::AlignBottom : Qt::AlignTop);
    const qreal away = (align & Qt::AlignLeft) ? 1 : -1; // from the pinned end
    const qreal step = std::max<qreal>(size.width() / 8, 8);
    for (const Qt::Alignment side : {align, flipped}) {
        const QPointF start = beside(anchor, size, side);
        for (qreal shift = 0; shift <= m_area.width() - size.width(); shift += step) {
            const QPointF candidate = start + QPointF(away * shift, 0);
            if (candidate.x() < m_area.left() + 1 ||
                candidate.x() + size.width() > m_area.right() - 1 ||
                blocked(QRectF(candidate, size)))
                continue;
            return candidate;
        }
    }
    return std::nullopt;
}

bool LabelPlacer::claim(const QRectF& box) {
    if (overlapping(box))
        return false;
    m_taken.append(box);
    return true;
}

bool LabelPlacer::isTaken(const QRectF& box) const {
    return overlapping(box) != nullptr;
}

const QRectF* LabelPlacer::overlapping(const QRectF& r) const {
    for (const QRectF& p : m_taken) {
        if (p.intersects(r))
            return &p;
    }
    return nullptr;
}

QList<LabelPlacer::Placement> LabelPlacer::separate(const QList<QRectF>& wanted) {
    QList<int> order(wanted.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](int a, int b) { return wanted[a].top() < wanted[b].top(); });
    QList<Placement> result(wanted.size());
    for (const int i : std::as_const(order)) {
        // A pixel of room around each text.
        QRectF box = wanted[i].adjusted(-1, -1, 1, 1);
        while (const QRectF* hit = overlapping(box))
            box.moveTop(hit->bottom() + 0.5);
        if (box.bottom() > m_area.bottom()) {
            box.moveBottom(m_area.bottom());
            while (const QRectF* hit = overlapping(box))
                box.moveBottom(hit->top() - 0.5);
        }
        Placement& p = result[i];
        // Stacked up past the top: it would overprint the title, so it is dropped.
        p.placed = box.top() + 1 >= m_area.top() - 0.5;
        if (!p.placed) {
            p.box = wanted[i];
            continue;
        }
        m_taken.append(box);
        p.box = box.adjusted(1, 1, -1, -1);
        p.moved = std::abs(p.box.top() - wanted[i].top()) >= 3;
    }
    return result;
}

} // namespace headroom::ui
