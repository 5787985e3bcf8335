// SPDX-License-Identifier: MIT
#include "runner.h"

#include "baseline.h"

#include "affinity.h"
#include "interpreted.h"
#include "ladderinfo.h"
#include "pointdata.h"
#include "runplanning.h"
#include "sampling.h"

#include <matrix.h>
#include <registry.h>

#include <QElapsedTimer>
#include <QHash>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <optional>

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
    return predictCubic(t0, n0, n);
}

int Runner::threadsFor(const Machine& machine, const Plan& plan) {
    if (plan.threads > 0)
        return plan.threads;
    if (machine.topology.cores > 0 && machine.topology.source == QLatin1String("live"))
        return machine.topology.cores;
    return physicalCoreCount();
}

namespace {

// The points of one size. Interpreted, sampled and extrapolated points are settled as they
// come; the native ones are timed in rounds and settled when the last round is done.
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

struct SizeRun {
    int n = 0;
    std::vector<Slot> points;
    PointBuffers buf;     // A and B (same seed: the same matrices for every rung) and C, shared
    QString prepareError; // why buf could not be prepared (tried once per size)
    MachineState before;
    int settled() const {
        return static_cast<int>(
            std::count_if(points.begin(), points.end(), [](const Slot& s) { return !s.timing; }));
    }
};

} // namespace

// One run of a plan: the run-wide state, and its steps as methods.
class Runner::Pass {
public:
    Pass(const Runner& r, const Plan& plan, const RunnerCallbacks& cb,
         const std::atomic<bool>* cancel)
        : m_r(r)
        , m_plan(plan)
        , m_cb(cb)
        , m_cancel(cancel)
        , m_threads(r.threadsFor(plan))
        , m_baseline(r.m_machine, m_threads) {}

    QList<PointResult> run();

private:
    enum class Step { Next, Cancelled };

    void log(const QString& s) const {
        if (m_cb.log)
            m_cb.log(s);
    }
    bool cancelled() const { return m_cancel && m_cancel->load(); }
    kernels::GemmFn kernelOf(const kernels::RungInfo& info) const {
        return m_r.m_overrides.value(
            QString::fromUtf8(info.id.data(), static_cast<qsizetype>(info.id.size())), info.fn);
    }
    QString sourceOf(const QString& id) const { return m_r.m_sources.value(id); }
    double timeNative(const kernels::RungInfo& info, const kernels::GemmArgs& args) const;
    void bindFor(const kernels::RungInfo& info) const;
    MachineState probe(int n, const QString& when);
    void emitProgress(const QString& rung, int n, int round, int settled) const;

    bool runSize(int n);
    void settleSize(SizeRun& size);
    Step addPoint(SizeRun& size, const QString& id);
    bool rungAvailable(const QString& id, PointResult* p) const;
    Step calibrateRung(const kernels::RungInfo& info, const QString& id, int n,
                       const kernels::GemmArgs& args);
    void extrapolate(const PointPlan& pp, PointResult* p) const;
    Step sampledPoint(SizeRun& size, Slot& slot, double predicted);
    Step interpretedPoint(SizeRun& size, Slot& slot);
    bool timeRounds(SizeRun& size);
    bool timeBatch(SizeRun& size, Slot& slot, int round);
    void checkBatch(SizeRun& size, Slot& slot, int round);

    const Runner& m_r;
    const Plan& m_plan;
    const RunnerCallbacks& m_cb;
    const std::atomic<bool>* m_cancel;
    const int m_threads;
    const BaselineCheck m_baseline;
    kernels::CacheInfo m_caches;
    QList<int> m_sizes;
    QList<PointResult> m_done;
    History m_history;
    QElapsedTimer m_wall;
    std::optional<MachineState> m_carried; // the last size's "after" probe: the next's "before"
};

QList<PointResult> Runner::run(const Plan& plan, const RunnerCallbacks& callbacks,
                               const std::atomic<bool>* cancel) {
    return Pass(*this, plan, callbacks, cancel).run();
}

