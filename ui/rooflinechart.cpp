// SPDX-License-Identifier: MIT
#include "rooflinechart.h"

#include "chartdata/rooflinedata.h"
#include "resultsmodel.h"

#include <QChart>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>

#include <algorithm>

namespace headroom::ui {

RooflineChart::RooflineChart(ResultsModel* model, QWidget* parent)
    : XYChartPanel(model, parent) {
    addSizeBox(tr("The size whose climb is drawn, rung to rung; or every size"), true);
    auto* levelLabel = new QLabel(tr("Intensity:"));
    m_levelBox = new QComboBox;
    m_levelBox->addItem(tr("L1 (cache-aware)"), QStringLiteral("l1"));
    m_levelBox->addItem(tr("DRAM (classic)"), QStringLiteral("dram"));
    m_levelBox->setToolTip(tr("FLOP per byte to and from memory, or per byte the code loads "
                              "and stores (cache-aware roofline)"));
    levelLabel->setBuddy(m_levelBox);
    controlsRow()->addSpacing(12);
    controlsRow()->addWidget(levelLabel);
    controlsRow()->addWidget(m_levelBox);
    connect(m_levelBox, &QComboBox::activated, this,
            [this](int index) { setRooflineLevel(m_levelBox->itemData(index).toString()); });
    finishControls(m_resetButton);
    rebuild();
}

void RooflineChart::setRooflineLevel(const QString& level) {
    m_level = level == QLatin1String("dram") ? level : QStringLiteral("l1");
    rebuild();
}

void RooflineChart::buildChart() {
    {
        const QSignalBlocker block(m_levelBox);
        m_levelBox->setCurrentIndex(std::max(0, m_levelBox->findData(m_level)));
    }
    const chartdata::RooflineData data =
        chartdata::rooflineData(*model(), {size(), revealedRungs(), m_level, theme()});
    m_chart->setTitle(data.title);
    addLogLogAxes(data.x, data.y);
    setRanges(data.rangeX, data.rangeY);
    addData(data.series, data.labels);
    setNote(data.note);
}

} // namespace headroom::ui
