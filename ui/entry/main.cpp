// SPDX-License-Identifier: MIT
// headroom: the desktop app when there is a display, the headless ladder otherwise, and the
// command-line tools (--headless, --list-rungs, --describe-machine, --open ... --chart).
#include <chartcli.h>
#include <cli.h>
#include <gui.h>
#include <ladder.h>
#include <resources.h>
#include <runtimepolicy.h>

#include <QApplication>
#include <QCoreApplication>
#include <QDir>
#include <QIcon>

#include <cstdio>
#include <memory>

#include <sys/stat.h>
#include <unistd.h>

namespace {

bool haveDisplay() {
    const QByteArray platform = qgetenv("QT_QPA_PLATFORM");
    if (platform.startsWith("offscreen") || platform.startsWith("minimal"))
        return false;
    return !qEnvironmentVariableIsEmpty("DISPLAY") ||
           !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY") || !platform.isEmpty();
}

// Qt warns on every start when XDG_RUNTIME_DIR is unset (containers, ssh, CI): give it a private
// one.
void ensureRuntimeDir() {
    if (!qEnvironmentVariableIsEmpty("XDG_RUNTIME_DIR"))
        return;
    const QByteArray dir =
        QDir::tempPath().toLocal8Bit() + "/headroom-runtime-" + QByteArray::number(getuid());
    ::mkdir(dir.constData(), 0700);
    ::chmod(dir.constData(), 0700);
    qputenv("XDG_RUNTIME_DIR", dir);
}

} // namespace

int main(int argc, char** argv) {
    // Before anything loads OpenBLAS or starts OpenMP: their settings are read once, at load.
    headroom::applyRuntimePolicy(argv);
    // Load OpenBLAS (dlopen) before any thread is pinned: its thread pool is created now and
    // inherits this thread's CPU mask, so it must be the whole machine's.
    headroom::kernels::openblas_available();
    QStringList args;
    for (int i = 0; i < argc; ++i)
        args << QString::fromLocal8Bit(argv[i]);
    ensureRuntimeDir();
    const bool display = haveDisplay();
    const headroom::AppKind kind = headroom::appKindFor(args, display);

    if (kind == headroom::AppKind::Gui && !display &&
        qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        qputenv("QT_QPA_PLATFORM", "offscreen"); // --run on a machine without a display
        fprintf(stderr, "headroom: no display: the window runs offscreen\n");
    }
    std::unique_ptr<QCoreApplication> app;
    if (kind == headroom::AppKind::Core) {
        app = std::make_unique<QCoreApplication>(argc, argv);
    } else {
        if (kind == headroom::AppKind::OffscreenGui)
            qputenv("QT_QPA_PLATFORM", "offscreen"); // charts render to files: no window needed
        app = std::make_unique<QApplication>(argc, argv);
    }
    QCoreApplication::setOrganizationName(QStringLiteral("headroom"));
    QCoreApplication::setApplicationName(QStringLiteral("headroom"));
    QCoreApplication::setApplicationVersion(QStringLiteral(HEADROOM_VERSION));
    if (kind == headroom::AppKind::Gui) {
        headroom::ensureResources();
        QApplication::setWindowIcon(QIcon(QStringLiteral(":/headroom/icons/headroom.svg")));
        // Lets Wayland compositors match the window to the installed desktop entry.
        QGuiApplication::setDesktopFileName(QStringLiteral("io.github.headroom.Headroom"));
    }

    headroom::CliHooks hooks;
    if (kind == headroom::AppKind::Gui) {
        hooks.gui = [&app](const headroom::GuiRequest& request) {
            return headroom::ui::runGui(*static_cast<QApplication*>(app.get()), request);
        };
    }
    if (kind != headroom::AppKind::Core) {
        hooks.chart = [](const headroom::ChartRequest& r) {
            return headroom::ui::runChartCommand(r);
        };
        // After a headless run: every chart at slide resolution, as PNG, SVG and PDF.
        hooks.writeCharts = [](const QString& session, const QString& dir, QString* error) {
            for (const char* chart : {"runtime", "gflops", "roofline", "ladder", "dashboard"}) {
                headroom::ChartRequest o;
                o.session = session;
                o.chart = QLatin1String(chart);
                const QString base = QDir(dir).filePath(QLatin1String(chart));
                o.png = base + QStringLiteral(".png");
                o.svg = base + QStringLiteral(".svg");
                o.pdf = base + QStringLiteral(".pdf");
                if (headroom::ui::runChartCommand(o) != 0) {
                    *error =
                        QStringLiteral("could not write the %1 chart").arg(QLatin1String(chart));
                    return false;
                }
            }
            return true;
        };
    }
    return headroom::runCommandLine(args, hooks);
}