QList<PointResult> Runner::Pass::run() {
    const EffectiveCaches& mc = m_r.m_machine.caches;
    m_caches.l1d = static_cast<std::size_t>(std::max<qint64>(0, mc.l1d));
    m_caches.l2 = static_cast<std::size_t>(std::max<qint64>(0, mc.l2));
    m_caches.l3 = static_cast<std::size_t>(std::max<qint64>(0, mc.l3));
    m_sizes = m_plan.sizes;
    std::sort(m_sizes.begin(), m_sizes.end());
    m_sizes.erase(std::unique(m_sizes.begin(), m_sizes.end()), m_sizes.end());

    log(pinOpenMpThreads(m_threads));
    kernels::setFlushDenormalsInTeam(m_threads);
    kernels::setFlushDenormals();
    if (!m_baseline.available() && !m_r.m_probe)
        log(QStringLiteral("no measured limits: the machine's state is not checked against a "
                           "baseline during this run"));
    m_wall.start();
    for (int n : m_sizes)
        if (!runSize(n))
            break;
    return m_done;
}

double Runner::Pass::timeNative(const kernels::RungInfo& info,
                                const kernels::GemmArgs& args) const {
    const kernels::GemmFn fn = kernelOf(info);
    const auto t0 = Clock::now();
    fn(args);
    const auto t1 = Clock::now();
    return std::chrono::duration<double>(t1 - t0).count();
}

void Runner::Pass::bindFor(const kernels::RungInfo& info) const {
    if (info.kind == kernels::RungKind::Reference) {
        // OpenBLAS runs its own pthreads, which inherit the calling thread's binding when
        // created: pinned to core 0, they would share one core. Let them float.
        unpinOpenMpThreads(m_threads);
    } else {
        // Child processes of interpreted rungs ran unpinned; pin the team again.
        pinOpenMpThreads(m_threads);
    }
}

// The reference probe around a size; a slow phase is said at once (and marks the size's points).
MachineState Runner::Pass::probe(int n, const QString& when) {
    const MachineState st = m_r.m_probe ? m_r.m_probe() : m_baseline.probe();
    if (st.slow)
        log(QStringLiteral("warning: the machine is slow %1 n = %2: %3; the points of this size "
                           "are marked")
                .arg(when)
                .arg(n)
                .arg(st.detail));
    return st;
}

// `settled`: points of the current size already settled (the native ones settle in rounds).
void Runner::Pass::emitProgress(const QString& rung, int n, int round, int settled) const {
    if (!m_cb.progress)
        return;
    const int index = static_cast<int>(m_done.size()) + settled;
    Progress pr;
    pr.rung = rung;
    pr.n = n;
    pr.round = round;
    pr.rounds = round > 0 ? kRounds : 0;
    pr.pointIndex = index;
    pr.pointCount = static_cast<int>(m_sizes.size() * m_plan.rungs.size());
    const double remaining =
        remainingSeconds(m_plan, m_sizes, m_history, index, [this](const QString& r) {
            const auto* info = kernels::findRung(r.toStdString());
            return info && samplesRows(*info, m_plan);
        });
    const double elapsed = m_wall.elapsed() / 1000.0;
    pr.etaSeconds = remaining;
    pr.fraction = elapsed + remaining > 0 ? elapsed / (elapsed + remaining) : 0;
    m_cb.progress(pr);
}

// One size: its points in ladder order, then the native ones in rounds. False when cancelled.
bool Runner::Pass::runSize(int n) {
    SizeRun size;
    size.n = n;
    size.points.reserve(static_cast<std::size_t>(m_plan.rungs.size())); // references stay valid
    // The probe between two sizes is run once: the "after" of one is the "before" of the next.
    size.before = m_carried ? *m_carried : probe(n, QStringLiteral("before"));
    for (const QString& id : m_plan.rungs) {
        if (cancelled() || addPoint(size, id) == Step::Cancelled) {
            settleSize(size);
            return false;
        }
    }
    if (!timeRounds(size)) {
        settleSize(size);
        return false;
    }
    for (const Slot& s : size.points)
        if (s.p.status == PointStatus::Verified || s.p.status == PointStatus::Failed)
            if (s.p.seconds > 0 && (!m_history.contains(s.p.rung) || m_history[s.p.rung].n <= n))
                m_history[s.p.rung] = {n, s.p.seconds};
    settleSize(size);
    return true;
}

