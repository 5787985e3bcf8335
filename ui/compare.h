// SPDX-License-Identifier: MIT
// Compare: two or more sessions (other machines, a headless cluster node) overlaid on the same
// charts, one colour family per machine (compareColor in theme.h), and a ratio table per rung
// (the ratios: app/compareratio.h; the loading: app/dataset.h).
#pragma once

#include "compareratio.h"
#include "theme.h"

#include <QAbstractTableModel>
#include <QList>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <QWidget>

class QAction;
class QComboBox;
class QTabWidget;
class QTableView;

namespace headroom::ui {

class ResultsModel;

class RatioTableModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { RungColumn, SizeColumn, AColumn, BColumn, RatioColumn, ColumnCount };

    explicit RatioTableModel(ResultsModel* results, QObject* parent = nullptr);

    void setPair(int datasetA, int datasetB);
    int datasetA() const { return m_a; }
    int datasetB() const { return m_b; }
    const QList<RungRatio>& ratios() const { return m_rows; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    void rebuild();

    QPointer<ResultsModel> m_results;
    int m_a = 0;
    int m_b = 1;
    QList<RungRatio> m_rows;
};

// The compare view: tabs with the overlaid charts (performance vs size, runtime, roofline) and
// the ratio table with the two sessions to compare picked from combo boxes.
class CompareWidget : public QWidget {
    Q_OBJECT

public:
    explicit CompareWidget(ResultsModel* model, QWidget* parent = nullptr);

    RatioTableModel* ratioModel() const { return m_ratios; }
    QTabWidget* tabs() const { return m_tabs; }
    void setTheme(const Theme& theme);

private:
    void refillChoices();

    QPointer<ResultsModel> m_model;
    RatioTableModel* m_ratios = nullptr;
    QTabWidget* m_tabs = nullptr;
    QComboBox* m_a = nullptr;
    QComboBox* m_b = nullptr;
    QTableView* m_table = nullptr;
};

// Asks for two or more session files and shows a CompareWidget on them in a window of its own
// (child of `window`), on a model of its own, so the run on screen stays as it is. A bad file:
// a message box naming it, and no window.
void openCompareWindow(QWidget* window);

} // namespace headroom::ui
