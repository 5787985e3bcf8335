// SPDX-License-Identifier: MIT
// One chart kind drawn from the ResultsModel, themed, growing live as results arrive. The
// Ladder kind is a sortable, copyable table instead of a QChart.
#pragma once

#include "charts.h"
#include "theme.h"

#include <QHash>
#include <QList>
#include <QPair>
#include <QPointF>
#include <QPointer>
#include <QSet>
#include <QWidget>

class QChart;
class QChartView;
class QComboBox;
class QCheckBox;
class QTableView;
class QSortFilterProxyModel;
class QLabel;
class QAbstractSeries;
class QAbstractItemModel;
class QAbstractAxis;
class QXYSeries;
class QGraphicsLineItem;
class QGraphicsRectItem;
class QGraphicsSimpleTextItem;

namespace headroom {
struct PointResult;
}

namespace headroom::ui {

class ResultsModel;
class LadderModel;
class ChartView;

class ChartPanel : public QWidget {
    Q_OBJECT

public:
    // setSize() value of the roofline's "all sizes" choice: every size's points, no climb path.
    static constexpr int kAllSizes = -1;
    ChartPanel(ChartKind kind, ResultsModel* model, QWidget* parent = nullptr);
    ~ChartPanel() override;

    ChartKind kind() const { return m_kind; }
    ResultsModel* model() const; // out of line: ResultsModel is only declared here

    void setTheme(const Theme& theme);
    const Theme& theme() const { return m_theme; }
    void setSize(int n);              // runtime/ladder: which n (0 = the largest common size)
    int size() const;                 // the effective n shown
    void setRevealedRungs(int count); // presentation step-through: first `count` rungs (-1 = all)
    int revealedRungs() const { return m_revealed; }
    void setPaper(const QString& id); // paper series/rows: "science2020" | "mit6172" | "" (none)
    // Roofline: the x of each point is its intensity at this level: "l1" (cache-aware, the
    // default: the L1 roof and the compute ceilings; where each rung's code differs most) or
    // "dram" (classic: every memory level's roof).
    void setRooflineLevel(const QString& level);
    QString rooflineLevel() const { return m_rooflineLevel; }
    // Roofline: the x of a point (its intensity at the chosen level; n/12, compulsory traffic,
    // for a point of an older session without one).
    double pointIntensity(const PointResult& p) const;
    QString noteText() const;              // the explanation line above the chart (tests)
    void setControlsVisible(bool visible); // the small toolbar above the chart (size, paper, reset)

    QChart* chart();                  // nullptr for the Ladder table kind
    QChartView* chartView();          // nullptr for the Ladder table kind
    QTableView* tableView();          // Ladder kind only, else nullptr
    QAbstractItemModel* tableModel(); // Ladder kind: the LadderModel (unsorted), else nullptr
    QWidget* contentWidget();         // what to render for an export: chart view or table
    void resetZoom();

    // Rebuilds the chart from the model now (normally done automatically, coalesced).
    void rebuild();

    // Test/inspection helpers: the number of data points drawn for a rung (all series carrying
    // the rung, measured and extrapolated), and the colour used for it (invalid if not drawn).
    // `dataset` > 0: the same for a compared session's overlay.
    int pointCount(const QString& rung, int dataset = 0) const;
    QColor colorOf(const QString& rung, int dataset = 0) const;

protected:
    void changeEvent(QEvent* event) override;

private:
    struct Overlay {
        QGraphicsSimpleTextItem* item = nullptr;
        QPointF value;                    // anchor in data coordinates
        QPointer<QAbstractSeries> series; // whose axes map it (and whose visibility it follows)
        Qt::Alignment align;              // where the text sits relative to the anchor
        // Labels that must not overprint each other (the roofline's rung names): moved apart
        // vertically, with a thin leader line back to the point when moved.
        bool avoid = false;
        // Labels of lines that run across the plot (a cache marker, a ceiling) sit at an edge of
        // the data: the pinned coordinate follows that edge of the plot area instead, so a zoom
        // that cuts the edge off keeps the label in view while its line is.
        Qt::Edges pin;
        // A flat line's label that would sit on a point moves along or across its line.
        bool clearOfDots = false;
        QGraphicsLineItem* leader = nullptr;
        QGraphicsRectItem* backdrop = nullptr;
    };

