// SPDX-License-Identifier: MIT
#include "chartcli.h"

#include "compare.h"
#include "export.h"
#include "exportdialog.h"
#include "resultsmodel.h"
#include "theme.h"

#include <QApplication>
#include <QFileInfo>
#include <QTextStream>
#include <QWidget>

#include <cstdio>
#include <memory>
#include <utility>

namespace headroom::ui {

namespace {

// Qt's offscreen platform says "This plugin does not support propagateSizeHints()" for every
// window laid out off screen: true, harmless here, and noise in a terminal that prints one line
// per file written. Only that message is dropped; everything else goes to the handler before.
QtMessageHandler g_previousHandler = nullptr;
void dropOffscreenSizeHintNotice(QtMsgType type, const QMessageLogContext& context,
                                 const QString& message) {
    if (type == QtWarningMsg &&
        message == QLatin1String("This plugin does not support propagateSizeHints()"))
        return;
    if (g_previousHandler)
        g_previousHandler(type, context, message);
    else
        fprintf(stderr, "%s\n", qPrintable(message));
}

constexpr int kMinPixels = 16;
constexpr int kMaxPixels = 16384;

// The written format follows the file name's suffix where Qt can write it (--png chart.jpg writes
// a JPEG); a suffix that contradicts the option is refused, never written in the wrong format.
QString outputFormatMismatch(const ChartRequest& o) {
    if (!o.png.isEmpty() && !rasterFormatForPath(o.png))
        return QStringLiteral("--png: Qt cannot write .%1 images (%2); use --svg or --pdf for "
                              "vector files, or an image suffix: %3")
            .arg(QFileInfo(o.png).suffix(), o.png, writableRasterSuffixes());
    for (const auto& [option, path] :
         {std::pair{QStringLiteral("svg"), o.svg}, std::pair{QStringLiteral("pdf"), o.pdf}}) {
        const QString suffix = QFileInfo(path).suffix().toLower();
        if (!path.isEmpty() && !suffix.isEmpty() && suffix != option)
            return QStringLiteral("--%1 writes %2, but %3 ends in .%4: name it .%1")
                .arg(option, option.toUpper(), path, suffix);
    }
    return {};
}

int exportChart(const ChartRequest& o, QTextStream& out, QTextStream& err) {
    const auto chart = exportChartFromName(o.chart);
    if (!chart) {
        err << "headroom: unknown chart '" << o.chart
            << "' (use runtime, gflops, roofline, ladder or dashboard)\n";
        return 2;
    }
    const auto themeId = Theme::idFromName(o.theme.toLower());
    if (!themeId) {
        err << "headroom: unknown theme '" << o.theme << "' (use light, dark or presentation)\n";
        return 2;
    }
    if (o.width < kMinPixels || o.width > kMaxPixels || o.height < kMinPixels ||
        o.height > kMaxPixels) {
        err << "headroom: --width and --height must be between " << kMinPixels << " and "
            << kMaxPixels << " pixels\n";
        return 2;
    }
    if (o.n < 0) {
        err << "headroom: --size must be a positive matrix size\n";
        return 2;
    }
    if (o.png.isEmpty() && o.svg.isEmpty() && o.pdf.isEmpty()) {
        err << "headroom: nothing to write: give --png FILE, --svg FILE and/or --pdf FILE\n";
        return 2;
    }
    if (const QString why = outputFormatMismatch(o); !why.isEmpty()) {
        err << "headroom: " << why << '\n';
        return 2;
    }
    if (o.session.isEmpty()) {
        err << "headroom: --chart needs a session: --open SESSION.json\n";
        return 2;
    }

    // The session, then the compared ones (as the app loads dropped ones): all are loaded and
    // checked before anything is drawn.
    QString error;
    const QStringList paths = QStringList{o.session} + o.compare;
    ResultsModel model;
    if (!loadSessionsInto(&model, paths, true, &error)) {
        err << "headroom: cannot open the session " << error << '\n';
        return 1;
    }
    QStringList labels;
    for (int d = 0; d < model.datasetCount(); ++d) {
        const Dataset& dataset = model.dataset(d);
        bool anyTime = false;
        for (const PointResult& r : dataset.results)
            anyTime = anyTime || r.hasTime();
        if (!anyTime) {
            err << "headroom: " << paths[d] << " has no measured results to chart\n";
            return 1;
        }
        // --size is the n of this machine's chart; a compared machine may lack it (its bars are
        // then absent, as in the app).
        if (o.n > 0 && d == 0) {
            bool measured = false;
            for (const PointResult& r : dataset.results)
                measured = measured || (r.n == o.n && r.hasTime());
            if (!measured) {
                err << "headroom: " << paths[d] << " has no results at n = " << o.n << '\n';
                return 2;
            }
        }
        labels << dataset.label;
    }

    const auto widget = createExportWidget(*chart, &model, Theme::forId(*themeId), o.n);
    const QString title =
        exportChartTitle(*chart) + QStringLiteral(" — ") + labels.join(QStringLiteral(" vs "));
    const QSize pixels(o.width, o.height);
    // SVG and PDF use the same logical layout as the PNG so the three look alike.
    const QSize logical = logicalSizeFor(pixels, autoDevicePixelRatio(pixels));

    int status = 0;
    auto report = [&](bool ok, const QString& path, const QString& what) {
        if (ok) {
            out << "wrote " << path << " (" << what << ")\n";
        } else {
            err << "headroom: " << error << '\n';
            status = 1;
        }
    };
    if (!o.png.isEmpty())
        report(savePng(widget.get(), pixels, o.png, &error), o.png,
               QStringLiteral("%1×%2 %3")
                   .arg(pixels.width())
                   .arg(pixels.height())
                   .arg(QString::fromLatin1(rasterFormatForPath(o.png)->toUpper())));
    if (!o.svg.isEmpty())
        report(saveSvg(widget.get(), logical, o.svg, &error, title), o.svg, QStringLiteral("SVG"));
    if (!o.pdf.isEmpty())
        report(savePdf(widget.get(), logical, o.pdf, &error, title), o.pdf, QStringLiteral("PDF"));
    return status;
}

} // namespace

int runChartCommand(const ChartRequest& options, QTextStream* out, QTextStream* err) {
    QTextStream stdOut(stdout);
    QTextStream stdErr(stderr);
    QTextStream& o = out ? *out : stdOut;
    QTextStream& e = err ? *err : stdErr;

    std::unique_ptr<QApplication> ownApp;
    if (!QCoreApplication::instance()) {
        // Charts from a session on a cluster node or in CI: no display needed.
        qputenv("QT_QPA_PLATFORM", "offscreen");
        static int argc = 1;
        static char name[] = "headroom";
        static char* argv[] = {name, nullptr};
        ownApp = std::make_unique<QApplication>(argc, argv);
    } else if (!qobject_cast<QApplication*>(QCoreApplication::instance())) {
        e << "headroom: internal error: --chart needs a QApplication, not a QCoreApplication\n";
        return 1;
    }
    g_previousHandler = qInstallMessageHandler(dropOffscreenSizeHintNotice);
    const int status = exportChart(options, o, e);
    qInstallMessageHandler(g_previousHandler);
    o.flush();
    e.flush();
    return status;
}

} // namespace headroom::ui
