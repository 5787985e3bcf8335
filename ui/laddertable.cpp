// SPDX-License-Identifier: MIT
#include "laddertable.h"

#include "laddermodel.h"
#include "report.h"

#include <QApplication>
#include <QClipboard>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QShortcut>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace headroom::ui {

LadderTable::LadderTable(ResultsModel* model, QWidget* parent)
    : ChartPanel(model, parent) {
    addSizeBox(tr("The matrix size the ladder is shown at"), false);
    addPaperBox(false);
    auto* copyButton = new QPushButton(tr("Copy table"));
    copyButton->setToolTip(tr("Copies the table as tab-separated text (Ctrl+C)"));
    connect(copyButton, &QPushButton::clicked, this, &LadderTable::copyTable);
    finishControls(copyButton);

    m_ladder = new LadderModel(model, this);
    m_ladder->setPaper(paper());
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_ladder);
    m_proxy->setSortRole(LadderModel::SortRole);
    m_table = new QTableView(this);
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(-1, Qt::AscendingOrder); // ladder order until the user sorts
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(false);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->setWordWrap(false);
    m_table->setToolTip(tr("Click a header to sort; Ctrl+C copies the selection (or all) as "
                           "tab-separated text."));
    auto* copy = new QShortcut(QKeySequence::Copy, m_table, nullptr, nullptr,
                               Qt::WidgetWithChildrenShortcut);
    connect(copy, &QShortcut::activated, this, &LadderTable::copyTable);
    auto* layout = static_cast<QVBoxLayout*>(this->layout());
    layout->addWidget(m_table, 1);
    // On screen the note above the table explains the marks; an export has no controls, and a
    // slide with "0.98×±" on it must say what ± means.
    m_tableKey = new QLabel(tr("\u2248 extrapolated by n\u00b3 from a smaller size (not run)") +
                                QStringLiteral("   \u00b1 ") + withinNoiseMeaning(),
                            this);
    m_tableKey->setObjectName(QStringLiteral("tableKey"));
    m_tableKey->setContentsMargins(8, 0, 8, 4);
    m_tableKey->setWordWrap(true); // a narrow export (the dashboard's quarter) wraps it
    m_tableKey->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_tableKey->hide();
    layout->addWidget(m_tableKey);
    connect(m_ladder, &QAbstractItemModel::modelReset, this, [this] {
        updateSizeChoices();
        arrangeCompareColumns();
    });
    arrangeCompareColumns();
    rebuild();
}

QAbstractItemModel* LadderTable::tableModel() {
    return m_ladder;
}

QWidget* LadderTable::contentWidget() {
    return m_table;
}

void LadderTable::arrangeCompareColumns() {
    // Compared sessions' columns come last in the model; on screen (and in exports of the view)
    // they sit right after this machine's columns, before the paper's.
    QHeaderView* header = m_table->horizontalHeader();
    for (int c = LadderModel::ColumnCount; c < m_ladder->columnCount(); ++c)
        header->moveSection(header->visualIndex(c),
                            LadderModel::PaperSecondsColumn + c - LadderModel::ColumnCount);
}

void LadderTable::setControlsVisible(bool visible) {
    ChartPanel::setControlsVisible(visible);
    m_tableKey->setVisible(!visible);
}

void LadderTable::setTheme(const Theme& theme) {
    m_ladder->setTheme(theme);
    QPalette pal = m_tableKey->palette();
    pal.setColor(QPalette::WindowText, theme.mutedForeground);
    pal.setColor(QPalette::Window, theme.background);
    m_tableKey->setPalette(pal);
    m_tableKey->setAutoFillBackground(true);
    m_tableKey->setFont(theme.font(0.9));
    ChartPanel::setTheme(theme);
}

void LadderTable::setSize(int n) {
    m_ladder->setSize(n);
    ChartPanel::setSize(n);
}

int LadderTable::size() const {
    return m_ladder->size();
}

void LadderTable::setRevealedRungs(int count) {
    m_ladder->setRevealedRungs(count);
    ChartPanel::setRevealedRungs(count);
}

void LadderTable::setPaper(const QString& id) {
    m_ladder->setPaper(id.isEmpty() ? QStringLiteral("science2020") : id);
    ChartPanel::setPaper(id);
}

void LadderTable::rebuildContent() {
    const int n = m_ladder->size();
    setNote(n > 0 ? tr("n = %1; speedups against the first rung measured and the rung before; "
                       "\u2248 = extrapolated; \u00b1 = within noise (hover for details)")
                        .arg(n)
                  : tr("No results yet: run the ladder."));
}

void LadderTable::copyTable() {
    QModelIndexList selection;
    const auto selected = m_table->selectionModel()->selectedIndexes();
    for (const QModelIndex& i : selected)
        selection.append(m_proxy->mapToSource(i));
    QApplication::clipboard()->setText(m_ladder->toTsv(selection));
}

int LadderTable::pointCount(const QString& rung, int dataset) const {
    const int column =
        dataset == 0 ? int(LadderModel::SecondsColumn) : m_ladder->compareColumn(dataset);
    if (column < 0)
        return 0;
    int count = 0;
    for (int r = 0; r < m_ladder->rowCount(); ++r) {
        const QModelIndex i = m_ladder->index(r, column);
        if (m_ladder->data(i, LadderModel::RungRole).toString() == rung &&
            m_ladder->data(i, LadderModel::SortRole).toDouble() > 0)
            ++count;
    }
    return count;
}

QColor LadderTable::colorOf(const QString& rung, int dataset) const {
    const int column =
        dataset == 0 ? int(LadderModel::RungColumn) : m_ladder->compareColumn(dataset);
    if (column < 0)
        return {};
    const int role = dataset == 0 ? int(Qt::DecorationRole) : int(Qt::ForegroundRole);
    for (int r = 0; r < m_ladder->rowCount(); ++r) {
        const QModelIndex i = m_ladder->index(r, column);
        if (m_ladder->data(i, LadderModel::RungRole).toString() == rung)
            return m_ladder->data(i, role).value<QColor>();
    }
    return {};
}

} // namespace headroom::ui
