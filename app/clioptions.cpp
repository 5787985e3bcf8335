// SPDX-License-Identifier: MIT
#include "clioptions.h"

#include "ladderinfo.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QTemporaryFile>

#include <algorithm>
#include <cmath>

namespace headroom {

void addOptions(QCommandLineParser& p) {
    p.setApplicationDescription(QStringLiteral(
        "Headroom: how far a matrix multiply climbs from a naive triple loop to this machine's "
        "peak, measured, verified and plotted against the roofline.\n"
        "Without options: the desktop app (or, without a display, the headless ladder with "
        "charts)."));
    p.addHelpOption();
    p.addVersionOption();
    p.addOptions({
        {QStringLiteral("list-rungs"),
         QStringLiteral("List the rungs of the ladder and whether they can run here.")},
        {QStringLiteral("tune"),
         QStringLiteral("Tune the micro-kernel's shape and block sizes on this machine now "
                        "(about 10 s; cached, and done anyway on the rung's first run).")},
        {QStringLiteral("headless"),
         QStringLiteral("Run the ladder without a window; print the table.")},
        {QStringLiteral("run"),
         QStringLiteral("Open the window and run the plan in it at once, with live charts (the "
                        "plan options as for --headless; --json FILE saves the session).")},
        {QStringLiteral("quit"),
         QStringLiteral("With --run: close the window when the run ends; the exit status is "
                        "--headless's.")},
        {QStringLiteral("preset"),
         QStringLiteral("Plan preset: quick, standard (default), thorough or paper (n = 4096)."),
         QStringLiteral("name")},
        {QStringLiteral("sizes"),
         QStringLiteral("Matrix sizes n, comma separated (e.g. 256,512,1024)."),
         QStringLiteral("list")},
        {QStringLiteral("rungs"),
         QStringLiteral("Rungs to run: all, or ids comma separated (see --list-rungs)."),
         QStringLiteral("ids")},
        {QStringLiteral("threads"),
         QStringLiteral("Threads for the parallel rungs (default: one per physical core)."),
         QStringLiteral("N")},
        {QStringLiteral("budget"),
         QStringLiteral("Seconds a single run may take; slower points of row-uniform rungs are "
                        "sampled (a few whole rows, scaled), the others extrapolated by n^3."),
         QStringLiteral("seconds")},
        {QStringLiteral("extrapolate"),
         QStringLiteral("Extrapolate every over-budget point by n^3 instead of sampling rows.")},
        {QStringLiteral("repetitions"),
         QStringLiteral("At least N timed repetitions per point (after a warm-up); more are "
                        "taken until they add up to the minimum time (0.2 s)."),
         QStringLiteral("N")},
        {QStringLiteral("json"),
         QStringLiteral("Write the session (versioned JSON) to FILE; saved after every point."),
         QStringLiteral("FILE")},
        {QStringLiteral("csv"), QStringLiteral("Write the results as CSV to FILE."),
         QStringLiteral("FILE")},
        {QStringLiteral("benchmark-json"),
         QStringLiteral("Write the results in Google Benchmark's JSON format to FILE."),
         QStringLiteral("FILE")},
        {QStringLiteral("charts"),
         QStringLiteral("After a headless run, write every chart (PNG, SVG, PDF) into DIR."),
         QStringLiteral("DIR")},
        {QStringLiteral("quiet"), QStringLiteral("Print only the tables.")},
        {QStringLiteral("no-wait"),
         QStringLiteral("Refuse to start while another headroom run is measuring on this "
                        "machine, instead of waiting for it.")},
        {QStringLiteral("no-measure"),
         QStringLiteral("Do not measure the machine's limits when none are cached.")},
        {QStringLiteral("describe-machine"),
         QStringLiteral("Print the machine's topology and limits.")},
        {QStringLiteral("measure"),
         QStringLiteral("Measure the machine's limits again now, even when cached (with "
                        "--describe-machine, or before a headless run so that its % of peak "
                        "uses a peak measured in the same run).")},
        {QStringLiteral("topology"),
         QStringLiteral(
             "With --describe-machine: read an hwloc XML export instead of this machine."),
         QStringLiteral("FILE.xml")},
        {QStringLiteral("format"),
         QStringLiteral("With --describe-machine: text (default) or json."),
         QStringLiteral("format"), QStringLiteral("text")},
        {QStringLiteral("open"),
         QStringLiteral("Open a saved session (in the app, or with --chart to export)."),
         QStringLiteral("FILE")},
        {QStringLiteral("chart"),
         QStringLiteral("With --open: runtime, gflops, roofline, ladder or dashboard."),
         QStringLiteral("kind")},
        {QStringLiteral("compare"),
         QStringLiteral("With --chart: overlay another saved session (another machine); may be "
                        "given several times."),
         QStringLiteral("FILE")},
        {QStringLiteral("size"),
         QStringLiteral("With --chart: the n of the runtime bars and the ladder table (default: "
                        "the largest size measured)."),
         QStringLiteral("N")},
        {QStringLiteral("width"), QStringLiteral("Chart width in pixels (default 1920)."),
         QStringLiteral("W")},
        {QStringLiteral("height"), QStringLiteral("Chart height in pixels (default 1080)."),
         QStringLiteral("H")},
        {QStringLiteral("png"), QStringLiteral("Write the chart as PNG."), QStringLiteral("FILE")},
        {QStringLiteral("svg"), QStringLiteral("Write the chart as SVG."), QStringLiteral("FILE")},
        {QStringLiteral("pdf"), QStringLiteral("Write the chart as PDF."), QStringLiteral("FILE")},
        {QStringLiteral("theme"),
         QStringLiteral("Chart theme: light (default), dark or presentation."),
         QStringLiteral("name")},
    });
    p.addPositionalArgument(QStringLiteral("session"),
                            QStringLiteral("A session file to open in the app."),
                            QStringLiteral("[session.json]"));
}

std::optional<QList<int>> parseSizes(const QString& text, QString* error) {
    QList<int> sizes;
    const QStringList items = text.split(QLatin1Char(','));
    for (const QString& raw : items) {
        const QString item = raw.trimmed();
        if (item.isEmpty()) {
            *error = QStringLiteral("--sizes: empty item in \"%1\" (give sizes like 256,512,1024)")
                         .arg(text);
            return std::nullopt;
        }
        bool ok = false;
        const qlonglong v = item.toLongLong(&ok);
        if (!ok) {
            *error =
                QStringLiteral("--sizes: \"%1\" is not a whole number (sizes are whole numbers "
                               "from 1 to %2)")
                    .arg(item.left(40))
                    .arg(kMaxSize);
            return std::nullopt;
        }
        if (v < 1 || v > kMaxSize) {
            *error =
                QStringLiteral("--sizes: %1 is out of range (sizes are whole numbers from 1 to %2)")
                    .arg(item.left(40))
                    .arg(kMaxSize);
            return std::nullopt;
        }
        if (!sizes.contains(static_cast<int>(v)))
            sizes.append(static_cast<int>(v));
    }
    std::sort(sizes.begin(), sizes.end());
    return sizes;
}

std::optional<QStringList> parseRungs(const QString& text, QString* error) {
    const QStringList all = allRungIds();
    if (text.trimmed() == QLatin1String("all"))
        return all;
    QStringList wanted;
    for (const QString& raw : text.split(QLatin1Char(','))) {
        const QString id = raw.trimmed();
        if (id.isEmpty()) {
            *error = QStringLiteral("--rungs: empty item in \"%1\"").arg(text);
            return std::nullopt;
        }
        if (!all.contains(id)) {
            *error = QStringLiteral("--rungs: unknown rung \"%1\"; valid: all, %2")
                         .arg(id.left(40), all.join(QLatin1Char(',')));
            return std::nullopt;
        }
        wanted << id;
    }
    QStringList ordered; // ladder order, so that "relative speedup" means the step before
    for (const QString& id : all)
        if (wanted.contains(id))
            ordered << id;
    return ordered;
}

std::optional<int> parseInt(const QString& option, const QString& text, int min, int max,
                            QString* error) {
    bool ok = false;
    const qlonglong v = text.trimmed().toLongLong(&ok);
    if (!ok || v < min || v > max) {
        *error = QStringLiteral("--%1: \"%2\" is not a whole number from %3 to %4")
                     .arg(option, text.left(40))
                     .arg(min)
                     .arg(max);
        return std::nullopt;
    }
    return static_cast<int>(v);
}

bool checkWritable(const QString& option, const QString& path, QString* error) {
    const QFileInfo info(path);
    if (info.exists() && info.isDir()) {
        *error = QStringLiteral("--%1: %2 is a directory").arg(option, path);
        return false;
    }
    const QFileInfo dir(info.absolutePath());
    if (!dir.exists() || !dir.isDir()) {
        *error =
            QStringLiteral("--%1: the directory %2 does not exist").arg(option, dir.filePath());
        return false;
    }
    if (!dir.isWritable() || (info.exists() && !info.isWritable())) {
        *error = QStringLiteral("--%1: %2 is not writable").arg(option, path);
        return false;
    }
    // The mode bits do not tell root the truth, and some file systems refuse files whatever the
    // bits say (/proc, /sys, read-only mounts): QSaveFile will write a temporary file in that
    // directory, so try exactly that now rather than after the whole run.
    QTemporaryFile probe(QDir(dir.filePath()).filePath(QStringLiteral(".headroom-probe-XXXXXX")));
    if (!probe.open()) {
        *error =
            QStringLiteral("--%1: %2 is not writable (%3)").arg(option, path, probe.errorString());
        return false;
    }
    return true;
}

} // namespace headroom