    void scheduleRebuild();
    void onResult(int datasetIndex, const headroom::PointResult& result);
    void buildControls();
    // Puts a warning in front of the note when points were timed in a slow phase of the machine.
    // Roofline: the dashed climb through the rungs at size n; the note on what x is.
    void addClimb(const QStringList& rungs, int n);
    QString rooflineNote(int n) const;
    void markSlowPhase();
    void buildRuntime();
    struct LogAxisSpec {
        double base;
        QString labelFormat;
        int minorTicks;
        QString title;
    };
    // The log-log axes of the performance and roofline charts, added and kept as m_axisX/Y.
    void addLogLogAxes(const LogAxisSpec& xSpec, const LogAxisSpec& ySpec);
    void buildGflops();
    void buildRoofline();
    void applyChartTheme();
    void applyRanges();
    void setupLegend();
    void copyTable();
    void arrangeCompareColumns();
    void updateSizeChoices();
    void updateOverlays();
    void connectZoom(QAbstractAxis* axis);
    bool coversADot(const QRectF& box) const;
    void separateLabels();
    void placeSizeTicks();
    void fitBarLabels();
    QStringList shownRungs() const;
    // The tooltips of `series`' points (only those drawn when it was thinned).
    void setTips(QXYSeries* series, const QList<QPair<QPointF, QString>>& tips);
    QXYSeries* addXY(QXYSeries* series, const QString& rung, const QString& group, int points,
                     const QColor& color = {});
    // The new label, for its options; valid until the next one is added.
    Overlay& addOverlay(const QString& text, QPointF value, QAbstractSeries* series,
                        Qt::Alignment align, const QColor& color, qreal fontFactor, bool bold);
    void showTip(QAbstractSeries* series, const QPointF& point, bool state);

    ChartKind m_kind;
    QPointer<ResultsModel> m_model;
    Theme m_theme;
    bool m_followSystem = true;
    int m_requestedSize = 0;
    int m_revealed = -1;
    QString m_paper = QStringLiteral("science2020");
    bool m_rebuildPending = false;

    QWidget* m_controls = nullptr;
    QComboBox* m_sizeBox = nullptr;
    QComboBox* m_paperBox = nullptr;
    QComboBox* m_levelBox = nullptr;                // roofline: DRAM or L1 intensity
    QString m_rooflineLevel = QStringLiteral("l1"); // "l1" (cache-aware, default) | "dram"
    QLabel* m_note = nullptr;
    ChartView* m_view = nullptr;
    QChart* m_chart = nullptr;
    QAbstractAxis* m_axisX = nullptr;
    QAbstractAxis* m_axisY = nullptr;
    QPair<double, double> m_rangeX{1, 10};
    double m_runtimeMaxX = 0;      // the runtime chart's time axis end before widening for labels
    bool m_overlaysQueued = false; // one overlay update per burst of range changes
    bool m_fittingLabels = false;  // a new range re-lays the plot out: no fitting inside fitting
    QPair<double, double> m_rangeY{1, 10};
    QList<Overlay> m_overlays;
    // The performance chart's n axis labels its measured sizes (200, 1000), not only the powers
    // of two a log axis can label: its own labels are kept for their room but not drawn, and
    // these are placed under the plot instead, measured sizes first.
    struct SizeTick {
        double n = 0;
        QGraphicsSimpleTextItem* label = nullptr;
        QGraphicsLineItem* mark = nullptr;
    };
    QList<SizeTick> m_sizeTicks;
    QHash<QAbstractSeries*, QList<QPair<QPointF, QString>>> m_tips; // tooltip per data point
    QSet<QString> m_hiddenGroups;                                   // legend groups switched off
    QTableView* m_table = nullptr;
    QLabel* m_tableKey = nullptr; // the marks explained, under the table when exported
    LadderModel* m_ladder = nullptr;
    QSortFilterProxyModel* m_proxy = nullptr;
};

} // namespace headroom::ui
