// SPDX-License-Identifier: MIT
#include "chartpanel.h"

#include "compare.h"
#include "ladderinfo.h"
#include "laddermodel.h"
#include "report.h"
#include "resultsmodel.h"
#include "roofline.h"
#include "thinning.h"

#include <QAbstractAxis>
#include <QApplication>
#include <QAreaSeries>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QClipboard>
#include <QComboBox>
#include <QEvent>
#include <QFontMetrics>
#include <QGraphicsLineItem>
#include <QGraphicsRectItem>
#include <QGraphicsSimpleTextItem>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLocale>
#include <QLogValueAxis>
#include <QPainter>
#include <QPushButton>
#include <QScatterSeries>
#include <QShortcut>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTimer>
#include <QToolTip>
#include <QVBoxLayout>
#include <QValueAxis>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>
#include <set>

namespace headroom::ui {

namespace {

// The numbers a chart prints beside its axes use the axes' notation: Qt Charts' log axes format
// their ticks printf-style (a point, whatever the desktop), and localizing them (Qt 6.4's
// QChart::setLocalizeNumbers) leaves a log axis without any tick label. So the labels use the C
// locale too, with digit grouping: "0.83", "54,545" on every desktop, never "0,83" beside "0.01".
QLocale chartLocale() {
    QLocale c = QLocale::c();
    c.setNumberOptions(QLocale::DefaultNumberOptions);
    return c;
}

// Properties on series: which rung they draw, how many data points they stand for (tests,
// pointCount), and which legend group toggles them together.
constexpr const char* kRungProperty = "headroomRung";
constexpr const char* kPointsProperty = "headroomPoints";
constexpr const char* kGroupProperty = "headroomGroup";
constexpr const char* kColorProperty = "headroomColor";
// Which dataset a series draws (absent = 0, this run; > 0 = a compared session).
constexpr const char* kDatasetProperty = "headroomDataset";

double decadeFloor(double v) {
    return std::pow(10.0, std::floor(std::log10(v)));
}
double decadeCeil(double v) {
    return std::pow(10.0, std::ceil(std::log10(v)));
}

QString formatSeconds(double s) {
    const QLocale locale = chartLocale();
    if (s >= 3600)
        return locale.toString(s / 3600, 'f', 1) + QStringLiteral(" h");
    if (s >= 100)
        return locale.toString(s, 'f', 0) + QStringLiteral(" s");
    if (s >= 1)
        return locale.toString(s, 'f', 2) + QStringLiteral(" s");
    if (s >= 1e-3)
        return locale.toString(s * 1e3, 'f', 1) + QStringLiteral(" ms");
    return locale.toString(s * 1e6, 'f', 0) + QStringLiteral(" \u00b5s");
}

QString formatSpeedup(double x) {
    const QLocale locale = chartLocale();
    if (x >= 100)
        return u'\u00d7' + locale.toString(x, 'f', 0);
    if (x >= 10)
        return u'\u00d7' + locale.toString(x, 'f', 1);
    return u'\u00d7' + locale.toString(x, 'f', 2);
}

QString formatBytes(qint64 b) {
    const QLocale locale = chartLocale();
    if (b >= (qint64(1) << 20))
        return locale.toString(double(b) / (1 << 20), 'f', b % (1 << 20) ? 1 : 0) +
               QStringLiteral(" MiB");
    return locale.toString(double(b) / 1024, 'f', 0) + QStringLiteral(" KiB");
}

QString pointTip(const PointResult& p) {
    const QLocale locale = chartLocale();
    QString tip = u"<b>" + rungLabel(p.rung) + u"</b>, n = " + QString::number(p.n) + u"<br>";
    if (p.hasTime()) {
        tip += u"time: " + formatSeconds(p.seconds) + u" (" + locale.toString(p.seconds, 'g', 6) +
               u" s)<br>";
        if (p.status != PointStatus::Failed)
            tip += u"GFLOP/s: " + locale.toString(p.gflops, 'f', 3) + u"<br>";
    }
    if (p.sampled())
        tip += formatSampled(p) + u" of the full-size product, timed and scaled by n / rows<br>";
    switch (p.status) {
    case PointStatus::Verified:
        tip += u"verified (" + p.check + u"), " + QString::number(p.repetitions) +
               u" repetitions, CV " + locale.toString(p.cv * 100, 'f', 1) + u" %";
        break;
    case PointStatus::Failed:
        tip += u"<span style='color:#d61f1f'><b>\u2717 verification failed</b></span> " + p.message;
        break;
    case PointStatus::Extrapolated:
        tip += u"<i>extrapolated</i> by n\u00b3 from n = " + QString::number(p.extrapolatedFrom);
        break;
    default:
        tip += statusName(p.status) + u": " + p.message;
        break;
    }
    return tip;
}

// Arithmetic intensity under compulsory traffic: 2n^3 flops over 3*8*n^2 bytes = n/12.
double intensity(int n) {
    return 2.0 * n * n * n / (24.0 * n * n);
}

// "DRAM intensity 42.7 FLOP/byte (model)" for the chosen level, both in the tip.
QString intensityTip(const PointResult& p) {
    const QLocale c = chartLocale();
    if (!p.intensity)
        return u"intensity " + c.toString(intensity(p.n), 'f', 2) +
               u" FLOP/byte (compulsory traffic: this session has no per-rung intensity)";
    return u"intensity: L1 " + c.toString(p.intensity->l1, 'f', 2) + u", DRAM " +
           c.toString(p.intensity->dram, 'f', 2) + u" FLOP/byte (" + p.intensity->source + u")";
}

// The small mark of sampled points: a dot of the background inside the point's own dot (they
// are measured, so drawn as measured; the mark says "a few whole rows, scaled").
QScatterSeries* sampledMarks(const QList<QPair<QPointF, QString>>& tips, const Theme& theme) {
    if (tips.isEmpty())
        return nullptr;
    auto* marks = new QScatterSeries;
    for (const auto& t : tips)
        marks->append(t.first);
    // The foreground colour: a centre in the background's colour read as a hollow marker,
    // which means extrapolated, on a slide.
    marks->setColor(theme.foreground);
    marks->setBorderColor(theme.foreground);
    marks->setMarkerSize(4);
    return marks;
}

QImage crossMarker(const QColor& color) {
    // A red X for failed verifications: the scatter markers Qt offers have no X shape.
    QImage img(48, 48, QImage::Format_ARGB32_Premultiplied);
    img.fill(Qt::transparent);
    QPainter p(&img);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(QPen(color, 9, Qt::SolidLine, Qt::RoundCap));
    p.drawLine(8, 8, 40, 40);
    p.drawLine(40, 8, 8, 40);
    return img;
}

} // namespace

// The chart view: rubber-band zoom, wheel zoom around the cursor, reset by double click or Esc.
class ChartView : public QChartView {
public:
    ChartView(QChart* chart, ChartPanel* panel)
        : QChartView(chart, panel)
        , m_panel(panel) {
        setRenderHint(QPainter::Antialiasing);
        setRubberBand(QChartView::RectangleRubberBand);
        setFocusPolicy(Qt::StrongFocus);
        setFrameShape(QFrame::NoFrame);
        setMinimumSize(320, 240);
    }

protected:
    void wheelEvent(QWheelEvent* event) override {
        const double steps = event->angleDelta().y() / 120.0;
        if (steps == 0 || chart() == nullptr)
            return;
        const double factor = std::pow(0.8, steps);
        const QRectF area = chart()->plotArea();
        const QPointF at = chart()->mapFromScene(mapToScene(event->position().toPoint()));
        QRectF r(0, 0, area.width() * factor, area.height() * factor);
        // Keep the point under the cursor where it is.
        r.moveLeft(at.x() - (at.x() - area.left()) * factor);
        r.moveTop(at.y() - (at.y() - area.top()) * factor);
        chart()->zoomIn(r);
        event->accept();
    }
    void mouseDoubleClickEvent(QMouseEvent* event) override {
        m_panel->resetZoom();
        event->accept();
    }
    void keyPressEvent(QKeyEvent* event) override {
        if (event->key() == Qt::Key_Escape || event->key() == Qt::Key_0) {
            m_panel->resetZoom();
            return;
        }
        if (event->key() == Qt::Key_Plus || event->key() == Qt::Key_Equal) {
            chart()->zoomIn();
            return;
        }
        if (event->key() == Qt::Key_Minus) {
            chart()->zoomOut();
            return;
        }
        QChartView::keyPressEvent(event);
    }
    void mouseReleaseEvent(QMouseEvent* event) override {
        // Right click zooms out one step in QChartView; keep that but never past the full view.
        QChartView::mouseReleaseEvent(event);
    }

private:
    ChartPanel* m_panel;
};

ChartPanel::ChartPanel(ChartKind kind, ResultsModel* model, QWidget* parent)
    : QWidget(parent)
    , m_kind(kind)
    , m_model(model)
    , m_theme(Theme::forId(ThemeId::System)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    buildControls();
    layout->addWidget(m_controls);

    if (kind == ChartKind::Ladder) {
        m_ladder = new LadderModel(model, this);
        m_ladder->setPaper(m_paper);
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
        connect(copy, &QShortcut::activated, this, &ChartPanel::copyTable);
        layout->addWidget(m_table, 1);
        // On screen the note above the table explains the marks; an export has no controls, and
        // a slide with "0.98×±" on it must say what ± means.
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
            if (m_sizeBox != nullptr)
                updateSizeChoices();
            arrangeCompareColumns();
        });
        arrangeCompareColumns();
    } else {
        m_chart = new QChart;
        m_chart->setAnimationOptions(QChart::NoAnimation); // live updates must not queue animations
        m_chart->legend()->setAlignment(Qt::AlignBottom);
        m_view = new ChartView(m_chart, this);
        layout->addWidget(m_view, 1);
        connect(m_chart, &QChart::plotAreaChanged, this, [this] { updateOverlays(); });
    }
    if (m_model) {
        connect(m_model, &ResultsModel::resultChanged, this, &ChartPanel::onResult);
        connect(m_model, &ResultsModel::datasetsChanged, this, &ChartPanel::scheduleRebuild);
        connect(m_model, &QAbstractItemModel::modelReset, this, &ChartPanel::scheduleRebuild);
        connect(m_model, &QAbstractItemModel::rowsRemoved, this, &ChartPanel::scheduleRebuild);
    }
    rebuild();
}

