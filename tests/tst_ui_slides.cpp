// SPDX-License-Identifier: MIT
// Charts on a slide (#19): every chart and the dashboard, in the presentation and light themes, at
// 1280x720 and 1920x1080, laid out as the export lays them out. Walks every text the scene and the
// widgets draw: none elided ("..."), none cut at the image's edge, none printed over another.
#include "chartpanel.h"
#include "export.h"
#include "exportdialog.h"
#include "resultsmodel.h"
#include "theme.h"
#include "ui_export_fixtures.h"

#include <QChart>
#include <QChartView>
#include <QGraphicsItem>
#include <QGraphicsSimpleTextItem>
#include <QGraphicsTextItem>
#include <QLabel>
#include <QLayout>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace headroom;
using namespace headroom::ui;

namespace {

struct DrawnText {
    QString text;
    QRectF box; // in the exported widget's coordinates
    QString where;
};

bool elided(const QString& text) {
    return text.endsWith(QLatin1String("...")) || text.contains(QChar(0x2026));
}

// The visible text items of a chart view's scene, mapped into `top`'s coordinates.
QList<DrawnText> sceneTexts(QChartView* view, QWidget* top) {
    QList<DrawnText> out;
    const auto items = view->scene()->items();
    for (QGraphicsItem* item : items) {
        if (!item->isVisible() || item->opacity() == 0)
            continue;
        // Text drawn transparent (an axis's own labels, kept for their room) is not on the slide.
        QString text;
        if (auto* t = dynamic_cast<QGraphicsSimpleTextItem*>(item)) {
            if (t->brush().style() == Qt::NoBrush || t->brush().color().alpha() == 0)
                continue;
            text = t->text();
        } else if (auto* t2 = dynamic_cast<QGraphicsTextItem*>(item)) {
            if (t2->defaultTextColor().alpha() == 0)
                continue;
            text = t2->toPlainText();
        } else {
            continue;
        }
        if (text.trimmed().isEmpty())
            continue;
        const QRectF scene = item->sceneBoundingRect();
        const QPolygon inView = view->mapFromScene(scene);
        const QRect inTop(view->mapTo(top, inView.boundingRect().topLeft()),
                          inView.boundingRect().size());
        out << DrawnText{text, QRectF(inTop), view->chart()->title()};
    }
    return out;
}

// Single-line labels (the notes, the heading): their text must fit their width.
QList<DrawnText> labelTexts(QWidget* top, QStringList* cut) {
    QList<DrawnText> out;
    const auto labels = top->findChildren<QLabel*>();
    for (QLabel* l : labels) {
        if (!l->isVisibleTo(top) || l->text().isEmpty())
            continue;
        const QRect r(l->mapTo(top, QPoint(0, 0)), l->size());
        const bool elidesItself = l->objectName() == QLatin1String("dashboardHeading");
        if (!l->wordWrap() && !elidesItself &&
            l->fontMetrics().horizontalAdvance(l->text()) > l->contentsRect().width() + 1)
            *cut << QStringLiteral("label cut: \"%1\"").arg(l->text().left(60));
        out << DrawnText{l->text(), QRectF(r), QStringLiteral("label")};
    }
    return out;
}

// Table cells whose one-word text (a number, a ratio) is wider than its column: the view
// elides those ("0....").
QStringList cutTableCells(QWidget* top) {
    QStringList cut;
    const auto tables = top->findChildren<QTableView*>();
    for (QTableView* t : tables) {
        if (!t->isVisibleTo(top))
            continue;
        const QAbstractItemModel* m = t->model();
        const QFontMetrics fm(t->font());
        for (int c = 0; c < m->columnCount(); ++c) {
            if (t->isColumnHidden(c))
                continue;
            for (int r = 0; r < m->rowCount(); ++r) {
                const QString text = m->data(m->index(r, c)).toString();
                if (text.isEmpty() || text.contains(QLatin1Char(' ')))
                    continue; // wraps at its spaces
                if (fm.horizontalAdvance(text) > t->columnWidth(c) - 6)
                    cut << QStringLiteral("table cell cut: \"%1\" in a column %2 px wide")
                               .arg(text)
                               .arg(t->columnWidth(c));
            }
        }
    }
    return cut;
}

// Laid out as the export lays a widget out: shown off screen, resized, posted events settled.
void layOut(QWidget* w, QSize logical) {
    w->setAttribute(Qt::WA_DontShowOnScreen, true);
    w->show();
    w->resize(logical);
    if (w->layout())
        w->layout()->activate();
    for (int i = 0; i < 3; ++i) {
        QCoreApplication::sendPostedEvents();
        QCoreApplication::processEvents();
    }
}

double overlapShare(const QRectF& a, const QRectF& b) {
    const QRectF i = a.intersected(b);
    if (i.isEmpty())
        return 0;
    const double smaller = std::min(a.width() * a.height(), b.width() * b.height());
    return smaller > 0 ? i.width() * i.height() / smaller : 0;
}

} // namespace

