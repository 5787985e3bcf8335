// SPDX-License-Identifier: MIT
// The command line: parsing, validation and the headless commands (--list-rungs, --headless,
// --describe-machine). The GUI and chart rendering live in ui/, reached through hooks so that
// this library needs Qt Core only.
#pragma once

#include "chartrequest.h"
#include "plan.h"

#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace headroom {

// What the desktop app is started with: a session to open, or (--run) a plan to run at once in
// the window, its session saved to `json` when asked, and the app closed when done (`quit`).
struct GuiRequest {
    QString session;          // a session file to open, or empty
    std::optional<Plan> plan; // --run: the plan to run through the window's own path
    QString json;             // --run --json FILE
    bool quit = false;        // --run --quit: exit when the run ends, with --headless's codes
};

struct CliHooks {
    // Starts the desktop app; returns the exit code.
    std::function<int(const GuiRequest&)> gui;
    // Renders one chart of a saved session to files; returns the exit code.
    std::function<int(const ChartRequest&)> chart;
    // Writes every chart of a saved session into a directory (headless runs); false + message.
    std::function<bool(const QString& sessionFile, const QString& dir, QString* error)> writeCharts;
};

// What main() needs to know before it creates the application object.
enum class AppKind { Core, Gui, OffscreenGui };
AppKind appKindFor(const QStringList& arguments, bool haveDisplay);

// Everything a headless run was asked for, validated (sizes, rungs, numbers, preset). What needs
// the machine or the file system (memory, writable outputs) is checked when it runs.
struct HeadlessOptions {
    Plan plan;
    QString preset = QStringLiteral("standard");
    bool sizesSet = false;       // --sizes given; else the preset's, derived from the machine
    bool threadsSet = false;     // --threads given (a warning when above the physical cores)
    bool repetitionsSet = false; // --repetitions given (a minimum count: said so in the run)
    bool quiet = false;
    bool noWait = false; // --no-wait: refuse instead of waiting for another run's lock
    bool noMeasure = false;
    bool measure = false; // --measure: the limits measured again now, in this run
    QString json, csv, benchmarkJson, charts; // output paths, empty when not asked for
};

struct ParsedCommand {
    enum class Kind { Help, Version, ListRungs, Tune, DescribeMachine, Headless, Chart, Gui };
    Kind kind = Kind::Gui;
    QString helpText; // Kind::Help
    // Kind::DescribeMachine
    QString format = QStringLiteral("text");
    QString topology; // empty: this machine
    bool measure = false;
    bool noMeasure = false;
    // Kind::Headless, and Kind::Gui without a display (which runs the headless ladder): the
    // options, or why they are wrong (a Gui with a display ignores them, as before).
    HeadlessOptions headless;
    QString headlessError;
    ChartRequest chart; // Kind::Chart
    GuiRequest gui;     // Kind::Gui
};

// Parses and validates `arguments` (argv, program name first) without running anything or
// touching the file system. On bad usage: std::nullopt and the one-line message in `error`.
std::optional<ParsedCommand> parseCommandLine(const QStringList& arguments, QString* error);

// The plan to run: the options' plan, its sizes derived from `caches` when they come from the
// preset (Plan::preset), as the window derives them.
Plan planForMachine(const HeadlessOptions& options, const EffectiveCaches& caches);

// Parses `arguments` (argv, program name first) and runs the command. Returns the exit code:
// 0 success, 1 runtime failure, 2 bad usage, 3 a verification failed.
int runCommandLine(const QStringList& arguments, const CliHooks& hooks);

} // namespace headroom