ChartPanel::~ChartPanel() = default;

ResultsModel* ChartPanel::model() const {
    return m_model;
}

void ChartPanel::arrangeCompareColumns() {
    // Compared sessions' columns come last in the model; on screen (and in exports of the view)
    // they sit right after this machine's columns, before the paper's.
    QHeaderView* header = m_table->horizontalHeader();
    for (int c = LadderModel::ColumnCount; c < m_ladder->columnCount(); ++c)
        header->moveSection(header->visualIndex(c),
                            LadderModel::PaperSecondsColumn + c - LadderModel::ColumnCount);
}

void ChartPanel::buildControls() {
    m_controls = new QWidget(this);
    auto* row = new QHBoxLayout(m_controls);
    row->setContentsMargins(8, 4, 8, 0);
    row->setSpacing(10);
    // "Size n:" and its box, which sets the size shown.
    auto addSizeBox = [this, row](const QString& tip) {
        auto* label = new QLabel(tr("Size n:"), m_controls);
        m_sizeBox = new QComboBox(m_controls);
        m_sizeBox->setToolTip(tip);
        label->setBuddy(m_sizeBox);
        row->addWidget(label);
        row->addWidget(m_sizeBox);
        connect(m_sizeBox, &QComboBox::activated, this,
                [this](int index) { setSize(m_sizeBox->itemData(index).toInt()); });
    };
    if (m_kind == ChartKind::Roofline) {
        addSizeBox(tr("The size whose climb is drawn, rung to rung; or every size"));
        auto* levelLabel = new QLabel(tr("Intensity:"), m_controls);
        m_levelBox = new QComboBox(m_controls);
        m_levelBox->addItem(tr("L1 (cache-aware)"), QStringLiteral("l1"));
        m_levelBox->addItem(tr("DRAM (classic)"), QStringLiteral("dram"));
        m_levelBox->setToolTip(tr("FLOP per byte to and from memory, or per byte the code loads "
                                  "and stores (cache-aware roofline)"));
        levelLabel->setBuddy(m_levelBox);
        row->addSpacing(12);
        row->addWidget(levelLabel);
        row->addWidget(m_levelBox);
        connect(m_levelBox, &QComboBox::activated, this,
                [this](int index) { setRooflineLevel(m_levelBox->itemData(index).toString()); });
    }
    if (m_kind == ChartKind::Runtime || m_kind == ChartKind::Ladder) {
        addSizeBox(tr("The matrix size the ladder is shown at"));
        auto* paperLabel = new QLabel(tr("Compare with:"), m_controls);
        m_paperBox = new QComboBox(m_controls);
        m_paperBox->addItem(tr("Science 2020 (Table 1)"), QStringLiteral("science2020"));
        m_paperBox->addItem(tr("MIT 6.172 (2018)"), QStringLiteral("mit6172"));
        if (m_kind == ChartKind::Runtime)
            m_paperBox->addItem(tr("nothing"), QString());
        m_paperBox->setToolTip(tr("The published times (n = 4096, 18-core Haswell) beside yours"));
        paperLabel->setBuddy(m_paperBox);
        row->addSpacing(12);
        row->addWidget(paperLabel);
        row->addWidget(m_paperBox);
        connect(m_paperBox, &QComboBox::activated, this,
                [this](int index) { setPaper(m_paperBox->itemData(index).toString()); });
    }
    m_note = new QLabel(m_controls);
    m_note->setTextFormat(Qt::PlainText);
    m_note->setWordWrap(false);
    // A long note must not widen the panel: it is elided by the layout, whole in the tooltip.
    m_note->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    QPalette pal = m_note->palette();
    pal.setColor(QPalette::WindowText, pal.color(QPalette::PlaceholderText));
    m_note->setPalette(pal);
    row->addWidget(m_note, 1);
    if (m_kind != ChartKind::Ladder) {
        auto* reset = new QPushButton(tr("Reset zoom"), m_controls);
        reset->setToolTip(tr("Drag a rectangle to zoom, use the wheel to zoom around the cursor; "
                             "double click or Esc resets"));
        connect(reset, &QPushButton::clicked, this, &ChartPanel::resetZoom);
        row->addWidget(reset);
    } else {
        auto* copy = new QPushButton(tr("Copy table"), m_controls);
        copy->setToolTip(tr("Copies the table as tab-separated text (Ctrl+C)"));
        connect(copy, &QPushButton::clicked, this, &ChartPanel::copyTable);
        row->addWidget(copy);
    }
}

void ChartPanel::setControlsVisible(bool visible) {
    m_controls->setVisible(visible);
    if (m_tableKey)
        m_tableKey->setVisible(!visible);
}

void ChartPanel::setTheme(const Theme& theme) {
    m_theme = theme;
    m_followSystem = theme.id == ThemeId::System;
    if (m_ladder)
        m_ladder->setTheme(theme);
    if (m_tableKey) {
        QPalette pal = m_tableKey->palette();
        pal.setColor(QPalette::WindowText, theme.mutedForeground);
        pal.setColor(QPalette::Window, theme.background);
        m_tableKey->setPalette(pal);
        m_tableKey->setAutoFillBackground(true);
        m_tableKey->setFont(theme.font(0.9));
    }
    rebuild();
}

void ChartPanel::setSize(int n) {
    m_requestedSize = n;
    if (m_ladder)
        m_ladder->setSize(n);
    rebuild();
}

int ChartPanel::size() const {
    if (m_ladder)
        return m_ladder->size();
    if (!m_model)
        return 0;
    if (m_requestedSize == kAllSizes)
        return kAllSizes;
    const QList<int> sizes = m_model->sizes(0);
    if (m_requestedSize > 0 && sizes.contains(m_requestedSize))
        return m_requestedSize;
    return m_model->commonSize(0);
}

void ChartPanel::setRevealedRungs(int count) {
    m_revealed = count;
    if (m_ladder)
        m_ladder->setRevealedRungs(count);
    rebuild();
}

void ChartPanel::setRooflineLevel(const QString& level) {
    m_rooflineLevel = level == QLatin1String("dram") ? level : QStringLiteral("l1");
    rebuild();
}

double ChartPanel::pointIntensity(const PointResult& p) const {
    if (p.intensity)
        return m_rooflineLevel == QLatin1String("l1") ? p.intensity->l1 : p.intensity->dram;
    return intensity(p.n);
}

QString ChartPanel::noteText() const {
    return m_note ? m_note->text() : QString();
}

void ChartPanel::setPaper(const QString& id) {
    m_paper = id;
    if (m_ladder)
        m_ladder->setPaper(id.isEmpty() ? QStringLiteral("science2020") : id);
    rebuild();
}

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

void ChartPanel::resetZoom() {
    if (!m_chart)
        return;
    m_chart->zoomReset();
    applyRanges();
    updateOverlays();
}

void ChartPanel::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && m_followSystem) {
        m_theme = Theme::forId(ThemeId::System);
        scheduleRebuild();
    }
}

void ChartPanel::onResult(int datasetIndex, const PointResult& result) {
    Q_UNUSED(result);
    if (datasetIndex == 0)
        scheduleRebuild();
}

void ChartPanel::scheduleRebuild() {
    // Results can arrive in bursts (extrapolated points come together); one rebuild per burst.
    if (m_rebuildPending)
        return;
    m_rebuildPending = true;
    QTimer::singleShot(30, this, [this] {
        if (m_rebuildPending)
            rebuild();
    });
}

QStringList ChartPanel::shownRungs() const {
    // The rungs with results, in ladder order (rows appear as results arrive); the presentation
    // reveals the first k of exactly this list.
    if (!m_model)
        return {};
    QStringList rungs = m_model->rungs(0);
    if (m_revealed >= 0 && m_revealed < rungs.size())
        rungs = rungs.mid(0, m_revealed);
    return rungs;
}

void ChartPanel::updateSizeChoices() {
    if (!m_sizeBox || !m_model)
        return;
    const QList<int> sizes = m_model->sizes(0);
    QList<int> current;
    for (int i = 1; i < m_sizeBox->count(); ++i)
        if (m_sizeBox->itemData(i).toInt() != kAllSizes)
            current.append(m_sizeBox->itemData(i).toInt());
    if (current != sizes || m_sizeBox->count() == 0) {
        const QSignalBlocker block(m_sizeBox);
        m_sizeBox->clear();
        m_sizeBox->addItem(tr("largest complete"), 0);
        for (int n : sizes)
            m_sizeBox->addItem(QString::number(n), n);
        if (m_kind == ChartKind::Roofline)
            m_sizeBox->addItem(tr("all sizes"), kAllSizes);
    }
    if (m_levelBox) {
        const QSignalBlocker blockLevel(m_levelBox);
        m_levelBox->setCurrentIndex(std::max(0, m_levelBox->findData(m_rooflineLevel)));
    }
    const int at = m_sizeBox->findData(m_requestedSize);
    const QSignalBlocker block(m_sizeBox);
    m_sizeBox->setCurrentIndex(at < 0 ? 0 : at);
    if (m_paperBox) {
        const int p = m_paperBox->findData(m_paper);
        m_paperBox->setCurrentIndex(p < 0 ? 0 : p);
    }
}

void ChartPanel::rebuild() {
    m_rebuildPending = false;
    updateSizeChoices();
    if (m_kind == ChartKind::Ladder) {
        const int n = m_ladder->size();
        m_note->setText(n > 0 ? tr("n = %1; speedups against the first rung measured and the rung "
                                   "before; \u2248 = extrapolated; \u00b1 = within noise "
                                   "(hover for details)")
                                    .arg(n)
                              : tr("No results yet: run the ladder."));
        markSlowPhase();
        return;
    }
    // Rebuild from scratch: the charts are small (tens of points), and a rebuild keeps every
    // derived number (speedups, ranges) consistent with the model.
    for (const Overlay& o : std::as_const(m_overlays)) {
        delete o.item;
        delete o.leader;
        delete o.backdrop;
    }
    m_overlays.clear();
    for (const SizeTick& t : std::as_const(m_sizeTicks)) {
        delete t.label;
        delete t.mark;
    }
    m_sizeTicks.clear();
    m_tips.clear();
    m_chart->removeAllSeries();
    const auto axes = m_chart->axes();
    for (QAbstractAxis* axis : axes) {
        m_chart->removeAxis(axis);
        delete axis;
    }
    m_axisX = nullptr;
    m_axisY = nullptr;
    switch (m_kind) {
    case ChartKind::Runtime:
        buildRuntime();
        break;
    case ChartKind::Gflops:
        buildGflops();
        break;
    case ChartKind::Roofline:
        buildRoofline();
        break;
    case ChartKind::Ladder:
        break;
    }
    applyChartTheme();
    // Many rungs: a vertical legend on the right keeps every name whole.
    m_chart->legend()->setAlignment(m_kind == ChartKind::Runtime ? Qt::AlignBottom
                                                                 : Qt::AlignRight);
    setupLegend();
    applyRanges();
    updateOverlays();
    markSlowPhase();
    m_note->setToolTip(m_note->text());
}

