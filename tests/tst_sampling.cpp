// SPDX-License-Identifier: MIT
#include "sampling.h"

#include <ladder.h>
#include <matrix.h>

#include <QTest>

#include <algorithm>
#include <ctime>
#include <utility>
#include <vector>

using namespace headroom;

namespace {
struct Product {
    int n = 0;
    kernels::MatrixBuffer a, b, c;
    explicit Product(int size)
        : n(size)
        , a(kernels::allocateMatrix(size, size))
        , b(kernels::allocateMatrix(size, size))
        , c(kernels::allocateMatrix(size, size)) {
        kernels::fillPortable(a.get(), size, size, 42, 2);
        kernels::fillPortable(b.get(), size, size, 43, 2);
    }
    kernels::GemmArgs args(int threads) const {
        kernels::GemmArgs g;
        g.n = n;
        g.a = a.get();
        g.b = b.get();
        g.c = c.get();
        g.threads = threads;
        return g;
    }
};

// A kernel wrapper that records each call's rows and its thread CPU time: the accuracy test
// compares CPU time, which the neighbours' work on a shared machine does not stretch (in wall
// time a long full run is preempted more often than a short sampled pass: 0.34-0.9 under load).
kernels::GemmFn g_inner = nullptr;
std::vector<std::pair<int, double>> g_calls;
double threadCpuSeconds() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + ts.tv_nsec * 1e-9;
}
void cpuTimed(const kernels::GemmArgs& args) {
    const double t0 = threadCpuSeconds();
    g_inner(args);
    g_calls.emplace_back(args.rowsEnd() - args.rowBegin, threadCpuSeconds() - t0);
}

// Sanitized builds run instrumented loops 5-10x slower: the accuracy test takes half the size
// there (an eighth of the work), which keeps the whole suite's sanitizer run short.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
constexpr int kSizeDivisor = 2;
#else
constexpr int kSizeDivisor = 1;
#endif

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}
} // namespace

