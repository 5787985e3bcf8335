// SPDX-License-Identifier: MIT
#include "export.h"

#include "filewrite.h"
#include "svgclip.h"

#include <QApplication>
#include <QBuffer>
#include <QChart>
#include <QClipboard>
#include <QCoreApplication>
#include <QFileInfo>
#include <QFontMetricsF>
#include <QGraphicsScene>
#include <QGraphicsView>
#include <QImageWriter>
#include <QLayout>
#include <QMimeData>
#include <QPainter>
#include <QPdfWriter>
#include <QStringList>
#include <QSvgGenerator>
#include <QWidget>

#include <cmath>
#include <functional>
#include <memory>

namespace headroom::ui {

namespace {

// Widgets and charts lay themselves out in posted events (layout requests, QtCharts' deferred
// axis updates); a few rounds settle them.
void settle() {
    for (int i = 0; i < 3; ++i) {
        QCoreApplication::sendPostedEvents();
        QCoreApplication::processEvents(QEventLoop::ExcludeUserInputEvents);
    }
}

// What is exported, laid out at a size for the duration of one export and restored after.
class Subject {
public:
    explicit Subject(ExportSource source)
        : m_widget(source.widget)
        , m_chart(source.chart) {}
    Subject(const Subject&) = delete;
    Subject& operator=(const Subject&) = delete;
    ~Subject() { restore(); }

    bool valid() const { return m_widget || m_chart; }

    void layout(QSize size) {
        if (m_widget) {
            m_oldWidgetSize = m_widget->size();
            if (!m_widget->isVisible() && m_widget->isWindow()) {
                // Hidden widgets are not laid out; show them where nobody sees them.
                m_shown = true;
                m_widget->setAttribute(Qt::WA_DontShowOnScreen, true);
                m_widget->show();
            }
            m_widget->resize(size);
            if (m_widget->layout())
                m_widget->layout()->activate();
        } else {
            m_oldChartSize = m_chart->size();
            if (!m_chart->scene()) {
                m_ownScene = std::make_unique<QGraphicsScene>();
                m_ownScene->addItem(m_chart);
            }
            m_chart->resize(QSizeF(size));
        }
        settle();
        m_laidOut = true;
    }

    // A widget tree whose chart views draw their scenes directly: QPdfEngine mis-clips a chart
    // legend inside a child view (the dashboard's PDF legends kept only their first entry,
    // without its marker), while a scene rendered on its own keeps every entry.
    void paintScenes(QPainter* painter, QSize size) {
        if (!m_widget) {
            paint(painter, size);
            return;
        }
        paintTree(m_widget, painter, QPoint(0, 0));
    }

    void paint(QPainter* painter, QSize size) {
        if (m_widget) {
            m_widget->render(painter, QPoint(), QRegion(),
                             QWidget::DrawWindowBackground | QWidget::DrawChildren);
        } else {
            m_chart->scene()->render(painter, QRectF(QPointF(), QSizeF(size)),
                                     m_chart->sceneBoundingRect(), Qt::IgnoreAspectRatio);
        }
    }

private:
    static void paintTree(QWidget* w, QPainter* painter, QPoint at) {
        if (auto* view = qobject_cast<QGraphicsView*>(w); view && view->scene()) {
            const QRect inView = view->viewport()->geometry();
            view->scene()->render(painter, QRectF(at + inView.topLeft(), inView.size()),
                                  view->mapToScene(view->viewport()->rect()).boundingRect(),
                                  Qt::IgnoreAspectRatio);
            return;
        }
        w->render(painter, at, QRegion(), QWidget::DrawWindowBackground);
        const auto children = w->children();
        for (QObject* o : children) {
            auto* child = qobject_cast<QWidget*>(o);
            if (child && child->isVisible() && !child->isWindow())
                paintTree(child, painter, at + child->pos());
        }
    }

