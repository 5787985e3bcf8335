// SPDX-License-Identifier: MIT
#include "cli.h"
#include "clioptions.h"

#include "clirun.h"
#include "errorsink.h"

#include "describe.h"
#include "environment.h"
#include "format.h"
#include "ladderinfo.h"
#include "machinestore.h"
#include "microtune.h"
#include "report.h"
#include "runtimepolicy.h"
#include "sessionrun.h"

#include <QCommandLineParser>
#include <QJsonDocument>
#include <QTextStream>

#include <cmath>

namespace headroom {

namespace {

constexpr int kMaxThreads = 4096;
constexpr double kMaxBudgetSeconds = 1e6;

QTextStream& out() {
    return cliOut();
}
QTextStream& err() {
    return cliErr();
}

// "  [ 42%] text" progress lines on stderr.

int listRungs() {
    // The micro-kernel as a run would use it: tuned (cached), else the model; never tuned here.
    prepareMicrokernel(liveMachine(), TuneWhen::CachedOnly);
    for (const RungStatus& r : rungStatuses()) {
        out() << r.id.leftJustified(13) << r.name.leftJustified(28)
              << (r.available ? QStringLiteral("available") : QStringLiteral("unavailable")) << "\n"
              << QString(13, QLatin1Char(' ')) << r.whatChanged << "\n";
        if (!r.flags.isEmpty())
            out() << QString(13, QLatin1Char(' ')) << "flags: " << r.flags << "\n";
        if (!r.detail.isEmpty())
            out() << QString(13, QLatin1Char(' ')) << r.detail << "\n";
        if (!r.available)
            out() << QString(13, QLatin1Char(' ')) << "why not: " << r.reason << "\n";
    }
    out() << "\n" << runtimePolicyText() << "\n";
    out().flush();
    return 0;
}

// The machine for a run: limits from the cache, measured when none are cached (unless
// `measure` is false), or measured again now when `remeasure` (so that the peak a run's ratios
// use comes from the same minutes as the run, on a host whose speed changes).

// headroom --tune: the micro-kernel's search now, its result cached for later runs.
int tune() {
    err() << "Tuning the micro-kernel on one core (shape x KC x MC, about 10 s)...\n";
    err().flush();
    const QString line = prepareMicrokernel(liveMachine(), TuneWhen::Now, progressLine);
    out() << line << "\n";
    out().flush();
    return line.startsWith(QLatin1String("micro-kernel: ")) ? 0 : 1;
}

int describeMachine(const ParsedCommand& c) {
    Machine m;
    if (!c.topology.isEmpty()) {
        QString error;
        auto fromFile = machineFromXml(c.topology, &error);
        if (!fromFile) {
            err() << "headroom: " << error << "\n";
            return 1;
        }
        m = std::move(*fromFile);
    } else {
        m = machineForRun(!c.noMeasure, c.measure);
    }
    if (c.format == QLatin1String("json"))
        out() << QJsonDocument(m.toJson()).toJson(QJsonDocument::Indented);
    else
        out() << describeMachineText(m);
    out().flush();
    return 0;
}

QString measureConflict() {
    return QStringLiteral("--measure and --no-measure contradict each other: give one");
}

// The headless options, checked in the order they always were; nothing runs, nothing is written.
std::optional<HeadlessOptions> parseHeadless(const QCommandLineParser& p, QString* error) {
    HeadlessOptions h;
    Plan& plan = h.plan;
    if (p.isSet(QStringLiteral("preset")))
        h.preset = p.value(QStringLiteral("preset"));
    plan = Plan::preset(h.preset);
    if (p.isSet(QStringLiteral("preset"))) {
        const QString pr = p.value(QStringLiteral("preset"));
        if (pr != QLatin1String("quick") && pr != QLatin1String("standard") &&
            pr != QLatin1String("thorough") && pr != QLatin1String("paper")) {
            *error = QStringLiteral("--preset: \"%1\" is not quick, standard, thorough or paper")
                         .arg(pr.left(40));
            return std::nullopt;
        }
    }
    if (p.isSet(QStringLiteral("sizes"))) {
        auto sizes = parseSizes(p.value(QStringLiteral("sizes")), error);
        if (!sizes)
            return std::nullopt;
        plan.sizes = *sizes;
        h.sizesSet = true;
    }
    if (p.isSet(QStringLiteral("rungs"))) {
        auto rungs = parseRungs(p.value(QStringLiteral("rungs")), error);
        if (!rungs)
            return std::nullopt;
        plan.rungs = *rungs;
    }
    if (p.isSet(QStringLiteral("threads"))) {
        auto t = parseInt(QStringLiteral("threads"), p.value(QStringLiteral("threads")), 1,
                          kMaxThreads, error);
        if (!t)
            return std::nullopt;
        plan.threads = *t;
        h.threadsSet = true;
    }
    if (p.isSet(QStringLiteral("budget"))) {
        bool ok = false;
        const double b = p.value(QStringLiteral("budget")).toDouble(&ok);
        if (!ok || !std::isfinite(b)) {
            *error = QStringLiteral("--budget: \"%1\" is not a number of seconds")
                         .arg(p.value(QStringLiteral("budget")).left(40));
            return std::nullopt;
        }
        if (b <= 0 || b > kMaxBudgetSeconds) {
            *error = QStringLiteral("--budget: %1 s is outside the range: above 0 and at most %2 s "
                                    "(%3 days) per point")
                         .arg(p.value(QStringLiteral("budget")).left(40))
                         .arg(kMaxBudgetSeconds, 0, 'f', 0)
                         .arg(kMaxBudgetSeconds / 86400, 0, 'f', 1);
            return std::nullopt;
        }
        plan.budgetSeconds = b;
    }
    if (p.isSet(QStringLiteral("repetitions"))) {
        auto r = parseInt(QStringLiteral("repetitions"), p.value(QStringLiteral("repetitions")), 1,
                          1000, error);
        if (!r)
            return std::nullopt;
        plan.repetitions = *r;
        h.repetitionsSet = true;
    }
    plan.extrapolate = plan.extrapolate || p.isSet(QStringLiteral("extrapolate"));
    h.quiet = p.isSet(QStringLiteral("quiet"));
    h.noWait = p.isSet(QStringLiteral("no-wait"));
    h.noMeasure = p.isSet(QStringLiteral("no-measure"));
    h.measure = p.isSet(QStringLiteral("measure"));
    if (h.measure && h.noMeasure) {
        *error = measureConflict();
        return std::nullopt;
    }
    h.json = p.value(QStringLiteral("json"));
    h.csv = p.value(QStringLiteral("csv"));
    h.benchmarkJson = p.value(QStringLiteral("benchmark-json"));
    h.charts = p.value(QStringLiteral("charts"));
    return h;
}

// The modes exclude each other, and a session file goes with the desktop app only: the first
// rule broken, or "".
QString modeConflict(const QCommandLineParser& p) {
    int modes = 0;
    for (const char* mode : {"chart", "headless", "describe-machine", "list-rungs", "run", "tune"})
        modes += p.isSet(QLatin1String(mode)) ? 1 : 0;
    const QStringList positional = p.positionalArguments();
    if (modes > 1)
        return QStringLiteral("give only one of --headless, --run, --describe-machine, "
                              "--list-rungs, --tune, --chart");
    if (p.isSet(QStringLiteral("quit")) && !p.isSet(QStringLiteral("run")))
        return QStringLiteral("--quit goes with --run (close the window when the run ends)");
    if (modes > 0 && !positional.isEmpty())
        return QStringLiteral("unexpected argument \"%1\"").arg(positional.first().left(80));
    if (positional.size() > 1)
        return QStringLiteral("give at most one session file to open");
    return {};
}

bool parseDescribe(const QCommandLineParser& p, ParsedCommand* c, QString* error) {
    c->kind = ParsedCommand::Kind::DescribeMachine;
    c->format = p.value(QStringLiteral("format"));
    if (c->format != QLatin1String("text") && c->format != QLatin1String("json")) {
        *error = QStringLiteral("--format: \"%1\" is not text or json").arg(c->format.left(40));
        return false;
    }
    c->topology = p.value(QStringLiteral("topology"));
    c->measure = p.isSet(QStringLiteral("measure"));
    c->noMeasure = p.isSet(QStringLiteral("no-measure"));
    if (c->measure && c->noMeasure) {
        *error = measureConflict();
        return false;
    }
    return true;
}

// The chart request, checked in the order it always was (outputs' writability: when it runs).
std::optional<ChartRequest> parseChart(const QCommandLineParser& p, QString* error) {
    ChartRequest req;
    req.session = p.value(QStringLiteral("open"));
    req.compare = p.values(QStringLiteral("compare"));
    req.chart = p.value(QStringLiteral("chart"));
    req.png = p.value(QStringLiteral("png"));
    req.svg = p.value(QStringLiteral("svg"));
    req.pdf = p.value(QStringLiteral("pdf"));
    if (p.isSet(QStringLiteral("theme")))
        req.theme = p.value(QStringLiteral("theme"));
    if (req.session.isEmpty()) {
        *error = QStringLiteral("--chart needs --open SESSION.json");
        return std::nullopt;
    }
    static const QStringList kinds = {QStringLiteral("runtime"), QStringLiteral("gflops"),
                                      QStringLiteral("roofline"), QStringLiteral("ladder"),
                                      QStringLiteral("dashboard")};
    if (!kinds.contains(req.chart)) {
        *error = QStringLiteral("--chart: \"%1\" is not one of %2")
                     .arg(req.chart.left(40), kinds.join(QStringLiteral(", ")));
        return std::nullopt;
    }
    static const QStringList themes = {QStringLiteral("light"), QStringLiteral("dark"),
                                       QStringLiteral("presentation")};
    if (!themes.contains(req.theme)) {
        *error = QStringLiteral("--theme: \"%1\" is not one of light, dark, presentation")
                     .arg(req.theme.left(40));
        return std::nullopt;
    }
    for (const QString& file : std::as_const(req.compare)) {
        if (file.isEmpty()) {
            *error = QStringLiteral("--compare needs a session file");
            return std::nullopt;
        }
    }
    if (p.isSet(QStringLiteral("size"))) {
        auto n =
            parseInt(QStringLiteral("size"), p.value(QStringLiteral("size")), 1, 1 << 20, error);
        if (!n)
            return std::nullopt;
        req.n = *n;
    }
    if (p.isSet(QStringLiteral("width"))) {
        auto w =
            parseInt(QStringLiteral("width"), p.value(QStringLiteral("width")), 16, 16384, error);
        if (!w)
            return std::nullopt;
        req.width = *w;
    }
    if (p.isSet(QStringLiteral("height"))) {
        auto h =
            parseInt(QStringLiteral("height"), p.value(QStringLiteral("height")), 16, 16384, error);
        if (!h)
            return std::nullopt;
        req.height = *h;
    }
    if (req.png.isEmpty() && req.svg.isEmpty() && req.pdf.isEmpty()) {
        *error = QStringLiteral("--chart needs at least one of --png, --svg, --pdf");
        return std::nullopt;
    }
    return req;
}

int chartCommand(const ChartRequest& req, const CliHooks& hooks) {
    QString error;
    for (const auto& [opt, path] :
         {std::pair{QStringLiteral("png"), req.png}, std::pair{QStringLiteral("svg"), req.svg},
          std::pair{QStringLiteral("pdf"), req.pdf}})
        if (!path.isEmpty() && !checkWritable(opt, path, &error))
            return usageError(error);
    if (!hooks.chart) {
        err() << "headroom: chart export is not available in this build\n";
        return 1;
    }
    return hooks.chart(req);
}

} // namespace

AppKind appKindFor(const QStringList& args, bool haveDisplay) {
    auto has = [&](const char* opt) {
        const QString o = QLatin1String(opt);
        for (const QString& a : args)
            if (a == o || a.startsWith(o + QLatin1Char('=')))
                return true;
        return false;
    };
    if (has("--chart"))
        return AppKind::OffscreenGui;
    if (has("--run")) // the window, even where it can only be drawn offscreen (tests)
        return AppKind::Gui;
    if (has("--headless"))
        return has("--charts") ? AppKind::OffscreenGui : AppKind::Core;
    if (has("--list-rungs") || has("--tune") || has("--describe-machine") || has("--help") ||
        has("-h") || has("--version") || has("-v") || has("--help-all"))
        return AppKind::Core;
    // No command: the desktop app, or without a display the headless ladder with its charts.
    return haveDisplay ? AppKind::Gui : AppKind::OffscreenGui;
}

std::optional<ParsedCommand> parseCommandLine(const QStringList& arguments, QString* error) {
    using Kind = ParsedCommand::Kind;
    const ErrorSink sink(&error);
    QCommandLineParser p;
    addOptions(p);
    ParsedCommand c;
    if (!p.parse(arguments)) {
        *error = p.errorText();
        return std::nullopt;
    }
    if (p.isSet(QStringLiteral("help"))) {
        c.kind = Kind::Help;
        c.helpText = p.helpText();
        // "Usage: /the/build/path/headroom ...": the program's name is what a user types.
        const qsizetype nameEnd = c.helpText.indexOf(QLatin1Char(' '), 7);
        if (c.helpText.startsWith(QLatin1String("Usage: ")) && nameEnd > 0)
            c.helpText = QStringLiteral("Usage: headroom") + c.helpText.mid(nameEnd);
        return c;
    }
    if (p.isSet(QStringLiteral("version"))) {
        c.kind = Kind::Version;
        return c;
    }
    const QStringList positional = p.positionalArguments();
    const bool chart = p.isSet(QStringLiteral("chart"));
    const bool head = p.isSet(QStringLiteral("headless"));
    const bool describe = p.isSet(QStringLiteral("describe-machine"));
    const bool list = p.isSet(QStringLiteral("list-rungs"));
    const bool run = p.isSet(QStringLiteral("run"));
    const bool tuneNow = p.isSet(QStringLiteral("tune"));
    if (const QString conflict = modeConflict(p); !conflict.isEmpty()) {
        *error = conflict;
        return std::nullopt;
    }
    if (list) {
        c.kind = Kind::ListRungs;
        return c;
    }
    if (tuneNow) {
        c.kind = Kind::Tune;
        return c;
    }
    if (describe) {
        if (!parseDescribe(p, &c, error))
            return std::nullopt;
        return c;
    }
    for (const char* chartOnly : {"compare", "size"}) {
        if (!chart && p.isSet(QLatin1String(chartOnly))) {
            *error =
                QStringLiteral("--%1 is for chart export: use it with --open FILE --chart KIND")
                    .arg(QLatin1String(chartOnly));
            return std::nullopt;
        }
    }
    if (chart) {
        c.kind = Kind::Chart;
        auto req = parseChart(p, error);
        if (!req)
            return std::nullopt;
        c.chart = *req;
        return c;
    }
    auto opts = parseHeadless(p, &c.headlessError);
    if (opts)
        c.headless = *opts;
    if (head) {
        if (!opts) {
            *error = c.headlessError;
            return std::nullopt;
        }
        c.kind = Kind::Headless;
        return c;
    }
    c.kind = Kind::Gui;
    if (run) {
        if (!opts) {
            *error = c.headlessError;
            return std::nullopt;
        }
        for (const char* headlessOnly : {"csv", "benchmark-json", "charts"})
            if (p.isSet(QLatin1String(headlessOnly))) {
                *error = QStringLiteral("--%1 is for --headless; with --run, --json FILE saves "
                                        "the session")
                             .arg(QLatin1String(headlessOnly));
                return std::nullopt;
            }
        c.gui.plan = opts->plan;
        c.gui.json = opts->json;
        c.gui.quit = p.isSet(QStringLiteral("quit"));
        return c;
    }
    c.gui.session = p.value(QStringLiteral("open"));
    if (!positional.isEmpty())
        c.gui.session = positional.first();
    return c;
}

Plan planForMachine(const HeadlessOptions& options, const EffectiveCaches& caches) {
    Plan plan = options.plan;
    if (!options.sizesSet)
        plan.sizes = Plan::preset(options.preset, caches).sizes;
    return plan;
}

int runCommandLine(const QStringList& arguments, const CliHooks& hooks) {
    using Kind = ParsedCommand::Kind;
    QString error;
    const std::optional<ParsedCommand> c = parseCommandLine(arguments, &error);
    if (!c)
        return usageError(error);
    switch (c->kind) {
    case Kind::Help:
        out() << c->helpText;
        out().flush();
        return 0;
    case Kind::Version:
        out() << "headroom " << QStringLiteral(HEADROOM_VERSION) << "\n";
        out().flush();
        return 0;
    case Kind::ListRungs:
        return listRungs();
    case Kind::Tune:
        return tune();
    case Kind::DescribeMachine:
        return describeMachine(*c);
    case Kind::Chart:
        return chartCommand(c->chart, hooks);
    case Kind::Headless:
        return runHeadless(c->headless, hooks);
    case Kind::Gui:
        break;
    }
    GuiRequest gui = c->gui;
    if (gui.plan) { // --run: the same plan and memory check as --headless, before the window
        gui.plan = planForMachine(c->headless, liveMachine().caches);
        if (const QString tooBig = SessionRun::checkMemory(*gui.plan); !tooBig.isEmpty()) {
            err() << "headroom: --sizes: " << tooBig << "\n";
            return 2;
        }
    }
    if (hooks.gui)
        return hooks.gui(gui);
    if (!c->gui.session.isEmpty())
        return usageError(
            QStringLiteral("there is no display to open %1 on; export its charts with "
                           "--open FILE --chart KIND --png OUT.png")
                .arg(c->gui.session));
    // No display and no command (a server, a container, CI): the headless ladder, with its
    // session and charts written to ./headroom-results.
    err() << "No display: running the headless ladder (results and charts go to "
             "headroom-results/).\n";
    if (!c->headlessError.isEmpty())
        return usageError(c->headlessError);
    return runHeadless(c->headless, hooks, QStringLiteral("headroom-results"));
}

} // namespace headroom
