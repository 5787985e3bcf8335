// SPDX-License-Identifier: MIT
#include "charts.h"

namespace headroom::ui {

std::optional<ChartKind> chartKindFromName(const QString& name) {
    const QString n = name.trimmed().toLower();
    for (ChartKind k : allChartKinds()) {
        if (chartKindName(k) == n)
            return k;
    }
    return std::nullopt;
}

QString chartKindName(ChartKind kind) {
    switch (kind) {
    case ChartKind::Runtime:
        return QStringLiteral("runtime");
    case ChartKind::Gflops:
        return QStringLiteral("gflops");
    case ChartKind::Roofline:
        return QStringLiteral("roofline");
    case ChartKind::Ladder:
        return QStringLiteral("ladder");
    }
    return {};
}

QString chartKindTitle(ChartKind kind) {
    switch (kind) {
    case ChartKind::Runtime:
        return QStringLiteral("Ladder");
    case ChartKind::Gflops:
        return QStringLiteral("Performance vs size");
    case ChartKind::Roofline:
        return QStringLiteral("Roofline");
    case ChartKind::Ladder:
        return QStringLiteral("Table");
    }
    return {};
}

QList<ChartKind> allChartKinds() {
    return {ChartKind::Runtime, ChartKind::Gflops, ChartKind::Roofline, ChartKind::Ladder};
}

} // namespace headroom::ui