// Reports the size's settled points, each marked with the machine's speed around the size;
// unfinished ones (a cancelled size) are not reported.
void Runner::Pass::settleSize(SizeRun& size) {
    const MachineState after = probe(size.n, QStringLiteral("after"));
    m_carried = after;
    for (Slot& s : size.points) {
        if (s.timing)
            continue;
        if (s.p.repetitions > 0)
            s.p.machineSpeed = std::min(size.before.speed, after.speed);
        m_done.append(s.p);
        if (m_cb.result)
            m_cb.result(s.p);
    }
}

bool Runner::Pass::rungAvailable(const QString& id, PointResult* p) const {
    const auto st = std::find_if(m_r.m_rungs.cbegin(), m_r.m_rungs.cend(),
                                 [&id](const RungStatus& r) { return r.id == id; });
    if (st != m_r.m_rungs.cend() && st->available)
        return true;
    p->status = PointStatus::Unavailable;
    p->message = st == m_r.m_rungs.cend() ? QStringLiteral("not known to this run") : st->reason;
    return false;
}

// Plans one point of the size and runs it unless it is native (timed later, in rounds).
Runner::Pass::Step Runner::Pass::addPoint(SizeRun& size, const QString& id) {
    const int n = size.n;
    emitProgress(id, n, 0, size.settled());
    Slot& slot = size.points.emplace_back();
    const kernels::RungInfo* info = kernels::findRung(id.toStdString());
    slot.info = info;
    PointResult& p = slot.p;
    p.rung = id;
    p.n = n;
    p.threads = info && info->parallel ? m_threads : 1;
    if (!info) {
        p.status = PointStatus::Error;
        p.message = QStringLiteral("unknown rung");
        return Step::Next;
    }
    if (!rungAvailable(id, &p))
        return Step::Next;
    p.intensity = modelIntensity(id, n, p.threads, m_r.m_machine.caches);
    slot.args.threads = p.threads;
    slot.args.caches = m_caches;
    slot.args.cancel = m_cancel;
    if ((!m_history.contains(id) && n > kCalibrationN &&
         calibrateRung(*info, id, n, slot.args) == Step::Cancelled) ||
        cancelled()) {
        size.points.pop_back();
        return Step::Cancelled;
    }
    const PointPlan pp = planPoint(m_plan, m_history, id, n, samplesRows(*info, m_plan));
    slot.predicted = pp.predicted;
    if (pp.kind == PointPlan::Kind::Extrapolate) {
        extrapolate(pp, &p);
        return Step::Next;
    }
    if (!size.buf.a && size.prepareError.isEmpty() &&
        !preparePoint(n, m_plan.seed, m_threads, &size.buf, &size.prepareError))
        size.buf = {};
    if (!size.prepareError.isEmpty()) {
        p.status = PointStatus::Error;
        p.message = size.prepareError;
        return Step::Next;
    }
    slot.args.n = n;
    slot.args.a = size.buf.a.get();
    slot.args.b = size.buf.b.get();
    slot.args.c = size.buf.c.get();
    if (pp.kind == PointPlan::Kind::Sample)
        return sampledPoint(size, slot, pp.predicted);
    slot.repetitions = pp.repetitions;
    if (info->kind == kernels::RungKind::Interpreted)
        return interpretedPoint(size, slot);
    slot.timing = true;
    return Step::Next;
}

