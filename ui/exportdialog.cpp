// SPDX-License-Identifier: MIT
#include "exportdialog.h"

#include "chartpanel.h"
#include "export.h"
#include "laddermodel.h"
#include "resultsmodel.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontMetricsF>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStyle>
#include <QTableView>
#include <QVBoxLayout>

namespace headroom::ui {

namespace {

constexpr int kMinPixels = 16;
constexpr int kMaxPixels = 16384;

// The header as tall as its most wrapped label needs at the column widths the layout gave it
// (in the dashboard's quarter page "Science 2020 time (s), n = 4096" takes four lines).
void fitHeaderHeight(QHeaderView* header, int minimum) {
    const QAbstractItemModel* model = header->model();
    if (!model)
        return;
    const int margin = header->style()->pixelMetric(QStyle::PM_HeaderMargin, nullptr, header);
    const QFontMetrics fm(header->font());
    int needed = minimum;
    for (int i = 0; i < header->count(); ++i) {
        const QString text = model->headerData(i, Qt::Horizontal, Qt::DisplayRole).toString();
        const int width = std::max(1, header->sectionSize(i) - 2 * margin);
        const QRect r =
            fm.boundingRect(QRect(0, 0, width, 1 << 20), Qt::AlignCenter | Qt::TextWordWrap, text);
        needed = std::max(needed, r.height() + 2 * margin + fm.lineSpacing() / 2);
    }
    if (header->minimumHeight() != needed)
        header->setMinimumHeight(needed);
}

// The ladder table on a slide: the whole page, no scroll bars, larger type, the theme's colours
// (the table on screen follows the desktop palette instead).
void fitTableToPage(QTableView* table, const Theme& theme) {
    table->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    table->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    table->setFrameShape(QFrame::NoFrame);
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    table->verticalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    // Type a bit larger than on screen, but the presentation theme's 1.8× would not fit ten
    // columns.
    const qreal scale = 1.25 * std::min<qreal>(theme.fontScale, 1.3) / theme.fontScale;
    table->setFont(theme.font(scale));
    // The rung names are the point of the table: never elided.
    table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    QHeaderView* header = table->horizontalHeader();
    header->setFont(theme.font(scale * 0.9, true));
    // Long headers ("Science 2020 time (s), n = 4096") wrap onto two lines instead of being cut.
    header->setDefaultAlignment(Qt::Alignment(Qt::AlignCenter | Qt::TextWordWrap));
    // The check ("extrapolated", "FAILED") is one word: it gets its width, never an ellipsis.
    header->setSectionResizeMode(LadderModel::StatusColumn, QHeaderView::ResizeToContents);
    const int minimum = qRound(QFontMetricsF(header->font()).lineSpacing() * 3.4);
    header->setMinimumHeight(minimum);
    QObject::connect(header, &QHeaderView::sectionResized, header,
                     [header, minimum] { fitHeaderHeight(header, minimum); });
    table->setWordWrap(true);
    QPalette pal = table->palette();
    const QColor alternate =
        theme.dark ? theme.background.lighter(135) : theme.background.darker(104);
    for (const QPalette::ColorRole role : {QPalette::Base, QPalette::Window, QPalette::Button})
        pal.setColor(role, theme.background);
    pal.setColor(QPalette::AlternateBase, alternate);
    for (const QPalette::ColorRole role :
         {QPalette::Text, QPalette::WindowText, QPalette::ButtonText})
        pal.setColor(role, theme.foreground);
    table->setPalette(pal);
    table->horizontalHeader()->setPalette(pal);
    table->setStyleSheet(
        QStringLiteral("QTableView { gridline-color: %1; }").arg(theme.grid.name()));
}

ChartPanel* exportPanel(ChartKind kind, ResultsModel* model, const Theme& theme, int n,
                        QWidget* parent) {
    auto* panel = createChartPanel(kind, model, parent);
    panel->setControlsVisible(false);
    panel->setTheme(theme); // rebuilds, after the controls are hidden
    if (n > 0)
        panel->setSize(n);
    if (QTableView* table = panel->tableView())
        fitTableToPage(table, theme);
    return panel;
}

void paintBackground(QWidget* w, const Theme& theme) {
    QPalette pal = w->palette();
    pal.setColor(QPalette::Window, theme.background);
    pal.setColor(QPalette::WindowText, theme.foreground);
    w->setPalette(pal);
    w->setAutoFillBackground(true);
}

// The dashboard's panels are a quarter of the slide each; their type is scaled down with them.
constexpr qreal kDashboardTypeScale = 0.7;

// In a quarter of a slide the table keeps the ladder's story: rung, time, GFLOP/s, the two
// speedups and the check. The paper's columns and % of peak stay in the full-size table.
void keepDashboardColumns(QTableView* table) {
    for (int c = 0; c < table->model()->columnCount(); ++c) {
        const bool keep = c == LadderModel::RungColumn || c == LadderModel::SecondsColumn ||
                          c == LadderModel::GflopsColumn ||
                          c == LadderModel::AbsoluteSpeedupColumn ||
                          c == LadderModel::RelativeSpeedupColumn || c == LadderModel::StatusColumn;
        table->setColumnHidden(c, !keep);
    }
}

// A one-line label that elides its text at the right instead of widening its layout: a long
// session title stays in the heading and never pushes the panels off the slide.
class ElidedLabel : public QLabel {
public:
    using QLabel::QLabel;
    QSize minimumSizeHint() const override { return {0, QLabel::minimumSizeHint().height()}; }
    QSize sizeHint() const override { return {0, QLabel::sizeHint().height()}; }

protected:
    void paintEvent(QPaintEvent*) override {
        QPainter p(this);
        p.setPen(palette().color(QPalette::WindowText));
        p.setFont(font());
        const QString shown =
            fontMetrics().elidedText(text(), Qt::ElideRight, contentsRect().width());
        p.drawText(contentsRect(), int(alignment()) | Qt::TextSingleLine, shown);
    }
};

// Who and what the dashboard shows, in one line above the four charts.
QString dashboardHeading(const ResultsModel* model) {
    if (!model || model->datasetCount() == 0)
        return QStringLiteral("Headroom");
    const Dataset& d = model->dataset(0);
    QStringList parts{QStringLiteral("Headroom")};
    if (!d.label.isEmpty())
        parts << d.label;
    if (!d.machine.topology.cpuModel.isEmpty())
        parts << d.machine.topology.cpuModel;
    return parts.join(QStringLiteral(" — "));
}

} // namespace

std::optional<ExportChart> exportChartFromName(const QString& name) {
    if (name.compare(QLatin1String("dashboard"), Qt::CaseInsensitive) == 0)
        return ExportChart::dashboard();
    if (const auto kind = chartKindFromName(name.toLower()))
        return ExportChart::of(*kind);
    return std::nullopt;
}

QString exportChartName(const ExportChart& chart) {
    return chart.kind ? chartKindName(*chart.kind) : QStringLiteral("dashboard");
}

QString exportChartTitle(const ExportChart& chart) {
    return chart.kind ? chartKindTitle(*chart.kind) : QStringLiteral("Dashboard (all four)");
}

std::unique_ptr<QWidget> createExportWidget(const ExportChart& chart, ResultsModel* model,
                                            const Theme& theme, int n) {
    if (chart.kind)
        return std::unique_ptr<QWidget>(exportPanel(*chart.kind, model, theme, n, nullptr));

    auto dashboard = std::make_unique<QWidget>();
    paintBackground(dashboard.get(), theme);
    auto* layout = new QVBoxLayout(dashboard.get());
    layout->setContentsMargins(12, 8, 12, 12);
    layout->setSpacing(6);
    auto* heading = new ElidedLabel(dashboardHeading(model), dashboard.get());
    heading->setObjectName(QStringLiteral("dashboardHeading")); // elides itself (tests)
    heading->setFont(theme.font(1.25, true));
    paintBackground(heading, theme);
    layout->addWidget(heading);
    // Each panel is a quarter of the slide: type scaled to it, so that a title, the axis labels
    // and the legend keep their words (the full-size type elided them to "Time per ru...").
    Theme quarter = theme;
    quarter.fontScale = theme.fontScale * kDashboardTypeScale;
    auto* grid = new QGridLayout;
    grid->setSpacing(10);
    const QList<ChartKind> kinds{ChartKind::Runtime, ChartKind::Gflops, ChartKind::Roofline,
                                 ChartKind::Ladder};
    for (int i = 0; i < kinds.size(); ++i) {
        ChartPanel* panel = exportPanel(kinds[i], model, quarter, n, dashboard.get());
        // Equal quarters whatever a panel's size hint (the table's asked for most of the width).
        panel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Ignored);
        panel->setMinimumSize(0, 0);
        if (QTableView* table = panel->tableView()) {
            keepDashboardColumns(table);
            // The page's table type, scaled to the quarter like the charts' (at the full
            // table's 1.25x a presentation quarter cut its times to "0....").
            table->setFont(quarter.font(0.9));
            table->horizontalHeader()->setFont(quarter.font(0.8, true));
        }
        // The paper's bars beside each rung's need the full slide: in a quarter, with slide
        // type, their labels printed over this machine's.
        if (kinds[i] == ChartKind::Runtime)
            panel->setPaper(QString());
        grid->addWidget(panel, i / 2, i % 2);
    }
    grid->setRowStretch(0, 1);
    grid->setRowStretch(1, 1);
    grid->setColumnStretch(0, 1);
    grid->setColumnStretch(1, 1);
    layout->addLayout(grid, 1);
    return dashboard;
}