void ChartPanel::markSlowPhase() {
    if (m_model->datasetCount() == 0)
        return;
    // One pass over the points (a session may hold 100,000): the first size timed while slow.
    const QList<PointResult>& results = m_model->dataset(0).results;
    const auto slow = std::find_if(results.cbegin(), results.cend(),
                                   [](const PointResult& p) { return p.timedWhileSlow(); });
    const QString warning = slow == results.cend() ? QString() : slowPhaseNote(results, slow->n);
    if (!warning.isEmpty())
        m_note->setText(QStringLiteral("\u26a0 ") + warning + QStringLiteral(". ") +
                        m_note->text());
}

QXYSeries* ChartPanel::addXY(QXYSeries* series, const QString& rung, const QString& group,
                             int points, const QColor& color) {
    series->setProperty(kRungProperty, rung);
    series->setProperty(kColorProperty, color);
    series->setProperty(kGroupProperty, group);
    series->setProperty(kPointsProperty, points);
    // A dense series is drawn thinned (thinning.h); its tooltips and the table keep every point.
    constexpr int kDrawBuckets = 200; // about one marker per 10 px across a slide
    if (series->count() > 2 * kDrawBuckets + 2)
        series->replace(thinForDrawing(series->points(), kDrawBuckets));
    m_chart->addSeries(series);
    series->attachAxis(m_axisX);
    series->attachAxis(m_axisY);
    connect(series, &QXYSeries::hovered, this,
            [this, series](const QPointF& point, bool state) { showTip(series, point, state); });
    return series;
}

ChartPanel::Overlay& ChartPanel::addOverlay(const QString& text, QPointF value,
                                            QAbstractSeries* series, Qt::Alignment align,
                                            const QColor& color, qreal fontFactor, bool bold) {
    auto* item = new QGraphicsSimpleTextItem(text, m_chart);
    item->setFont(m_theme.font(fontFactor, bold));
    item->setBrush(color);
    item->setZValue(20);
    m_overlays.append({item, value, series, align});
    return m_overlays.last();
}

void ChartPanel::fitBarLabels() {
    // A bar's label goes right of the bar. The longest bars' labels (Python's, in large type)
    // can need more room than the fixed margin gives: widen the time axis until every label
    // fits beside its bar instead of being pushed back over it. Never while zoomed.
    // The width is worked out from the axis as built, not from the current end: the plot is laid
    // out several times on its way to its final size, and an end widened for a narrow first
    // layout would otherwise stay (a third of the plot empty at 1920 x 1080).
    const QRectF area = m_chart->plotArea();
    const double width = area.width();
    if (m_kind != ChartKind::Runtime || m_chart->isZoomed() || width < 100 || m_rangeX.first <= 0 ||
        m_runtimeMaxX <= m_rangeX.first)
        return;
    const double lmin = std::log10(m_rangeX.first);
    const double span = std::log10(m_rangeX.second) - lmin;
    double needed = std::log10(m_runtimeMaxX) - lmin;
    for (const Overlay& o : std::as_const(m_overlays)) {
        if (!(o.align & Qt::AlignLeft) || !o.series || !o.series->isVisible() ||
            !qobject_cast<QAreaSeries*>(o.series) || o.value.x() <= 0)
            continue;
        const double label = o.item->boundingRect().width() + 10; // gap + clamp margin
        if (label > width * 0.75)
            continue; // would squash every bar; the clamp keeps it inside instead
        needed = std::max(needed, (std::log10(o.value.x()) - lmin) * width / (width - label));
    }
    if (m_fittingLabels)
        return;
    m_fittingLabels = true;
    // Ten decades on a slide-sized plot leave less room per decade than a label such as "1e+06"
    // takes, and the labels run into each other: then every other decade is labelled.
    if (auto* axis = qobject_cast<QLogValueAxis*>(m_axisX)) {
        const int labelWidth =
            QFontMetrics(axis->labelsFont()).horizontalAdvance(QStringLiteral("1e+06")) + 16;
        const double base = width / needed < labelWidth ? 100 : 10;
        if (axis->base() != base) {
            axis->setBase(base);
            axis->setMinorTickCount(base == 10 ? 8 : 0);
        }
    }
    if (std::abs(needed - span) > span * 1e-4) {
        m_rangeX.second = std::pow(10.0, lmin + needed);
        applyRanges();
    }
    m_fittingLabels = false;
}

void ChartPanel::placeSizeTicks() {
    auto* axis = qobject_cast<QLogValueAxis*>(m_axisX);
    if (m_sizeTicks.isEmpty() || !axis || axis->min() <= 0 || axis->max() <= axis->min())
        return;
    // The axis's own labels keep their room under the plot; they are not drawn.
    axis->setLabelsBrush(Qt::transparent);
    const QRectF area = m_chart->plotArea();
    const double lmin = std::log(axis->min()), lspan = std::log(axis->max()) - lmin;
    const qreal markLength = 5 * m_theme.fontScale;
    const qreal gap = 10 * m_theme.fontScale;
    QList<QRectF> placed;
    for (const SizeTick& t : std::as_const(m_sizeTicks)) {
        const qreal x = area.left() + area.width() * (std::log(t.n) - lmin) / lspan;
        t.label->setFont(axis->labelsFont());
        t.label->setBrush(m_theme.foreground);
        const QRectF box = t.label->boundingRect();
        const QRectF at(x - box.width() / 2, area.bottom() + markLength + 2, box.width(),
                        box.height());
        const bool inside = x >= area.left() - 0.5 && x <= area.right() + 0.5;
        const bool free = std::none_of(placed.begin(), placed.end(), [&](const QRectF& r) {
            return r.adjusted(-gap, 0, gap, 0).intersects(at);
        });
        const bool shown = inside && free;
        t.label->setVisible(shown);
        t.mark->setVisible(shown);
        if (!shown)
            continue;
        placed.append(at);
        t.label->setPos(at.topLeft());
        t.mark->setPen(QPen(m_theme.foreground, 1));
        t.mark->setLine(x, area.bottom(), x, area.bottom() + markLength);
    }
}

bool ChartPanel::coversADot(const QRectF& box) const {
    // The points of the rungs (scatter series), with room for their markers.
    const auto series = m_chart->series();
    for (QAbstractSeries* s : series) {
        auto* dots = qobject_cast<QScatterSeries*>(s);
        if (!dots || !dots->isVisible())
            continue;
        const qreal r = dots->markerSize() / 2 + 1;
        const QRectF near = box.adjusted(-r, -r, r, r);
        for (const QPointF& p : dots->points()) {
            if (near.contains(m_chart->mapToPosition(p, dots)))
                return true;
        }
    }
    return false;
}

void ChartPanel::updateOverlays() {
    if (!m_chart)
        return;
    fitBarLabels();
    placeSizeTicks();
    const QRectF area = m_chart->plotArea();
    for (const Overlay& o : std::as_const(m_overlays)) {
        if (!o.series || !o.series->isVisible()) {
            o.item->hide();
            continue;
        }
        QPointF at = m_chart->mapToPosition(o.value, o.series);
        if (o.pin & Qt::LeftEdge)
            at.setX(area.left());
        if (o.pin & Qt::RightEdge)
            at.setX(area.right());
        if (o.pin & Qt::TopEdge)
            at.setY(area.top());
        const QRectF box = o.item->boundingRect();
        auto place = [&](Qt::Alignment align) {
            QPointF pos = at;
            const qreal gap = 6;
            if (align & Qt::AlignLeft)
                pos.rx() += gap; // text starts right of the anchor
            else if (align & Qt::AlignRight)
                pos.rx() -= box.width() + gap;
            else
                pos.rx() -= box.width() / 2;
            if (align & Qt::AlignTop)
                pos.ry() += gap; // text below the anchor
            else if (align & Qt::AlignBottom)
                pos.ry() -= box.height() + gap;
            else
                pos.ry() -= box.height() / 2;
            // Keep labels inside the plot area (a label hanging off the edge is clipped in
            // exports).
            pos.setX(std::clamp(pos.x(), area.left() + 2,
                                std::max(area.left() + 2, area.right() - box.width() - 2)));
            pos.setY(std::clamp(pos.y(), area.top() + 2,
                                std::max(area.top() + 2, area.bottom() - box.height() - 2)));
            return pos;
        };
        QPointF pos = place(o.align);
        if (o.clearOfDots && coversADot(box.translated(pos))) {
            // The label of a flat line may go anywhere along it: the nearest place to the one
            // asked for that is clear of the points, on its own side of the line first (the
            // other side is nearer the next line down or up), if there is one.
            const Qt::Alignment flipped =
                (o.align & ~(Qt::AlignTop | Qt::AlignBottom)) |
                ((o.align & Qt::AlignTop) ? Qt::AlignBottom : Qt::AlignTop);
            const qreal away = (o.align & Qt::AlignLeft) ? 1 : -1; // from the pinned end
            const qreal step = std::max<qreal>(box.width() / 8, 8);
            bool clear = false;
            for (const Qt::Alignment side : {o.align, flipped}) {
                for (qreal shift = 0; !clear && shift <= area.width() - box.width();
                     shift += step) {
                    const QPointF candidate = place(side) + QPointF(away * shift, 0);
                    if (candidate.x() < area.left() + 1 ||
                        candidate.x() + box.width() > area.right() - 1 ||
                        coversADot(box.translated(candidate)))
                        continue;
                    pos = candidate;
                    clear = true;
                }
            }
        }
        o.item->setPos(pos);
        bool shown = area.adjusted(-1, -1, 1, 1).contains(at);
        // A pinned label goes with its line: a line that starts inside the data (a compared
        // roof's flat part starts at its ridge) can be zoomed out of view at the pinned edge.
        if (auto* line = qobject_cast<QXYSeries*>(o.series.data());
            o.pin && line && line->count() >= 2) {
            const QRectF extent(m_chart->mapToPosition(line->at(0), line),
                                m_chart->mapToPosition(line->at(line->count() - 1), line));
            shown = shown && extent.normalized().adjusted(-1, -1, 1, 1).intersects(area);
        }
        o.item->setVisible(shown);
    }
    separateLabels();
}

