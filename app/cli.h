// SPDX-License-Identifier: MIT
// The command line: parsing, validation and the headless commands (--list-rungs, --headless,
// --describe-machine). The GUI and chart rendering live in ui/, reached through hooks so that
// this library needs Qt Core only.
#pragma once

#include <QString>
#include <QStringList>

#include <functional>

namespace headroom {

struct ChartRequest {
    QString session; // --open FILE
    QString chart;   // runtime | gflops | roofline | ladder | dashboard
    int width = 1920;
    int height = 1080;
    QString png, svg, pdf;
    QString theme; // light | dark | presentation
};

struct CliHooks {
    // Starts the desktop app (optionally opening a session); returns the exit code.
    std::function<int(const QString& sessionFile)> gui;
    // Renders one chart of a saved session to files; returns the exit code.
    std::function<int(const ChartRequest&)> chart;
    // Writes every chart of a saved session into a directory (headless runs); false + message.
    std::function<bool(const QString& sessionFile, const QString& dir, QString* error)> writeCharts;
};

// What main() needs to know before it creates the application object.
enum class AppKind { Core, Gui, OffscreenGui };
AppKind appKindFor(const QStringList& arguments, bool haveDisplay);

// Parses `arguments` (argv, program name first) and runs the command. Returns the exit code:
// 0 success, 1 runtime failure, 2 bad usage, 3 a verification failed.
int runCommandLine(const QStringList& arguments, const CliHooks& hooks);

} // namespace headroom