// A rung never timed before is calibrated at a small size, so that its cost at n is known.
Runner::Pass::Step Runner::Pass::calibrateRung(const kernels::RungInfo& info, const QString& id,
                                               int n, const kernels::GemmArgs& args) {
    PointBuffers cal;
    QString err;
    if (!preparePoint(kCalibrationN, m_plan.seed, m_threads, &cal, &err))
        return Step::Next;
    Calibration c;
    if (info.kind == kernels::RungKind::Interpreted) {
        unpinOpenMpThreads(m_threads);
        const InterpretedRun run =
            runInterpreted(id, kCalibrationN, m_plan.seed, 1, 0, 120.0, m_cancel, sourceOf(id));
        if (run.cancelled)
            return Step::Cancelled;
        if (run.ok && !run.seconds.isEmpty())
            c = {kCalibrationN, run.seconds.front()};
    } else {
        bindFor(info);
        // The first call at a size pays for waking the thread pool and faulting in pages: it is
        // not timed, and the best of a few calls stands for the rung's speed there.
        auto timeAt = [&](int m) {
            PointBuffers at;
            QString e;
            if (m != kCalibrationN && !preparePoint(m, m_plan.seed, m_threads, &at, &e))
                return 0.0;
            const PointBuffers& b = m == kCalibrationN ? cal : at;
            kernels::GemmArgs calArgs = args;
            calArgs.n = m;
            calArgs.a = b.a.get();
            calArgs.b = b.b.get();
            calArgs.c = b.c.get();
            timeNative(info, calArgs);
            double best = timeNative(info, calArgs);
            for (int i = 0; i < 2 && best < 0.05; ++i)
                best = std::min(best, timeNative(info, calArgs));
            return best;
        };
        c = calibrate(timeAt, kCalibrationN, n, m_plan.budgetSeconds);
    }
    if (c.n > 0 && c.seconds > 0) {
        m_history[id] = {c.n, c.seconds};
        log(QStringLiteral("%1: calibrated at n = %2: %3 s")
                .arg(id)
                .arg(c.n)
                .arg(c.seconds, 0, 'g', 3));
    }
    return Step::Next;
}

void Runner::Pass::extrapolate(const PointPlan& pp, PointResult* p) const {
    p->status = PointStatus::Extrapolated;
    p->seconds = pp.predicted;
    p->secondsMin = pp.predicted;
    p->gflops = gflop(p->n) / pp.predicted;
    p->extrapolatedFrom = pp.from;
    p->message = QStringLiteral("predicted %1 s from n = %2 (n^3), over the budget of %3 s")
                     .arg(pp.predicted, 0, 'g', 3)
                     .arg(pp.from)
                     .arg(m_plan.budgetSeconds);
}

// Over the budget: a few whole rows of the full-size product, timed, verified and scaled.
Runner::Pass::Step Runner::Pass::sampledPoint(SizeRun& size, Slot& slot, double predicted) {
    const QString& id = slot.p.rung;
    const bool interpreted = slot.info->kind == kernels::RungKind::Interpreted;
    if (interpreted)
        unpinOpenMpThreads(m_threads);
    else
        bindFor(*slot.info);
    const SampledRun run =
        interpreted ? sampleInterpreted(id, size.n, size.buf.a.get(), size.buf.b.get(), m_plan,
                                        predicted, sourceOf(id), m_cancel, &slot.p)
                    : sampleNative(kernelOf(*slot.info), slot.args, m_plan, &slot.p);
    if (!settleSampled(run, &slot.p)) {
        size.points.pop_back();
        return Step::Cancelled;
    }
    return Step::Next;
}

// An interpreted point: the interpreter times its own repetitions; C comes back and is verified.
Runner::Pass::Step Runner::Pass::interpretedPoint(SizeRun& size, Slot& slot) {
    PointResult& p = slot.p;
    unpinOpenMpThreads(m_threads);
    const InterpretedShape shape =
        interpretedShape(m_plan, p.rung, slot.predicted, slot.repetitions);
    const InterpretedRun run =
        runInterpreted(p.rung, size.n, m_plan.seed, shape.repetitions, shape.warmups,
                       shape.timeoutSeconds, m_cancel, sourceOf(p.rung));
    if (run.cancelled) {
        size.points.pop_back();
        return Step::Cancelled;
    }
    if (!run.ok) {
        p.status = PointStatus::Error;
        p.message = run.error;
        return Step::Next;
    }
    fillTimes(run.seconds, &p);
    verifyProduct(size.n, size.buf.a.get(), size.buf.b.get(), run.c.data(), m_plan.fullCheckMaxN,
                  m_plan.seed, &p);
    return Step::Next;
}

