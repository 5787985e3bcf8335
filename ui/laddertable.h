// SPDX-License-Identifier: MIT
// The ladder as a table (not a chart): a row per rung at one size, times and speedups beside
// the paper's, sortable and copyable as tab-separated text. Its model: laddermodel.h.
#pragma once

#include "chartpanel.h"

class QSortFilterProxyModel;

namespace headroom::ui {

class LadderModel;

class LadderTable : public ChartPanel {
    Q_OBJECT

public:
    explicit LadderTable(ResultsModel* model, QWidget* parent = nullptr);
    ChartKind kind() const override { return ChartKind::Ladder; }

    void setTheme(const Theme& theme) override;
    void setSize(int n) override;
    int size() const override;
    void setRevealedRungs(int count) override;
    void setPaper(const QString& id) override;
    void setControlsVisible(bool visible) override;

    QTableView* tableView() override { return m_table; }
    QAbstractItemModel* tableModel() override;
    QWidget* contentWidget() override;
    int pointCount(const QString& rung, int dataset = 0) const override;
    QColor colorOf(const QString& rung, int dataset = 0) const override;

protected:
    void rebuildContent() override;

private:
    void copyTable();
    void arrangeCompareColumns();

    QTableView* m_table = nullptr;
    QLabel* m_tableKey = nullptr; // the marks explained, under the table when exported
    LadderModel* m_ladder = nullptr;
    QSortFilterProxyModel* m_proxy = nullptr;
};

} // namespace headroom::ui
