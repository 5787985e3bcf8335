// SPDX-License-Identifier: MIT
#include "compare.h"

#include "chartpanel.h"
#include "format.h"
#include "presentation.h"
#include "resultsmodel.h"
#include "session.h"

#include <QAction>
#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QSet>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace headroom::ui {

RatioTableModel::RatioTableModel(ResultsModel* results, QObject* parent)
    : QAbstractTableModel(parent)
    , m_results(results) {
    if (results) {
        connect(results, &ResultsModel::datasetsChanged, this, &RatioTableModel::rebuild);
        connect(results, &ResultsModel::resultChanged, this, &RatioTableModel::rebuild);
    }
    rebuild();
}

void RatioTableModel::setPair(int datasetA, int datasetB) {
    m_a = datasetA;
    m_b = datasetB;
    rebuild();
}

void RatioTableModel::rebuild() {
    beginResetModel();
    m_rows.clear();
    if (m_results && m_a >= 0 && m_b >= 0 && m_a < m_results->datasetCount() &&
        m_b < m_results->datasetCount() && m_a != m_b)
        m_rows = rungRatios(m_results->dataset(m_a), m_results->dataset(m_b));
    endResetModel();
}

int RatioTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int RatioTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RatioTableModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const RungRatio& r = m_rows.at(index.row());
    const QLocale en(QLocale::English);
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case RungColumn:
            return rungLabel(r.rung);
        case SizeColumn:
            return en.toString(r.n);
        case AColumn:
            return format::rate(r.gflopsA, format::Rate::Gflops);
        case BColumn:
            return format::rate(r.gflopsB, format::Rate::Gflops);
        case RatioColumn:
            return QString(format::ratio(r.ratio) +
                           (r.extrapolated ? QStringLiteral(" (extrapolated)") : QString()));
        }
    } else if (role == Qt::UserRole) {
        switch (index.column()) {
        case RungColumn:
            return r.rung;
        case SizeColumn:
            return r.n;
        case AColumn:
            return r.gflopsA;
        case BColumn:
            return r.gflopsB;
        case RatioColumn:
            return r.ratio;
        }
    } else if (role == Qt::TextAlignmentRole && index.column() != RungColumn) {
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    } else if (role == Qt::ToolTipRole && index.column() == RatioColumn && r.extrapolated) {
        return QStringLiteral(
            "At least one side is extrapolated from smaller sizes, not measured.");
    }
    return {};
}

QVariant RatioTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    auto label = [this](int i) {
        return m_results && i >= 0 && i < m_results->datasetCount() ? m_results->dataset(i).label
                                                                    : QString();
    };
    switch (section) {
    case RungColumn:
        return QStringLiteral("Rung");
    case SizeColumn:
        return QStringLiteral("n");
    case AColumn:
        return QStringLiteral("A: %1").arg(label(m_a));
    case BColumn:
        return QStringLiteral("B: %1").arg(label(m_b));
    case RatioColumn:
        return QStringLiteral("B / A");
    }
    return {};
}

CompareWidget::CompareWidget(ResultsModel* model, QWidget* parent)
    : QWidget(parent)
    , m_model(model)
    , m_ratios(new RatioTableModel(model, this)) {
    m_tabs = new QTabWidget(this);
    for (const ChartKind kind : {ChartKind::Gflops, ChartKind::Runtime, ChartKind::Roofline})
        m_tabs->addTab(createChartPanel(kind, model, m_tabs), chartKindTitle(kind));

    m_a = new QComboBox(this);
    m_b = new QComboBox(this);
    m_table = new QTableView(this);
    m_table->setModel(m_ratios);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->verticalHeader()->hide();
    auto* ratioPage = new QWidget(m_tabs);
    auto* pick = new QHBoxLayout;
    pick->addWidget(new QLabel(QStringLiteral("A:"), ratioPage));
    pick->addWidget(m_a, 1);
    pick->addWidget(new QLabel(QStringLiteral("B:"), ratioPage));
    pick->addWidget(m_b, 1);
    auto* ratioLayout = new QVBoxLayout(ratioPage);
    ratioLayout->addLayout(pick);
    ratioLayout->addWidget(m_table, 1);
    m_tabs->addTab(ratioPage, QStringLiteral("Ratio per rung"));

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tabs);

    auto pairChanged = [this] { m_ratios->setPair(m_a->currentIndex(), m_b->currentIndex()); };
    connect(m_a, &QComboBox::currentIndexChanged, this, pairChanged);
    connect(m_b, &QComboBox::currentIndexChanged, this, pairChanged);
    if (model)
        connect(model, &ResultsModel::datasetsChanged, this, &CompareWidget::refillChoices);
    refillChoices();
}

void CompareWidget::setTheme(const Theme& theme) {
    for (int i = 0; i < m_tabs->count(); ++i) {
        if (auto* panel = qobject_cast<ChartPanel*>(m_tabs->widget(i)))
            panel->setTheme(theme);
    }
}

void CompareWidget::refillChoices() {
    const QSignalBlocker blockA(m_a);
    const QSignalBlocker blockB(m_b);
    m_a->clear();
    m_b->clear();
    const int count = m_model ? m_model->datasetCount() : 0;
    for (int i = 0; i < count; ++i) {
        m_a->addItem(m_model->dataset(i).label);
        m_b->addItem(m_model->dataset(i).label);
    }
    m_a->setCurrentIndex(count > 0 ? 0 : -1);
    m_b->setCurrentIndex(count > 1 ? 1 : -1);
    m_ratios->setPair(m_a->currentIndex(), m_b->currentIndex());
}

void openCompareWindow(QWidget* window) {
    const QStringList paths = QFileDialog::getOpenFileNames(
        window, QStringLiteral("Compare sessions (pick two or more)"), QString(),
        QStringLiteral("Headroom sessions (*.json);;All files (*)"));
    if (paths.isEmpty())
        return;
    auto* host = new QWidget(window, Qt::Window);
    host->setAttribute(Qt::WA_DeleteOnClose);
    host->setWindowTitle(QStringLiteral("Headroom — compare"));
    auto* model = new ResultsModel(host);
    QString error;
    if (!loadSessionsInto(model, paths, true, &error)) {
        delete host;
        QMessageBox::warning(window, QStringLiteral("Compare sessions"),
                             QStringLiteral("Cannot open %1").arg(error));
        return;
    }
    auto* layout = new QVBoxLayout(host);
    layout->addWidget(new CompareWidget(model, host));
    host->resize(1200, 800);
    host->show();
}

} // namespace headroom::ui
