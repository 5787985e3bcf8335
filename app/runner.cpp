// SPDX-License-Identifier: MIT
#include "runner.h"

#include "baseline.h"

#include "affinity.h"
#include "interpreted.h"
#include "ladderinfo.h"
#include "sampling.h"
#include "stats.h"
#include "sysmemory.h"

#include <matrix.h>
#include <registry.h>
#include <verify.h>

#include <QElapsedTimer>
#include <QHash>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>

namespace headroom {

namespace {

using Clock = std::chrono::steady_clock;

// Sizes at which a rung with no earlier measurement is first timed, so that a slow rung
// (python at n = 1024 would take minutes) is predicted before it is run at size.
constexpr int kCalibrationN = 64;
// A point whose single run is predicted above this is timed without a separate warm-up run.
constexpr double kWarmupLimitSeconds = 1.0;
constexpr int kMaxRepetitions = 10000;
// The native points of a size are timed in this many interleaved rounds (see run()).
constexpr int kRounds = 5;
// Products shorter than this get an untimed call before each of their later batches.
constexpr double kRewarmSeconds = 0.1;

// Samples to take of a point predicted at `predicted` seconds (-1: unknown): what the plan asks,
// and enough for a 95 % interval of the median when they fit in the point's budget. The ± mark
// between two rungs rests on their intervals: with 3 samples those are [min, max], 75 %.
int repetitionsFor(const Plan& plan, double predicted) {
    if (predicted > 0 && predicted * kSamplesFor95 <= plan.budgetSeconds)
        return std::max(plan.repetitions, kSamplesFor95);
    return plan.repetitions;
}

// Floating-point operations of one n x n product, in GFLOP.
double gflop(int n) {
    return 2.0 * static_cast<double>(n) * n * n * 1e-9;
}

struct Measured {
    int n = 0;
    double seconds = 0;
};

struct Buffers {
    kernels::PlacedMatrix a, b, c; // at distinct page offsets: see kernels/matrix.h
};

// Fills C with NaN, in parallel like the kernels' outer loops (first touch when C is new).
void fillNaN(double* c, int n, int threads) {
    const long long cnt = static_cast<long long>(n) * n;
#pragma omp parallel for schedule(static) num_threads(threads)
    for (long long i = 0; i < cnt; ++i)
        c[i] = std::numeric_limits<double>::quiet_NaN();
}

// Allocates and first-touches A, B (values from the seed) and C (NaN: every rung must overwrite
// it, and a rung that does not is caught by verification).
bool prepare(int n, quint64 seed, int threads, Buffers* buf, QString* error) {
    const double needed = 3.0 * 8.0 * static_cast<double>(n) * n;
    const double available = static_cast<double>(availableMemoryBytes());
    if (available > 0 && needed > 0.9 * available) {
        *error = QStringLiteral("n = %1 needs %2 GiB for A, B and C; only %3 GiB are available")
                     .arg(n)
                     .arg(needed / (1u << 30), 0, 'f', 2)
                     .arg(available / (1u << 30), 0, 'f', 2);
        return false;
    }
    buf->a = kernels::allocatePlacedMatrix(n, n, kernels::kPageOffsetA);
    buf->b = kernels::allocatePlacedMatrix(n, n, kernels::kPageOffsetB);
    buf->c = kernels::allocatePlacedMatrix(n, n, kernels::kPageOffsetC);
    if (!buf->a || !buf->b || !buf->c) {
        *error = QStringLiteral("could not allocate 3 x %1 x %1 doubles").arg(n);
        return false;
    }
    // The portable formula: the interpreted rungs build the very same A and B themselves.
    kernels::fillPortable(buf->a.get(), n, n, seed, threads);
    kernels::fillPortable(buf->b.get(), n, n, seed + 1, threads);
    fillNaN(buf->c.get(), n, threads);
    return true;
}

// Verifies C: Freivalds always, plus the full comparison up to `fullMaxN`.
void verifyInto(int n, const double* a, const double* b, const double* c, int fullMaxN,
                quint64 seed, PointResult* p) {
    kernels::CheckResult r = kernels::freivalds(n, a, b, c, 3, seed ^ 0xF00Dull);
    p->check = QStringLiteral("freivalds");
    if (r.passed && n <= fullMaxN) {
        r = kernels::compareWithReference(n, n, n, a, n, b, n, c, n);
        p->check = QStringLiteral("freivalds+full");
    }
    p->status = r.passed ? PointStatus::Verified : PointStatus::Failed;
    if (!r.passed)
        p->message = QString::fromStdString(r.message);
}

void fillTimes(const QList<double>& samples, PointResult* p) {
    const Stats s = computeStats(samples);
    p->seconds = s.median;
    p->secondsMin = s.min;
    p->secondsLow = s.medianLow;
    p->secondsHigh = s.medianHigh;
    p->cv = s.cv;
    p->repetitions = s.count;
    p->gflops = s.median > 0 ? gflop(p->n) / s.median : 0;
}

// The reference probe around a size; a slow phase is said at once (and marks the size's points).
MachineState checkMachine(const BaselineCheck& baseline, int n, const QString& when,
                          const std::function<void(const QString&)>& log) {
    const MachineState st = baseline.probe();
    if (st.slow)
        log(QStringLiteral("warning: the machine is slow %1 n = %2: %3; the points of this size "
                           "are marked")
                .arg(when)
                .arg(n)
                .arg(st.detail));
    return st;
}

// Settles a sampled point from its run (already verified into p). False when cancelled.
bool settleSampled(const SampledRun& run, PointResult* p) {
    if (run.cancelled)
        return false;
    if (!run.ok) {
        p->status = PointStatus::Error;
        p->message = run.error;
        return true;
    }
    fillTimes(run.seconds, p);
    p->sampledRows = run.rows;
    return true;
}

} // namespace

Runner::Runner(Machine machine, QList<RungStatus> rungs)
    : m_machine(std::move(machine))
    , m_rungs(std::move(rungs)) {}

void Runner::overrideKernel(const QString& id, kernels::GemmFn fn) {
    m_overrides[id] = fn;
}

void Runner::overrideInterpretedSource(const QString& id, const QString& path) {
    m_sources[id] = path;
}

Runner::Calibration Runner::calibrate(const std::function<double(int)>& timeAt, int start, int n,
                                      double budget) {
    Calibration c;
    for (int m = start; m < n; m *= 2) {
        if (c.n > 0 && predictSeconds(c.seconds, c.n, m) > budget / 8)
            break;
        const double t = timeAt(m);
        if (t <= 0)
            break;
        c = {m, t};
    }
    return c;
}

double Runner::predictSeconds(double t0, int n0, int n) {
    if (n0 <= 0)
        return t0;
    const double r = static_cast<double>(n) / n0;
    return t0 * r * r * r;
}

int Runner::threadsFor(const Plan& plan) const {
    if (plan.threads > 0)
        return plan.threads;
    if (m_machine.topology.cores > 0 && m_machine.topology.source == QLatin1String("live"))
        return m_machine.topology.cores;
    return physicalCoreCount();
}

QList<PointResult> Runner::run(const Plan& plan, const RunnerCallbacks& cb,
                               const std::atomic<bool>* cancel) {
    QList<PointResult> done;
    const int threads = threadsFor(plan);
    auto log = [&](const QString& s) {
        if (cb.log)
            cb.log(s);
    };
    auto cancelled = [&] { return cancel && cancel->load(); };

    kernels::CacheInfo caches;
    caches.l1d = static_cast<std::size_t>(std::max<qint64>(0, m_machine.caches.l1d));
    caches.l2 = static_cast<std::size_t>(std::max<qint64>(0, m_machine.caches.l2));
    caches.l3 = static_cast<std::size_t>(std::max<qint64>(0, m_machine.caches.l3));

    QList<int> sizes = plan.sizes;
    std::sort(sizes.begin(), sizes.end());
    sizes.erase(std::unique(sizes.begin(), sizes.end()), sizes.end());
    const qsizetype pointCount = sizes.size() * plan.rungs.size();

    log(pinOpenMpThreads(threads));
    kernels::setFlushDenormalsInTeam(threads);
    kernels::setFlushDenormals();
    const BaselineCheck baseline(m_machine, threads);
    if (!baseline.available())
        log(QStringLiteral("no measured limits: the machine's state is not checked against a "
                           "baseline during this run"));

    QHash<QString, Measured> history; // rung -> largest measured point
    QElapsedTimer wall;
    wall.start();

    // One timed execution of a native rung; returns seconds.
    auto kernelOf = [&](const kernels::RungInfo& info) {
        return m_overrides.value(
            QString::fromUtf8(info.id.data(), static_cast<qsizetype>(info.id.size())), info.fn);
    };
    auto timeNative = [&](const kernels::RungInfo& info, const kernels::GemmArgs& args) {
        const kernels::GemmFn fn = kernelOf(info);
        const auto t0 = Clock::now();
        fn(args);
        const auto t1 = Clock::now();
        return std::chrono::duration<double>(t1 - t0).count();
    };

    auto bindFor = [&](const kernels::RungInfo& info) {
        if (info.kind == kernels::RungKind::Reference) {
            // OpenBLAS runs its own pthreads, which inherit the calling thread's binding when
            // created: pinned to core 0, they would share one core. Let them float.
            unpinOpenMpThreads(threads);
        } else {
            // Child processes of interpreted rungs ran unpinned; pin the team again.
            pinOpenMpThreads(threads);
        }
    };

    // `settled`: points of the current size already settled (the native ones settle in rounds).
    auto emitProgress = [&](const QString& rung, int n, int round, int settled) {
        if (!cb.progress)
            return;
        const int index = static_cast<int>(done.size()) + settled;
        Progress pr;
        pr.rung = rung;
        pr.n = n;
        pr.round = round;
        pr.rounds = round > 0 ? kRounds : 0;
        pr.pointIndex = index;
        pr.pointCount = static_cast<int>(pointCount);
        // Remaining time: each remaining point at its prediction, capped by the budget.
        double remaining = 0;
        int pos = 0;
        for (int sn : sizes) {
            for (const QString& r : plan.rungs) {
                if (pos++ < index)
                    continue;
                const auto it = history.constFind(r);
                const double t = it == history.constEnd() ? plan.budgetSeconds * 0.25
                                                          : predictSeconds(it->seconds, it->n, sn);
                if (t <= plan.budgetSeconds)
                    remaining += t * (repetitionsFor(plan, t) + 1);
                else if (const auto* info = kernels::findRung(r.toStdString());
                         info && samplesRows(*info, plan))
                    remaining += plan.budgetSeconds * 1.5; // the warm-up row, then the budget
            }
        }
        const double elapsed = wall.elapsed() / 1000.0;
        pr.etaSeconds = remaining;
        pr.fraction = elapsed + remaining > 0 ? elapsed / (elapsed + remaining) : 0;
        cb.progress(pr);
    };

    // The points of one size. Interpreted and extrapolated points are settled as they come;
    // the native ones are timed in rounds (below) and settled when the last round is done.
    struct Slot {
        PointResult p;
        const kernels::RungInfo* info = nullptr;
        kernels::GemmArgs args;
        QList<double> samples;
        double total = 0;      // seconds timed so far
        double predicted = -1; // seconds, from a smaller size; -1 when unknown
        int repetitions = 0;   // samples to take: repetitionsFor(plan, predicted)
        bool timing = false;   // a native point still collecting samples
    };

    for (int n : sizes) {
        std::vector<Slot> points; // references to points stay valid: reserved up front
        points.reserve(static_cast<std::size_t>(plan.rungs.size()));
        Buffers buf;          // A and B (same seed: the same matrices for every rung) and C, shared
        QString prepareError; // why buf could not be prepared (tried once per size)
        auto settledHere = [&] {
            return static_cast<int>(std::count_if(points.begin(), points.end(),
                                                  [](const Slot& s) { return !s.timing; }));
        };
        const MachineState before = checkMachine(baseline, n, QStringLiteral("before"), log);
        auto settleSize = [&] {
            const MachineState after = checkMachine(baseline, n, QStringLiteral("after"), log);
            for (Slot& s : points) {
                if (s.timing)
                    continue; // unfinished (a cancelled size): not reported
                if (s.p.repetitions > 0)
                    s.p.machineSpeed = std::min(before.speed, after.speed);
                done.append(s.p);
                if (cb.result)
                    cb.result(s.p);
            }
        };

        for (const QString& id : plan.rungs) {
            if (cancelled()) {
                settleSize();
                return done;
            }
            emitProgress(id, n, 0, settledHere());
            Slot& slot = points.emplace_back();
            const kernels::RungInfo* info = kernels::findRung(id.toStdString());
            slot.info = info;
            PointResult& p = slot.p;
            p.rung = id;
            p.n = n;
            p.threads = info && info->parallel ? threads : 1;
            if (!info) {
                p.status = PointStatus::Error;
                p.message = QStringLiteral("unknown rung");
                continue;
            }
            const auto st = std::find_if(m_rungs.cbegin(), m_rungs.cend(),
                                         [&id](const RungStatus& r) { return r.id == id; });
            if (st == m_rungs.cend() || !st->available) {
                p.status = PointStatus::Unavailable;
                p.message =
                    st == m_rungs.cend() ? QStringLiteral("not known to this run") : st->reason;
                continue;
            }
            p.intensity = modelIntensity(id, n, p.threads, m_machine.caches);
            const bool interpreted = info->kind == kernels::RungKind::Interpreted;
            kernels::GemmArgs& args = slot.args;
            args.threads = p.threads;
            args.caches = caches;
            args.cancel = cancel;

            // Calibrate a rung never timed before at a small size, so its cost at n is known.
            if (!history.contains(id) && n > kCalibrationN) {
                Buffers cal;
                QString err;
                if (prepare(kCalibrationN, plan.seed, threads, &cal, &err)) {
                    Calibration c;
                    if (interpreted) {
                        unpinOpenMpThreads(threads);
                        const InterpretedRun run = runInterpreted(
                            id, kCalibrationN, plan.seed, 1, 0, 120.0, cancel, m_sources.value(id));
                        if (run.cancelled) {
                            points.pop_back();
                            settleSize();
                            return done;
                        }
                        if (run.ok && !run.seconds.isEmpty())
                            c = {kCalibrationN, run.seconds.front()};
                    } else {
                        bindFor(*info);
                        // The first call at a size pays for waking the thread pool and
                        // faulting in pages: it is not timed, and the best of a few calls
                        // stands for the rung's speed there.
                        auto timeAt = [&](int m) {
                            Buffers at;
                            QString e;
                            if (m != kCalibrationN && !prepare(m, plan.seed, threads, &at, &e))
                                return 0.0;
                            const Buffers& b = m == kCalibrationN ? cal : at;
                            kernels::GemmArgs calArgs = args;
                            calArgs.n = m;
                            calArgs.a = b.a.get();
                            calArgs.b = b.b.get();
                            calArgs.c = b.c.get();
                            timeNative(*info, calArgs);
                            double best = timeNative(*info, calArgs);
                            for (int i = 0; i < 2 && best < 0.05; ++i)
                                best = std::min(best, timeNative(*info, calArgs));
                            return best;
                        };
                        c = calibrate(timeAt, kCalibrationN, n, plan.budgetSeconds);
                    }
                    if (c.n > 0 && c.seconds > 0) {
                        history[id] = {c.n, c.seconds};
                        log(QStringLiteral("%1: calibrated at n = %2: %3 s")
                                .arg(id)
                                .arg(c.n)
                                .arg(c.seconds, 0, 'g', 3));
                    }
                }
            }
            if (cancelled()) {
                points.pop_back();
                settleSize();
                return done;
            }

            double& predicted = slot.predicted;
            bool sample = false; // over the budget: a few rows of the full product, scaled
            if (const auto it = history.constFind(id); it != history.constEnd()) {
                predicted = predictSeconds(it->seconds, it->n, n);
                sample = predicted > plan.budgetSeconds && samplesRows(*info, plan);
                if (predicted > plan.budgetSeconds && !sample) {
                    p.status = PointStatus::Extrapolated;
                    p.seconds = predicted;
                    p.secondsMin = predicted;
                    p.gflops = gflop(n) / predicted;
                    p.extrapolatedFrom = it->n;
                    p.message = QStringLiteral("predicted %1 s from n = %2 (n^3), over the budget "
                                               "of %3 s")
                                    .arg(predicted, 0, 'g', 3)
                                    .arg(it->n)
                                    .arg(plan.budgetSeconds);
                    continue;
                }
            }

            if (!buf.a && prepareError.isEmpty() &&
                !prepare(n, plan.seed, threads, &buf, &prepareError))
                buf = {};
            if (!prepareError.isEmpty()) {
                p.status = PointStatus::Error;
                p.message = prepareError;
                continue;
            }

            if (sample) {
                if (interpreted)
                    unpinOpenMpThreads(threads);
                else
                    bindFor(*info);
                args.n = n;
                args.a = buf.a.get();
                args.b = buf.b.get();
                args.c = buf.c.get();
                const SampledRun run =
                    interpreted ? sampleInterpreted(id, n, buf.a.get(), buf.b.get(), plan,
                                                    predicted, m_sources.value(id), cancel, &p)
                                : sampleNative(kernelOf(*info), args, plan, &p);
                if (!settleSampled(run, &p)) {
                    points.pop_back();
                    settleSize();
                    return done;
                }
                continue;
            }

            slot.repetitions = repetitionsFor(plan, predicted);
            if (interpreted) {
                unpinOpenMpThreads(threads);
                // A budget-sized run is repeated only as often as the budget allows.
                const int asked = slot.repetitions;
                int reps = asked;
                if (predicted > 0)
                    reps = std::clamp(
                        static_cast<int>(plan.budgetSeconds * asked / std::max(predicted, 1e-9)), 1,
                        asked);
                const int warmups = id == QLatin1String("java") ? 1 : 0; // JIT warm-up
                const double timeout =
                    60.0 + 10.0 * std::max(predicted, plan.budgetSeconds) * (reps + warmups);
                InterpretedRun run = runInterpreted(id, n, plan.seed, reps, warmups, timeout,
                                                    cancel, m_sources.value(id));
                if (run.cancelled) {
                    points.pop_back();
                    settleSize();
                    return done;
                }
                if (!run.ok) {
                    p.status = PointStatus::Error;
                    p.message = run.error;
                    continue;
                }
                fillTimes(run.seconds, &p);
                verifyInto(n, buf.a.get(), buf.b.get(), run.c.data(), plan.fullCheckMaxN, plan.seed,
                           &p);
                continue;
            }

            args.n = n;
            args.a = buf.a.get();
            args.b = buf.b.get();
            args.c = buf.c.get();
            slot.timing = true;
        }

        // The native points are timed in rounds: each round gives every point a share of its
        // repetitions, in ladder order, and the next round starts over. A shared machine (a VM,
        // a laptop on battery) changes speed in phases lasting seconds; timed one after the
        // other, two neighbouring rungs can land in different phases and swap places (on the
        // 2-core KVM guest this was written on, "tiled" measured 0.72-1.51x "parallel" from
        // run to run). Interleaved, both sample the same phases and their ratio holds.
        // Each batch starts from a C full of NaN and is verified, so no rung can pass on the
        // product another one left behind.
        for (int round = 1; round <= kRounds; ++round) {
            for (Slot& slot : points) {
                if (!slot.timing)
                    continue;
                if (cancelled()) {
                    settleSize();
                    return done;
                }
                const int wantReps = (slot.repetitions * round + kRounds - 1) / kRounds;
                const double wantSeconds = plan.minSeconds * round / kRounds;
                if (!slot.samples.isEmpty() && slot.samples.size() >= wantReps &&
                    slot.total >= wantSeconds)
                    continue; // this round's share is already timed
                emitProgress(slot.p.rung, n, round, settledHere());
                bindFor(*slot.info);
                fillNaN(buf.c.get(), n, threads);
                // An untimed call first: before the first batch for caches, page tables and the
                // thread pool (unless one call is long enough for that not to matter), and
                // before later batches of short products, which start cold again after the
                // other rungs' batches (OpenBLAS's pool goes back to sleep).
                const bool warm = slot.samples.isEmpty()
                                      ? slot.predicted < 0 || slot.predicted <= kWarmupLimitSeconds
                                      : slot.total / slot.samples.size() < kRewarmSeconds;
                if (warm)
                    timeNative(*slot.info, slot.args);
                bool ran = false;
                while ((!ran || slot.samples.size() < wantReps || slot.total < wantSeconds) &&
                       slot.samples.size() < kMaxRepetitions) {
                    if (cancelled()) {
                        settleSize();
                        return done; // the point is incomplete: not reported
                    }
                    const double t = timeNative(*slot.info, slot.args);
                    if (cancelled()) {
                        settleSize();
                        return done;
                    }
                    slot.samples.append(t);
                    slot.total += t;
                    ran = true;
                    // Long points stop at the asked repetitions even below minSeconds.
                    if (slot.samples.size() >= slot.repetitions &&
                        slot.total > plan.budgetSeconds * 4)
                        break;
                }
                // Every batch is verified; the first one also against the reference (small n),
                // and that first check names what was checked.
                PointResult& p = slot.p;
                PointResult check;
                verifyInto(n, buf.a.get(), buf.b.get(), buf.c.get(),
                           p.check.isEmpty() ? plan.fullCheckMaxN : 0, plan.seed, &check);
                if (p.check.isEmpty())
                    p.check = check.check;
                if (check.status != PointStatus::Verified) {
                    p.status = PointStatus::Failed;
                    p.message = check.message;
                }
                fillTimes(slot.samples, &p);
                const bool enough =
                    slot.samples.size() >= slot.repetitions &&
                    (slot.total >= plan.minSeconds || slot.total > plan.budgetSeconds * 4);
                // A wrong product is reported at once: timing it further proves nothing.
                if (round == kRounds || enough || p.status != PointStatus::Verified ||
                    slot.samples.size() >= kMaxRepetitions)
                    slot.timing = false;
            }
        }

        for (const Slot& s : points)
            if (s.p.status == PointStatus::Verified || s.p.status == PointStatus::Failed)
                if (s.p.seconds > 0 && (!history.contains(s.p.rung) || history[s.p.rung].n <= n))
                    history[s.p.rung] = {n, s.p.seconds};
        settleSize();
    }
    return done;
}

} // namespace headroom