void ChartPanel::separateLabels() {
    // Rungs close in speed put their names on top of each other: from the top down, a label
    // that overlaps one already placed moves just below it; labels pushed past the bottom of
    // the plot are stacked upwards from there instead. Moved labels get a leader line.
    const QRectF area = m_chart->plotArea();
    QList<Overlay*> labels;
    QList<QRectF> placed; // fixed labels (ceilings, roofs) first: rung names keep off them too
    for (Overlay& o : m_overlays) {
        if (o.leader)
            o.leader->hide();
        if (o.backdrop)
            o.backdrop->hide();
        if (!o.item->isVisible())
            continue;
        if (o.avoid)
            labels.append(&o);
        else
            placed.append(o.item->mapRectToParent(o.item->boundingRect()));
    }
    if (labels.isEmpty())
        return;
    std::sort(labels.begin(), labels.end(),
              [](const Overlay* a, const Overlay* b) { return a->item->y() < b->item->y(); });
    auto overlapping = [&placed](const QRectF& r) -> const QRectF* {
        for (const QRectF& p : placed) {
            if (p.intersects(r))
                return &p;
        }
        return nullptr;
    };
    for (Overlay* o : std::as_const(labels)) {
        const QPointF wanted = o->item->pos();
        QRectF box = o->item->mapRectToParent(o->item->boundingRect()).adjusted(-1, -1, 1, 1);
        while (const QRectF* hit = overlapping(box))
            box.moveTop(hit->bottom() + 0.5);
        if (box.bottom() > area.bottom()) {
            box.moveBottom(area.bottom());
            while (const QRectF* hit = overlapping(box))
                box.moveBottom(hit->top() - 0.5);
        }
        placed.append(box);
        const QPointF moved(wanted.x(), box.top() + 1);
        o->item->setPos(moved);
        // A veil of the background behind the text: names stay readable where they cross a
        // ceiling or a grid line (projectors wash thin text out).
        if (!o->backdrop) {
            o->backdrop = new QGraphicsRectItem(m_chart);
            o->backdrop->setPen(Qt::NoPen);
            o->backdrop->setZValue(19.5);
        }
        QColor veil = m_theme.background;
        veil.setAlphaF(0.8);
        o->backdrop->setBrush(veil);
        o->backdrop->setRect(
            o->item->mapRectToParent(o->item->boundingRect()).adjusted(-2, 0, 2, 0));
        o->backdrop->show();
        if (std::abs(moved.y() - wanted.y()) < 3)
            continue;
        if (!o->leader) {
            o->leader = new QGraphicsLineItem(m_chart);
            o->leader->setZValue(19);
        }
        QColor c = o->item->brush().color();
        c.setAlphaF(0.6);
        o->leader->setPen(QPen(c, 1));
        const QPointF anchor = m_chart->mapToPosition(o->value, o->series);
        o->leader->setLine(QLineF(
            anchor, QPointF(moved.x() - 1, moved.y() + o->item->boundingRect().height() / 2)));
        o->leader->show();
    }
}

void ChartPanel::setTips(QXYSeries* series, const QList<QPair<QPointF, QString>>& tips) {
    if (series->count() >= tips.size()) {
        m_tips[series] = tips;
        return;
    }
    // Thinned for drawing (addXY): only drawn points can be hovered, so only theirs are kept.
    std::set<std::pair<double, double>> drawn;
    const QList<QPointF> points = series->points();
    for (const QPointF& p : points)
        drawn.emplace(p.x(), p.y());
    QList<QPair<QPointF, QString>> kept;
    for (const auto& tip : tips)
        if (drawn.count({tip.first.x(), tip.first.y()}))
            kept.append(tip);
    m_tips[series] = kept;
}

void ChartPanel::showTip(QAbstractSeries* series, const QPointF& point, bool state) {
    if (!state) {
        QToolTip::hideText();
        return;
    }
    const auto it = m_tips.constFind(series);
    if (it == m_tips.constEnd() || it->isEmpty())
        return;
    QString text = it->first().second;
    if (auto* xy = qobject_cast<QXYSeries*>(series); xy && it->size() > 1) {
        // The nearest data point to the cursor, in pixels (axes may be logarithmic).
        const QPointF at = m_chart->mapToPosition(point, series);
        double best = 1e300;
        for (const auto& [value, tip] : *it) {
            const QPointF p = m_chart->mapToPosition(value, series);
            const double d = QLineF(p, at).length();
            if (d < best) {
                best = d;
                text = tip;
            }
        }
    }
    QToolTip::showText(QCursor::pos(), text, m_view);
}

