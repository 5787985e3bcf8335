// SPDX-License-Identifier: MIT
// Export functions, offscreen: images of the asked size with content, SVG well-formed and clipped
// to the plot area, PDF valid with embedded fonts, files by suffix, charts of a session.
#include "export.h"
#include "exportdialog.h"
#include "laddermodel.h"
#include "resultsmodel.h"
#include "ui_export_fixtures.h"

#include <QBuffer>
#include <QChart>
#include <QFile>
#include <QGraphicsScene>
#include <QHeaderView>
#include <QLabel>
#include <QLineSeries>
#include <QPainter>
#include <QRegularExpression>
#include <QSet>
#include <QSvgGenerator>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTransform>
#include <QVBoxLayout>
#include <QValueAxis>
#include <QXmlStreamReader>

using namespace headroom;
using namespace headroom::ui;

namespace {

const QColor kSeriesColour(0xff, 0x00, 0xff);

// A chart whose series runs far outside its axes on every side.
QChart* makeLeakyChart() {
    auto* chart = new QChart;
    chart->legend()->hide();
    chart->setTitle(QStringLiteral("Clipping"));
    auto* series = new QLineSeries;
    series->setPen(QPen(kSeriesColour, 3));
    series->setPointsVisible(true);
    const QList<QPointF> points{{-5, 5}, {2, -8}, {4, 18}, {6, 3}, {8, 25}, {15, 5}, {20, -3}};
    series->append(points);
    chart->addSeries(series);
    auto* x = new QValueAxis;
    auto* y = new QValueAxis;
    x->setRange(0, 10);
    y->setRange(0, 10);
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(x);
    series->attachAxis(y);
    return chart;
}

// All coordinates of SVG shapes painted (stroked or filled) in `colour`, in SVG user units,
// with the groups' transforms applied. Fails the test on malformed XML.
QList<QPointF> pointsInColour(const QByteArray& svg, const QColor& colour, int* textElements) {
    QList<QPointF> out;
    QXmlStreamReader xml(svg);
    struct Group {
        QTransform transform;
        bool painted = false;
    };
    QList<Group> stack{{}};
    static const QRegularExpression pair(
        QStringLiteral("(-?[0-9.]+(?:e[-+]?[0-9]+)?)[, ](-?[0-9.]+(?:e[-+]?[0-9]+)?)"));
    static const QRegularExpression matrix(QStringLiteral("matrix\\(([^)]*)\\)"));
    const QString name = colour.name();
    *textElements = 0;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            const auto attrs = xml.attributes();
            Group g = stack.last();
            if (xml.name() == QLatin1String("g")) {
                const auto m = matrix.match(attrs.value(QLatin1String("transform")).toString());
                if (m.hasMatch()) {
                    const QStringList v = m.captured(1).split(QLatin1Char(','));
                    if (v.size() == 6)
                        g.transform =
                            QTransform(v[0].toDouble(), v[1].toDouble(), v[2].toDouble(),
                                       v[3].toDouble(), v[4].toDouble(), v[5].toDouble()) *
                            stack.last().transform;
                }
                const QString stroke = attrs.value(QLatin1String("stroke")).toString();
                const QString fill = attrs.value(QLatin1String("fill")).toString();
                if (attrs.hasAttribute(QLatin1String("stroke")) ||
                    attrs.hasAttribute(QLatin1String("fill")))
                    g.painted = stroke.compare(name, Qt::CaseInsensitive) == 0 ||
                                fill.compare(name, Qt::CaseInsensitive) == 0;
            } else if (xml.name() == QLatin1String("text")) {
                ++*textElements;
            }
            QString coords;
            if (xml.name() == QLatin1String("path"))
                coords = attrs.value(QLatin1String("d")).toString();
            else if (xml.name() == QLatin1String("polyline") ||
                     xml.name() == QLatin1String("polygon"))
                coords = attrs.value(QLatin1String("points")).toString();
            if (g.painted && !coords.isEmpty()) {
                auto it = pair.globalMatch(coords);
                while (it.hasNext()) {
                    const auto m = it.next();
                    out << g.transform.map(
                        QPointF(m.captured(1).toDouble(), m.captured(2).toDouble()));
                }
            }
            stack << g;
        } else if (xml.isEndElement()) {
            stack.removeLast();
        }
    }
    if (xml.hasError())
        qWarning() << "SVG error" << xml.errorString() << "at line" << xml.lineNumber();
    return xml.hasError() ? QList<QPointF>{QPointF(qInf(), qInf())} : out;
}