class TestUiSlides : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        Session s = testing::makeSession(QStringLiteral("slide"), 1.0, {256, 512, 1024});
        // Sampled points say so in the table's check column, its longest text.
        for (PointResult& p : s.results)
            if (p.n == 1024 &&
                (p.rung == QLatin1String("java") || p.rung == QLatin1String("naive")))
                p.sampledRows = 3;
        m_model.setDatasets({Dataset::fromSession(s)});
    }

    void nothingElidedCutOrOverprinted_data() {
        QTest::addColumn<QString>("chart");
        QTest::addColumn<QString>("theme");
        QTest::addColumn<QSize>("pixels");
        for (const char* chart : {"runtime", "gflops", "roofline", "ladder", "dashboard"})
            for (const char* theme : {"presentation", "light"})
                for (const QSize size : {QSize(1280, 720), QSize(1920, 1080)})
                    QTest::addRow("%s %s %dx%d", chart, theme, size.width(), size.height())
                        << QString::fromLatin1(chart) << QString::fromLatin1(theme) << size;
    }

    void nothingElidedCutOrOverprinted() {
        QFETCH(QString, chart);
        QFETCH(QString, theme);
        QFETCH(QSize, pixels);
        const auto kind = exportChartFromName(chart);
        QVERIFY(kind);
        const auto id = Theme::idFromName(theme);
        QVERIFY(id);
        std::unique_ptr<QWidget> w = createExportWidget(*kind, &m_model, Theme::forId(*id), 0);
        const QSize logical = logicalSizeFor(pixels, autoDevicePixelRatio(pixels));
        layOut(w.get(), logical);

        QStringList problems;
        QList<DrawnText> texts = labelTexts(w.get(), &problems);
        const auto views = w->findChildren<QChartView*>();
        for (QChartView* v : views)
            texts << sceneTexts(v, w.get());
        problems << cutTableCells(w.get());
        const QRectF page(QPointF(0, 0), QSizeF(logical));
        for (const DrawnText& t : std::as_const(texts)) {
            if (elided(t.text))
                problems << QStringLiteral("elided: \"%1\" (%2)").arg(t.text, t.where);
            if (!page.adjusted(-1, -1, 1, 1).contains(t.box))
                problems << QStringLiteral("cut at the edge: \"%1\" at %2,%3 %4x%5")
                                .arg(t.text.left(40))
                                .arg(t.box.x())
                                .arg(t.box.y())
                                .arg(t.box.width())
                                .arg(t.box.height());
        }
        for (qsizetype i = 0; i < texts.size(); ++i)
            for (qsizetype j = i + 1; j < texts.size(); ++j)
                if (overlapShare(texts[i].box, texts[j].box) > 0.25 &&
                    texts[i].where != QLatin1String("label") &&
                    texts[j].where != QLatin1String("label"))
                    problems << QStringLiteral("overprinted: \"%1\" and \"%2\"")
                                    .arg(texts[i].text.left(40), texts[j].text.left(40));
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QStringLiteral("\n  "))));
    }

    // A 300-character session title is elided in the heading; the panels keep their quarters.
    void longTitleStaysInTheHeading() {
        ResultsModel model;
        Session s = testing::makeSession(QString(300, QLatin1Char('T')), 1.0, {256, 512});
        model.setDatasets({Dataset::fromSession(s, QString(300, QLatin1Char('L')))});
        std::unique_ptr<QWidget> w = createExportWidget(ExportChart::dashboard(), &model,
                                                        Theme::forId(ThemeId::Presentation), 0);
        const QSize logical(1920, 1080);
        layOut(w.get(), logical);
        const auto panels = w->findChildren<ChartPanel*>();
        QCOMPARE(panels.size(), 4);
        for (ChartPanel* p : panels) {
            const QRect r(p->mapTo(w.get(), QPoint(0, 0)), p->QWidget::size());
            QVERIFY2(QRect(QPoint(0, 0), logical).contains(r),
                     qPrintable(QStringLiteral("panel at %1,%2 %3x%4")
                                    .arg(r.x())
                                    .arg(r.y())
                                    .arg(r.width())
                                    .arg(r.height())));
            QVERIFY(r.width() > logical.width() / 3); // a quarter, not a squashed column
        }
        auto* heading = w->findChild<QLabel*>(QStringLiteral("dashboardHeading"));
        QVERIFY(heading);
        QVERIFY(heading->width() <= logical.width());
    }

    // The table's swatches and marks take the theme of the export, not the desktop's.
    void darkTableUsesDarkColours() {
        const Theme dark = Theme::forId(ThemeId::Dark), light = Theme::forId(ThemeId::Light);
        std::unique_ptr<QWidget> w =
            createExportWidget(ExportChart::of(ChartKind::Ladder), &m_model, dark, 0);
        auto* panel = qobject_cast<ChartPanel*>(w.get());
        QVERIFY(panel && panel->tableModel());
        const QAbstractItemModel* table = panel->tableModel();
        int differing = 0;
        for (int row = 0; row < table->rowCount(); ++row) {
            const QColor shown =
                table->data(table->index(row, 0), Qt::DecorationRole).value<QColor>();
            const QString name = table->data(table->index(row, 0)).toString();
            // Find the rung id whose label this row shows.
            for (const auto& rt : testing::kLadder1024) {
                const QString id = QString::fromLatin1(rt.rung);
                if (rungLabel(id) != name)
                    continue;
                QCOMPARE(shown, rungColor(id, dark));
                differing += rungColor(id, dark) != rungColor(id, light);
            }
        }
        QVERIFY(differing > 0); // else the check above could not tell the themes apart
    }

    // Under a German locale the chart's labels and its axis ticks use one notation (Qt Charts'
    // log axes print "0.01" whatever the locale, so the labels do too), and the ticks are there.
    void ticksAndLabelsUseOneNotation() {
        const QLocale before;
        QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
        std::unique_ptr<QWidget> w = createExportWidget(ExportChart::of(ChartKind::Runtime),
                                                        &m_model, Theme::forId(ThemeId::Light), 0);
        layOut(w.get(), QSize(1920, 1080));
        QLocale::setDefault(before);
        const auto views = w->findChildren<QChartView*>();
        QVERIFY(!views.isEmpty());
        const QRegularExpression tick(QStringLiteral("^0\\.0*1$"));            // 0.01, 0.1
        const QRegularExpression comma(QStringLiteral("\\d,\\d{1,2}(?!\\d)")); // "1,10 s"
        int ticks = 0;
        QStringList decimalCommas;
        for (const DrawnText& t : sceneTexts(views.first(), w.get())) {
            ticks += tick.match(t.text).hasMatch();
            if (comma.match(t.text).hasMatch())
                decimalCommas << t.text;
        }
        QVERIFY2(ticks > 0, "the time axis lost its tick labels");
        QVERIFY2(decimalCommas.isEmpty(), qPrintable(decimalCommas.join(QStringLiteral(" | "))));
    }

    // The dashboard's PDF draws what its PNG draws: every legend entry with its marker (the PDF
    // kept only the first entry of each legend: 1.3 % of a 480x270 thumbnail differed, against
    // 0.02 % once fixed). Rasterized by pdftoppm and compared with the PNG rendering.
    void dashboardPdfMatchesItsPng() {
        const QString pdftoppm = QStandardPaths::findExecutable(QStringLiteral("pdftoppm"));
        if (pdftoppm.isEmpty())
            QSKIP("pdftoppm (poppler-utils, installed by run.sh) is needed to read the PDF");
        QTemporaryDir dir;
        const QString pdf = dir.filePath(QStringLiteral("dashboard.pdf"));
        std::unique_ptr<QWidget> w = createExportWidget(ExportChart::dashboard(), &m_model,
                                                        Theme::forId(ThemeId::Presentation), 0);
        QString error;
        QVERIFY2(savePdf(w.get(), QSize(1920, 1080), pdf, &error), qPrintable(error));
        const QImage png = renderToImage(w.get(), QSize(1920, 1080));
        QProcess p;
        p.start(pdftoppm,
                {QStringLiteral("-png"), QStringLiteral("-r"), QStringLiteral("96"),
                 QStringLiteral("-singlefile"), pdf, dir.filePath(QStringLiteral("page"))});
        QVERIFY(p.waitForFinished(60000));
        const QImage page(dir.filePath(QStringLiteral("page.png")));
        QVERIFY2(!page.isNull(), qPrintable(QString::fromUtf8(p.readAllStandardError())));
        auto thumb = [](const QImage& i) {
            return i.scaled(480, 270, Qt::IgnoreAspectRatio, Qt::SmoothTransformation)
                .convertToFormat(QImage::Format_Grayscale8);
        };
        const QImage a = thumb(png), b = thumb(page);
        int differing = 0;
        for (int y = 0; y < a.height(); ++y)
            for (int x = 0; x < a.width(); ++x)
                differing += std::abs(int(a.constScanLine(y)[x]) - int(b.constScanLine(y)[x])) > 64;
        const double share = double(differing) / (a.width() * a.height());
        QVERIFY2(share < 0.003,
                 qPrintable(
                     QStringLiteral("%1 % of the thumbnail differs").arg(100 * share, 0, 'f', 2)));
    }

private:
    ResultsModel m_model;
};

QTEST_MAIN(TestUiSlides)
#include "tst_ui_slides.moc"