void ChartPanel::buildRuntime() {
    const int n = size();
    // Compared sessions may have rungs this one lacks: each gets its row, unless the
    // presentation is stepping through this session's ladder.
    const QStringList rungs = m_revealed < 0 ? m_model->allRungs() : shownRungs();
    const PaperTable* paper = m_paper.isEmpty() ? nullptr : paperTable(m_paper);
    m_chart->setTitle(n > 0 ? tr("Time per rung at n = %1 (lower is better)").arg(n)
                            : tr("Time per rung"));

    auto* y = new QCategoryAxis;
    y->setLabelsPosition(QCategoryAxis::AxisLabelsPositionCenter);
    y->setReverse(true); // the ladder reads top-down: Python first
    y->setGridLineVisible(false);
    auto* x = new QLogValueAxis;
    x->setBase(10);
    x->setLabelFormat(QStringLiteral("%g"));
    x->setTitleText(tr("time (seconds, log scale)"));
    x->setMinorTickCount(8);
    m_chart->addAxis(x, Qt::AlignBottom);
    m_chart->addAxis(y, Qt::AlignLeft);
    m_axisX = x;
    m_axisY = y;
    connectZoom(x);
    connectZoom(y);

    double lo = 1e300, hi = 0;
    struct Bar {
        QString rung;
        double seconds;
        int row;
        bool paper;
        const PointResult* point;
        int dataset = 0;
    };
    // Compared sessions (#6): one bar per dataset in each rung's row, at the same n, in the
    // dataset's colour family.
    const int datasets = m_model->datasetCount();
    QList<Bar> bars;
    struct NotRun {
        int row;
        PointStatus status;
        QString message;
    };
    QList<NotRun> notRun;
    double first = 0, previous = 0, paperFirst = 0, paperPrevious = 0;
    const PointResult* previousPoint = nullptr;
    for (int row = 0; row < rungs.size(); ++row) {
        const QString& rung = rungs[row];
        y->append(rungLabel(rung), row + 1.0); // the category spans [row, row + 1]
        const PointResult* p = m_model->find(0, rung, n);
        if (p && !p->hasTime())
            notRun.append({row, p->status, p->message});
        if (p && p->hasTime() && p->seconds > 0) {
            bars.append({rung, p->seconds, row, false, p});
            lo = std::min(lo, p->seconds);
            hi = std::max(hi, p->seconds);
        }
        for (int d = 1; d < datasets; ++d) {
            const PointResult* q = m_model->find(d, rung, n);
            if (q && q->hasTime() && q->seconds > 0) {
                bars.append({rung, q->seconds, row, false, q, d});
                lo = std::min(lo, q->seconds);
                hi = std::max(hi, q->seconds);
            }
        }
        if (paper) {
            for (const PaperRow& pr : paper->rows) {
                if (pr.rung == rung) {
                    bars.append({rung, pr.seconds, row, true, nullptr});
                    lo = std::min(lo, pr.seconds);
                    hi = std::max(hi, pr.seconds);
                }
            }
        }
    }
    // A little room beyond the first and last category: Qt Charts drops an end label whose text
    // (large type in the presentation theme) would touch the end of the axis.
    const double pad = 0.3;
    y->setRange(-pad, rungs.size() + pad);
    y->setStartValue(0);
    if (hi <= 0) {
        lo = 1e-3;
        hi = 10;
    }
    m_rangeX = {decadeFloor(lo), hi * 12.0}; // room right of the longest bar for its label
    m_runtimeMaxX = m_rangeX.second;
    m_rangeY = {-pad, double(std::max<qsizetype>(1, rungs.size())) + pad};
    applyRanges(); // before any series is attached: a log axis must never see its default range
    const double base = m_rangeX.first / 1e6; // bars start off-scale left, clipped by the plot

    const QString mineGroup = n > 0 ? tr("This machine, n = %1").arg(n) : tr("This machine");
    auto groupOf = [&](int d) {
        if (datasets == 1)
            return mineGroup;
        const QString label = m_model->dataset(d).label;
        return n > 0 ? tr("%1, n = %2").arg(label).arg(n) : label;
    };
    // Slots in a row: one per dataset, then the paper's.
    const int slotCount = datasets + (paper ? 1 : 0);
    const QString paperGroup =
        paper ? (paper->id == QLatin1String("mit6172") ? tr("MIT 6.172, n = 4096")
                                                       : tr("Science 2020, n = 4096"))
              : QString();
    for (const Bar& b : std::as_const(bars)) {
        const bool paperBar = b.paper;
        // Ours the upper, wider bar; the paper's thinner below it.
        double top = paper ? (paperBar ? b.row + 0.58 : b.row + 0.14) : b.row + 0.2;
        double bottom = paper ? (paperBar ? b.row + 0.86 : b.row + 0.56) : b.row + 0.8;
        if (datasets > 1) {
            const int slot = paperBar ? datasets : b.dataset;
            const double h = 0.8 / slotCount;
            top = b.row + 0.1 + slot * h + h * 0.08;
            bottom = top + h * 0.84;
        }
        auto* upper = new QLineSeries;
        upper->append(base, top);
        upper->append(b.seconds, top);
        auto* lower = new QLineSeries;
        lower->append(base, bottom);
        lower->append(b.seconds, bottom);
        auto* area = new QAreaSeries(upper, lower);
        // QAreaSeries does not own its boundary series: parent them to it, or they leak.
        upper->setParent(area);
        lower->setParent(area);
        const QColor color =
            b.dataset == 0 ? rungColor(b.rung, m_theme) : compareColor(b.rung, b.dataset, m_theme);
        const bool failed = b.point && b.point->status == PointStatus::Failed;
        const bool extrapolated = b.point && b.point->extrapolated();
        QString name = paperBar ? paperGroup : groupOf(b.dataset);
        if (paperBar) {
            QColor c = m_theme.mutedForeground;
            c.setAlphaF(0.35);
            area->setBrush(c);
            area->setPen(QPen(m_theme.mutedForeground, 1));
        } else if (failed) {
            // Never drawn as fast: a red outline only, and the X beside it.
            area->setBrush(Qt::NoBrush);
            area->setPen(QPen(m_theme.failed, 2, Qt::DotLine));
        } else if (extrapolated) {
            QColor fill = color;
            fill.setAlphaF(0.18);
            area->setBrush(QBrush(fill));
            area->setPen(QPen(color, 2, Qt::DashLine));
        } else {
            area->setBrush(color);
            area->setPen(QPen(color.darker(115), 1));
        }
        area->setName(name);
        area->setProperty(kRungProperty, b.rung);
        area->setProperty(kGroupProperty, name);
        area->setProperty(kPointsProperty, paperBar ? 0 : 1);
        area->setProperty(kColorProperty, paperBar ? QColor() : color);
        area->setProperty(kDatasetProperty, b.dataset);
        m_chart->addSeries(area);
        area->attachAxis(x);
        area->attachAxis(y);
        connect(area, &QAreaSeries::hovered, this,
                [this, area](const QPointF& point, bool state) { showTip(area, point, state); });

        QString label;
        QString tip;
        if (paperBar) {
            if (paperFirst == 0)
                paperFirst = paper->rows.first().seconds;
            label = formatSeconds(b.seconds);
            tip = u"<b>" + paper->title + u"</b><br>" + rungLabel(b.rung) + u": " +
                  chartLocale().toString(b.seconds, 'f', 2) + u" s at n = 4096<br>" +
                  formatSpeedup(paperFirst / b.seconds) + u" absolute";
            if (paperPrevious > 0)
                tip += u", " + formatSpeedup(paperPrevious / b.seconds) + u" relative";
            paperPrevious = b.seconds;
        } else if (failed) {
            label = tr("\u2717 failed verification");
            tip = pointTip(*b.point);
        } else if (b.dataset > 0) {
            // A compared machine: its time and how it relates to this machine's at the same n.
            const QString label0 = m_model->dataset(0).label;
            const PointResult* mine = m_model->find(0, b.rung, n);
            label = formatSeconds(b.seconds);
            tip = u"<b>" + m_model->dataset(b.dataset).label + u"</b><br>" + pointTip(*b.point);
            if (mine && mine->hasTime() && mine->status != PointStatus::Failed &&
                mine->seconds > 0) {
                const double r = mine->seconds / b.seconds;
                const QString rel = r >= 1 ? tr("%1 faster").arg(formatSpeedup(r))
                                           : tr("%1 slower").arg(formatSpeedup(1 / r));
                label += u"   " + rel;
                tip += u"<br>" + rel + tr(" than %1").arg(label0.toHtmlEscaped());
            }
            if (extrapolated)
                label = u"\u2248 " + label;
        } else {
            if (first == 0)
                first = b.seconds;
            const double rel = previous > 0 ? previous / b.seconds : 1.0;
            const double abs = first / b.seconds;
            const bool noise = previousPoint && withinNoise(*previousPoint, *b.point);
            previous = b.seconds;
            previousPoint = b.point;
            label = formatSeconds(b.seconds) + u"   " + formatSpeedup(rel) +
                    (noise ? QStringLiteral("\u00b1") : QString()) + u" / " + formatSpeedup(abs);
            if (extrapolated)
                label = u"\u2248 " + label + u"  (" + tr("extrapolated") + u')';
            else if (b.point->sampled())
                label += u"  (" + formatSampled(*b.point) + u')';
            tip = pointTip(*b.point) + u"<br>" + formatSpeedup(rel) + u" vs the rung before, " +
                  formatSpeedup(abs) + u" vs the first";
            if (noise)
                tip += u"<br>\u00b1 " + withinNoiseMeaning();
        }
        m_tips[area] = {{QPointF(b.seconds, (top + bottom) / 2), tip}};
        addOverlay(label, QPointF(b.seconds, (top + bottom) / 2), area, Qt::AlignLeft,
                   failed ? m_theme.failed
                          : (paperBar ? m_theme.mutedForeground
                                      : (b.dataset > 0 ? color : m_theme.foreground)),
                   (paperBar || b.dataset > 0) ? 0.85 : 1.0, !paperBar);
        if (failed) {
            auto* cross = new QScatterSeries;
            cross->append(b.seconds, (top + bottom) / 2);
            cross->setMarkerSize(16);
            cross->setLightMarker(crossMarker(m_theme.failed));
            cross->setName(name);
            addXY(cross, b.rung, name, 0);
            cross->setProperty(kDatasetProperty, b.dataset);
            m_tips[cross] = m_tips[area];
        }
    }
    if (!notRun.isEmpty()) {
        // Rungs that did not run at this size say why, in their row, instead of an empty gap.
        auto* anchor = new QLineSeries;
        addXY(anchor, QString(), QString(), 0);
        for (const NotRun& r : std::as_const(notRun)) {
            QString text = statusName(r.status);
            if (!r.message.isEmpty())
                text += QStringLiteral(": ") + r.message;
            addOverlay(text, QPointF(m_rangeX.first, r.row + 0.5), anchor, Qt::AlignLeft,
                       r.status == PointStatus::Error ? m_theme.failed : m_theme.mutedForeground,
                       0.9, false)
                .pin = Qt::LeftEdge;
        }
    }
    m_note->setText(bars.isEmpty() ? tr("No results yet: run the ladder.")
                                   : tr("Labels: time, \u00d7 relative to the rung before / "
                                        "\u00d7 absolute (vs the first rung)"));
}

void ChartPanel::addLogLogAxes(const LogAxisSpec& xSpec, const LogAxisSpec& ySpec) {
    auto make = [](const LogAxisSpec& spec) {
        auto* axis = new QLogValueAxis;
        axis->setBase(spec.base);
        axis->setLabelFormat(spec.labelFormat);
        axis->setTitleText(spec.title);
        axis->setMinorTickCount(spec.minorTicks);
        return axis;
    };
    m_axisX = make(xSpec);
    m_axisY = make(ySpec);
    m_chart->addAxis(m_axisX, Qt::AlignBottom);
    m_chart->addAxis(m_axisY, Qt::AlignLeft);
    connectZoom(m_axisX);
    connectZoom(m_axisY);
}

void ChartPanel::connectZoom(QAbstractAxis* axis) {
    // A zoom changes the ranges without a new layout: the labels, size ticks and line labels
    // follow it. Queued, and once for a zoom's two ranges: fitting the bar labels sets a range
    // itself.
    auto follow = [this] {
        if (m_overlaysQueued)
            return;
        m_overlaysQueued = true;
        QMetaObject::invokeMethod(
            this,
            [this] {
                m_overlaysQueued = false;
                updateOverlays();
            },
            Qt::QueuedConnection);
    };
    if (auto* log = qobject_cast<QLogValueAxis*>(axis))
        connect(log, &QLogValueAxis::rangeChanged, this, follow);
    else if (auto* value = qobject_cast<QValueAxis*>(axis))
        connect(value, &QValueAxis::rangeChanged, this, follow);
}

