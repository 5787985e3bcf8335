// SPDX-License-Identifier: MIT
// The micro-kernel's self-tuning search: driven by a synthetic cost function (known optimum, a
// failing candidate, a fake clock for the time bound), plus one tiny real search whose every
// product is verified.
#include "microkernel.h"
#include "tuning.h"

#include <QTest>

#include <atomic>
#include <map>
#include <set>
#include <tuple>

using namespace headroom::kernels;

namespace {

CacheInfo typicalCaches() {
    CacheInfo c;
    c.l1d = 48 * 1024;
    c.l2 = 2 * 1024 * 1024;
    c.l3 = 32u * 1024 * 1024;
    return c;
}

// A synthetic landscape over every candidate: fastest at one (kernel, KC, MC), slower with the
// distance from it.
double syntheticGflops(const MicrokernelChoice& c, const MicrokernelChoice& peak) {
    const double dk = static_cast<double>(c.kc - peak.kc) / 64.0;
    const double dm = static_cast<double>(c.mc - peak.mc) / 128.0;
    return 100.0 - 10.0 * (dk * dk + dm * dm) - (c.kernelName == peak.kernelName ? 0.0 : 10.0);
}

} // namespace

class TestTuning : public QObject {
    Q_OBJECT

private slots:
    void candidatesCoverEveryShape();
    void findsTheOptimum();
    void prefersTheLargerKcWithinTheNoise();
    void finalRoundOutvotesALuckyTiming();
    void dropsAFailingCandidate();
    void respectsTheTimeBound();
    void cancels();
    void tinyRealSearchVerifies();
    void serialCrossoverInRange();
    void crossoverFromTimings();
};

void TestTuning::candidatesCoverEveryShape() {
    for (Isa isa : {Isa::Generic, Isa::Avx2, Isa::Avx512}) {
        const std::vector<MicrokernelChoice> list = tuneCandidates(isa, typicalCaches(), 24);
        QVERIFY(!list.empty());
        QVERIFY(list.size() <= 24);
        std::set<std::string> shapes, builtShapes;
        for (const MicrokernelInfo& uk : microkernels())
            if (uk.isa == isa)
                builtShapes.insert(uk.name);
        std::set<std::tuple<std::string, LoopOrder, int, int, int>> distinct;
        std::set<LoopOrder> orders;
        for (const MicrokernelChoice& c : list) {
            shapes.insert(c.kernelName);
            orders.insert(c.order);
            distinct.insert({c.kernelName, c.order, c.kc, c.mc, c.nc});
            QVERIFY(c.kc > 0 && c.mc % c.mr == 0 && c.nc % c.nr == 0);
        }
        // Round robin: every built kernel of the ISA appears, in both loop orders; no candidate
        // twice.
        QCOMPARE(shapes, builtShapes.empty() ? shapes : builtShapes);
        QCOMPARE(orders.size(), std::size_t{2});
        QCOMPARE(distinct.size(), list.size());
        // The model's choice for the ISA's default kernel comes first.
        const MicrokernelChoice model = microkernelChoiceFor(isa, typicalCaches());
        if (model.isaId == isa) {
            QCOMPARE(list.front().kernelName, model.kernelName);
            QCOMPARE(list.front().kc, model.kc);
            QCOMPARE(list.front().mc, model.mc);
            QVERIFY(list.front().order == model.order);
        }
    }
}

void TestTuning::findsTheOptimum() {
    const std::vector<MicrokernelChoice> list = tuneCandidates(Isa::Avx512, typicalCaches(), 24);
    QVERIFY(list.size() >= 4);
    for (std::size_t target : {std::size_t{0}, list.size() / 2, list.size() - 1}) {
        const MicrokernelChoice peak = list[target];
        int calls = 0;
        const TuneOutcome out = searchCandidates(
            list,
            [&](const MicrokernelChoice& c, std::string*) -> std::optional<double> {
                ++calls;
                return syntheticGflops(c, peak);
            },
            1e9);
        QVERIFY(out.best);
        QCOMPARE(out.best->kernelName, peak.kernelName);
        QCOMPARE(out.best->kc, peak.kc);
        QCOMPARE(out.best->mc, peak.mc);
        QCOMPARE(calls, static_cast<int>(list.size()) + kTuneFinalists * kTuneFinalRounds);
        QVERIFY(!out.outOfTime && !out.cancelled);
    }
}