ExportDialog::ExportDialog(ResultsModel* model, QWidget* parent)
    : QDialog(parent)
    , m_model(model) {
    setWindowTitle(QStringLiteral("Export chart"));
    auto* form = new QFormLayout;

    m_chart = new QComboBox(this);
    for (const ChartKind k : allChartKinds())
        m_chart->addItem(chartKindTitle(k), chartKindName(k));
    m_chart->addItem(exportChartTitle(ExportChart::dashboard()), QStringLiteral("dashboard"));
    form->addRow(QStringLiteral("&Chart:"), m_chart);

    m_format = new QComboBox(this);
    m_format->addItem(QStringLiteral("PNG image"), QStringLiteral("png"));
    m_format->addItem(QStringLiteral("SVG (vector)"), QStringLiteral("svg"));
    m_format->addItem(QStringLiteral("PDF (vector, fonts embedded)"), QStringLiteral("pdf"));
    form->addRow(QStringLiteral("&Format:"), m_format);

    m_size = new QComboBox(this);
    for (const ExportSizePreset& p : exportSizePresets())
        m_size->addItem(p.name, p.pixels);
    m_size->addItem(QStringLiteral("Custom"), QSize());
    form->addRow(QStringLiteral("&Size:"), m_size);

    m_width = new QSpinBox(this);
    m_height = new QSpinBox(this);
    for (QSpinBox* box : {m_width, m_height}) {
        box->setRange(kMinPixels, kMaxPixels);
        box->setSuffix(QStringLiteral(" px"));
    }
    m_width->setValue(1920);
    m_height->setValue(1080);
    auto* custom = new QHBoxLayout;
    custom->addWidget(m_width);
    custom->addWidget(new QLabel(QStringLiteral("×"), this));
    custom->addWidget(m_height);
    form->addRow(QString(), custom);

    m_theme = new QComboBox(this);
    for (const ThemeId id : {ThemeId::Light, ThemeId::Dark, ThemeId::Presentation, ThemeId::System})
        m_theme->addItem(Theme::name(id), static_cast<int>(id));
    form->addRow(QStringLiteral("&Theme:"), m_theme);

    m_status = new QLabel(this);
    m_status->setWordWrap(true);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto* saveButton = buttons->addButton(QStringLiteral("&Save…"), QDialogButtonBox::AcceptRole);
    auto* copyButton = buttons->addButton(QStringLiteral("C&opy"), QDialogButtonBox::ActionRole);
    saveButton->setDefault(true);
    connect(saveButton, &QPushButton::clicked, this, &ExportDialog::save);
    connect(copyButton, &QPushButton::clicked, this, &ExportDialog::copy);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    disconnect(buttons, &QDialogButtonBox::accepted, this, nullptr);

    connect(m_size, &QComboBox::currentIndexChanged, this, &ExportDialog::updateCustom);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    updateCustom();
}

