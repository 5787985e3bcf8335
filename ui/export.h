// SPDX-License-Identifier: MIT
// Rendering charts for slides and papers, apart from any dialog: a widget (a ChartPanel, the
// dashboard, a table) or a bare QChart to a QImage at a chosen size and device pixel ratio, to
// PNG, to SVG (vector, clipped to the plot area although QSvgGenerator writes no clip paths), to
// PDF (vector, fonts embedded) and to the clipboard. Every format is rendered to memory, then
// written in one checked step (filewrite.h): atomically, never over a device node.
//
// The thing exported is laid out at the LOGICAL size and painted at logical × DPR pixels, so a
// 3840×2160 export is the 1920×1080 layout drawn with twice the detail (crisp text, the same
// proportions on a slide), never a scaled screenshot.
#pragma once

#include <QImage>
#include <QList>
#include <QSize>
#include <QString>

#include <optional>

class QChart;
class QIODevice;
class QWidget;

namespace headroom::ui {

enum class ExportFormat { Png, Svg, Pdf };

// By the file name's suffix (.png / .svg / .pdf, case-insensitive); nullopt otherwise.
std::optional<ExportFormat> exportFormatForPath(const QString& path);
QString exportFormatSuffix(ExportFormat format); // "png" | "svg" | "pdf"
// The raster format Qt writes for the path's suffix ("png", "jpg", "webp" where the plugin
// exists); "png" when there is no suffix; nullopt when Qt cannot write such images.
std::optional<QByteArray> rasterFormatForPath(const QString& path);
QString writableRasterSuffixes(); // "bmp, jpeg, jpg, png, ..." for messages

struct ExportSizePreset {
    QString name; // "1920 × 1080 (Full HD)"
    QSize pixels;
};
// 1920×1080, 3840×2160, 1280×720, 2560×1440 (slides); the dialog adds "Custom".
QList<ExportSizePreset> exportSizePresets();

// The device pixel ratio that lays out a `pixels` export like a 1920×1080 slide: 2 for
// 3840×2160, 1 for 1920×1080, 2/3 for 1280×720 and anything smaller (never below 2/3).
qreal autoDevicePixelRatio(QSize pixels);
// pixels / dpr, rounded; at least 1×1.
QSize logicalSizeFor(QSize pixels, qreal devicePixelRatio);

// What is exported: a widget (a ChartPanel, the dashboard, a table) or a bare QChart (in a view,
// in a scene, or in none). Converts implicitly from either pointer.
struct ExportSource {
    ExportSource(QWidget* w) // NOLINT(google-explicit-constructor): both pointers read naturally
        : widget(w) {}
    ExportSource(QChart* c) // NOLINT(google-explicit-constructor)
        : chart(c) {}
    QWidget* widget = nullptr;
    QChart* chart = nullptr;
};

// Lays `source` out at `logicalSize` (temporarily; its old size is restored) and paints it into
// an image of logicalSize × devicePixelRatio pixels. A hidden widget is shown off-screen for the
// duration. Returns a null image for a null source or an empty size.
QImage renderToImage(ExportSource source, QSize logicalSize, qreal devicePixelRatio = 1.0);

// PNG of `pixels` pixels, laid out at pixels / autoDevicePixelRatio(pixels); in the raster format
// of the path's suffix when it is not .png (rasterFormatForPath), refused when Qt cannot write it.
bool savePng(ExportSource source, QSize pixels, const QString& path, QString* error);
bool savePng(const QImage& image, const QString& path, QString* error);

// SVG of `logicalSize` user units (1 unit = 1 logical pixel at 96 dpi). Drawing outside the clip
// of each primitive (series outside the plot area) is cut off geometrically before it is written.
bool saveSvg(ExportSource source, QSize logicalSize, const QString& path, QString* error,
             const QString& title = {});
// The same into an open device (clipboard, tests).
bool writeSvg(ExportSource source, QSize logicalSize, QIODevice* device, const QString& title = {});

// PDF with one page of logicalSize pixels at 96 dpi (fonts embedded as subsets, vector).
bool savePdf(ExportSource source, QSize logicalSize, const QString& path, QString* error,
             const QString& title = {});

// By suffix: .png at `pixels` (auto DPR), .svg/.pdf at the logical size pixels / auto DPR (so the
// three formats of one export look alike). Unknown suffix: false with a message.
bool saveByPath(ExportSource source, QSize pixels, const QString& path, QString* error,
                const QString& title = {});

// Puts the PNG image (and the SVG as image/svg+xml) on the clipboard.
void copyToClipboard(ExportSource source, QSize pixels);

} // namespace headroom::ui
