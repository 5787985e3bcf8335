// SPDX-License-Identifier: MIT
// Fuzz target: the pipeline behind the loader. Whatever Session::fromBytes accepts is drawn as
// the app and `--open ... --chart` draw it (one of the four charts or the dashboard, sometimes
// beside itself as a compared machine) and exported to memory as PNG pixels and SVG, offscreen.
// An accepted session must render, never crash, hang or exhaust memory (libFuzzer's -timeout
// and -rss_limit_mb bound each input).
#include "export.h"
#include "exportdialog.h"
#include "resultsmodel.h"
#include "session.h"
#include "theme.h"

#include <QApplication>
#include <QBuffer>
#include <QHash>
#include <QImage>
#include <QPainter>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>

using namespace headroom;
using namespace headroom::ui;

namespace {
// One for the whole run (Qt allows no second one), never destroyed: at exit the static
// destructors of Qt's plugins may already be gone.
QApplication* g_app = nullptr;

void quiet(QtMsgType type, const QMessageLogContext&, const QString& message) {
    if (type == QtFatalMsg) {
        std::fprintf(stderr, "%s\n", qPrintable(message));
        std::abort();
    }
}
} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    static int argc = 1;
    static char name[] = "fuzz_chart";
    static char* argv[] = {name, nullptr};
    g_app = new QApplication(argc, argv);
    // Qt's warnings (fonts, offscreen size hints) would drown libFuzzer's output.
    qInstallMessageHandler(quiet);
    // Fonts are looked up once per process: do it before the first input, not during it.
    QImage warm(8, 8, QImage::Format_ARGB32_Premultiplied);
    QPainter(&warm).drawText(0, 8, QStringLiteral("x"));
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const QByteArray bytes(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    QString error;
    const auto session = Session::fromBytes(bytes, &error);
    if (!session)
        return 0; // fuzz_session checks the refusals
    static const char* const kCharts[] = {"runtime", "gflops", "roofline", "ladder", "dashboard"};
    const size_t pick = qHash(bytes);
    ResultsModel model;
    QList<Dataset> datasets{Dataset::fromSession(*session, QStringLiteral("fuzzed"))};
    if (pick & 8)
        datasets << Dataset::fromSession(*session, QStringLiteral("compared"));
    model.setDatasets(datasets);
    const auto chart = exportChartFromName(QString::fromLatin1(kCharts[pick % 5]));
    const auto widget = createExportWidget(
        *chart, &model, Theme::forId((pick & 16) ? ThemeId::Dark : ThemeId::Light));
    const QSize pixels(480, 270);
    if (renderToImage(widget.get(), pixels).isNull())
        std::abort(); // an accepted session always draws
    QBuffer svg;
    svg.open(QIODevice::WriteOnly);
    if (!writeSvg(widget.get(), pixels, &svg) || svg.data().isEmpty())
        std::abort();
    return 0;
}
