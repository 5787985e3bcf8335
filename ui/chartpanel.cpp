// SPDX-License-Identifier: MIT
#include "chartpanel.h"

#include "laddermodel.h"
#include "resultsmodel.h"

#include <QChart>
#include <QChartView>
#include <QTableView>
#include <QVBoxLayout>

namespace headroom::ui {

class ChartView : public QChartView {
public:
    using QChartView::QChartView;
};

ChartPanel::ChartPanel(ChartKind kind, ResultsModel* model, QWidget* parent)
    : QWidget(parent)
    , m_kind(kind)
    , m_model(model)
    , m_theme(Theme::forId(ThemeId::System)) {
    auto* layout = new QVBoxLayout(this);
    if (kind == ChartKind::Ladder) {
        m_ladder = new LadderModel(model, this);
        m_table = new QTableView(this);
        m_table->setModel(m_ladder);
        layout->addWidget(m_table);
    } else {
        m_chart = new QChart;
        m_view = new ChartView(m_chart, this);
        layout->addWidget(m_view);
    }
}

ChartPanel::~ChartPanel() = default;

void ChartPanel::setTheme(const Theme& theme) {
    m_theme = theme;
}
void ChartPanel::setSize(int n) {
    m_requestedSize = n;
}
int ChartPanel::size() const {
    return m_requestedSize;
}
void ChartPanel::setRevealedRungs(int count) {
    m_revealed = count;
}
void ChartPanel::setPaper(const QString& id) {
    m_paper = id;
}
void ChartPanel::setControlsVisible(bool) {}
QChart* ChartPanel::chart() {
    return m_chart;
}
QChartView* ChartPanel::chartView() {
    return m_view;
}
QTableView* ChartPanel::tableView() {
    return m_table;
}
QAbstractItemModel* ChartPanel::tableModel() {
    return m_ladder;
}
QWidget* ChartPanel::contentWidget() {
    return m_view ? static_cast<QWidget*>(m_view) : static_cast<QWidget*>(m_table);
}
void ChartPanel::resetZoom() {}
void ChartPanel::rebuild() {}
int ChartPanel::pointCount(const QString&) const {
    return 0;
}
QColor ChartPanel::colorOf(const QString&) const {
    return {};
}
void ChartPanel::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
}

} // namespace headroom::ui
