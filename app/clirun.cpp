// SPDX-License-Identifier: MIT
#include "clirun.h"

#include "format.h"

#include "affinity.h"
#include "clioptions.h"
#include "environment.h"
#include "filewrite.h"
#include "interrupt.h"
#include "ladderinfo.h"
#include "machinestore.h"
#include "report.h"
#include "sessionrun.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

#include <csignal>
#include <optional>

namespace headroom {

QTextStream& cliOut() {
    static QTextStream s(stdout);
    return s;
}

QTextStream& cliErr() {
    static QTextStream s(stderr);
    return s;
}

namespace {
QTextStream& out() {
    return cliOut();
}
QTextStream& err() {
    return cliErr();
}
} // namespace

int usageError(const QString& message) {
    err() << "headroom: " << message << "\n"
          << "Try 'headroom --help' for the options.\n";
    err().flush();
    return 2;
}

// "  [ 42%] text" progress lines on stderr.
void progressLine(double fraction, const QString& what) {
    err() << QStringLiteral("  [%1%] %2\n").arg(static_cast<int>(100 * fraction), 3).arg(what);
    err().flush();
}

// The machine for a run: limits from the cache, measured when none are cached (unless
// `measure` is false), or measured again now when `remeasure` (so that the peak a run's ratios
// use comes from the same minutes as the run, on a host whose speed changes).
Machine machineForRun(bool measure, bool remeasure, bool* measuredNow) {
    Machine m = liveMachine();
    const bool now = remeasure || (!m.limits && measure);
    if (measuredNow)
        *measuredNow = now;
    if (now) {
        err() << "Measuring this machine's limits (quick, about 15 s; cached for later runs)...\n";
        err().flush();
        m = measureLiveMachine(QStringLiteral("quick"), progressLine);
    }
    return m;
}

namespace {

// The output paths of a headless run, checked (writable, directories made) before it starts.
struct Outputs {
    QString json, csv, benchmarkJson, charts;
};

std::optional<Outputs> prepareOutputs(const HeadlessOptions& opts, const QString& defaultDir,
                                      QString* error) {
    Outputs o{opts.json, opts.csv, opts.benchmarkJson, opts.charts};
    if (!defaultDir.isEmpty()) {
        if (!QDir().mkpath(defaultDir)) {
            *error = QStringLiteral("cannot create the directory %1").arg(defaultDir);
            return std::nullopt;
        }
        if (o.json.isEmpty())
            o.json = QDir(defaultDir).filePath(QStringLiteral("session.json"));
        if (o.charts.isEmpty())
            o.charts = defaultDir;
    }
    for (const auto& [opt, path] :
         {std::pair{QStringLiteral("json"), o.json}, std::pair{QStringLiteral("csv"), o.csv},
          std::pair{QStringLiteral("benchmark-json"), o.benchmarkJson}})
        if (!path.isEmpty() && !checkWritable(opt, path, error))
            return std::nullopt;
    if (!o.charts.isEmpty()) {
        if (!QDir(o.charts).exists() && !QDir().mkpath(o.charts)) {
            *error = QStringLiteral("--charts: cannot create the directory %1").arg(o.charts);
            return std::nullopt;
        }
        if (!QFileInfo(o.charts).isWritable()) {
            *error = QStringLiteral("--charts: %1 is not writable").arg(o.charts);
            return std::nullopt;
        }
    }
    return o;
}

// What a headless run says before its first point: warnings, notes, and what it runs.
struct RunHeader {
    double peak = 0;
    QString peakLabel;
};

RunHeader printRunHeader(const HeadlessOptions& opts, const Session& session, int threads,
                         bool peakMeasuredNow) {
    const Plan& plan = session.plan;
    for (const auto w : session.environment.value(QStringLiteral("warnings")).toArray())
        err() << "headroom: warning: " << w.toString() << "\n";
    for (const QString& w : session.machine.warnings)
        err() << "headroom: note: " << w << "\n";
    RunHeader h;
    h.peak = session.machine.referencePeakGflops(threads);
    const bool measured = session.machine.limits && session.machine.limits->peakMeasuredGflops > 0;
    h.peakLabel = !measured         ? QStringLiteral("theoretical")
                  : peakMeasuredNow ? QStringLiteral("measured in this run")
                                    : QStringLiteral("measured in an earlier run, cached");
    if (h.peak > 0 && measured && !peakMeasuredNow)
        err() << "headroom: note: the % of peak uses the peak cached from an earlier run; "
                 "--measure measures it again in this one\n";
    err() << QStringLiteral(
                 "Running %1 rung(s) x %2 size(s) on %3 thread(s), budget %4 s per point\n")
                 .arg(plan.rungs.size())
                 .arg(plan.sizes.size())
                 .arg(threads)
                 .arg(plan.budgetSeconds);
    if (opts.repetitionsSet)
        err() << QStringLiteral("headroom: note: --repetitions %1 is a minimum: each point repeats "
                                "until its timed runs add up to %2 s\n")
                     .arg(plan.repetitions)
                     .arg(plan.minSeconds);
    if (!session.machine.limits)
        err() << "headroom: note: no limits of this machine are cached and --no-measure was "
                 "given: no peak, so \"% peak\" is blank and charts have no roofline ceilings "
                 "(run once without --no-measure to measure them)\n";
    err().flush();
    return h;
}

// One point as it arrives, unless quiet.
void printPoint(const PointResult& r) {
    err() << QStringLiteral("  %1 n=%2  %3\n")
                 .arg(r.rung, -12)
                 .arg(r.n, -6)
                 .arg(r.status == PointStatus::Verified
                          ? QStringLiteral("%1  %2  verified")
                                .arg(format::seconds(r.seconds),
                                     format::rate(r.gflops, format::Rate::Gflops))
                          : statusName(r.status) + QStringLiteral(" ") + r.message);
    err().flush();
}

// Writes every output asked for with the session's points; 0, or 1 when one could not be written.
int writeOutputs(const Session& session, const Outputs& o, const CliHooks& hooks) {
    QString error;
    int status = 0;
    auto fail = [&] {
        err() << "headroom: " << error << "\n";
        status = 1;
    };
    if (!o.json.isEmpty()) {
        if (session.save(o.json, &error))
            err() << "Session written to " << o.json << "\n";
        else
            fail();
    }
    if (!o.csv.isEmpty() && !writeFileChecked(o.csv, toCsv(session.results), &error))
        fail();
    if (!o.benchmarkJson.isEmpty() &&
        !writeFileChecked(o.benchmarkJson, QJsonDocument(toGoogleBenchmarkJson(session)).toJson(),
                          &error))
        fail();
    if (o.charts.isEmpty())
        return status;
    QString sessionPath = o.json;
    if (sessionPath.isEmpty()) {
        sessionPath = QDir(o.charts).filePath(QStringLiteral("session.json"));
        if (!session.save(sessionPath, &error)) {
            fail();
            return 1;
        }
    }
    if (!hooks.writeCharts) {
        err() << "headroom: charts cannot be written by this build\n";
        status = 1;
    } else if (!hooks.writeCharts(sessionPath, o.charts, &error)) {
        fail();
    } else {
        err() << "Charts written to " << o.charts << "\n";
    }
    return status;
}

// The exit code of a finished run: a verification failure (3) unless an output failed, and an
// interruption said and returned as its signal's code.
int finishRun(const Session& session, int status, const InterruptGuard& interrupt) {
    for (const PointResult& r : session.results)
        if (r.status == PointStatus::Failed && status == 0)
            status = 3;
    if (status == 3)
        err() << "headroom: at least one rung FAILED verification (marked in the table)\n";
    if (interrupt.signal()) {
        err() << QStringLiteral("headroom: interrupted by %1 after %2 finished point(s); every "
                                "output asked for was written with them\n")
                     .arg(interrupt.signal() == SIGINT ? QStringLiteral("Ctrl-C (SIGINT)")
                                                       : QStringLiteral("SIGTERM"))
                     .arg(session.results.size());
        status = interrupt.exitCode();
    }
    err().flush();
    return status;
}

} // namespace

// headroom --headless: the run itself is a SessionRun; this shows it and writes the outputs.
int runHeadless(const HeadlessOptions& opts, const CliHooks& hooks, const QString& defaultDir) {
    QString error;
    const Plan plan = planForMachine(opts, liveMachine().caches);
    const int cores = physicalCoreCount();
    if (opts.threadsSet && plan.threads > cores)
        err() << "headroom: warning: " << plan.threads << " threads on " << cores
              << " physical core(s): threads will share cores and the numbers will show it\n";
    // Memory: the largest size must fit, checked before anything runs.
    if (const QString tooBig = SessionRun::checkMemory(plan); !tooBig.isEmpty()) {
        err() << "headroom: --sizes: " << tooBig << "\n";
        return 2;
    }
    const std::optional<Outputs> outputs = prepareOutputs(opts, defaultDir, &error);
    if (!outputs)
        return usageError(error);

    // From here on the run may be interrupted: outputs are still written, with what finished.
    InterruptGuard interrupt;
    SessionRun run(plan, rungStatuses());
    run.setAutosave(outputs->json);
    bool peakMeasuredNow = false;
    RunHeader header;
    SessionRunCallbacks cb;
    cb.notice = [](const QString& s) {
        err() << "headroom: " << s << "\n";
        err().flush();
    };
    cb.tuning = [](double f, const QString& what) {
        progressLine(f, QStringLiteral("tuning the micro-kernel: ") + what);
    };
    cb.started = [&](const Session& s) {
        header = printRunHeader(opts, s, run.threads(), peakMeasuredNow);
    };
    cb.runner.result = [&](const PointResult& r) {
        if (!opts.quiet)
            printPoint(r);
        // The table for a size as soon as its last rung is in.
        if (r.rung == plan.rungs.last()) {
            out() << "\n"
                  << formatLadderTable(run.session().results, r.n, header.peak, header.peakLabel);
            out().flush();
        }
    };
    cb.runner.log = [&](const QString& s) {
        if (!opts.quiet) {
            err() << "  " << s << "\n";
            err().flush();
        }
    };
    const auto outcome = run.run(
        [&] { return machineForRun(!opts.noMeasure, opts.measure, &peakMeasuredNow); }, cb,
        interrupt.flag(), opts.noWait ? RunLock::Mode::Refuse : RunLock::Mode::Wait, &error);
    if (outcome == SessionRun::Outcome::NotStarted) {
        err() << "headroom: " << error << "\n";
        return interrupt.exitCode() ? interrupt.exitCode() : 1;
    }
    return finishRun(run.session(), writeOutputs(run.session(), *outputs, hooks), interrupt);
}

} // namespace headroom
