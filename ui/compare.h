// SPDX-License-Identifier: MIT
// Compare: two or more sessions (other machines, a headless cluster node) overlaid on the same
// charts, one colour family per machine, and a ratio table per rung: session B's GFLOP/s over
// session A's at the sizes both measured.
#pragma once

#include "theme.h"

#include <QAbstractTableModel>
#include <QList>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <QWidget>

class QAction;
class QComboBox;
class QMainWindow;
class QTabWidget;
class QTableView;

namespace headroom::ui {

class ResultsModel;
struct Dataset;

// One row of the ratio table.
struct RungRatio {
    QString rung;
    int n = 0; // the largest n with a verified time in both datasets
    double gflopsA = 0;
    double gflopsB = 0;
    double ratio = 0;          // gflopsB / gflopsA
    bool extrapolated = false; // one side is a prediction, not a measurement
};

// Per rung (ladder order, rungs in both datasets): B / A at the largest common n where both are
// verified; if there is none, the largest common n where both have a time and the row is
// marked extrapolated. Rungs with no common n are left out.
QList<RungRatio> rungRatios(const Dataset& a, const Dataset& b);

// The same ratio at every common n of one rung (for the tooltip and tests).
QList<RungRatio> rungRatiosAllSizes(const Dataset& a, const Dataset& b, const QString& rung);

// Colour of `rung` for dataset `datasetIndex`: dataset 0 keeps the rung's own colour, each further
// machine gets a family of its own (hue-shifted, lighter or darker by turns), so two machines
// can be told apart at a glance while a rung stays recognisable.
// Past six machines the hue families repeat with another saturation and lightness.
QColor compareColor(const QString& rungId, int datasetIndex, const Theme& theme);
// Which of `shapes` marker shapes the machine `datasetIndex` (>= 1) draws: two machines of one
// hue family never share one (for up to 6 x shapes machines).
int compareMarkerIndex(int datasetIndex, int shapes);
// The line style of a compared machine's lines: one per round of the six hue families.
Qt::PenStyle comparePenStyle(int datasetIndex);

// Loads sessions (Session::load: validated, never executed) as datasets of `model` (replacing
// what it had when `replace`). Labels: the session's title, else the file name; duplicates get
// " (2)" etc. Returns false and sets *error (naming the file) at the first bad file; the model is
// unchanged then.
bool loadSessionsInto(ResultsModel* model, const QStringList& paths, bool replace, QString* error);

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

// Adds "Compare sessions…" to the "&File" menu of `window` (created if missing): picks two or
// more session files and shows a CompareWidget in a window of its own on a model of its own, so
// the run on screen stays as it is.
QAction* installCompareAction(QMainWindow* window);

} // namespace headroom::ui