void ChartPanel::buildGflops() {
    const QStringList rungs = shownRungs();
    m_chart->setTitle(tr("Performance vs matrix size (higher is better)"));
    addLogLogAxes({2, QStringLiteral("%d"), 0, tr("matrix size n (log scale)")},
                  {10, QStringLiteral("%g"), 8, tr("GFLOP/s (double precision, log scale)")});

    const Machine& machine = m_model->dataset(0).machine;
    const double peak = machine.referencePeakGflops(m_model->dataset(0).plan.threads);
    if (peak <= 0)
        m_chart->setTitle(tr("Performance vs matrix size (no peak line: limits not measured)"));
    const bool peakMeasured = machine.limits && machine.limits->peakMeasuredGflops > 0;
    double nLo = 1e300, nHi = 0, gLo = 1e300, gHi = 0;
    auto cover = [&](const PointResult& p) {
        nLo = std::min<double>(nLo, p.n);
        nHi = std::max<double>(nHi, p.n);
        if (p.hasTime() && p.status != PointStatus::Failed && p.gflops > 0) {
            gLo = std::min(gLo, p.gflops);
            gHi = std::max(gHi, p.gflops);
        }
    };
    for (const QString& rung : rungs) {
        for (const PointResult& p : m_model->points(0, rung))
            cover(p);
    }
    for (int d = 1; d < m_model->datasetCount(); ++d) {
        for (const PointResult& p : m_model->dataset(d).results) {
            if (p.status == PointStatus::Verified)
                cover(p);
        }
    }
    if (nHi <= 0) {
        nLo = 64;
        nHi = 2048;
    }
    if (gHi <= 0) {
        gLo = 0.1;
        gHi = 10;
    }
    if (peak > 0)
        gHi = std::max(gHi, peak);
    // The sizes measured, with a small margin (the cache markers inside it are drawn; a plan
    // of small sizes is not squeezed into a corner by a marker at n = 2048).
    m_rangeX = {nLo / 1.25, nHi * 1.25};
    if (m_rangeX.second / m_rangeX.first < 2.5) {
        // One or two close sizes: some width, centred on them, so the axis has ticks.
        const double mid = std::sqrt(nLo * nHi);
        m_rangeX = {mid / 1.6, mid * 1.6};
    }
    m_rangeY = {decadeFloor(gLo), decadeCeil(gHi * 1.5)};
    applyRanges(); // before any series is attached: a log axis must never see its default range

    // Tick labels: the sizes measured first, then the powers of two between them where room is
    // left (placeSizeTicks drops a label that would touch one placed before it).
    QList<double> ticks;
    for (int d = 0; d < m_model->datasetCount(); ++d)
        for (int n : m_model->sizes(d))
            ticks.append(n);
    std::sort(ticks.begin(), ticks.end());
    ticks.erase(std::unique(ticks.begin(), ticks.end()), ticks.end());
    // Thousands of sizes cannot all be labelled: candidates spread evenly on the log axis, as
    // many as could ever fit (a label item per size made a dense session slow to draw).
    constexpr int kTickCandidates = 64;
    if (ticks.size() > kTickCandidates) {
        QList<QPointF> asPoints;
        for (double n : std::as_const(ticks))
            asPoints.append(QPointF(n, 0));
        ticks.clear();
        for (const QPointF& p : thinForDrawing(asPoints, kTickCandidates / 2))
            if (ticks.isEmpty() || ticks.last() != p.x())
                ticks.append(p.x());
    }
    for (double p = std::exp2(std::floor(std::log2(m_rangeX.first))); p <= m_rangeX.second; p *= 2)
        if (!ticks.contains(p))
            ticks.append(p);
    for (double n : std::as_const(ticks)) {
        auto* label = new QGraphicsSimpleTextItem(QString::number(n, 'f', 0), m_chart);
        auto* mark = new QGraphicsLineItem(m_chart);
        label->setZValue(20);
        mark->setZValue(20);
        m_sizeTicks.append({n, label, mark});
    }

    for (const QString& rung : rungs) {
        const QList<PointResult> points = m_model->points(0, rung);
        const QColor color = rungColor(rung, m_theme);
        const QString name = rungLabel(rung);
        auto* line = new QLineSeries;
        auto* dots = new QScatterSeries;
        auto* extraLine = new QLineSeries;
        auto* extraDots = new QScatterSeries;
        auto* failed = new QScatterSeries;
        QList<QPair<QPointF, QString>> tips, extraTips, failedTips, sampledTips;
        const PointResult* lastMeasured = nullptr;
        for (const PointResult& p : points) {
            if (p.status == PointStatus::Verified && p.gflops > 0) {
                line->append(p.n, p.gflops);
                dots->append(p.n, p.gflops);
                tips.append({QPointF(p.n, p.gflops), pointTip(p)});
                if (p.sampled())
                    sampledTips.append(tips.last());
                lastMeasured = &p;
            } else if (p.extrapolated() && p.gflops > 0) {
                if (extraLine->count() == 0 && lastMeasured)
                    extraLine->append(lastMeasured->n, lastMeasured->gflops);
                extraLine->append(p.n, p.gflops);
                extraDots->append(p.n, p.gflops);
                extraTips.append({QPointF(p.n, p.gflops), pointTip(p)});
            } else if (p.status == PointStatus::Failed) {
                // On the floor of the chart: a failed kernel is not fast, however quick it was.
                failed->append(p.n, m_rangeY.first * 1.15);
                failedTips.append({QPointF(p.n, m_rangeY.first * 1.15), pointTip(p)});
            }
        }
        line->setName(name);
        line->setPen(QPen(color, 2.5));
        addXY(line, rung, name, 0);
        setTips(line, tips);
        dots->setName(name);
        dots->setColor(color);
        dots->setBorderColor(color);
        dots->setMarkerSize(10);
        addXY(dots, rung, name, static_cast<int>(dots->count()), color);
        setTips(dots, tips);
        if (QScatterSeries* marks = sampledMarks(sampledTips, m_theme)) {
            marks->setName(name);
            addXY(marks, rung, name, 0);
            setTips(marks, sampledTips);
        }
        if (extraDots->count() > 0) {
            extraLine->setName(name);
            extraLine->setPen(QPen(color, 2, Qt::DashLine));
            addXY(extraLine, rung, name, 0);
            setTips(extraLine, extraTips);
            extraDots->setName(name);
            extraDots->setColor(m_theme.background); // hollow: the background inside a ring
            extraDots->setBorderColor(color);
            extraDots->setPen(QPen(color, 2));
            extraDots->setMarkerSize(11);
            addXY(extraDots, rung, name, static_cast<int>(extraDots->count()), color);
            setTips(extraDots, extraTips);
            // Under the middle of the dashed stretch (on the log-log axes), not under a point:
            // labels of slow rungs close in speed are stacked, and one pushed down onto the
            // points below would hide them.
            const QPointF from = extraLine->at(0);
            const QPointF to = extraLine->at(extraLine->count() - 1);
            const QPointF middle(std::sqrt(from.x() * to.x()), std::sqrt(from.y() * to.y()));
            addOverlay(tr("extrapolated"), middle, extraLine, Qt::AlignHCenter | Qt::AlignTop,
                       color, 0.8, false)
                .avoid = true;
        } else {
            delete extraLine;
            delete extraDots;
        }
        if (failed->count() > 0) {
            failed->setName(name);
            failed->setMarkerSize(16);
            failed->setLightMarker(crossMarker(m_theme.failed));
            addXY(failed, rung, name, static_cast<int>(failed->count()));
            setTips(failed, failedTips);
            addOverlay(tr("failed"), failed->at(0), failed, Qt::AlignHCenter | Qt::AlignBottom,
                       m_theme.failed, 0.8, true);
        } else {
            delete failed;
        }
    }

    // Compared machines (#6): their measured points as thinner lines in a colour family of their
    // own, named with the dataset's label.
    for (int d = 1; d < m_model->datasetCount(); ++d) {
        const QString label = m_model->dataset(d).label;
        for (const QString& rung : m_model->rungs(d)) {
            auto* line = new QLineSeries;
            QList<QPair<QPointF, QString>> tips;
            for (const PointResult& p : m_model->points(d, rung)) {
                if (p.status != PointStatus::Verified || p.gflops <= 0)
                    continue;
                line->append(p.n, p.gflops);
                tips.append({QPointF(p.n, p.gflops), label + u"<br>" + pointTip(p)});
            }
            if (line->count() == 0) {
                delete line;
                continue;
            }
            const QString name = rungLabel(rung) + u" — " + label;
            const QColor color = compareColor(rung, d, m_theme);
            line->setName(name);
            line->setPen(QPen(color, 2, comparePenStyle(d)));
            line->setPointsVisible(true);
            addXY(line, rung, name, static_cast<int>(line->count()), color);
            line->setProperty(kDatasetProperty, d);
            setTips(line, tips);
        }
    }

    // Where the working set 3*8*n^2 crosses each cache level: beyond it, C, A and B no longer fit.
    const EffectiveCaches& c = machine.caches;
    const QList<QPair<QString, qint64>> levels = {
        {QStringLiteral("L1d"), c.l1d}, {QStringLiteral("L2"), c.l2}, {QStringLiteral("L3"), c.l3}};
    for (const auto& [name, bytes] : levels) {
        if (bytes <= 0)
            continue;
        const double n = std::sqrt(double(bytes) / 24.0);
        if (n < m_rangeX.first || n > m_rangeX.second)
            continue; // outside the sizes measured
        auto* marker = new QLineSeries;
        marker->append(n, m_rangeY.first);
        marker->append(n, m_rangeY.second);
        QPen pen(m_theme.mutedForeground, 1.5, Qt::DashDotLine);
        marker->setPen(pen);
        marker->setName(tr("cache limits (3\u00b78\u00b7n\u00b2 bytes)"));
        addXY(marker, QString(), marker->name(), 0);
        m_tips[marker] = {
            {QPointF(n, m_rangeY.second), tr("3\u00b78\u00b7n\u00b2 bytes = %1 (%2) at n \u2248 %3")
                                              .arg(name, formatBytes(bytes))
                                              .arg(qRound(n))}};
        addOverlay(name + u' ' + formatBytes(bytes), QPointF(n, m_rangeY.second), marker,
                   Qt::AlignLeft | Qt::AlignTop, m_theme.mutedForeground, 0.85, false)
            .pin = Qt::TopEdge;
    }
    if (peak > 0) {
        auto* line = new QLineSeries;
        line->append(m_rangeX.first, peak);
        line->append(m_rangeX.second, peak);
        line->setPen(QPen(m_theme.peak, 2, Qt::DashLine));
        line->setName(peakMeasured ? tr("measured peak") : tr("theoretical peak"));
        addXY(line, QString(), line->name(), 0);
        const QString text =
            (peakMeasured ? tr("measured peak %1 GFLOP/s") : tr("theoretical peak %1 GFLOP/s"))
                .arg(chartLocale().toString(peak, 'f', 1));
        m_tips[line] = {{QPointF(m_rangeX.first, peak), text}};
        Overlay& label = addOverlay(text, QPointF(m_rangeX.first, peak), line,
                                    Qt::AlignLeft | Qt::AlignBottom, m_theme.peak, 0.9, true);
        label.pin = Qt::LeftEdge;
        label.clearOfDots = true;
    }
    m_note->setText(rungs.isEmpty() ? tr("No results yet: run the ladder.")
                                    : tr("Hollow, dashed = extrapolated by n\u00b3; dark centre = "
                                         "sampled (whole rows, scaled); red \u2717 = failed "
                                         "verification (drawn at the bottom)"));
}

