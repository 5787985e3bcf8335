// SPDX-License-Identifier: MIT
// Every native rung of the ladder (and the OpenBLAS and BLIS yardsticks, where installed) computes
// C = A * B correctly at awkward sizes, overwrites C even when it holds NaN, stays inside C, and
// honours cancellation.
#include "blocked.h"
#include "cpu.h"
#include "ladder.h"
#include "matrix.h"
#include "registry.h"
#include "verify.h"

#include <QScopeGuard>
#include <QTest>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>
#include <limits>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

using namespace headroom::kernels;

namespace {
constexpr double kCanary = 12345.678;
constexpr std::size_t kCanaryCount = 16;

// The rungs the kernels library runs itself: the interpreted ones are run by the app.
std::vector<const RungInfo*> nativeRungs() {
    std::vector<const RungInfo*> rungs;
    for (const RungInfo& r : ladder()) {
        const bool referenceHere = r.kind == RungKind::Reference &&
                                   (r.id == "blis" ? blis_available() : openblas_available());
        if (r.kind == RungKind::Native || referenceHere)
            rungs.push_back(&r);
    }
    return rungs;
}

// The unoptimized rungs are too slow for the largest size (and pointless under ASan there).
bool isSlow(const RungInfo& r) {
    return r.id == "naive" || r.id == "interchange" || r.id == "optflags";
}

struct Operands {
    MatrixBuffer a, b, c;
    int n = 0;

    GemmArgs args(int threads) const {
        GemmArgs g;
        g.n = n;
        g.a = a.get();
        g.b = b.get();
        g.c = c.get();
        g.threads = threads;
        return g;
    }
};

// C is filled with NaN (every rung must overwrite it) and followed by canaries that catch a
// write past its end even where the allocator's padding would hide it from ASan.
Operands makeOperands(int n) {
    Operands o;
    o.n = n;
    const std::size_t nn = std::size_t(n) * std::size_t(n);
    o.a = allocateMatrix(std::size_t(n), std::size_t(n));
    o.b = allocateMatrix(std::size_t(n), std::size_t(n));
    o.c = allocateMatrix(nn + kCanaryCount, 1);
    fillMatrix(o.a.get(), std::size_t(n), std::size_t(n), 11, 2);
    fillMatrix(o.b.get(), std::size_t(n), std::size_t(n), 23, 2);
    std::fill_n(o.c.get(), nn, std::numeric_limits<double>::quiet_NaN());
    std::fill_n(o.c.get() + nn, kCanaryCount, kCanary);
    return o;
}

bool canariesIntact(const Operands& o) {
    const double* end = o.c.get() + std::size_t(o.n) * std::size_t(o.n);
    return std::all_of(end, end + kCanaryCount, [](double v) { return v == kCanary; });
}

// Compares rows [first, first + count) of C with the long double reference.
CheckResult checkRows(const Operands& o, int first, int count) {
    const std::size_t n = std::size_t(o.n);
    const std::size_t off = std::size_t(first) * n;
    return compareWithReference(std::size_t(count), n, n, o.a.get() + off, n, o.b.get(), n,
                                o.c.get() + off, n);
}

// Runs the rung once on NaN-filled C and checks the product, the canaries and Freivalds.
void runAndCheck(const RungInfo& r, int n, int threads,
                 CacheInfo caches = CacheInfo{32 * 1024, 512 * 1024, 32 * 1024 * 1024}) {
    Operands o = makeOperands(n);
    QVERIFY(o.a && o.b && o.c);
    GemmArgs args = o.args(threads);
    // By default the caches of a typical core, so the blocked rungs cut the large sizes into
    // several tiles.
    args.caches = caches;
    r.fn(args);

    QVERIFY2(canariesIntact(o), "the rung wrote past the end of C");
    if (n == 0)
        return;
    if (n <= 257) {
        const CheckResult full = checkRows(o, 0, n);
        QVERIFY2(full.passed, full.message.c_str());
    } else {
        // The full O(n^3) reference would dominate the suite's time: bands of rows at the start,
        // across the middle (block and task boundaries) and at the end, all columns.
        for (auto [first, count] :
             {std::pair{0, 9}, std::pair{n / 2 - 9, 18}, std::pair{n - 9, 9}}) {
            const CheckResult band = checkRows(o, first, count);
            QVERIFY2(band.passed, band.message.c_str());
        }
    }
    // Freivalds sees every entry; at the large size it is the only check of most rows.
    const CheckResult fr = freivalds(std::size_t(n), o.a.get(), o.b.get(), o.c.get());
    QVERIFY2(fr.passed, fr.message.c_str());
}
} // namespace