class TestSampling : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void sampleSizeFillsTheBudget() {
        // 10 ms a row, 1 s, 3 passes: 33 rows.
        SampleSize s = chooseSampleSize(4096, 1, 0.01, 1.0, 3);
        QCOMPARE(s.rows, 33);
        QCOMPARE(s.repetitions, 3);
        // Two threads: whole rows per thread (a step of 2 rows takes 10 ms).
        s = chooseSampleSize(4096, 2, 0.01, 1.0, 3);
        QCOMPARE(s.rows, 66);
        // Never more rows than n, rounded down to whole steps.
        s = chooseSampleSize(101, 2, 1e-6, 10.0, 3);
        QCOMPARE(s.rows, 100);
        QCOMPARE(chooseSampleSize(1, 2, 1e-6, 10.0, 3).rows, 1);
    }

    void aRowOverTheBudgetStillRunsOnce() {
        // Python at n = 4096: a row takes longer than the whole budget.
        SampleSize s = chooseSampleSize(4096, 1, 5.0, 3.0, 3);
        QCOMPARE(s.rows, 1);
        QCOMPARE(s.repetitions, 1);
        // Room for two passes of one row, not three.
        s = chooseSampleSize(4096, 1, 1.2, 3.0, 3);
        QCOMPARE(s.rows, 1);
        QCOMPARE(s.repetitions, 2);
    }

    void scalesByRows() {
        QCOMPARE(scaleRows(0.5, 4, 4096), 512.0);
        QCOMPARE(scaleRows(0.5, 4096, 4096), 0.5);
    }

    void onlyRowUniformRungsSample() {
        Plan plan;
        QVERIFY(samplesRows(*kernels::findRung("python"), plan));
        QVERIFY(samplesRows(*kernels::findRung("naive"), plan));
        QVERIFY(samplesRows(*kernels::findRung("parallel"), plan));
        QVERIFY(!samplesRows(*kernels::findRung("tiled"), plan));
        QVERIFY(!samplesRows(*kernels::findRung("dac"), plan));
        QVERIFY(!samplesRows(*kernels::findRung("microkernel"), plan));
        plan.extrapolate = true;
        QVERIFY(!samplesRows(*kernels::findRung("naive"), plan));
    }

    void verifyRowsCatchesAWrongEntry_data() {
        QTest::addColumn<int>("fullCheckMaxN");
        QTest::newRow("full reference") << 256;
        QTest::newRow("freivalds") << 0;
    }
    void verifyRowsCatchesAWrongEntry() {
        QFETCH(int, fullCheckMaxN);
        const int n = 257; // not a multiple of any block size
        Product p(n);
        kernels::GemmArgs args = p.args(1);
        args.rowEnd = 5;
        kernels::gemm_optflags(args);
        PointResult good;
        verifyRows(n, 5, p.a.get(), p.b.get(), p.c.get(), fullCheckMaxN, 42, &good);
        QVERIFY2(good.status == PointStatus::Verified, qPrintable(good.message));
        QCOMPARE(good.check, fullCheckMaxN > 0 ? QStringLiteral("freivalds+full")
                                               : QStringLiteral("freivalds"));
        p.c[3 * n + 100] += 1e-6;
        PointResult bad;
        verifyRows(n, 5, p.a.get(), p.b.get(), p.c.get(), fullCheckMaxN, 42, &bad);
        QCOMPARE(bad.status, PointStatus::Failed);
        QVERIFY2(bad.message.contains(QStringLiteral("3")), qPrintable(bad.message));
    }

    void sampledNativeComputesOnlyItsRows() {
        const int n = 64;
        Product p(n);
        std::fill(p.c.get(), p.c.get() + n * n, 7.0);
        Plan plan;
        plan.budgetSeconds = 1e-5;
        PointResult r;
        r.n = n;
        const SampledRun run = sampleNative(kernels::gemm_naive, p.args(1), plan, &r);
        QVERIFY(run.ok);
        QCOMPARE(run.rows, 1);
        QVERIFY2(r.status == PointStatus::Verified, qPrintable(r.message));
        // Rows past the sampled ones and the warm-up row: untouched.
        QCOMPARE(p.c[5 * n + 3], 7.0);
    }

    // The sampled estimate of a full product agrees with the full run where both fit: the median
    // ratio over three interleaved pairs, each side its best pass in CPU time (see cpuTimed).
    void sampledAgreesWithFullRun_data() {
        QTest::addColumn<QString>("rung");
        QTest::addColumn<double>("budget");
        QTest::addColumn<int>("n");
        QTest::newRow("naive") << QStringLiteral("naive") << 0.06 << 512;
        // Not 512 here: on a 2 MiB-L2 core B is then exactly L2's size, and whether it stays
        // there depends on what the neighbours' work evicts (0.7-1.0 under load, 1.00 alone).
        QTest::newRow("optflags") << QStringLiteral("optflags") << 0.06 << 1024;
    }
    void sampledAgreesWithFullRun() {
        QFETCH(QString, rung);
        QFETCH(double, budget);
        QFETCH(int, n);
        n /= kSizeDivisor;
        budget /= kSizeDivisor * kSizeDivisor * kSizeDivisor;
        g_inner = kernels::findRung(rung.toStdString())->fn;
        const kernels::GemmFn fn = cpuTimed;
        Product p(n);
        Plan plan;
        plan.budgetSeconds = budget;
        plan.repetitions = 3;
        fn(p.args(1)); // warm
        // A sampler that is off fails every attempt; a burst of the neighbours' work, one.
        double m = 0;
        for (int attempt = 0; attempt < 3 && !(m > 0.9 && m < 1.1); ++attempt) {
            std::vector<double> ratios;
            for (int i = 0; i < 3; ++i)
                ratios.push_back(sampledOverFull(fn, p, plan));
            m = median(ratios);
            qInfo("%s: sampled / full = %.3f", qPrintable(rung), m);
        }
        QVERIFY2(m > 0.9 && m < 1.1, qPrintable(QStringLiteral("sampled / full = %1").arg(m)));
    }

private:
    static double sampledOverFull(kernels::GemmFn fn, const Product& p, const Plan& plan) {
        PointResult r;
        r.n = p.n;
        g_calls.clear();
        const SampledRun run = sampleNative(fn, p.args(1), plan, &r);
        // The warm-up step, then one call per pass over rows [0, rows).
        if (!run.ok || r.status != PointStatus::Verified || run.rows >= p.n ||
            g_calls.size() != std::size_t(run.seconds.size()) + 1)
            return 0; // fails the test
        double sampled = 1e300;
        for (std::size_t i = 1; i < g_calls.size(); ++i) {
            if (g_calls[i].first != run.rows)
                return 0;
            const double cpu = scaleRows(g_calls[i].second, run.rows, p.n);
            // The runner's own (wall-clock) estimate is scaled the same way: never below CPU.
            if (run.seconds[qsizetype(i) - 1] < 0.95 * cpu)
                return 0;
            sampled = std::min(sampled, cpu);
        }
        g_calls.clear();
        for (int k = 0; k < 2; ++k)
            fn(p.args(1));
        const double full = std::min(g_calls[0].second, g_calls[1].second);
        return sampled / full;
    }
};

QTEST_GUILESS_MAIN(TestSampling)
#include "tst_sampling.moc"
