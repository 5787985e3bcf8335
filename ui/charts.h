// SPDX-License-Identifier: MIT
// The four chart kinds of Headroom, by name (command line, settings) and title (tabs, exports).
#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace headroom::ui {

enum class ChartKind {
    Runtime,
    Gflops,
    Roofline,
    Ladder
}; // runtime = ladder bars, ladder = the table

std::optional<ChartKind>
chartKindFromName(const QString& name); // "runtime"|"gflops"|"roofline"|"ladder"
QString chartKindName(ChartKind kind);
QString chartKindTitle(ChartKind kind); // human title, e.g. "Performance vs size"
QList<ChartKind> allChartKinds();

} // namespace headroom::ui