    void restore() {
        if (!m_laidOut)
            return;
        if (m_widget) {
            m_widget->resize(m_oldWidgetSize);
            if (m_shown) {
                m_widget->hide();
                m_widget->setAttribute(Qt::WA_DontShowOnScreen, false);
            }
        } else {
            m_chart->resize(m_oldChartSize);
            if (m_ownScene)
                m_ownScene->removeItem(m_chart);
        }
        m_laidOut = false;
    }

    QWidget* m_widget = nullptr;
    QChart* m_chart = nullptr;
    QSize m_oldWidgetSize;
    QSizeF m_oldChartSize;
    bool m_shown = false;
    bool m_laidOut = false;
    std::unique_ptr<QGraphicsScene> m_ownScene;
};

// Charts and widgets lay out with the screen's logical DPI; vector outputs use the same so that
// text has the size it has on screen relative to the layout.
constexpr int kLogicalDpi = 96;

bool writeSvgImpl(Subject& subject, QSize logicalSize, QIODevice* device, const QString& title) {
    if (!subject.valid() || logicalSize.isEmpty() || !device)
        return false;
    QSvgGenerator generator;
    generator.setOutputDevice(device);
    generator.setSize(logicalSize);
    generator.setViewBox(QRect(QPoint(), logicalSize));
    generator.setResolution(kLogicalDpi);
    generator.setTitle(title.isEmpty() ? QStringLiteral("Headroom chart") : title);
    generator.setDescription(QStringLiteral("Made with Headroom"));
    subject.layout(logicalSize);
    ClippingDevice clipping(&generator);
    QPainter painter;
    if (!painter.begin(&clipping))
        return false;
    subject.paint(&painter, logicalSize);
    return painter.end();
}

// Renders into memory, then writes `path` in one checked step (filewrite.h): a failed render or
// write leaves the old file whole and says why. `what` names the format in the error message.
bool writeAtomically(const QString& path, QString* error, const QString& what,
                     const std::function<bool(QIODevice*)>& write) {
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    if (!write(&buffer)) {
        if (error)
            *error = QStringLiteral("cannot render the %1 for %2").arg(what, path);
        return false;
    }
    buffer.close();
    if (!writeFileChecked(path, buffer.data(), error))
        return false;
    return true;
}

bool failEmpty(const Subject& subject, QSize size, QString* error) {
    if (!subject.valid() || size.isEmpty()) {
        if (error)
            *error = subject.valid() ? QStringLiteral("The export size is empty.")
                                     : QStringLiteral("Nothing to export.");
        return true;
    }
    return false;
}

QImage renderImpl(Subject& subject, QSize logicalSize, qreal dpr) {
    if (!subject.valid() || logicalSize.isEmpty() || dpr <= 0)
        return {};
    subject.layout(logicalSize);
    const QSize pixels(qRound(logicalSize.width() * dpr), qRound(logicalSize.height() * dpr));
    QImage image(pixels, QImage::Format_ARGB32_Premultiplied);
    // QPainter scales by an image's ratio only above 1: below, the scale is the painter's.
    image.setDevicePixelRatio(std::max<qreal>(1.0, dpr));
    image.fill(Qt::white); // widgets without their own background export on white, not black
    QPainter painter(&image);
    if (dpr < 1.0)
        painter.scale(dpr, dpr);
    painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing |
                           QPainter::SmoothPixmapTransform);
    subject.paint(&painter, logicalSize);
    painter.end();
    return image;
}

bool savePngImpl(Subject& subject, QSize pixels, const QString& path, QString* error) {
    if (failEmpty(subject, pixels, error))
        return false;
    const qreal dpr = autoDevicePixelRatio(pixels);
    QImage image = renderImpl(subject, logicalSizeFor(pixels, dpr), dpr);
    // Rounding logical × dpr may miss the asked size by a pixel; the file has exactly that size.
    if (image.size() != pixels)
        image = image.copy(QRect(QPoint(), pixels));
    return savePng(image, path, error);
}

bool saveSvgImpl(Subject& subject, QSize logicalSize, const QString& path, QString* error,
                 const QString& title) {
    if (failEmpty(subject, logicalSize, error))
        return false;
    return writeAtomically(path, error, QStringLiteral("SVG"), [&](QIODevice* device) {
        return writeSvgImpl(subject, logicalSize, device, title);
    });
}

bool writePdfImpl(Subject& subject, QSize logicalSize, QIODevice* device, const QString& title) {
    QPdfWriter writer(device);
    writer.setResolution(kLogicalDpi);
    // One page exactly the size of the chart: logical pixels at 96 dpi, in points.
    const QSizeF points(logicalSize.width() * 72.0 / kLogicalDpi,
                        logicalSize.height() * 72.0 / kLogicalDpi);
    writer.setPageSize(QPageSize(points, QPageSize::Point, QString(), QPageSize::ExactMatch));
    writer.setPageMargins(QMarginsF(0, 0, 0, 0));
    writer.setTitle(title.isEmpty() ? QStringLiteral("Headroom chart") : title);
    writer.setCreator(QStringLiteral("Headroom"));
    subject.layout(logicalSize);
    QPainter painter;
    if (!painter.begin(&writer))
        return false;
    // The writer's page may round to whole device units; scale the layout onto it.
    painter.scale(double(writer.width()) / logicalSize.width(),
                  double(writer.height()) / logicalSize.height());
    subject.paintScenes(&painter, logicalSize);
    return painter.end();
}

bool savePdfImpl(Subject& subject, QSize logicalSize, const QString& path, QString* error,
                 const QString& title) {
    if (failEmpty(subject, logicalSize, error))
        return false;
    return writeAtomically(path, error, QStringLiteral("PDF"), [&](QIODevice* device) {
        return writePdfImpl(subject, logicalSize, device, title);
    });
}

bool saveByPathImpl(Subject& subject, QSize pixels, const QString& path, QString* error,
                    const QString& title) {
    auto format = exportFormatForPath(path);
    if (!format && !QFileInfo(path).suffix().isEmpty() && rasterFormatForPath(path))
        format = ExportFormat::Png; // .jpg, .webp ...: a raster image in that format
    if (!format) {
        if (error)
            *error = QStringLiteral("Unknown export format for %1 (use .png, .svg, .pdf or an "
                                    "image format Qt writes: %2).")
                         .arg(path, writableRasterSuffixes());
        return false;
    }
    const QSize logical = logicalSizeFor(pixels, autoDevicePixelRatio(pixels));
    switch (*format) {
    case ExportFormat::Png:
        return savePngImpl(subject, pixels, path, error);
    case ExportFormat::Svg:
        return saveSvgImpl(subject, logical, path, error, title);
    case ExportFormat::Pdf:
        return savePdfImpl(subject, logical, path, error, title);
    }
    return false;
}

void copyImpl(Subject& subject, QSize pixels) {
    const qreal dpr = autoDevicePixelRatio(pixels);
    const QSize logical = logicalSizeFor(pixels, dpr);
    auto* mime = new QMimeData;
    mime->setImageData(renderImpl(subject, logical, dpr));
    QBuffer svg;
    svg.open(QIODevice::WriteOnly);
    if (writeSvgImpl(subject, logical, &svg, {}))
        mime->setData(QStringLiteral("image/svg+xml"), svg.data());
    QGuiApplication::clipboard()->setMimeData(mime);
}

} // namespace