void ChartPanel::buildRoofline() {
    const QStringList rungs = shownRungs();
    m_chart->setTitle(tr("Roofline: arithmetic intensity vs performance"));
    addLogLogAxes({10, QStringLiteral("%g"), 8, tr("arithmetic intensity (FLOP/byte, log scale)")},
                  {10, QStringLiteral("%g"), 8, tr("GFLOP/s (log scale)")});

    const Machine& machine = m_model->dataset(0).machine;
    // Said in the chart itself: an export has no note line, and a roofline without roofs must
    // not look like one whose points are far below them.
    if (!machine.limits)
        m_chart->setTitle(tr("Roofline: no ceilings, this machine's limits were not measured"));
    // One size (its climb drawn rung to rung) or every size.
    const int shownN = size();
    auto shown = [shownN](const PointResult& p) { return shownN == kAllSizes || p.n == shownN; };
    double aiLo = 1e300, aiHi = 0, gLo = 1e300, gHi = 0;
    auto cover = [&](const PointResult& p) {
        if (!shown(p))
            return;
        aiLo = std::min(aiLo, pointIntensity(p));
        aiHi = std::max(aiHi, pointIntensity(p));
        if (p.hasTime() && p.status != PointStatus::Failed && p.gflops > 0) {
            gLo = std::min(gLo, p.gflops);
            gHi = std::max(gHi, p.gflops);
        }
    };
    for (const QString& rung : rungs) {
        for (const PointResult& p : m_model->points(0, rung))
            cover(p);
    }
    // Compared sessions: their points and their machines' roofs (headline thread count).
    struct OtherRoof {
        int dataset;
        Roofline roof;
        double peak = 0; // the highest measured compute ceiling, else the theoretical one
    };
    QList<OtherRoof> otherRoofs;
    for (int d = 1; d < m_model->datasetCount(); ++d) {
        for (const PointResult& p : m_model->dataset(d).results) {
            if (p.status == PointStatus::Verified || p.extrapolated())
                cover(p);
        }
        const Machine& other = m_model->dataset(d).machine;
        if (!other.limits)
            continue;
        OtherRoof r{d, rooflineFor(other)};
        for (const ComputeCeiling& cc : r.roof.compute) {
            if (cc.precision == QLatin1String("double") && cc.threads == r.roof.threads &&
                cc.measured)
                r.peak = std::max(r.peak, cc.gflops);
        }
        if (r.peak <= 0)
            r.peak = other.referencePeakGflops();
        if (r.peak > 0) {
            gHi = std::max(gHi, r.peak);
            otherRoofs.append(r);
        }
    }
    // Ceilings from the core's roofline: compute per ISA (measured solid, theoretical dotted)
    // and bandwidth per level, all on the headline thread count.
    struct Ceiling {
        QString label;
        double gflops;
        bool measured;
    };
    const Roofline roof = rooflineFor(machine);
    QList<Ceiling> compute;
    QList<MemoryCeiling> memory;
    for (const CeilingLine& line : computeCeilingLines(roof))
        compute.append({line.label(), line.gflops, line.measured});
    // The cache-aware view puts every rung against the L1 roof; the classic one keeps every level.
    const bool l1View = m_rooflineLevel == QLatin1String("l1");
    for (const MemoryCeiling& m : roof.memory) {
        if (m.threads == roof.threads && m.gbytesPerS > 0 &&
            (!l1View || m.level == QLatin1String("L1")))
            memory.append(m);
    }
    double peakTop = 0;
    for (const Ceiling& cc : std::as_const(compute)) {
        gHi = std::max(gHi, cc.gflops);
        peakTop = std::max(peakTop, cc.gflops);
    }
    if (aiHi <= 0) {
        aiLo = 1;
        aiHi = 200;
    }
    if (gHi <= 0) {
        gLo = 0.1;
        gHi = 100;
    }
    double bwLo = 1e300;
    for (const MemoryCeiling& b : std::as_const(memory))
        bwLo = std::min(bwLo, b.gbytesPerS);
    for (const OtherRoof& r : std::as_const(otherRoofs)) {
        for (const MemoryCeiling& m : r.roof.memory) {
            if (m.threads == r.roof.threads && m.gbytesPerS > 0)
                bwLo = std::min(bwLo, m.gbytesPerS);
        }
    }
    const double xLo =
        std::min(decadeFloor(aiLo), memory.isEmpty() && otherRoofs.isEmpty() ? 1e300 : 0.1);
    m_rangeX = {std::min(xLo, decadeFloor(aiLo)), decadeCeil(aiHi * 1.5)};
    double yLo = decadeFloor(gLo);
    if (bwLo < 1e300)
        yLo = std::min(yLo, decadeFloor(bwLo * m_rangeX.first));
    m_rangeY = {yLo, decadeCeil(gHi * 1.5)};
    applyRanges(); // before any series is attached: a log axis must never see its default range

    for (const Ceiling& cc : std::as_const(compute)) {
        auto* line = new QLineSeries;
        // A compute ceiling starts where the highest bandwidth roof reaches it.
        double startBest = m_rangeX.second;
        for (const MemoryCeiling& b : std::as_const(memory))
            startBest = std::min(startBest, cc.gflops / b.gbytesPerS);
        const double start =
            memory.isEmpty() ? m_rangeX.first : std::max(m_rangeX.first, startBest);
        line->append(start, cc.gflops);
        line->append(m_rangeX.second, cc.gflops);
        line->setPen(
            QPen(m_theme.peak, cc.measured ? 2.2 : 1.4, cc.measured ? Qt::SolidLine : Qt::DotLine));
        const QString group =
            cc.measured ? tr("compute ceilings, measured") : tr("compute ceilings, theoretical");
        line->setName(group);
        addXY(line, QString(), group, 0);
        const QString text = cc.label + u' ' + chartLocale().toString(cc.gflops, 'f', 1) +
                             QStringLiteral(" GFLOP/s");
        m_tips[line] = {{QPointF(m_rangeX.second, cc.gflops), text}};
        // Measured and theoretical peaks of one ISA are close: label the measured line only (the
        // theoretical one has its value in the tooltip), or the labels overprint each other.
        if (cc.measured) {
            Overlay& label = addOverlay(text, QPointF(m_rangeX.second, cc.gflops), line,
                                        Qt::AlignRight | Qt::AlignBottom, m_theme.peak, 0.85, true);
            label.pin = Qt::RightEdge;
            label.clearOfDots = true;
        }
    }
    for (const MemoryCeiling& b : std::as_const(memory)) {
        auto* line = new QLineSeries;
        const double top = peakTop > 0 ? peakTop : m_rangeY.second;
        const double ridge = std::min(m_rangeX.second, top / b.gbytesPerS);
        line->append(m_rangeX.first, b.gbytesPerS * m_rangeX.first);
        line->append(ridge, b.gbytesPerS * ridge);
        line->setPen(QPen(m_theme.mutedForeground, 1.6, Qt::DashLine));
        const QString group = tr("bandwidth ceilings");
        line->setName(group);
        addXY(line, QString(), group, 0);
        const QString text =
            b.level + u' ' + chartLocale().toString(b.gbytesPerS, 'f', 1) + QStringLiteral(" GB/s");
        m_tips[line] = {
            {QPointF(ridge, b.gbytesPerS * ridge),
             text + u" (" + b.kernel + u", " + QString::number(b.threads) + tr(" threads)")}};
        // Label near the lower-left end of the roof, where lines are apart.
        const double ax = m_rangeX.first * 1.5;
        addOverlay(text, QPointF(ax, b.gbytesPerS * ax), line, Qt::AlignLeft | Qt::AlignBottom,
                   m_theme.mutedForeground, 0.8, false)
            .avoid = true; // cache levels close in bandwidth stack their labels
    }
    for (const QString& rung : rungs) {
        const QColor color = rungColor(rung, m_theme);
        const QString name = rungLabel(rung);
        auto* dots = new QScatterSeries;
        auto* hollow = new QScatterSeries;
        auto* failed = new QScatterSeries;
        QList<QPair<QPointF, QString>> tips, hollowTips, failedTips, sampledTips;
        const QList<PointResult> points = m_model->points(0, rung);
        const PointResult* best = nullptr; // points outlives it
        for (const PointResult& p : points) {
            if (!shown(p))
                continue;
            const QPointF at(pointIntensity(p), p.gflops);
            const QString tip = pointTip(p) + u"<br>" + intensityTip(p);
            if (p.status == PointStatus::Verified && p.gflops > 0) {
                dots->append(at);
                tips.append({at, tip});
                if (p.sampled())
                    sampledTips.append(tips.last());
                if (!best || p.n > best->n)
                    best = &p;
            } else if (p.extrapolated() && p.gflops > 0) {
                hollow->append(at);
                hollowTips.append({at, tip});
            } else if (p.status == PointStatus::Failed) {
                const QPointF floor(pointIntensity(p), m_rangeY.first * 1.15);
                failed->append(floor);
                failedTips.append({floor, tip});
            }
        }
        dots->setName(name);
        dots->setColor(color);
        dots->setBorderColor(color.darker(120));
        dots->setMarkerSize(11);
        addXY(dots, rung, name, static_cast<int>(dots->count()), color);
        setTips(dots, tips);
        if (QScatterSeries* marks = sampledMarks(sampledTips, m_theme)) {
            marks->setName(name);
            addXY(marks, rung, name, 0);
            setTips(marks, sampledTips);
        }
        if (best) {
            addOverlay(name, QPointF(pointIntensity(*best), best->gflops), dots,
                       Qt::AlignLeft | Qt::AlignVCenter, color, 0.85, true)
                .avoid = true;
        }
        if (hollow->count() > 0) {
            hollow->setName(name);
            hollow->setColor(m_theme.background);
            hollow->setBorderColor(color);
            hollow->setPen(QPen(color, 2));
            hollow->setMarkerSize(11);
            addXY(hollow, rung, name, static_cast<int>(hollow->count()), color);
            setTips(hollow, hollowTips);
            if (!best) {
                addOverlay(name + tr(" (extrapolated)"), hollow->at(hollow->count() - 1), hollow,
                           Qt::AlignLeft | Qt::AlignVCenter, color, 0.85, false)
                    .avoid = true;
            }
        } else {
            delete hollow;
        }
        if (failed->count() > 0) {
            failed->setName(name);
            failed->setMarkerSize(16);
            failed->setLightMarker(crossMarker(m_theme.failed));
            addXY(failed, rung, name, static_cast<int>(failed->count()));
            setTips(failed, failedTips);
        } else {
            delete failed;
        }
    }
    // Compared sessions: their points in their colour family with a marker shape of their own
    // (one legend entry per session), and their machine's roof dashed.
    static constexpr QScatterSeries::MarkerShape kShapes[] = {
        QScatterSeries::MarkerShapeRectangle, QScatterSeries::MarkerShapeTriangle,
        QScatterSeries::MarkerShapeRotatedRectangle, QScatterSeries::MarkerShapePentagon};
    for (int d = 1; d < m_model->datasetCount(); ++d) {
        const QString label = m_model->dataset(d).label;
        const QString group = tr("%1 (compared)").arg(label);
        const auto shape = kShapes[compareMarkerIndex(d, int(std::size(kShapes)))];
        for (const QString& rung : m_model->rungs(d)) {
            if (m_revealed >= 0 && !rungs.contains(rung))
                continue;
            const QColor color = compareColor(rung, d, m_theme);
            auto* dots = new QScatterSeries;
            QList<QPair<QPointF, QString>> tips;
            for (const PointResult& p : m_model->points(d, rung)) {
                if (!(p.status == PointStatus::Verified || p.extrapolated()) || p.gflops <= 0 ||
                    !shown(p))
                    continue;
                const QPointF at(pointIntensity(p), p.gflops);
                dots->append(at);
                tips.append({at, u"<b>" + label.toHtmlEscaped() + u"</b><br>" + pointTip(p)});
            }
            if (dots->count() == 0) {
                delete dots;
                continue;
            }
            dots->setName(group);
            dots->setMarkerShape(shape);
            dots->setMarkerSize(11);
            dots->setColor(color);
            dots->setBorderColor(color.darker(130));
            addXY(dots, rung, group, static_cast<int>(dots->count()), color);
            dots->setProperty(kDatasetProperty, d);
            setTips(dots, tips);
        }
    }
    for (const OtherRoof& r : std::as_const(otherRoofs)) {
        const QString label = m_model->dataset(r.dataset).label;
        const QString group = tr("%1 roof").arg(label);
        // A mid shade of the family: the roof reads as that machine's without a rung's colour.
        const QColor color = compareColor(QStringLiteral("tiled"), r.dataset, m_theme);
        auto addRoofLine = [&](QPointF a, QPointF b, const QString& tip) {
            auto* line = new QLineSeries;
            line->append(a);
            line->append(b);
            line->setPen(QPen(color, 1.8, Qt::DashLine));
            line->setName(group);
            addXY(line, QString(), group, 0);
            line->setProperty(kDatasetProperty, r.dataset);
            m_tips[line] = {{b, tip}};
            return line;
        };
        // One roof per compared machine, the classic one: main memory and the peak (its cache
        // levels are in the tooltip); all its levels would bury this machine's ceilings.
        const MemoryCeiling* slowest = nullptr;
        QStringList levels;
        for (const MemoryCeiling& m : r.roof.memory) {
            if (m.threads != r.roof.threads || m.gbytesPerS <= 0)
                continue;
            levels.append(m.level + u' ' + chartLocale().toString(m.gbytesPerS, 'f', 1) + u" GB/s");
            if (!slowest || m.gbytesPerS < slowest->gbytesPerS)
                slowest = &m;
        }
        double start = m_rangeX.first;
        if (slowest) {
            const double ridge = std::min(m_rangeX.second, r.peak / slowest->gbytesPerS);
            addRoofLine(QPointF(m_rangeX.first, slowest->gbytesPerS * m_rangeX.first),
                        QPointF(ridge, slowest->gbytesPerS * ridge),
                        label + u": " + levels.join(QStringLiteral(" \u00b7 ")));
            start = std::max(m_rangeX.first, ridge);
        }
        const QString text = label + u' ' + chartLocale().toString(r.peak, 'f', 1) + u" GFLOP/s";
        QLineSeries* top =
            addRoofLine(QPointF(start, r.peak), QPointF(m_rangeX.second, r.peak), text);
        // Below its line (ours are labelled above theirs), at the right end.
        Overlay& roofLabel = addOverlay(text, QPointF(m_rangeX.second, r.peak), top,
                                        Qt::AlignRight | Qt::AlignTop, color, 0.85, true);
        roofLabel.pin = Qt::RightEdge;
        roofLabel.clearOfDots = true;
    }
    if (shownN != kAllSizes)
        addClimb(rungs, shownN);
    m_note->setText(machine.limits ? rooflineNote(shownN)
                                   : tr("No measured limits for this machine: ceilings unknown "
                                        "(Machine \u2192 Measure again). ") +
                                         rooflineNote(shownN));
}

