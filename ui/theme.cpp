// SPDX-License-Identifier: MIT
#include "theme.h"

#include "ladderinfo.h"

#include <QGuiApplication>
#include <QHash>
#include <QPalette>

#include <algorithm>
#include <cmath>
#include <iterator>

namespace headroom::ui {

namespace {

QColor mix(const QColor& a, const QColor& b, qreal t) {
    return QColor::fromRgbF(a.redF() * (1 - t) + b.redF() * t,
                            a.greenF() * (1 - t) + b.greenF() * t,
                            a.blueF() * (1 - t) + b.blueF() * t);
}

Theme lightTheme() {
    Theme t;
    t.id = ThemeId::Light;
    t.dark = false;
    t.background = QColor(0xff, 0xff, 0xff);
    t.foreground = QColor(0x1d, 0x1d, 0x1f);
    t.mutedForeground = QColor(0x5f, 0x63, 0x68);
    t.grid = QColor(0xe3, 0xe5, 0xe8);
    t.accent = QColor(0x0a, 0x64, 0xd6);
    t.failed = QColor(0xd6, 0x1f, 0x1f);
    t.peak = QColor(0x30, 0x30, 0x30);
    return t;
}

Theme darkTheme() {
    Theme t;
    t.id = ThemeId::Dark;
    t.dark = true;
    t.background = QColor(0x1e, 0x1f, 0x22);
    t.foreground = QColor(0xec, 0xec, 0xee);
    t.mutedForeground = QColor(0xa4, 0xa7, 0xae);
    t.grid = QColor(0x3a, 0x3c, 0x42);
    t.accent = QColor(0x5a, 0xa6, 0xff);
    t.failed = QColor(0xff, 0x55, 0x55);
    t.peak = QColor(0xe0, 0xe0, 0xe0);
    return t;
}

} // namespace

Theme Theme::forId(ThemeId id) {
    switch (id) {
    case ThemeId::Light:
        return lightTheme();
    case ThemeId::Dark:
        return darkTheme();
    case ThemeId::Presentation: {
        // A projector washes out greys and thin lines: pure black on white, larger type.
        Theme t = lightTheme();
        t.id = ThemeId::Presentation;
        t.foreground = Qt::black;
        t.mutedForeground = QColor(0x33, 0x33, 0x33);
        t.grid = QColor(0xd0, 0xd0, 0xd0);
        t.peak = Qt::black;
        t.fontScale = 1.8;
        return t;
    }
    case ThemeId::System:
        break;
    }
    const QPalette pal = QGuiApplication::palette();
    const bool dark = pal.color(QPalette::Window).lightness() < 128;
    Theme t = dark ? darkTheme() : lightTheme();
    t.id = ThemeId::System;
    t.background = pal.color(QPalette::Base);
    t.foreground = pal.color(QPalette::Text);
    t.mutedForeground = mix(t.foreground, t.background, 0.35);
    t.grid = mix(t.foreground, t.background, 0.86);
    t.accent = pal.color(QPalette::Highlight);
    return t;
}

std::optional<ThemeId> Theme::idFromName(const QString& name) {
    const QString n = name.trimmed().toLower();
    if (n == QLatin1String("system"))
        return ThemeId::System;
    if (n == QLatin1String("light"))
        return ThemeId::Light;
    if (n == QLatin1String("dark"))
        return ThemeId::Dark;
    if (n == QLatin1String("presentation"))
        return ThemeId::Presentation;
    return std::nullopt;
}

QString Theme::name(ThemeId id) {
    switch (id) {
    case ThemeId::System:
        return QStringLiteral("system");
    case ThemeId::Light:
        return QStringLiteral("light");
    case ThemeId::Dark:
        return QStringLiteral("dark");
    case ThemeId::Presentation:
        return QStringLiteral("presentation");
    }
    return {};
}

QFont Theme::font(qreal factor, bool bold) const {
    QFont f = QGuiApplication::font();
    const qreal base = f.pointSizeF() > 0 ? f.pointSizeF() : 10.0;
    f.setPointSizeF(base * fontScale * factor);
    f.setBold(bold);
    return f;
}

QColor rungColor(const QString& rungId, const Theme& theme) {
    // A qualitative palette in ladder order: neighbours differ in hue; red is kept for failures
    // and greys for the OpenBLAS and BLIS yardsticks, which are not rungs.
    static const QHash<QString, QRgb> base = {
        {QStringLiteral("python"), 0x4e79a7},     {QStringLiteral("java"), 0xf28e2b},
        {QStringLiteral("naive"), 0x8c564b},      {QStringLiteral("interchange"), 0xbcbd22},
        {QStringLiteral("optflags"), 0x17becf},   {QStringLiteral("parallel"), 0x59a14f},
        {QStringLiteral("tiled"), 0x9467bd},      {QStringLiteral("dac"), 0xe377c2},
        {QStringLiteral("vectorized"), 0xedc948}, {QStringLiteral("microkernel"), 0x3b4cc0},
        {QStringLiteral("openblas"), 0x7f7f7f},   {QStringLiteral("blis"), 0x4a4a4a},
    };
    QColor c;
    const auto it = base.constFind(rungId);
    if (it != base.constEnd()) {
        c = QColor::fromRgb(*it);
    } else {
        // Unknown rungs still get a stable colour from their name.
        c = QColor::fromHsv(static_cast<int>(qHash(rungId) % 360), 150, 200);
    }
    // Keep enough contrast with the background: darken light colours on white, lighten dark ones
    // on a dark background.
    if (theme.dark && c.lightnessF() < 0.5)
        c = c.lighter(150);
    else if (!theme.dark && c.lightnessF() > 0.62)
        c = c.darker(125);
    return c;
}

QString rungLabel(const QString& rungId) {
    static const QHash<QString, QString> labels = {
        {QStringLiteral("python"), QStringLiteral("Python")},
        {QStringLiteral("java"), QStringLiteral("Java")},
        {QStringLiteral("naive"), QStringLiteral("C, naive")},
        {QStringLiteral("interchange"), QStringLiteral("+ interchange loops")},
        {QStringLiteral("optflags"), QStringLiteral("+ optimization flags")},
        {QStringLiteral("parallel"), QStringLiteral("parallel loops")},
        {QStringLiteral("tiled"), QStringLiteral("+ tiling")},
        {QStringLiteral("dac"), QStringLiteral("parallel divide & conquer")},
        {QStringLiteral("vectorized"), QStringLiteral("+ compiler vectorization")},
        {QStringLiteral("microkernel"), QStringLiteral("+ intrinsics micro-kernel")},
        {QStringLiteral("openblas"), QStringLiteral("OpenBLAS (reference)")},
        {QStringLiteral("blis"), QStringLiteral("BLIS (reference)")},
    };
    return labels.value(rungId, rungId);
}

QColor compareColor(const QString& rungId, int datasetIndex, const Theme& theme) {
    // Families far apart on the colour wheel: blue, orange, green, purple, red, teal.
    static constexpr int kFamilyHues[] = {212, 28, 130, 275, 355, 178};
    constexpr int kFamilies = int(std::size(kFamilyHues));
    const int index = std::max(0, datasetIndex);
    const int family = index % kFamilies;
    // Beyond the six families a machine repeats a hue, so it is told apart by saturation and
    // lightness (and by its marker shape and line style, compareMarkerIndex / comparePenStyle).
    const int round = index / kFamilies % 4;
    static constexpr double kSaturation[] = {0.80, 0.40, 0.95, 0.25};
    static constexpr double kLightnessShift[] = {0, 0.14, -0.10, 0.24};
    // Along the ladder the shade goes from deep to light, with a small hue drift so that
    // neighbouring rungs of one machine stay apart.
    const double t = std::clamp(ladderIndex(rungId) / 10.0, 0.0, 1.0);
    const int hue = (kFamilyHues[family] + int(std::lround(-18 + 36 * t)) + 360) % 360;
    const double base = theme.dark ? 0.45 + 0.35 * t : 0.28 + 0.37 * t;
    const double lightness = std::clamp(base + kLightnessShift[round], 0.15, 0.85);
    return QColor::fromHslF(hue / 360.0, kSaturation[round], lightness);
}

int compareMarkerIndex(int datasetIndex, int shapes) {
    const int index = std::max(1, datasetIndex) - 1;
    // Machines 1, 7, 13, 19 share a hue family: each takes the next shape.
    return (index + index / 6) % std::max(1, shapes);
}

Qt::PenStyle comparePenStyle(int datasetIndex) {
    static constexpr Qt::PenStyle kStyles[] = {Qt::DashDotLine, Qt::DotLine, Qt::DashLine,
                                               Qt::DashDotDotLine};
    return kStyles[std::max(0, datasetIndex) / 6 % int(std::size(kStyles))];
}

} // namespace headroom::ui