class TestRungs : public QObject {
    Q_OBJECT

private slots:
    void ladderHasTheNativeRungs();
    void correctness_data();
    void correctness();
    void blockedRungsWithAnyCaches_data();
    void blockedRungsWithAnyCaches();
    void tilesFollowTheCaches();
    void vectorizedOnEachIsa_data();
    void vectorizedOnEachIsa();
    void cancelledRunReturnsEarly_data();
    void cancelledRunReturnsEarly();
    void rowRange_data();
    void rowRange();
    void openblasFallbackIsReplaced();
};

void TestRungs::ladderHasTheNativeRungs() {
    const auto rungs = nativeRungs();
    for (const char* id : {"naive", "interchange", "optflags", "parallel", "tiled", "dac",
                           "vectorized", "microkernel"}) {
        const RungInfo* r = findRung(id);
        QVERIFY2(r, id);
        QVERIFY2(r->fn, id);
        QVERIFY2(std::find(rungs.begin(), rungs.end(), r) != rungs.end(), id);
    }
}

void TestRungs::correctness_data() {
    QTest::addColumn<QByteArray>("rung");
    QTest::addColumn<int>("n");
    QTest::addColumn<int>("threads");
    std::vector<int> sizes{0};
    for (int n = 1; n <= 33; ++n)
        sizes.push_back(n);
    for (int n : {63, 64, 65, 127, 257, 1000})
        sizes.push_back(n);
    for (const RungInfo* r : nativeRungs()) {
        for (int n : sizes) {
            if (n > 257 && isSlow(*r))
                continue;
            for (int threads : {1, 2}) {
                // The smaller sizes already cross every tile and task boundary on one thread;
                // the largest, which dominates the suite's time (more so under ASan), runs on two.
                if (n > 257 && threads == 1)
                    continue;
                const QByteArray id(r->id.data(), qsizetype(r->id.size()));
                QTest::addRow("%s n=%d t=%d", id.constData(), n, threads) << id << n << threads;
            }
        }
    }
}

void TestRungs::correctness() {
    QFETCH(QByteArray, rung);
    QFETCH(int, n);
    QFETCH(int, threads);
    const RungInfo* r = findRung(std::string(rung.constData()));
    QVERIFY(r && r->fn);
    runAndCheck(*r, n, threads);
}

void TestRungs::blockedRungsWithAnyCaches_data() {
    QTest::addColumn<QByteArray>("rung");
    QTest::addColumn<qulonglong>("l1d");
    QTest::addColumn<qulonglong>("l2");
    const std::pair<qulonglong, qulonglong> caches[] = {
        {0, 0},                     // unknown: the defaults
        {8 * 1024, 64 * 1024},      // the smallest plausible: the most, smallest tiles
        {48 * 1024, 2048 * 1024},   // a large core
        {1ull << 40, 508ull << 20}, // nonsense from a VM: ignored
    };
    for (const char* rung : {"tiled", "dac", "vectorized"})
        for (auto [l1d, l2] : caches)
            QTest::addRow("%s L1d=%llu L2=%llu", rung, l1d, l2) << QByteArray(rung) << l1d << l2;
}

// The tile sizes come from the caches the app passes: every size must give correct products.
void TestRungs::blockedRungsWithAnyCaches() {
    QFETCH(QByteArray, rung);
    QFETCH(qulonglong, l1d);
    QFETCH(qulonglong, l2);
    const RungInfo* r = findRung(std::string(rung.constData()));
    QVERIFY(r && r->fn);
    for (int n : {65, 257})
        runAndCheck(*r, n, 2, CacheInfo{l1d, l2, 0});
}

