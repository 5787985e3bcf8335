// SPDX-License-Identifier: MIT
#include "machinelimits.h"

#include "bandwidthlevels.h"
#include "cpu.h"
#include "describe.h"
#include "format.h"
#include "probes/probes.h"
#include "topology.h"

#include <QDateTime>

#include <omp.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <memory>
#include <vector>

namespace headroom {

namespace probes = kernels::probes;

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point t0) {
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

// Runs work(thread) on `threads` pinned threads at once, up to `repetitions` times but stopping
// after `maxSeconds` (at least twice); returns the best wall time of one run (the master's clock
// between two barriers). The minimum of many short runs is what survives other processes
// taking the cores now and then: interruptions only ever make a run slower.
template <typename Work>
double bestParallelSeconds(int threads, int repetitions, double maxSeconds, Work work) {
    double best = 1e300;
    bool stop = false;
    Clock::time_point t0;
    const auto started = Clock::now();
    // One parallel region for all repetitions: waking the pool for each run costs a scheduler
    // slice per thread when the machine is busy, more than a short run itself.
#pragma omp parallel num_threads(threads)
    for (int r = 0; r < repetitions; ++r) {
#pragma omp barrier
#pragma omp master
        t0 = Clock::now();
        work(omp_get_thread_num());
#pragma omp barrier
#pragma omp master
        {
            best = std::min(best, secondsSince(t0));
            stop = r >= 1 && secondsSince(started) > maxSeconds;
        }
#pragma omp barrier
        if (stop)
            break;
    }
    return best;
}

// Scales a work count until one run lasts at least `target` seconds (doubling, then in one step).
template <typename Run>
std::int64_t calibrate(std::int64_t start, double target, Run run) {
    std::int64_t n = std::max<std::int64_t>(start, 1);
    for (int i = 0; i < 40; ++i) {
        const double s = run(n);
        if (s >= target)
            return n;
        // Doubling to 1/16 of the target, then one proportional step.
        if (s > target / 16)
            return static_cast<std::int64_t>(std::ceil(n * target * 1.1 / s));
        n *= 4;
    }
    return n;
}

struct ClockResult {
    double single = 0, all = 0;
};

// The clock is what every theoretical peak stands on, and an interrupted run only ever makes it
// look slower; so it gets many short runs whatever the setting (about 0.1 s in all).
ClockResult measureClock(int threads) {
    LimitsSettings s;
    s.secondsPerPoint = 0.001;
    s.repetitions = 40;
    s.maxSecondsPerPoint = 0.05;
    std::uint64_t sink = 0;
    auto chainSeconds = [&](std::int64_t n) {
        const auto t0 = Clock::now();
        sink += probes::runDependentAdds(n);
        return secondsSince(t0);
    };
    const std::int64_t n = calibrate(1 << 16, s.secondsPerPoint, chainSeconds);
    ClockResult r;
    const double one = bestParallelSeconds(1, s.repetitions, s.maxSecondsPerPoint,
                                           [&](int) { sink += probes::runDependentAdds(n); });
    r.single = n / one / 1e9;
    // All cores at once: the all-core clock is often below the single-core turbo.
    std::vector<double> perThread(threads, 1e300);
    const auto started = Clock::now();
    for (int rep = 0;
         rep < s.repetitions && (rep < 2 || secondsSince(started) < s.maxSecondsPerPoint); ++rep) {
#pragma omp parallel num_threads(threads) reduction(+ : sink)
        {
#pragma omp barrier
            const auto t0 = Clock::now();
            sink += probes::runDependentAdds(n);
            const double sec = secondsSince(t0);
            double& best = perThread[omp_get_thread_num()];
            best = std::min(best, sec);
        }
    }
    double sum = 0;
    for (double sec : perThread)
        sum += n / sec / 1e9;
    r.all = sum / threads;
    if (sink == 42) // never true in practice; keeps the chains observable
        r.all += 1e-12;
    return r;
}

// Per-thread buffers, 64-byte aligned, first touched by the thread that owns them.
struct ThreadBuffers {
    std::vector<double*> ptr;
    std::size_t doubles = 0;
    ThreadBuffers(int threads, std::size_t perThreadDoubles)
        : ptr(threads, nullptr) {
        doubles = perThreadDoubles;
#pragma omp parallel num_threads(threads)
        {
            const int t = omp_get_thread_num();
            auto* p = static_cast<double*>(std::aligned_alloc(64, doubles * sizeof(double)));
            if (p)
                for (std::size_t i = 0; i < doubles; ++i)
                    p[i] = 1.0 + 1e-9 * static_cast<double>(i % 1000);
            ptr[t] = p;
        }
    }
    ~ThreadBuffers() {
        for (double* p : ptr)
            std::free(p);
    }
    ThreadBuffers(const ThreadBuffers&) = delete;
    ThreadBuffers& operator=(const ThreadBuffers&) = delete;
    bool ok() const {
        return std::none_of(ptr.begin(), ptr.end(), [](double* p) { return !p; });
    }
};

// Working sets (total over threads, bytes) from 8 KiB to the end of the memory window (STREAM's
// rule: >= 4x the last-level cache), geometric with `perOctave` points per doubling.
std::vector<qint64> sweepSizes(const EffectiveCaches& caches, int cores, int perOctave,
                               qint64 memoryBytes) {
    // 9/8 of the window's start: the kernels round the arrays down.
    const qint64 last =
        std::max<qint64>(memoryWindowStart(caches, cores, memoryBytes) * 9 / 8, qint64(32) << 20);
    std::vector<qint64> sizes;
    const double step = std::pow(2.0, 1.0 / std::max(1, perOctave));
    for (double ws = 8 * 1024; ws <= last * 1.0001; ws *= step)
        sizes.push_back(static_cast<qint64>(ws));
    if (sizes.back() < last)
        sizes.push_back(last);
    return sizes;
}

// One series of the sweep: `kernel` ("read" | "triad") on `threads` threads.
bool sweepSeries(const QString& kernel, int threads, const std::vector<qint64>& sizes,
                 ThreadBuffers& buf, const LimitsSettings& s, QList<BandwidthSample>* out,
                 const std::function<bool()>& cancelled, const std::function<void()>& tick) {
    const bool isRead = kernel == QLatin1String("read");
    const int arrays = isRead ? 1 : 3;
    double sink = 0;
    // Bytes per second of the previous point: the next point starts its calibration there, so
    // one or two runs find the repetition count (each run wakes the thread pool).
    double lastRate = 0;
    for (qint64 ws : sizes) {
        if (cancelled())
            return false;
        // Elements per array per thread, a multiple of 64 (the kernels' unrolling).
        std::size_t n = static_cast<std::size_t>(ws / (8 * arrays * threads));
        n = std::max<std::size_t>(64, n / 64 * 64);
        if (n * arrays > buf.doubles)
            break;
        auto pass = [&](int t, std::int64_t reps) {
            double* base = buf.ptr[t];
            double local = 0;
            if (isRead)
                local += probes::readArray(base, n, reps);
            else
                probes::triad(base, base + n, base + 2 * n, 1e-9, n, reps);
            if (local == 42.0)
                sink += local;
        };
        const double bytes = static_cast<double>(n * arrays * threads * 8);
        const auto guess = static_cast<std::int64_t>(lastRate * s.secondsPerPoint / 2 / bytes);
        const std::int64_t reps = calibrate(guess, s.secondsPerPoint, [&](std::int64_t r) {
            return bestParallelSeconds(threads, 1, 0, [&](int t) { pass(t, r); });
        });
        const double sec = bestParallelSeconds(
            threads, s.sweepRepetitions, s.sweepMaxSecondsPerPoint, [&](int t) { pass(t, reps); });
        BandwidthSample b;
        b.kernel = kernel;
        b.threads = threads;
        b.workingSetBytes = static_cast<qint64>(n * arrays * threads * 8);
        // Bytes as the kernel moves them: read 8/element, triad 24 (write-allocate not counted).
        b.gbytesPerS = static_cast<double>(b.workingSetBytes) * reps / sec / 1e9;
        lastRate = b.gbytesPerS * 1e9;
        out->append(b);
        tick();
    }
    return true;
}

bool measureBandwidth(Limits& L, const EffectiveCaches& caches, const LimitsSettings& s, int cores,
                      qint64 memoryBytes, double progressStart,
                      const std::function<void(double, const QString&)>& report,
                      const std::function<bool()>& cancelled) {
    const std::vector<qint64> sizes = sweepSizes(caches, cores, s.pointsPerOctave, memoryBytes);
    const int series = 4;
    int done = 0;
    const int total = series * static_cast<int>(sizes.size());
    QString what;
    auto tick = [&] {
        ++done;
        report(progressStart + (1.0 - progressStart) * done / total, what);
    };
    for (int threads : {1, cores}) {
        // Sized for the largest working set split across `threads`, so each thread first-touches
        // only its own part (on its own NUMA node).
        const std::size_t perThread =
            static_cast<std::size_t>(sizes.back() / (8 * threads)) + 64 * 3;
        ThreadBuffers buf(threads, perThread);
        if (!buf.ok()) {
            L.warnings.append(QStringLiteral("bandwidth sweep skipped: out of memory"));
            return true;
        }
        for (const QString& kernel : {QStringLiteral("read"), QStringLiteral("triad")}) {
            what = QStringLiteral("bandwidth %1 on %2 thread(s)").arg(kernel).arg(threads);
            QList<BandwidthSample> samples;
            if (!sweepSeries(kernel, threads, sizes, buf, s, &samples, cancelled, tick))
                return false;
            L.sweep += samples;
            L.bandwidth += detectPlateaus(samples, caches, threads, &L.warnings, memoryBytes);
        }
        if (cores == 1)
            break;
    }
    L.writeAllocateCounted = false;
    return true;
}

double measurePeakGflops(probes::VectorIsa isa, probes::Precision prec, int threads,
                         const LimitsSettings& s) {
    double sink = 0;
    const std::int64_t iters = calibrate(1 << 14, s.secondsPerPoint, [&](std::int64_t n) {
        const auto t0 = Clock::now();
        probes::runPeak(isa, prec, n, &sink);
        return secondsSince(t0);
    });
    double flopsPerThread = 0;
    const double sec =
        bestParallelSeconds(threads, s.repetitions, s.maxSecondsPerPoint, [&](int t) {
            double local = 0;
            const double f = probes::runPeak(isa, prec, iters, &local);
            if (t == 0)
                flopsPerThread = f;
            if (local == 42.0) // keeps the checksum observable
                sink += local;
        });
    return flopsPerThread * threads / sec / 1e9;
}

// Peaks: every available vector width, double (and single), 1 thread and all cores, on the
// first `share` of the progress bar. The theoretical ones are left in FLOP per cycle, for
// settleTheoreticalPeaks. False when cancelled.
bool measurePeaks(Limits& L, int cores, const ClockResult& clock, const LimitsSettings& settings,
                  double share, const std::function<void(double, const QString&)>& report,
                  const std::function<bool()>& cancelled) {
    const auto& cpu = kernels::cpuInfo();
    const QString vendor = QString::fromStdString(cpu.vendor);
    const probes::VectorIsa isas[] = {probes::VectorIsa::Scalar, probes::VectorIsa::Sse,
                                      probes::VectorIsa::Avx2, probes::VectorIsa::Avx512};
    std::vector<probes::Precision> precisions{probes::Precision::Double};
    if (settings.measureSingle)
        precisions.push_back(probes::Precision::Single);
    int steps = 0, step = 0;
    for (auto isa : isas)
        steps += probes::peakAvailable(isa) ? static_cast<int>(precisions.size()) * 2 : 0;
    for (auto isa : isas) {
        if (!probes::peakAvailable(isa))
            continue;
        const int bits = probes::vectorBits(isa);
        QString note;
        const bool fma = probes::peakUsesFma(isa);
        int units = fmaUnitsPerCore(vendor, cpu.family, cpu.model, bits, &note,
                                    QString::fromStdString(cpu.brand));
        if (!fma) {
            units = 1;
            note = QStringLiteral("no FMA: one multiply and one add per cycle assumed");
        }
        if (isa == probes::VectorIsa::Avx2 || (isa == probes::VectorIsa::Avx512)) {
            L.fmaUnitsPerCore = units;
            L.fmaUnitsNote = note;
        }
        for (auto prec : precisions) {
            for (int threads : {1, cores}) {
                if (cancelled())
                    return false;
                report(share * step++ / std::max(1, steps),
                       QStringLiteral("peak %1 %2 on %3 thread(s)")
                           .arg(QLatin1String(probes::vectorIsaName(isa)),
                                prec == probes::Precision::Double ? QStringLiteral("double")
                                                                  : QStringLiteral("single"))
                           .arg(threads));
                const double perCycle = threads * probes::lanes(isa, prec) * units * 2.0;
                const double theoretical = perCycle * (threads == 1 ? clock.single : clock.all);
                // Another process on a core ruins a multi-thread run; retry while far below.
                double measured = 0;
                for (int attempt = 0; attempt < 3 && measured < 0.85 * theoretical; ++attempt)
                    measured = std::max(measured, measurePeakGflops(isa, prec, threads, settings));
                PeakEntry e;
                e.isa = QLatin1String(probes::vectorIsaName(isa));
                e.precision = prec == probes::Precision::Double ? QStringLiteral("double")
                                                                : QStringLiteral("single");
                e.threads = threads;
                e.theoreticalGflops = perCycle; // times the clock in settleTheoreticalPeaks
                e.measuredGflops = measured;
                L.perIsa.append(e);
            }
        }
    }
    return true;
}

// Theoretical peaks from the best clock seen: measured again after the peaks, and again while
// a peak still beats its theoretical value (then the clock run was interrupted).
void settleTheoreticalPeaks(Limits& L, ClockResult clock, int cores) {
    const QList<PeakEntry> flopsPerCycle = L.perIsa;
    for (int attempt = 0; attempt < 3; ++attempt) {
        if (attempt > 0) {
            const ClockResult again = measureClock(cores);
            clock.single = std::max(clock.single, again.single);
            clock.all = std::max(clock.all, again.all);
        }
        bool above = false;
        for (qsizetype i = 0; i < L.perIsa.size(); ++i) {
            PeakEntry& e = L.perIsa[i];
            e.theoreticalGflops =
                flopsPerCycle[i].theoreticalGflops * (e.threads == 1 ? clock.single : clock.all);
            above = above || e.measuredGflops > 1.05 * e.theoreticalGflops;
        }
        if (!above && attempt > 0)
            break;
    }
    L.clockGhz = clock.single;
    L.clockGhzAllCores = clock.all;
}

// The warnings about the peaks, and the headline peak: double precision, widest ISA, all cores.
void summarizePeaks(Limits& L, int cores) {
    for (const PeakEntry& e : std::as_const(L.perIsa)) {
        const double ratio = e.measuredGflops / e.theoreticalGflops;
        if (ratio > 1.05)
            L.warnings.append(QStringLiteral("BUG: measured %1 %2 peak on %3 thread(s) is %4 the "
                                             "theoretical (%5 vs %6): the FMA model or the "
                                             "clock is wrong")
                                  .arg(e.isa, e.precision)
                                  .arg(e.threads)
                                  .arg(format::ratio(ratio),
                                       format::rate(e.measuredGflops, format::Rate::Gflops),
                                       format::rate(e.theoreticalGflops, format::Rate::Gflops)));
    }
    for (const PeakEntry& e : std::as_const(L.perIsa)) {
        if (e.precision == QLatin1String("double") && e.threads == cores) {
            L.peakTheoreticalGflops = e.theoreticalGflops;
            L.peakMeasuredGflops = e.measuredGflops;
        }
    }
    const double ratio =
        L.peakTheoreticalGflops > 0 ? L.peakMeasuredGflops / L.peakTheoreticalGflops : 0.0;
    if (ratio > 0 && ratio < 0.7)
        L.warnings.append(QStringLiteral("measured peak is only %1 of the theoretical: another "
                                         "load on the machine, or fewer FMA pipes than assumed")
                              .arg(format::ratio(ratio)));
}

} // namespace