int outside(const QList<QPointF>& points, const QRectF& area, qreal tolerance) {
    const QRectF r = area.adjusted(-tolerance, -tolerance, tolerance, tolerance);
    int count = 0;
    for (const QPointF& p : points)
        count += r.contains(p) ? 0 : 1;
    return count;
}

} // namespace

class TestUiExport : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void formatsBySuffix() {
        QCOMPARE(exportFormatForPath(QStringLiteral("a/b/chart.PNG")), ExportFormat::Png);
        QCOMPARE(exportFormatForPath(QStringLiteral("x.svg")), ExportFormat::Svg);
        QCOMPARE(exportFormatForPath(QStringLiteral("x.pdf")), ExportFormat::Pdf);
        QVERIFY(!exportFormatForPath(QStringLiteral("x.jpeg")));
        QVERIFY(!exportFormatForPath(QStringLiteral("png")));
    }

    void devicePixelRatioForSlides() {
        QCOMPARE(autoDevicePixelRatio(QSize(3840, 2160)), 2.0);
        QCOMPARE(autoDevicePixelRatio(QSize(1920, 1080)), 1.0);
        QCOMPARE(autoDevicePixelRatio(QSize(1280, 720)), 2.0 / 3.0);
        QCOMPARE(autoDevicePixelRatio(QSize(800, 600)), 2.0 / 3.0);
        QCOMPARE(logicalSizeFor(QSize(3840, 2160), 2.0), QSize(1920, 1080));
        QVERIFY(exportSizePresets().size() >= 2);
        QCOMPARE(exportSizePresets().at(1).pixels, QSize(3840, 2160));
    }

    void widgetToImageAtSizeAndRatio() {
        QWidget w;
        auto* layout = new QVBoxLayout(&w);
        auto* label = new QLabel(QStringLiteral("Plenty of room at the top"), &w);
        QFont f = label->font();
        f.setPointSize(24);
        label->setFont(f);
        layout->addWidget(label);
        w.resize(600, 150);
        const QImage image = renderToImage(&w, QSize(400, 300), 2.0);
        QCOMPARE(image.size(), QSize(800, 600));
        QCOMPARE(image.devicePixelRatio(), 2.0);
        QVERIFY2(testing::hasContent(image), qPrintable(testing::describeContent(image)));
        // The widget gets its own size back and was not left shown.
        QCOMPARE(w.size(), QSize(600, 150));
        QVERIFY(!w.isVisible());
        QVERIFY(renderToImage(static_cast<QWidget*>(nullptr), QSize(10, 10)).isNull());
        QVERIFY(renderToImage(&w, QSize(), 1.0).isNull());
    }

    void chartToPngHasAskedSize() {
        std::unique_ptr<QChart> chart(makeLeakyChart());
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("c.png"));
        QString error;
        QVERIFY2(savePng(chart.get(), QSize(1920, 1080), path, &error), qPrintable(error));
        QImage image(path);
        QCOMPARE(image.size(), QSize(1920, 1080));
        QVERIFY2(testing::hasContent(image), qPrintable(testing::describeContent(image)));
        QVERIFY2(saveByPath(chart.get(), QSize(3840, 2160), dir.filePath(QStringLiteral("big.png")),
                            &error),
                 qPrintable(error));
        QCOMPARE(QImage(dir.filePath(QStringLiteral("big.png"))).size(), QSize(3840, 2160));
    }

    void svgIsWellFormedAndClipped() {
        QGraphicsScene scene;
        QChart* chart = makeLeakyChart();
        scene.addItem(chart);
        const QSize size(800, 600);
        chart->resize(size);
        QCoreApplication::processEvents();
        QCoreApplication::sendPostedEvents();
        const QRectF plot = chart->plotArea();
        QVERIFY(plot.width() > 100 && plot.height() > 100);

        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("c.svg"));
        QString error;
        QVERIFY2(saveSvg(chart, size, path, &error, QStringLiteral("Clipping test")),
                 qPrintable(error));
        QCOMPARE(chart->size(), QSizeF(size));
        QCOMPARE(chart->plotArea(), plot);
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray svg = f.readAll();
        int texts = 0;
        const QList<QPointF> clipped = pointsInColour(svg, kSeriesColour, &texts);
        QVERIFY2(clipped.size() >= 4, "the series is missing from the SVG");
        QVERIFY2(texts > 0, "axis labels should stay text");
        // A stroke may end half a pen width (+ rounding) past the edge it was cut at.
        QCOMPARE(outside(clipped, plot, 2.0), 0);

        // Control: the same chart through a bare QSvgGenerator leaks, so the check above can fail.
        QByteArray raw;
        {
            QBuffer buffer(&raw);
            buffer.open(QIODevice::WriteOnly);
            QSvgGenerator generator;
            generator.setOutputDevice(&buffer);
            generator.setSize(size);
            generator.setViewBox(QRect(QPoint(), size));
            QPainter painter(&generator);
            scene.render(&painter, QRectF(QPointF(), QSizeF(size)), chart->sceneBoundingRect());
        }
        const QList<QPointF> leaking = pointsInColour(raw, kSeriesColour, &texts);
        QVERIFY(outside(leaking, plot, 2.0) > 0);
    }

    void pdfIsVectorWithEmbeddedFonts() {
        std::unique_ptr<QChart> chart(makeLeakyChart());
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("c.pdf"));
        QString error;
        QVERIFY2(savePdf(chart.get(), QSize(960, 540), path, &error), qPrintable(error));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray pdf = f.readAll();
        QVERIFY(pdf.startsWith("%PDF-"));
        QVERIFY2(pdf.size() > 2000, qPrintable(QString::number(pdf.size())));
        QVERIFY(pdf.contains("/FontFile"));        // fonts embedded
        QVERIFY(!pdf.contains("/Subtype /Image")); // vector, not a picture of the chart
        QVERIFY(pdf.trimmed().endsWith("%%EOF"));
    }

    void failuresAreReported() {
        std::unique_ptr<QChart> chart(makeLeakyChart());
        QTemporaryDir dir;
        QString error;
        QVERIFY(!saveByPath(chart.get(), QSize(100, 100), dir.filePath(QStringLiteral("x.gif")),
                            &error));
        QVERIFY(error.contains(QLatin1String(".png")));
        error.clear();
        const QString nowhere = dir.filePath(QStringLiteral("no/such/dir/x.png"));
        QVERIFY(!savePng(chart.get(), QSize(100, 100), nowhere, &error));
        QVERIFY(error.contains(nowhere));
        QVERIFY(!QFile::exists(nowhere));
        QVERIFY(
            !savePng(chart.get(), QSize(0, 100), dir.filePath(QStringLiteral("e.png")), &error));
    }

    void dialogExports() {
        ResultsModel model;
        model.setDatasets({Dataset::fromSession(testing::makeSession(QStringLiteral("A")))});
        ExportDialog dialog(&model);
        dialog.setChart(ExportChart::of(ChartKind::Gflops));
        QCOMPARE(exportChartName(dialog.chart()), QStringLiteral("gflops"));
        dialog.setPixelSize(QSize(3840, 2160));
        QCOMPARE(dialog.pixelSize(), QSize(3840, 2160));
        dialog.setPixelSize(QSize(800, 600)); // not a preset: custom
        QCOMPARE(dialog.pixelSize(), QSize(800, 600));
        dialog.setThemeId(ThemeId::Dark);
        QCOMPARE(dialog.themeId(), ThemeId::Dark);
        QCOMPARE(dialog.suffix(), QStringLiteral("png"));
        QTemporaryDir dir;
        QString error;
        QVERIFY2(dialog.exportTo(dir.filePath(QStringLiteral("from-dialog")), &error),
                 qPrintable(error));
        const QImage image(dir.filePath(QStringLiteral("from-dialog.png")));
        QCOMPARE(image.size(), QSize(800, 600));
        QVERIFY2(testing::hasContent(image), qPrintable(testing::describeContent(image)));
        // The dark theme reached the export: the corner is dark.
        QVERIFY(QColor(image.pixel(2, 2)).lightness() < 100);
    }

    void sessionChartsExport_data() {
        QTest::addColumn<QString>("chart");
        for (const char* name : {"runtime", "gflops", "roofline", "ladder", "dashboard"})
            QTest::newRow(name) << QString::fromLatin1(name);
    }

    void sessionChartsExport() {
        QFETCH(QString, chart);
        ResultsModel model;
        model.setDatasets({Dataset::fromSession(testing::makeSession(QStringLiteral("A")))});
        const auto which = exportChartFromName(chart);
        QVERIFY(which);
        QCOMPARE(exportChartName(*which), chart);
        const auto widget = createExportWidget(*which, &model, Theme::forId(ThemeId::Light));
        QVERIFY(widget);
        const QImage image = renderToImage(widget.get(), QSize(960, 540), 2.0);
        QCOMPARE(image.size(), QSize(1920, 1080));
        QVERIFY2(testing::hasContent(image), qPrintable(testing::describeContent(image)));
        QBuffer svg;
        svg.open(QIODevice::WriteOnly);
        QVERIFY(writeSvg(widget.get(), QSize(960, 540), &svg));
        QXmlStreamReader xml(svg.data());
        while (!xml.atEnd())
            xml.readNext();
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    }

    // The dashboard's quarter-page ladder table: the header is as tall as its most wrapped
    // label ("Science 2020 time, n = 4096" takes four lines there), and the check column
    // shows "extrapolated" whole, not elided.
    void dashboardTableFitsItsLabels() {
        ResultsModel model;
        model.setDatasets({Dataset::fromSession(testing::makeSession(QStringLiteral("A")))});
        const auto widget =
            createExportWidget(ExportChart::dashboard(), &model, Theme::forId(ThemeId::Light));
        widget->setAttribute(Qt::WA_DontShowOnScreen, true);
        widget->show();
        widget->resize(1920, 1080);
        widget->layout()->activate();
        QCoreApplication::processEvents();
        auto* table = widget->findChild<QTableView*>();
        QVERIFY(table);
        QHeaderView* header = table->horizontalHeader();
        const QFontMetrics fm(header->font());
        for (int i = 0; i < header->count(); ++i) {
            const QString text = table->model()->headerData(i, Qt::Horizontal).toString();
            const QRect r = fm.boundingRect(QRect(0, 0, header->sectionSize(i) - 8, 1 << 20),
                                            Qt::AlignCenter | Qt::TextWordWrap, text);
            QVERIFY2(r.height() < header->height(),
                     qPrintable(QStringLiteral("\"%1\" needs %2 px, the header has %3")
                                    .arg(text)
                                    .arg(r.height())
                                    .arg(header->height())));
        }
        QVERIFY(header->sectionSize(LadderModel::StatusColumn) >
                QFontMetrics(table->font()).horizontalAdvance(QStringLiteral("extrapolated")));
    }
};

QTEST_MAIN(TestUiExport)
#include "tst_ui_export.moc"
