// SPDX-License-Identifier: MIT
// The roofline chart: GFLOP/s against arithmetic intensity under this machine's ceilings, at one
// size (with the climb through the rungs) or every size. Its data: chartdata/rooflinedata.h.
#pragma once

#include "xychartpanel.h"

namespace headroom::ui {

class RooflineChart : public XYChartPanel {
    Q_OBJECT

public:
    explicit RooflineChart(ResultsModel* model, QWidget* parent = nullptr);
    ChartKind kind() const override { return ChartKind::Roofline; }

    // The x of each point is its intensity at this level: "l1" (cache-aware, the default: the
    // L1 roof and the compute ceilings; where each rung's code differs most) or "dram"
    // (classic: every memory level's roof).
    void setRooflineLevel(const QString& level);
    QString rooflineLevel() const { return m_level; }

protected:
    void buildChart() override;

private:
    QComboBox* m_levelBox = nullptr;
    QString m_level = QStringLiteral("l1");
};

} // namespace headroom::ui
