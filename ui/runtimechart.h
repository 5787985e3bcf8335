// SPDX-License-Identifier: MIT
// The runtime chart: a bar per rung (and per compared session, and the paper's) at one size, on
// a log time axis, labelled with the time and the speedups. Its data: chartdata/runtimedata.h.
#pragma once

#include "xychartpanel.h"

namespace headroom::ui {

class RuntimeChart : public XYChartPanel {
    Q_OBJECT

public:
    explicit RuntimeChart(ResultsModel* model, QWidget* parent = nullptr);
    ChartKind kind() const override { return ChartKind::Runtime; }

protected:
    void buildChart() override;
    void beforeOverlays() override;
    Qt::Alignment legendAlignment() const override { return Qt::AlignBottom; }

private:
    double m_runtimeMaxX = 0; // the time axis end before widening for labels
};

} // namespace headroom::ui