// The native points are timed in rounds: each round gives every point a share of its
// repetitions, in ladder order, and the next round starts over. A shared machine (a VM, a laptop
// on battery) changes speed in phases lasting seconds; timed one after the other, two
// neighbouring rungs can land in different phases and swap places (on the 2-core KVM guest this
// was written on, "tiled" measured 0.72-1.51x "parallel" from run to run). Interleaved, both
// sample the same phases and their ratio holds. False when cancelled.
bool Runner::Pass::timeRounds(SizeRun& size) {
    for (int round = 1; round <= kRounds; ++round)
        for (Slot& slot : size.points)
            if (slot.timing && !timeBatch(size, slot, round))
                return false;
    return true;
}

// One point's batch of a round: its share of repetitions, from a C full of NaN, then verified
// (so no rung can pass on the product another one left behind). False when cancelled.
bool Runner::Pass::timeBatch(SizeRun& size, Slot& slot, int round) {
    if (cancelled())
        return false;
    const RoundShare want = roundShare(m_plan, slot.repetitions, round, kRounds);
    if (!slot.samples.isEmpty() && slot.samples.size() >= want.repetitions &&
        slot.total >= want.seconds)
        return true; // this round's share is already timed
    emitProgress(slot.p.rung, size.n, round, size.settled());
    bindFor(*slot.info);
    fillNaN(size.buf.c.get(), size.n, m_threads);
    // An untimed call first: before the first batch for caches, page tables and the thread pool
    // (unless one call is long enough for that not to matter), and before later batches of short
    // products, which start cold again after the other rungs' batches (OpenBLAS's pool goes back
    // to sleep).
    const bool warm = slot.samples.isEmpty()
                          ? slot.predicted < 0 || slot.predicted <= kWarmupLimitSeconds
                          : slot.total / slot.samples.size() < kRewarmSeconds;
    if (warm)
        timeNative(*slot.info, slot.args);
    bool ran = false;
    while ((!ran || slot.samples.size() < want.repetitions || slot.total < want.seconds) &&
           slot.samples.size() < kMaxRepetitions) {
        if (cancelled())
            return false; // the point is incomplete: not reported
        const double t = timeNative(*slot.info, slot.args);
        if (cancelled())
            return false;
        slot.samples.append(t);
        slot.total += t;
        ran = true;
        // Long points stop at the asked repetitions even below minSeconds.
        if (slot.samples.size() >= slot.repetitions && slot.total > m_plan.budgetSeconds * 4)
            break;
    }
    checkBatch(size, slot, round);
    return true;
}

// Verifies the batch just timed (the first one also against the reference, at small n, and
// that first check names what was checked) and decides whether the point has enough samples.
void Runner::Pass::checkBatch(SizeRun& size, Slot& slot, int round) {
    PointResult& p = slot.p;
    PointResult check;
    verifyProduct(size.n, size.buf.a.get(), size.buf.b.get(), size.buf.c.get(),
                  p.check.isEmpty() ? m_plan.fullCheckMaxN : 0, m_plan.seed, &check);
    if (p.check.isEmpty())
        p.check = check.check;
    if (check.status != PointStatus::Verified) {
        p.status = PointStatus::Failed;
        p.message = check.message;
    } else if (p.status == PointStatus::Pending) {
        p.status = PointStatus::Verified; // a failed batch stays failed
    }
    fillTimes(slot.samples, &p);
    const bool enough = slot.samples.size() >= slot.repetitions &&
                        (slot.total >= m_plan.minSeconds || slot.total > m_plan.budgetSeconds * 4);
    // A wrong product is reported at once: timing it further proves nothing.
    if (round == kRounds || enough || p.status != PointStatus::Verified ||
        slot.samples.size() >= kMaxRepetitions)
        slot.timing = false;
}

} // namespace headroom
