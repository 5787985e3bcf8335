// SPDX-License-Identifier: MIT
// The common base of Headroom's four views (runtime, performance vs n, roofline, the ladder
// table): the model they read, the theme, the controls row above them (size, paper, a note) and
// the hooks that export and the tests use. Each view is a class of its own (runtimechart.h,
// performancechart.h, rooflinechart.h, laddertable.h) over a plain chart-data builder
// (chartdata/); createChartPanel() makes the one for a ChartKind.
#pragma once

#include "charts.h"
#include "theme.h"

#include <QPointer>
#include <QWidget>

class QChart;
class QChartView;
class QComboBox;
class QHBoxLayout;
class QTableView;
class QLabel;
class QAbstractItemModel;

namespace headroom {
struct PointResult;
}

namespace headroom::ui {

class ResultsModel;

class ChartPanel : public QWidget {
    Q_OBJECT

public:
    // setSize() value of the roofline's "all sizes" choice: every size's points, no climb path.
    static constexpr int kAllSizes = -1;
    ~ChartPanel() override;

    virtual ChartKind kind() const = 0;
    ResultsModel* model() const; // out of line: ResultsModel is only declared here

    virtual void setTheme(const Theme& theme);
    const Theme& theme() const { return m_theme; }
    // Runtime/ladder: which n (0 = the largest common size); roofline: also kAllSizes.
    virtual void setSize(int n);
    virtual int size() const; // the effective n shown
    // Presentation step-through: the first `count` rungs (-1 = all).
    virtual void setRevealedRungs(int count);
    int revealedRungs() const { return m_revealed; }
    // Paper series/rows: "science2020" | "mit6172" | "" (none).
    virtual void setPaper(const QString& id);
    QString noteText() const;                      // the explanation line above the chart (tests)
    virtual void setControlsVisible(bool visible); // the small toolbar above the chart

    // The export hooks. A chart has its QChart and view; the ladder table its table and its
    // LadderModel (unsorted); the others return nullptr.
    virtual QChart* chart() { return nullptr; }
    virtual QChartView* chartView() { return nullptr; }
    virtual QTableView* tableView() { return nullptr; }
    virtual QAbstractItemModel* tableModel() { return nullptr; }
    virtual QWidget* contentWidget() = 0; // what to render for an export: chart view or table
    virtual void resetZoom() {}

    // Rebuilds the view from the model now (normally done automatically, coalesced).
    void rebuild();

    // Test/inspection helpers: the number of data points drawn for a rung (all series carrying
    // the rung, measured and extrapolated), and the colour used for it (invalid if not drawn).
    // `dataset` > 0: the same for a compared session's overlay.
    virtual int pointCount(const QString& rung, int dataset = 0) const = 0;
    virtual QColor colorOf(const QString& rung, int dataset = 0) const = 0;

protected:
    ChartPanel(ResultsModel* model, QWidget* parent);
    void changeEvent(QEvent* event) override;
    void showEvent(QShowEvent* event) override;
    // Builds the view from the model; the controls are up to date, the slow-phase warning is
    // put in front of the note afterwards.
    virtual void rebuildContent() = 0;
    void scheduleRebuild();
    void updateSizeChoices();

    // The controls row: "Size n:" (with "all sizes" for the roofline), "Compare with:" (with
    // "nothing" for the runtime chart); a button on the right, added last with the note, which
    // wraps on a line of its own beneath the row.
    QHBoxLayout* controlsRow() const { return m_controlsRow; }
    void addSizeBox(const QString& tip, bool allSizes);
    void addPaperBox(bool withNothing);
    void finishControls(QWidget* button);
    void setNote(const QString& text);
    QLabel* note() const { return m_note; }
    const QString& paper() const { return m_paper; }
    int requestedSize() const { return m_requestedSize; }

private:
    void onResult(int datasetIndex, const headroom::PointResult& result);
    void markSlowPhase();

    QPointer<ResultsModel> m_model;
    Theme m_theme;
    bool m_followSystem = true;
    int m_requestedSize = 0;
    int m_revealed = -1;
    QString m_paper = QStringLiteral("science2020");
    bool m_rebuildPending = false;
    bool m_allSizesChoice = false;

    QWidget* m_controls = nullptr;
    QHBoxLayout* m_controlsRow = nullptr;
    QComboBox* m_sizeBox = nullptr;
    QComboBox* m_paperBox = nullptr;
    QLabel* m_note = nullptr;
};

// The view of `kind`, owned by `parent` (or the caller when it has none).
ChartPanel* createChartPanel(ChartKind kind, ResultsModel* model, QWidget* parent = nullptr);

} // namespace headroom::ui