// The fastest candidate computes a wrong product: it is dropped, reported, and never chosen.
// Two candidates within the noise of each other: the one with the larger KC (fewer passes over
// C in large products); one clearly faster wins whatever its KC.
void TestTuning::prefersTheLargerKcWithinTheNoise() {
    const std::vector<MicrokernelChoice> list = tuneCandidates(Isa::Avx512, typicalCaches(), 24);
    QVERIFY(!list.empty());
    MicrokernelChoice small = list[0], large = list[0];
    small.kc = 168;
    large.kc = 384;
    for (const double largeGflops : {99.0, 97.0}) {
        const TuneOutcome out = searchCandidates(
            {small, large},
            [&](const MicrokernelChoice& c, std::string*) -> std::optional<double> {
                return c.kc == large.kc ? largeGflops : 100.0;
            },
            1e9);
        QVERIFY(out.best);
        QCOMPARE(out.best->kc, largeGflops >= 100.0 * (1 - kTuneNoise) ? large.kc : small.kc);
    }
}

// A candidate that was fast once (a quiet phase of the machine) and slow when timed again loses
// to one that is steadily a little slower; one wrong when timed again is dropped.
void TestTuning::finalRoundOutvotesALuckyTiming() {
    const std::vector<MicrokernelChoice> list = tuneCandidates(Isa::Avx512, typicalCaches(), 24);
    QVERIFY(list.size() >= 3);
    const MicrokernelChoice lucky = list[0], steady = list[1], flaky = list[2];
    std::map<int, int> calls; // by kc: the three differ in it
    QVERIFY(lucky.kc != steady.kc && lucky.kc != flaky.kc && steady.kc != flaky.kc);
    const TuneOutcome out = searchCandidates(
        {lucky, steady, flaky},
        [&](const MicrokernelChoice& c, std::string* failure) -> std::optional<double> {
            const int call = ++calls[c.kc];
            if (c.kc == lucky.kc)
                return call == 1 ? 120.0 : 90.0;
            if (c.kc == flaky.kc && call > 1) {
                *failure = "wrong product";
                return std::nullopt;
            }
            return c.kc == flaky.kc ? 130.0 : 100.0;
        },
        1e9);
    QVERIFY(out.best);
    QCOMPARE(out.best->kc, steady.kc);
    QCOMPARE(calls[lucky.kc], 1 + kTuneFinalRounds);
    QCOMPARE(calls[flaky.kc], 2);
    for (const TuneTrial& t : out.trials)
        if (t.choice.kc == flaky.kc)
            QCOMPARE(t.failure, std::string("wrong product"));
}

void TestTuning::dropsAFailingCandidate() {
    const std::vector<MicrokernelChoice> list = tuneCandidates(Isa::Avx512, typicalCaches(), 24);
    const MicrokernelChoice peak = list[1];
    std::vector<std::string> progressLines;
    const TuneOutcome out = searchCandidates(
        list,
        [&](const MicrokernelChoice& c, std::string* failure) -> std::optional<double> {
            if (c.kernelName == peak.kernelName && c.kc == peak.kc && c.mc == peak.mc) {
                *failure = "wrong product";
                return std::nullopt;
            }
            return syntheticGflops(c, peak);
        },
        1e9, [&](double, const std::string& text) { progressLines.push_back(text); });
    QVERIFY(out.best);
    QVERIFY(!(out.best->kernelName == peak.kernelName && out.best->kc == peak.kc &&
              out.best->mc == peak.mc));
    QCOMPARE(out.trials[1].failure, std::string("wrong product"));
    QCOMPARE(progressLines.size(), list.size() + 1); // each candidate, then the final round
    QCOMPARE(progressLines.back(), std::string("timing the fastest again, interleaved"));
    QVERIFY2(progressLines[1].find("dropped") != std::string::npos, progressLines[1].c_str());
}