std::optional<ExportFormat> exportFormatForPath(const QString& path) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("png"))
        return ExportFormat::Png;
    if (suffix == QLatin1String("svg"))
        return ExportFormat::Svg;
    if (suffix == QLatin1String("pdf"))
        return ExportFormat::Pdf;
    return std::nullopt;
}

std::optional<QByteArray> rasterFormatForPath(const QString& path) {
    const QByteArray suffix = QFileInfo(path).suffix().toLower().toLatin1();
    if (suffix.isEmpty())
        return QByteArray("png");
    if (QImageWriter::supportedImageFormats().contains(suffix))
        return suffix;
    return std::nullopt;
}

QString writableRasterSuffixes() {
    QStringList names;
    const QList<QByteArray> formats = QImageWriter::supportedImageFormats();
    for (const QByteArray& f : formats)
        names << QString::fromLatin1(f);
    return names.join(QStringLiteral(", "));
}

QString exportFormatSuffix(ExportFormat format) {
    switch (format) {
    case ExportFormat::Png:
        return QStringLiteral("png");
    case ExportFormat::Svg:
        return QStringLiteral("svg");
    case ExportFormat::Pdf:
        return QStringLiteral("pdf");
    }
    return {};
}

QList<ExportSizePreset> exportSizePresets() {
    return {
        {QStringLiteral("1920 × 1080 (Full HD slide)"), QSize(1920, 1080)},
        {QStringLiteral("3840 × 2160 (4K slide)"), QSize(3840, 2160)},
        {QStringLiteral("1280 × 720 (HD)"), QSize(1280, 720)},
        {QStringLiteral("2560 × 1440 (QHD)"), QSize(2560, 1440)},
    };
}

