// SPDX-License-Identifier: MIT
#include "report.h"

#include "format.h"
#include "ladderinfo.h"
#include "stats.h"

#include <QJsonArray>
#include <QLocale>
#include <QStringList>

#include <cmath>

namespace headroom {

namespace {
QString pad(const QString& s, int width, bool right = false) {
    return right ? s.rightJustified(width) : s.leftJustified(width);
}

QString csvField(QString s) {
    if (s.contains(QLatin1Char(',')) || s.contains(QLatin1Char('"')) ||
        s.contains(QLatin1Char('\n'))) {
        s.replace(QLatin1String("\""), QLatin1String("\"\""));
        return QLatin1Char('"') + s + QLatin1Char('"');
    }
    return s;
}
} // namespace

QString formatSampled(const PointResult& p) {
    if (!p.sampled())
        return {};
    return QStringLiteral("sampled: %1 of %2 rows").arg(p.sampledRows).arg(p.n);
}

bool withinNoise(const PointResult& a, const PointResult& b) {
    auto measured = [](const PointResult& p) {
        return p.status == PointStatus::Verified && p.seconds > 0;
    };
    if (!measured(a) || !measured(b))
        return false;
    const double ratio = a.seconds / b.seconds;
    if (std::abs(ratio - 1.0) <= kNoiseFloor)
        return true;
    auto hasInterval = [](const PointResult& p) { return p.secondsHigh > 0 && p.secondsLow > 0; };
    return hasInterval(a) && hasInterval(b) && a.secondsLow <= b.secondsHigh &&
           b.secondsLow <= a.secondsHigh;
}

QList<LadderRow> ladderRows(const QList<PointResult>& results, int n, double peakGflops) {
    QList<LadderRow> rows;
    double first = 0, previous = 0;
    const PointResult* previousPoint = nullptr;
    for (const QString& id : allRungIds()) {
        const PointResult* found = nullptr;
        for (const PointResult& r : results)
            if (r.n == n && r.rung == id)
                found = &r;
        if (!found)
            continue;
        LadderRow row;
        row.result = *found;
        row.name = rungName(id);
        const bool timed =
            found->status == PointStatus::Verified || found->status == PointStatus::Extrapolated;
        if (timed && found->seconds > 0) {
            if (first <= 0)
                first = found->seconds;
            row.absoluteSpeedup = first / found->seconds;
            if (previous > 0) {
                row.relativeSpeedup = previous / found->seconds;
                row.relativeWithinNoise = withinNoise(*previousPoint, *found);
            }
            // A reference library is not a step of the ladder: the next rung is against the
            // rung before it.
            if (!isReferenceRung(id)) {
                previous = found->seconds;
                previousPoint = found;
            }
            if (peakGflops > 0)
                row.percentOfPeak = 100.0 * found->gflops / peakGflops;
        }
        rows.append(row);
    }
    return rows;
}

QString withinNoiseMeaning() {
    return QStringLiteral("within noise: the two median times differ by at most %1 %, or their "
                          "intervals overlap (95 %; [min, max] below %2 repetitions)")
        .arg(qRound(kNoiseFloor * 100))
        .arg(kSamplesFor95);
}

QString slowPhaseNote(const QList<PointResult>& results, int n) {
    double slowest = 0;
    for (const PointResult& r : results)
        if (r.n == n && r.timedWhileSlow())
            slowest = slowest > 0 ? std::min(slowest, r.machineSpeed) : r.machineSpeed;
    if (slowest <= 0)
        return {};
    return QStringLiteral("WARNING: n = %1 was timed while the machine ran at %2 its own baseline "
                          "(another load, a throttled clock?): these times are not this machine "
                          "at its best")
        .arg(n)
        .arg(format::ratio(slowest));
}

QString formatLadderTable(const QList<PointResult>& results, int n, double peakGflops,
                          const QString& peakLabel) {
    const QList<LadderRow> rows = ladderRows(results, n, peakGflops);
    QStringList out;
    int threads = 1;
    for (const LadderRow& r : rows)
        threads = std::max(threads, r.result.threads);
    out << QStringLiteral("n = %1   (%2 thread(s) for parallel rungs; peak %3)")
               .arg(n)
               .arg(threads)
               .arg(peakGflops > 0
                        ? format::rate(peakGflops, format::Rate::Gflops) + u' ' + peakLabel
                        : QStringLiteral("unknown"));
    out << pad(QStringLiteral("rung"), 28) + pad(QStringLiteral("time"), 11, true) +
               pad(QStringLiteral("speed"), 16, true) + pad(QStringLiteral("absolute"), 11, true) +
               pad(QStringLiteral("relative"), 10, true) + pad(QStringLiteral("% peak"), 9, true) +
               QStringLiteral("  check");
    bool anyWithinNoise = false, anySampled = false;
    for (const LadderRow& r : rows) {
        const PointResult& p = r.result;
        QString time, gflops, check;
        anyWithinNoise = anyWithinNoise || r.relativeWithinNoise;
        switch (p.status) {
        case PointStatus::Verified:
            time = format::seconds(p.seconds) + (p.sampled() ? QStringLiteral("*") : QString());
            gflops = format::rate(p.gflops, format::Rate::Gflops);
            check = QStringLiteral("verified (%1, %2 reps, cv %3%)")
                        .arg(p.check)
                        .arg(p.repetitions)
                        .arg(100 * p.cv, 0, 'f', 1);
            if (p.sampled())
                check = formatSampled(p) + QStringLiteral(", ") + check;
            anySampled = anySampled || p.sampled();
            break;
        case PointStatus::Extrapolated:
            time = QLatin1Char('~') + format::seconds(p.seconds);
            gflops = QLatin1Char('~') + format::rate(p.gflops, format::Rate::Gflops);
            check = QStringLiteral("extrapolated from n = %1 (not run)").arg(p.extrapolatedFrom);
            break;
        case PointStatus::Failed:
            time = p.seconds > 0 ? format::seconds(p.seconds) : QStringLiteral("-");
            gflops = QStringLiteral("-");
            check = QStringLiteral("FAILED: ") + p.message;
            if (p.sampled())
                check += QStringLiteral(" (") + formatSampled(p) + QLatin1Char(')');
            break;
        case PointStatus::Unavailable:
            time = gflops = QStringLiteral("-");
            check = QStringLiteral("unavailable: ") + p.message;
            break;
        case PointStatus::Error:
            time = gflops = QStringLiteral("-");
            check = QStringLiteral("error: ") + p.message;
            break;
        }
        out << pad(r.name, 28) + pad(time, 11, true) + pad(gflops, 16, true) +
                   pad(format::ratio(r.absoluteSpeedup), 11, true) +
                   pad(format::ratio(r.relativeSpeedup) +
                           (r.relativeWithinNoise ? QStringLiteral("\u00b1") : QString()),
                       10, true) +
                   pad(r.percentOfPeak > 0
                           ? QString::number(r.percentOfPeak, 'f', r.percentOfPeak < 1 ? 3 : 1)
                           : QStringLiteral("-"),
                       9, true) +
                   QStringLiteral("  ") + check;
    }
    if (anyWithinNoise)
        out << QStringLiteral("  \u00b1 ") + withinNoiseMeaning();
    const QString slow = slowPhaseNote(results, n);
    if (!slow.isEmpty())
        out << QStringLiteral("  ") + slow;
    if (anySampled)
        out << QStringLiteral("  * sampled: whole rows of the full-size product, timed, verified "
                              "and scaled by n / rows");
    const QString ratios = formatTopRatios(results, n, peakGflops, peakLabel);
    if (!ratios.isEmpty())
        out << ratios;
    return out.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

QString formatTopRatios(const QList<PointResult>& results, int n, double peakGflops,
                        const QString& peakLabel) {
    const PointResult* top = nullptr;
    QList<const PointResult*> yardsticks; // ladder order: OpenBLAS, then BLIS
    for (const PointResult& r : results) {
        if (r.n != n || r.status != PointStatus::Verified)
            continue;
        if (r.rung == QLatin1String("microkernel"))
            top = &r;
        else if (isReferenceRung(r.rung) && r.gflops > 0)
            yardsticks << &r;
    }
    if (!top)
        return {};
    QStringList parts;
    for (const PointResult* y : yardsticks)
        parts << QStringLiteral("microkernel / %1 = %2")
                     .arg(referenceLibraryName(y->rung), format::ratio(top->gflops / y->gflops));
    if (peakGflops > 0)
        parts << QStringLiteral("microkernel / peak = %1 % (peak %2)")
                     .arg(100 * top->gflops / peakGflops, 0, 'f', 1)
                     .arg(peakLabel);
    if (parts.isEmpty())
        return {};
    return QStringLiteral("  ratios at n = %1 (same run): ").arg(n) +
           parts.join(QStringLiteral(", "));
}

QByteArray toCsv(const QList<PointResult>& results) {
    QStringList lines;
    lines << QStringLiteral("rung,name,n,status,seconds,seconds_min,cv,gflops,repetitions,threads,"
                            "verified,extrapolated,extrapolated_from,check,message,sampled_rows");
    for (const PointResult& r : results) {
        QStringList f;
        f << csvField(r.rung) << csvField(rungName(r.rung)) << QString::number(r.n)
          << r.statusText() << QString::number(r.seconds, 'g', 9)
          << QString::number(r.secondsMin, 'g', 9) << QString::number(r.cv, 'g', 6)
          << QString::number(r.gflops, 'g', 9) << QString::number(r.repetitions)
          << QString::number(r.threads)
          << (r.verified() ? QStringLiteral("true") : QStringLiteral("false"))
          << (r.extrapolated() ? QStringLiteral("true") : QStringLiteral("false"))
          << QString::number(r.extrapolatedFrom) << csvField(r.check) << csvField(r.message)
          << QString::number(r.sampledRows);
        lines << f.join(QLatin1Char(','));
    }
    return lines.join(QLatin1Char('\n')).toUtf8() + '\n';
}

QJsonObject toGoogleBenchmarkJson(const Session& session) {
    QJsonObject context;
    const QJsonObject& env = session.environment;
    context[QStringLiteral("date")] = env.value(QStringLiteral("date")).toString();
    context[QStringLiteral("host_name")] = env.value(QStringLiteral("host")).toString();
    context[QStringLiteral("executable")] = QStringLiteral("headroom");
    context[QStringLiteral("num_cpus")] = session.machine.topology.pus;
    const double mhz = session.machine.limits ? session.machine.limits->clockGhz * 1000 : 0;
    context[QStringLiteral("mhz_per_cpu")] = static_cast<int>(mhz);
    const QString governor = env.value(QStringLiteral("governor")).toString();
    context[QStringLiteral("cpu_scaling_enabled")] =
        governor != QLatin1String("performance") && governor != QLatin1String("unknown");
    QJsonArray caches;
    for (const CacheLevel& c : session.machine.topology.caches) {
        QJsonObject o;
        o[QStringLiteral("type")] = c.type == QLatin1String("data") ? QStringLiteral("Data")
                                    : c.type == QLatin1String("instruction")
                                        ? QStringLiteral("Instruction")
                                        : QStringLiteral("Unified");
        o[QStringLiteral("level")] = c.level;
        o[QStringLiteral("size")] = c.sizeBytes;
        o[QStringLiteral("num_sharing")] = c.coresSharing;
        caches.append(o);
    }
    context[QStringLiteral("caches")] = caches;
    context[QStringLiteral("library_build_type")] =
        env.value(QStringLiteral("build_type"))
                    .toString()
                    .compare(QLatin1String("Debug"), Qt::CaseInsensitive) == 0
            ? QStringLiteral("debug")
            : QStringLiteral("release");
    QJsonArray benchmarks;
    int family = 0;
    QStringList families;
    for (const PointResult& r : session.results) {
        // Only what was run: extrapolated and unavailable points are not measurements.
        if (r.status != PointStatus::Verified && r.status != PointStatus::Failed)
            continue;
        if (!families.contains(r.rung))
            families << r.rung;
        family = static_cast<int>(families.indexOf(r.rung));
        QJsonObject b;
        const QString name = QStringLiteral("dgemm/%1/%2").arg(r.rung).arg(r.n);
        b[QStringLiteral("name")] = name;
        b[QStringLiteral("run_name")] = name;
        b[QStringLiteral("family_index")] = family;
        b[QStringLiteral("per_family_instance_index")] = 0;
        b[QStringLiteral("run_type")] = QStringLiteral("iteration");
        b[QStringLiteral("repetitions")] = 1;
        b[QStringLiteral("repetition_index")] = 0;
        b[QStringLiteral("threads")] = r.threads;
        b[QStringLiteral("iterations")] = r.repetitions;
        b[QStringLiteral("real_time")] = r.seconds * 1e3;
        b[QStringLiteral("cpu_time")] = r.seconds * 1e3;
        b[QStringLiteral("time_unit")] = QStringLiteral("ms");
        b[QStringLiteral("GFLOPS")] = r.gflops;
        b[QStringLiteral("cv")] = r.cv;
        if (r.sampled())
            b[QStringLiteral("sampled_rows")] = r.sampledRows;
        if (r.status == PointStatus::Failed) {
            b[QStringLiteral("error_occurred")] = true;
            b[QStringLiteral("error_message")] =
                QString(QStringLiteral("verification failed: ") + r.message);
        }
        benchmarks.append(b);
    }
    QJsonObject o;
    o[QStringLiteral("context")] = context;
    o[QStringLiteral("benchmarks")] = benchmarks;
    return o;
}

} // namespace headroom