void ExportDialog::setChart(const ExportChart& chart) {
    const int i = m_chart->findData(exportChartName(chart));
    if (i >= 0)
        m_chart->setCurrentIndex(i);
}

void ExportDialog::setThemeId(ThemeId id) {
    const int i = m_theme->findData(static_cast<int>(id));
    if (i >= 0)
        m_theme->setCurrentIndex(i);
}

void ExportDialog::setPixelSize(QSize pixels) {
    const int i = m_size->findData(pixels);
    m_size->setCurrentIndex(i >= 0 ? i : m_size->count() - 1);
    m_width->setValue(pixels.width());
    m_height->setValue(pixels.height());
}

ExportChart ExportDialog::chart() const {
    return exportChartFromName(m_chart->currentData().toString())
        .value_or(ExportChart::dashboard());
}

ThemeId ExportDialog::themeId() const {
    return static_cast<ThemeId>(m_theme->currentData().toInt());
}

QSize ExportDialog::pixelSize() const {
    const QSize preset = m_size->currentData().toSize();
    return preset.isValid() ? preset : QSize(m_width->value(), m_height->value());
}

QString ExportDialog::suffix() const {
    return m_format->currentData().toString();
}

void ExportDialog::updateCustom() {
    const QSize preset = m_size->currentData().toSize();
    m_width->setEnabled(!preset.isValid());
    m_height->setEnabled(!preset.isValid());
    if (preset.isValid()) {
        m_width->setValue(preset.width());
        m_height->setValue(preset.height());
    }
}