void TestRungs::tilesFollowTheCaches() {
    const Tiles unknown = tilesFor(CacheInfo{});
    const Tiles typical = tilesFor(CacheInfo{32 * 1024, 512 * 1024, 0});
    const Tiles small = tilesFor(CacheInfo{8 * 1024, 64 * 1024, 0});
    const Tiles large = tilesFor(CacheInfo{48 * 1024, 2048 * 1024, 0});
    const Tiles bogus = tilesFor(CacheInfo{1ull << 40, 508ull << 20, 0});
    for (const Tiles& t : {unknown, typical, small, large, bogus}) {
        QVERIFY(t.rows > 0 && t.depth > 0 && t.cols > 0 && t.cutoff > 0);
        // A block of B fits in half of the L2 the tiles were made for (the default when bogus).
        QVERIFY(std::size_t(t.depth) * t.cols * sizeof(double) <= 2048 * 1024 / 2);
    }
    QCOMPARE(unknown.cols, typical.cols);
    QCOMPARE(unknown.depth, typical.depth);
    QCOMPARE(bogus.cutoff, typical.cutoff);
    QVERIFY(std::size_t(small.depth) * small.cols * sizeof(double) <= 64 * 1024 / 2);
    QVERIFY(small.cols < typical.cols && typical.cols < large.cols);
    QVERIFY(small.cutoff < typical.cutoff && typical.cutoff < large.cutoff);
    QVERIFY(small.l2Side < typical.l2Side && typical.l2Side < large.l2Side);
    QCOMPARE(bogus.l2Side, typical.l2Side);
    // Three l2Side blocks (one leaf of "vectorized") fit in L2.
    QVERIFY(3 * std::size_t(typical.l2Side) * typical.l2Side * sizeof(double) <= 512 * 1024);
    QVERIFY(3 * std::size_t(small.l2Side) * small.l2Side * sizeof(double) <= 64 * 1024);
    // A leaf of divide and conquer needs at most one B block of the tiled loop in k.
    for (const Tiles& t : {unknown, typical, small, large, bogus})
        QVERIFY(t.cutoff <= std::max(t.depth, 32));
}

void TestRungs::vectorizedOnEachIsa_data() {
    QTest::addColumn<QByteArray>("isa");
    QTest::addColumn<int>("n");
    for (const char* isa : {"generic", "avx2", "avx512"})
        for (int n : {1, 7, 17, 33, 65, 127, 257})
            QTest::addRow("%s n=%d", isa, n) << QByteArray(isa) << n;
}

// Only the version the CPU picks runs in the correctness test; HEADROOM_ISA forces the others
// that this CPU can run (the AVX-512 one needs a machine that has it).
void TestRungs::vectorizedOnEachIsa() {
    QFETCH(QByteArray, isa);
    QFETCH(int, n);
    const bool wasSet = qEnvironmentVariableIsSet("HEADROOM_ISA");
    const QByteArray previous = qgetenv("HEADROOM_ISA");
    qputenv("HEADROOM_ISA", isa);
    const auto restore = qScopeGuard([&] {
        if (wasSet)
            qputenv("HEADROOM_ISA", previous);
        else
            qunsetenv("HEADROOM_ISA");
    });
    if (QByteArray(isaName(selectedIsa())) != isa)
        QSKIP("this CPU cannot run that instruction set");
    runAndCheck(*findRung("vectorized"), n, 2);
}

void TestRungs::cancelledRunReturnsEarly_data() {
    QTest::addColumn<QByteArray>("rung");
    for (const RungInfo* r : nativeRungs()) {
        if (r->kind != RungKind::Native)
            continue; // cblas_dgemm cannot be interrupted
        const QByteArray id(r->id.data(), qsizetype(r->id.size()));
        QTest::newRow(id.constData()) << id;
    }
}

// With the flag already set, a rung must give up before doing the work. No timing is asserted:
// the rung checks the flag per row block, so it leaves most rows of C untouched (still NaN);
// one that ignored the flag would fill them all.
void TestRungs::cancelledRunReturnsEarly() {
    QFETCH(QByteArray, rung);
    const RungInfo* r = findRung(std::string(rung.constData()));
    QVERIFY(r && r->fn);
    const int n = 600;
    Operands o = makeOperands(n);
    QVERIFY(o.a && o.b && o.c);
    const std::atomic<bool> cancel{true};
    GemmArgs args = o.args(2);
    args.cancel = &cancel;
    r->fn(args);

    QVERIFY(canariesIntact(o));
    int computedRows = 0;
    for (int i = 0; i < n; ++i) {
        const double* row = o.c.get() + std::size_t(i) * n;
        if (std::any_of(row, row + n, [](double v) { return std::isfinite(v) && v != 0.0; }))
            ++computedRows;
    }
    QVERIFY2(
        computedRows <= n / 2,
        qPrintable(
            QStringLiteral("%1 of %2 rows were computed after cancel").arg(computedRows).arg(n)));
}