LimitsSettings LimitsSettings::named(const QString& name) {
    // name, run s, repetitions, max s per point, sweep repetitions, sweep max s, points/octave,
    // single precision too.
    static const LimitsSettings table[] = {
        {QStringLiteral("quick"), 0.002, 15, 0.1, 7, 0.05, 2, true},
        {QStringLiteral("thorough"), 0.01, 25, 0.5, 15, 0.3, 4, true},
        {QStringLiteral("test"), 0.001, 5, 0.03, 3, 0.02, 1, false},
    };
    for (const LimitsSettings& s : table)
        if (s.name == name)
            return s;
    return table[0];
}

int fmaUnitsPerCore(const QString& vendor, int family, int model, int bits, QString* note,
                    const QString& brand) {
    auto say = [&](int units, const QString& why) {
        if (note)
            *note = QStringLiteral("%1 FMA pipe(s) per core for %2-bit operations assumed: %3")
                        .arg(units)
                        .arg(bits)
                        .arg(why);
        return units;
    };
    if (vendor.contains(QLatin1String("AMD"))) {
        if (family == 0x17 && model < 0x30) // Zen, Zen+: two 128-bit FMA pipes
            return say(bits <= 128 ? 2 : 1, QStringLiteral("AMD Zen/Zen+ (two 128-bit FMA pipes)"));
        if (family == 0x17)
            return say(2, QStringLiteral("AMD Zen 2 (two 256-bit FMA pipes)"));
        if (family == 0x19) // Zen 3, Zen 4 (AVX-512 double-pumped on 256-bit pipes)
            return say(
                bits <= 256 ? 2 : 1,
                QStringLiteral("AMD Zen 3/4 (two 256-bit FMA pipes; 512-bit double-pumped)"));
        if (family == 0x1A) {
            const bool mobile = model >= 0x20 && model < 0x30; // Strix Point: 256-bit datapath
            return say(bits <= 256 || !mobile ? 2 : 1,
                       QStringLiteral("AMD Zen 5 (two FMA pipes, 512-bit on desktop/server)"));
        }
        return say(2, QStringLiteral("unknown AMD family %1: 2 is a guess").arg(family));
    }
    if (vendor.contains(QLatin1String("Intel"))) {
        // Client Ice Lake / Tiger Lake / Rocket Lake have one 512-bit FMA (ports 0+1 fused). A
        // hypervisor may show a client model number on a Xeon (a Sapphire Rapids KVM guest said
        // model 0xA7 and measured two 512-bit FMAs' worth), so the brand string overrides it.
        const bool xeon = brand.contains(QLatin1String("Xeon"));
        const bool oneZmm = !xeon && (model == 0x7D || model == 0x7E || model == 0x8C ||
                                      model == 0x8D || model == 0xA7);
        if (bits == 512)
            return say(oneZmm ? 1 : 2,
                       oneZmm ? QStringLiteral("Intel client core with one 512-bit FMA")
                              : QStringLiteral("Intel server core (Xeon Gold/Platinum have two "
                                               "512-bit FMAs; some Silver/Bronze SKUs only one)"));
        return say(2, QStringLiteral("Intel core since Haswell (FMA on ports 0 and 1)"));
    }
    return say(2, QStringLiteral("unknown vendor: 2 is a guess"));
}