void ChartPanel::addClimb(const QStringList& rungs, int n) {
    // The ladder's rungs at one size, joined in ladder order (the yardsticks are not rungs):
    // each step moves up, and right where the step also cuts the traffic.
    auto* climb = new QLineSeries;
    for (const QString& rung : rungs) {
        const PointResult* p = m_model->find(0, rung, n);
        if (p && p->status == PointStatus::Verified && p->gflops > 0 && !isReferenceRung(rung))
            climb->append(pointIntensity(*p), p->gflops);
    }
    if (climb->count() < 2) {
        delete climb;
        return;
    }
    climb->setPen(QPen(m_theme.mutedForeground, 1.6, Qt::DashLine));
    const QString group = tr("the climb, n = %1").arg(n);
    climb->setName(group);
    addXY(climb, QString(), group, 0);
    m_tips[climb] = {{climb->at(climb->count() - 1), group}};
}

QString ChartPanel::rooflineNote(int n) const {
    // Where the x comes from: the points' own intensities (their source), or n/12 for sessions
    // that predate them.
    QString source;
    for (const PointResult& p : m_model->dataset(0).results)
        if (p.intensity) {
            source = p.intensity->source;
            break;
        }
    const QString what = m_rooflineLevel == QLatin1String("l1")
                             ? tr("x: L1 intensity (the bytes the code loads and stores)")
                             : tr("x: DRAM intensity (the bytes its blocking leaves for memory)");
    const QString from =
        source.isEmpty() ? tr("compulsory traffic n/12, this session has no per-rung intensity")
        : source == QLatin1String("model")
            ? tr("per-rung traffic model, no hardware counters here (README, The roofline)")
            : tr("hardware counters");
    const QString which =
        n == kAllSizes ? tr("every size") : tr("n = %1, dashed: the climb rung to rung").arg(n);
    return what + QStringLiteral(", ") + from + QStringLiteral("; ") + which;
}

void ChartPanel::applyRanges() {
    if (!m_chart || !m_axisX || !m_axisY)
        return;
    // QLogValueAxis does not range itself over several series: always set both ranges.
    m_axisX->setRange(m_rangeX.first, m_rangeX.second);
    m_axisY->setRange(m_rangeY.first, m_rangeY.second);
}

void ChartPanel::applyChartTheme() {
    m_chart->setTheme(m_theme.dark ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    m_chart->setBackgroundBrush(m_theme.background);
    m_chart->setBackgroundRoundness(0);
    m_chart->setPlotAreaBackgroundVisible(false);
    m_chart->setTitleBrush(m_theme.foreground);
    m_chart->setTitleFont(m_theme.font(1.45, true));
    const qreal margin = 10 * m_theme.fontScale;
    m_chart->setMargins(QMargins(margin, margin, margin * 2, margin));
    m_chart->legend()->setLabelColor(m_theme.foreground);
    m_chart->legend()->setFont(m_theme.font(1.0));
    const auto axes = m_chart->axes();
    for (QAbstractAxis* axis : axes) {
        axis->setLabelsBrush(m_theme.foreground);
        axis->setLabelsFont(m_theme.font(1.05));
        axis->setTitleBrush(m_theme.foreground);
        axis->setTitleFont(m_theme.font(1.1, true));
        axis->setGridLinePen(QPen(m_theme.grid, 1));
        axis->setMinorGridLinePen(QPen(m_theme.grid.lighter(m_theme.dark ? 80 : 104), 0.6));
        axis->setLinePen(QPen(m_theme.mutedForeground, 1));
        axis->setShadesVisible(false);
    }
    if (m_view) {
        QPalette pal = m_view->palette();
        pal.setColor(QPalette::Window, m_theme.background);
        pal.setColor(QPalette::Base, m_theme.background);
        m_view->setPalette(pal);
        m_view->setBackgroundBrush(m_theme.background);
    }
}

void ChartPanel::setupLegend() {
    // One legend entry per group (a rung, "This machine", the ceilings); a click toggles the
    // whole group, and the entry stays, dimmed, so that it can be clicked back.
    QSet<QString> seen;
    const auto markers = m_chart->legend()->markers();
    for (QLegendMarker* marker : markers) {
        const QString group = marker->series()->property(kGroupProperty).toString();
        const bool first = !group.isEmpty() && !seen.contains(group);
        seen.insert(group);
        marker->setVisible(first);
        if (!first)
            continue;
        if (m_kind == ChartKind::Runtime && !marker->series()->property(kPointsProperty).toInt()) {
            // The paper group: grey marker.
        }
        const bool hidden = m_hiddenGroups.contains(group);
        if (hidden) {
            const auto all = m_chart->series();
            for (QAbstractSeries* s : all) {
                if (s->property(kGroupProperty).toString() == group)
                    s->setVisible(false);
            }
            marker->setVisible(true);
        }
        if (auto* area = qobject_cast<QAreaSeries*>(marker->series())) {
            // The group's first bar may be hollow (extrapolated, failed): show the group solid.
            const QBrush brush = area->brush();
            if (brush.style() == Qt::NoBrush || brush.color().alphaF() < 0.5)
                marker->setBrush(area->pen().color());
        }
        QColor label = m_theme.foreground;
        if (hidden)
            label.setAlphaF(0.35);
        marker->setLabelBrush(label);
        connect(marker, &QLegendMarker::clicked, this, [this, group] {
            if (m_hiddenGroups.contains(group))
                m_hiddenGroups.remove(group);
            else
                m_hiddenGroups.insert(group);
            rebuild();
        });
    }
}

void ChartPanel::copyTable() {
    if (!m_ladder || !m_table)
        return;
    QModelIndexList selection;
    const auto selected = m_table->selectionModel()->selectedIndexes();
    for (const QModelIndex& i : selected)
        selection.append(m_proxy->mapToSource(i));
    QApplication::clipboard()->setText(m_ladder->toTsv(selection));
}

int ChartPanel::pointCount(const QString& rung, int dataset) const {
    if (m_kind == ChartKind::Ladder) {
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
    int count = 0;
    const auto series = m_chart->series();
    for (QAbstractSeries* s : series) {
        if (s->property(kRungProperty).toString() == rung &&
            s->property(kDatasetProperty).toInt() == dataset)
            count += s->property(kPointsProperty).toInt();
    }
    return count;
}

QColor ChartPanel::colorOf(const QString& rung, int dataset) const {
    if (m_kind == ChartKind::Ladder) {
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
    const auto series = m_chart->series();
    for (QAbstractSeries* s : series) {
        if (s->property(kRungProperty).toString() != rung ||
            s->property(kDatasetProperty).toInt() != dataset)
            continue;
        const QColor c = s->property(kColorProperty).value<QColor>();
        if (c.isValid())
            return c;
    }
    return {};
}

} // namespace headroom::ui