bool ExportDialog::exportTo(const QString& path, QString* error) {
    QString target = path;
    if (QFileInfo(target).suffix().toLower() != suffix())
        target += QLatin1Char('.') + suffix();
    const ExportChart which = chart();
    const auto widget = createExportWidget(which, m_model, Theme::forId(themeId()), m_n);
    return saveByPath(widget.get(), pixelSize(), target, error, exportChartTitle(which));
}

void ExportDialog::save() {
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::PicturesLocation);
    const QString suggested =
        dir + QStringLiteral("/headroom-") + exportChartName(chart()) + QLatin1Char('.') + suffix();
    const QString filter =
        suffix().toUpper() + QStringLiteral(" (*.") + suffix() + QLatin1Char(')');
    const QString path =
        QFileDialog::getSaveFileName(this, QStringLiteral("Export chart"), suggested, filter);
    if (path.isEmpty())
        return;
    QString error;
    if (exportTo(path, &error))
        m_status->setText(QStringLiteral("Saved %1.").arg(QFileInfo(path).fileName()));
    else
        m_status->setText(error);
}

void ExportDialog::copy() {
    const ExportChart which = chart();
    const auto widget = createExportWidget(which, m_model, Theme::forId(themeId()), m_n);
    copyToClipboard(widget.get(), pixelSize());
    m_status->setText(QStringLiteral("Copied to the clipboard."));
}

} // namespace headroom::ui