Limits measureLimits(const Topology& topology, const EffectiveCaches& caches,
                     const LimitsSettings& settings,
                     const std::function<void(double, const QString&)>& progress,
                     const std::atomic<bool>* cancel) {
    const auto started = Clock::now();
    Limits L;
    const int cores = std::max(1, topology.cores > 0 ? topology.cores : liveCoreCount());
    L.threads = cores;
    // Progress when the step changes or every 2 %: a sweep point takes milliseconds, and a
    // command line printing each one would scroll 120 lines.
    double lastFraction = -1;
    QString lastWhat;
    auto report = [&](double f, const QString& what) {
        if (!progress || (what == lastWhat && f < lastFraction + 0.02 && f < 1.0))
            return;
        lastFraction = f;
        lastWhat = what;
        progress(f, what);
    };
    auto cancelled = [&] { return cancel && cancel->load(); };

    QString pinNote;
    if (!bindOpenMpThreadsToCores(cores, &pinNote))
        L.warnings.append(QStringLiteral("limits measured with unpinned threads: ") % pinNote);

    report(0.0, QStringLiteral("clock"));
    const ClockResult clock = measureClock(cores);

    const double peakShare = 0.3; // of the progress bar
    if (!measurePeaks(L, cores, clock, settings, peakShare, report, cancelled)) {
        unbindOpenMpThreads(cores);
        return {};
    }
    settleTheoreticalPeaks(L, clock, cores);
    summarizePeaks(L, cores);

    if (!measureBandwidth(L, caches, settings, cores, topology.memoryBytes, peakShare, report,
                          cancelled)) {
        unbindOpenMpThreads(cores);
        return {};
    }

    unbindOpenMpThreads(cores);
    L.setting = settings.name;
    L.measuredAt = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
    report(1.0, QStringLiteral("done in %1").arg(format::seconds(secondsSince(started))));
    return L;
}

} // namespace headroom
