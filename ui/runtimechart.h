// SPDX-License-Identifier: MIT
// The runtime chart: a bar per rung (and per compared session, and the paper's) at one size, on
// a log time axis, labelled with the time and the speedups. Its data: chartdata/runtimedata.h.
#pragma once

#include "chartdata/runtimedata.h"
#include "xychartpanel.h"

class QComboBox;

namespace headroom::ui {

class RuntimeChart : public XYChartPanel {
    Q_OBJECT

public:
    explicit RuntimeChart(ResultsModel* model, QWidget* parent = nullptr);
    ChartKind kind() const override { return ChartKind::Runtime; }
    void setPaper(const QString& id) override;
    // Beside a paper: times at n, times extrapolated to the paper's n, or the paper's steps.
    void setBars(chartdata::RuntimeBars bars);
    chartdata::RuntimeBars bars() const { return m_bars; }

protected:
    void buildChart() override;
    void beforeOverlays() override;
    Qt::Alignment legendAlignment() const override { return Qt::AlignBottom; }

private:
    void updateBarsBox();

    double m_runtimeMaxX = 0; // the time axis end before widening for labels
    chartdata::RuntimeBars m_bars = chartdata::RuntimeBars::Time;
    QComboBox* m_barsBox = nullptr;
};

} // namespace headroom::ui