// A fake clock: each candidate takes 1 s. With a 5 s bound, candidates start at 0..4 s only.
void TestTuning::respectsTheTimeBound() {
    const std::vector<MicrokernelChoice> list = tuneCandidates(Isa::Avx512, typicalCaches(), 24);
    QVERIFY(list.size() > 6);
    double clock = 0;
    auto searchWithin = [&](double bound) {
        clock = 0;
        return searchCandidates(
            list,
            [&](const MicrokernelChoice&, std::string*) -> std::optional<double> {
                clock += 1.0;
                return 1.0;
            },
            bound, {}, nullptr, [&] { return clock; });
    };
    // 3/4 of the bound for the candidates (four of a second each), then one final round of
    // the three fastest, which leaves no time for a second.
    const TuneOutcome out = searchWithin(5.0);
    QCOMPARE(out.trials.size(), std::size_t{4});
    QVERIFY(out.outOfTime);
    QCOMPARE(out.seconds, 4.0 + kTuneFinalists);
    QVERIFY(out.best);

    // A bound of zero still measures the first (the model's) candidate.
    QCOMPARE(searchWithin(0.0).trials.size(), std::size_t{1});
}

void TestTuning::cancels() {
    const std::vector<MicrokernelChoice> list = tuneCandidates(Isa::Avx512, typicalCaches(), 24);
    std::atomic<bool> cancel{false};
    int calls = 0;
    const TuneOutcome out = searchCandidates(
        list,
        [&](const MicrokernelChoice&, std::string*) -> std::optional<double> {
            if (++calls == 3)
                cancel = true;
            return 1.0;
        },
        1e9, {}, &cancel);
    QVERIFY(out.cancelled);
    QCOMPARE(out.trials.size(), std::size_t{3});
}

// The real cost on a small product: every candidate of this CPU's ISA runs and verifies.
void TestTuning::tinyRealSearchVerifies() {
    const Isa isa = bestIsa();
    const std::vector<MicrokernelChoice> list = tuneCandidates(isa, typicalCaches(), 8);
    const TuneOutcome out = searchCandidates(list, timedProductCost(97, 1), 30.0);
    QVERIFY(out.best);
    QCOMPARE(out.trials.size(), list.size());
    for (const TuneTrial& t : out.trials) {
        QVERIFY2(t.failure.empty(), t.failure.c_str());
        QVERIFY(t.gflops > 0);
    }
}

// The crossover is one of the sizes tried, whatever this machine's speed.
void TestTuning::serialCrossoverInRange() {
    const MicrokernelChoice model = microkernelChoice(typicalCaches());
    const double serial = measureSerialCrossover(model, 2);
    bool oneOfThem = false;
    for (int n : {33, 49, 65, 97, 129, 161, 193, 225, 257, 258})
        oneOfThem = oneOfThem || serial == static_cast<double>(n) * n * n;
    QVERIFY2(oneOfThem, qPrintable(QString::number(serial)));
}

// The split from timings: where the team starts to win, even with one noisy size above it.
void TestTuning::crossoverFromTimings() {
    const std::vector<int> sizes = {32, 64, 128, 192, 256};
    const std::vector<double> alone = {1, 8, 64, 216, 512};
    // The team loses below 128 and wins by 1.5x from it on...
    std::vector<double> team = {2, 10, 43, 144, 341};
    QCOMPARE(chooseCrossover(sizes, team, alone), 128);
    // ... and still from 128 when one larger size was measured slow (a busy moment).
    team[3] = 230;
    QCOMPARE(chooseCrossover(sizes, team, alone), 128);
    // A team that never wins by 5 %: one thread at every size tried.
    QCOMPARE(chooseCrossover(sizes, alone, alone), 257);
    // A team that always wins: from the smallest size.
    QCOMPARE(chooseCrossover(sizes, {0.5, 4, 32, 108, 256}, alone), 32);
    QCOMPARE(chooseCrossover({}, {}, {}), 0);
}

QTEST_GUILESS_MAIN(TestTuning)
#include "tst_tuning.moc"
