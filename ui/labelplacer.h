// SPDX-License-Identifier: MIT
// Where chart labels go, as geometry only (no graphics items): beside an anchor and inside the
// plot, along a flat line clear of the points, and apart from each other when rungs close in
// speed would print their names on top of each other. A label that finds no room is reported,
// claims none, and is not drawn: nothing overprints. Tested in tst_labelplacer.
#pragma once

#include <QList>
#include <QPointF>
#include <QRectF>
#include <QSizeF>

#include <functional>
#include <optional>

namespace headroom::ui {

class LabelPlacer {
public:
    explicit LabelPlacer(const QRectF& plotArea);
    QRectF area() const { return m_area; }

    // The top left of a text of `size` beside `anchor`: Qt::AlignLeft puts the text right of the
    // anchor, AlignRight left of it, AlignTop below it, AlignBottom above it, otherwise centred;
    // always kept inside the plot (a label hanging off the edge is clipped in exports).
    QPointF beside(QPointF anchor, QSizeF size, Qt::Alignment align) const;

    // A flat line's label may go anywhere along its line: the nearest spot to beside() whose box
    // `blocked` does not reject, on its own side of the line first (the other side is nearer the
    // next line), moving away from the pinned end. Nothing when no spot along the line is free.
    std::optional<QPointF> alongLine(QPointF anchor, QSizeF size, Qt::Alignment align,
                                     const std::function<bool(const QRectF&)>& blocked) const;

    // A label that stays where it is (ceilings, roofs) claims its box, and the separated ones
    // keep off it too; unless it would overprint a label claimed before: then it claims nothing
    // and false says to hide it.
    bool claim(const QRectF& box);
    // Whether `box` would overprint a claimed label (a `blocked` test for alongLine).
    bool isTaken(const QRectF& box) const;

    struct Placement {
        QRectF box;         // where the label goes (only its top moves)
        bool moved = false; // more than 3 px from where it was wanted: draw a leader line
        bool placed = true; // false: no free room inside the plot; hide it (it claimed no room,
                            // and `box` is where it was wanted)
    };
    // From the top down, a label that overlaps one already placed moves just below it; labels
    // pushed past the bottom of the plot are stacked upwards from there instead. The results
    // are in the order of `wanted`; no two placed ones (nor a claimed box) overlap.
    QList<Placement> separate(const QList<QRectF>& wanted);

private:
    const QRectF* overlapping(const QRectF& r) const;

    QRectF m_area;
    QList<QRectF> m_taken;
};

} // namespace headroom::ui