void TestRungs::rowRange_data() {
    QTest::addColumn<QByteArray>("rung");
    QTest::addColumn<int>("n");
    QTest::addColumn<int>("first");
    QTest::addColumn<int>("count");
    for (const RungInfo* r : nativeRungs()) {
        if (!r->rowUniform)
            continue;
        const QByteArray id(r->id.data(), qsizetype(r->id.size()));
        for (auto [n, first, count] :
             {std::tuple{1, 0, 1}, std::tuple{7, 0, 3}, std::tuple{31, 30, 1},
              std::tuple{257, 5, 7}, std::tuple{257, 0, 0}})
            QTest::addRow("%s n=%d rows %d+%d", id.constData(), n, first, count)
                << id << n << first << count;
    }
}

// Row-uniform rungs compute exactly rows [first, first + count) of C (the sampled points' entry
// point), right to the bound, and leave every other row as it was.
void TestRungs::rowRange() {
    QFETCH(QByteArray, rung);
    QFETCH(int, n);
    QFETCH(int, first);
    QFETCH(int, count);
    const RungInfo* r = findRung(std::string(rung.constData()));
    QVERIFY(r && r->fn && r->rowUniform);
    Operands o = makeOperands(n);
    GemmArgs args = o.args(2);
    args.rowBegin = first;
    args.rowEnd = first + count;
    r->fn(args);
    QVERIFY2(canariesIntact(o), "the rung wrote past the end of C");
    const CheckResult rows = checkRows(o, first, count);
    QVERIFY2(rows.passed, rows.message.c_str());
    for (int i = 0; i < n; ++i) {
        if (i >= first && i < first + count)
            continue;
        for (int j = 0; j < n; ++j)
            QVERIFY2(std::isnan(o.c[std::size_t(i) * n + j]), "a row outside the range changed");
    }
}

// OpenBLAS's own fallback on a CPU newer than itself is replaced by the family the CPU runs;
// its own good choices, and names the table does not know, are left alone.
void TestRungs::openblasFallbackIsReplaced() {
    CpuInfo avx512;
    avx512.avx2 = avx512.fma = true;
    avx512.avx512f = avx512.avx512dq = avx512.avx512bw = avx512.avx512vl = true;
    CpuInfo avx2;
    avx2.avx2 = avx2.fma = true;
    const CpuInfo sse;
    QCOMPARE(openblasStrongerCore("Prescott", avx512), std::string("SkylakeX"));
    QCOMPARE(openblasStrongerCore("Haswell", avx512), std::string("SkylakeX"));
    QCOMPARE(openblasStrongerCore("sandybridge", avx2), std::string("Haswell"));
    QCOMPARE(openblasStrongerCore("Cooperlake", avx512), std::string());
    QCOMPARE(openblasStrongerCore("Zen", avx2), std::string());
    QCOMPARE(openblasStrongerCore("Prescott", sse), std::string());
    QCOMPARE(openblasStrongerCore("SomeFutureLake", avx512), std::string());
    QCOMPARE(openblasStrongerCore("", avx512), std::string());
    // AVX-512 without BW/VL is not enough for the SkylakeX kernels.
    CpuInfo knl = avx2;
    knl.avx512f = true;
    QCOMPARE(openblasBestCore(knl), std::string("Haswell"));
    if (openblas_available()) {
        const std::string detail = openblas_detail();
        QVERIFY2(detail.rfind("OpenBLAS ", 0) == 0, detail.c_str());
        QVERIFY2(detail.find(openblas_core() + " kernel") != std::string::npos, detail.c_str());
    }
}

QTEST_GUILESS_MAIN(TestRungs)
#include "tst_rungs.moc"