qreal autoDevicePixelRatio(QSize pixels) {
    if (pixels.isEmpty())
        return 1.0;
    // Below 1920×1080 the layout stays that of a 1920×1080 slide drawn smaller (down to
    // 1280×720's 2/3): at 1 the same type on fewer pixels crowded a 1280×720 slide.
    const qreal r = std::min(pixels.width() / 1920.0, pixels.height() / 1080.0);
    return std::max<qreal>(2.0 / 3.0, r);
}

QSize logicalSizeFor(QSize pixels, qreal devicePixelRatio) {
    const qreal dpr = devicePixelRatio > 0 ? devicePixelRatio : 1.0;
    return QSize(std::max(1, qRound(pixels.width() / dpr)),
                 std::max(1, qRound(pixels.height() / dpr)));
}

QImage renderToImage(ExportSource source, QSize logicalSize, qreal devicePixelRatio) {
    Subject subject(source);
    return renderImpl(subject, logicalSize, devicePixelRatio);
}

bool savePng(const QImage& image, const QString& path, QString* error) {
    if (image.isNull()) {
        if (error)
            *error = QStringLiteral("Nothing to export.");
        return false;
    }
    const auto format = rasterFormatForPath(path);
    if (!format) {
        if (error)
            *error = QStringLiteral("%1: Qt cannot write .%2 images here; use .png (or %3)")
                         .arg(path, QFileInfo(path).suffix(), writableRasterSuffixes());
        return false;
    }
    return writeAtomically(path, error, QString::fromLatin1(format->toUpper()),
                           [&](QIODevice* device) { return image.save(device, format->data()); });
}

bool savePng(ExportSource source, QSize pixels, const QString& path, QString* error) {
    Subject subject(source);
    return savePngImpl(subject, pixels, path, error);
}

bool saveSvg(ExportSource source, QSize logicalSize, const QString& path, QString* error,
             const QString& title) {
    Subject subject(source);
    return saveSvgImpl(subject, logicalSize, path, error, title);
}

bool writeSvg(ExportSource source, QSize logicalSize, QIODevice* device, const QString& title) {
    Subject subject(source);
    return writeSvgImpl(subject, logicalSize, device, title);
}

bool savePdf(ExportSource source, QSize logicalSize, const QString& path, QString* error,
             const QString& title) {
    Subject subject(source);
    return savePdfImpl(subject, logicalSize, path, error, title);
}

bool saveByPath(ExportSource source, QSize pixels, const QString& path, QString* error,
                const QString& title) {
    Subject subject(source);
    return saveByPathImpl(subject, pixels, path, error, title);
}

void copyToClipboard(ExportSource source, QSize pixels) {
    Subject subject(source);
    copyImpl(subject, pixels);
}

} // namespace headroom::ui
