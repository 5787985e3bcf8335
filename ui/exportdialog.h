// SPDX-License-Identifier: MIT
// What can be exported (one chart kind, or the dashboard of all four) built as a widget of its
// own, off screen, so an export never disturbs the window on screen; and the dialog that picks
// chart, format, size and theme and calls the functions of export.h.
#pragma once

#include "charts.h"
#include "theme.h"

#include <QDialog>
#include <QSize>
#include <QString>

#include <memory>
#include <optional>

class QComboBox;
class QLabel;
class QSpinBox;
class QWidget;

namespace headroom::ui {

class ResultsModel;

// A chart kind, or all four on one image.
struct ExportChart {
    std::optional<ChartKind> kind; // nullopt = the dashboard
    bool isDashboard() const { return !kind.has_value(); }
    static ExportChart dashboard() { return {}; }
    static ExportChart of(ChartKind k) { return {k}; }
};

// "runtime"|"gflops"|"roofline"|"ladder"|"dashboard"
std::optional<ExportChart> exportChartFromName(const QString& name);
QString exportChartName(const ExportChart& chart);
QString exportChartTitle(const ExportChart& chart);

// A widget drawing `chart` from `model` in `theme`, without the interactive controls, ready for
// export.h. `n` picks the size for the runtime bars and the ladder table (0 = the largest common
// size). The dashboard is a 2×2 grid: runtime, performance vs size, roofline, ladder table.
std::unique_ptr<QWidget> createExportWidget(const ExportChart& chart, ResultsModel* model,
                                            const Theme& theme, int n = 0);

// Chart, format, size (presets + custom), theme; Save writes a file through export.h, Copy puts
// the image on the clipboard. Nothing is rendered until the user asks.
class ExportDialog : public QDialog {
    Q_OBJECT

public:
    ExportDialog(ResultsModel* model, QWidget* parent = nullptr);

    void setChart(const ExportChart& chart);
    void setThemeId(ThemeId id);
    void setPixelSize(QSize pixels);
    void setSizeN(int n) { m_n = n; }

    ExportChart chart() const;
    ThemeId themeId() const;
    QSize pixelSize() const;
    QString suffix() const; // "png" | "svg" | "pdf"

    // Renders the current choice to `path` (format by the dialog's choice, suffix added when
    // missing); false with *error on failure.
    bool exportTo(const QString& path, QString* error);

private:
    void save();
    void copy();
    void updateCustom();

    ResultsModel* m_model;
    int m_n = 0;
    QComboBox* m_chart = nullptr;
    QComboBox* m_format = nullptr;
    QComboBox* m_size = nullptr;
    QComboBox* m_theme = nullptr;
    QSpinBox* m_width = nullptr;
    QSpinBox* m_height = nullptr;
    QLabel* m_status = nullptr;
};

} // namespace headroom::ui
