// SPDX-License-Identifier: MIT
// Colours and type for every view and export: one place decides what a rung looks like, so a
// rung has the same colour in each chart, the table, the presentation and an exported slide.
#pragma once

#include <QColor>
#include <QFont>
#include <QString>

#include <optional>

namespace headroom::ui {

enum class ThemeId {
    System,
    Light,
    Dark,
    Presentation
}; // Presentation = large type, high contrast

struct Theme {
    ThemeId id = ThemeId::System;
    bool dark = false;
    QColor background;
    QColor foreground;
    QColor mutedForeground;
    QColor grid;
    QColor accent;
    QColor failed;         // failed verification marks (red in every theme)
    QColor peak;           // measured-peak / compute-ceiling lines
    qreal fontScale = 1.0; // 1.0 normal, ~1.8 presentation

    // System follows QGuiApplication's palette (light or dark) at the time of the call.
    static Theme forId(ThemeId id);
    static std::optional<ThemeId>
    idFromName(const QString& name); // "light"|"dark"|"presentation"|"system"
    static QString name(ThemeId id);

    // The application font scaled by fontScale (and by `factor`, e.g. 1.3 for titles).
    QFont font(qreal factor = 1.0, bool bold = false) const;
};

// Same colour for a rung in every chart and table; distinct neighbours along the ladder, and
// adjusted for contrast against the theme's background.
QColor rungColor(const QString& rungId, const Theme& theme);

// Short label for charts ("C, naive", "+ tiling", ...); falls back to the id.
QString rungLabel(const QString& rungId);

// Colour of `rung` for dataset `datasetIndex`: dataset 0 keeps the rung's own colour, each further
// machine gets a family of its own (hue-shifted, lighter or darker by turns), so two machines
// can be told apart at a glance while a rung stays recognisable.
// Past six machines the hue families repeat with another saturation and lightness.
QColor compareColor(const QString& rungId, int datasetIndex, const Theme& theme);
// Which of `shapes` marker shapes the machine `datasetIndex` (>= 1) draws: two machines of one
// hue family never share one (for up to 6 x shapes machines).
int compareMarkerIndex(int datasetIndex, int shapes);
// The line style of a compared machine's lines: one per round of the six hue families.
Qt::PenStyle comparePenStyle(int datasetIndex);

} // namespace headroom::ui
