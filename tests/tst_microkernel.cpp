// SPDX-License-Identifier: MIT
// The micro-kernel rung: every ISA path this CPU has, forced, against the long-double reference
// at shapes around each block size and at awkward sizes; C pre-filled with NaN; 1 and 2 threads;
// padded leading dimensions; cancellation; block sizes derived from the caches.
#include "ladder.h"
#include "matrix.h"
#include "microkernel.h"
#include "packing.h"
#include "verify.h"

#include <QTest>

#include <atomic>
#include <cmath>
#include <limits>
#include <thread>
#include <vector>

using namespace headroom::kernels;

Q_DECLARE_METATYPE(headroom::kernels::Isa)
Q_DECLARE_METATYPE(std::string)
Q_DECLARE_METATYPE(headroom::kernels::LoopOrder)

namespace {

// A plausible machine (not this one): the block sizes the tests probe around come from it.
CacheInfo typicalCaches() {
    CacheInfo c;
    c.l1d = 32 * 1024;
    c.l2 = 1024 * 1024;
    c.l3 = 16u * 1024 * 1024;
    return c;
}

constexpr double kGuard = 777.0; // C's padding columns must keep it: the kernel writes n columns

struct Operands {
    std::vector<double> a, b, c;
    int lda = 0, ldb = 0, ldc = 0;
};

Operands makeOperands(int m, int n, int k, bool padded) {
    Operands o;
    o.lda = k + (padded ? 3 : 0);
    o.ldb = n + (padded ? 5 : 0);
    o.ldc = n + (padded ? 7 : 0);
    o.a.resize(static_cast<std::size_t>(m) * o.lda);
    o.b.resize(static_cast<std::size_t>(std::max(k, 1)) * o.ldb);
    for (std::size_t i = 0; i < o.a.size(); ++i)
        o.a[i] = elementValue(11, i);
    for (std::size_t i = 0; i < o.b.size(); ++i)
        o.b[i] = elementValue(22, i);
    // NaN wherever C will be written (C = A*B must overwrite it), the guard value in the padding.
    o.c.assign(static_cast<std::size_t>(m) * o.ldc, kGuard);
    for (int i = 0; i < m; ++i)
        for (int j = 0; j < n; ++j)
            o.c[static_cast<std::size_t>(i) * o.ldc + j] = std::numeric_limits<double>::quiet_NaN();
    return o;
}

QString checkProduct(int m, int n, int k, const Operands& o) {
    const CheckResult r =
        compareWithReference(m, n, k, o.a.data(), o.lda, o.b.data(), o.ldb, o.c.data(), o.ldc);
    if (!r.passed)
        return QString::fromStdString(r.message);
    for (int i = 0; i < m; ++i)
        for (int j = n; j < o.ldc; ++j)
            if (o.c[static_cast<std::size_t>(i) * o.ldc + j] != kGuard)
                return QStringLiteral("padding of C overwritten at row %1 column %2").arg(i).arg(j);
    return {};
}

void skipUnlessSupported(Isa isa) {
    if (!isaSupported(isa))
        QSKIP(qPrintable(QStringLiteral("this CPU lacks %1: its micro-kernel is built but cannot "
                                        "run here")
                             .arg(QLatin1String(isaName(isa)))));
}

#if defined(__x86_64__)
// The AVX-512 packing of an MR-row panel width against the portable one, element for element,
// including what lies past the panels (neither may write there).
template <int MR, int NR>
QString compareAvx512Packing() {
    using namespace headroom::kernels::packing;
    constexpr double kUntouched = 555.0;
    constexpr int kTail = 64;
    for (int mc : {1, 5, MR - 1, MR, MR + 3, 3 * MR + 1})
        for (int kc : {1, 7, 8, 9, 63}) {
            const int lda = kc + 3;
            std::vector<double> a(static_cast<std::size_t>(mc) * lda);
            for (std::size_t i = 0; i < a.size(); ++i)
                a[i] = elementValue(33, i);
            const std::size_t size = static_cast<std::size_t>((mc + MR - 1) / MR * MR) * kc + kTail;
            std::vector<double> portable(size, kUntouched), avx512(size, kUntouched);
            packA<MR>(mc, kc, a.data(), lda, portable.data());
            packAAvx512<MR>(mc, kc, a.data(), lda, avx512.data());
            if (portable != avx512)
                return QStringLiteral("packA<%1> differs at mc=%2 kc=%3").arg(MR).arg(mc).arg(kc);
        }
    for (int nc : {1, 7, NR, NR + 5, 3 * NR - 1})
        for (int kc : {1, 9}) {
            const int ldb = nc + 5, panels = (nc + NR - 1) / NR;
            std::vector<double> b(static_cast<std::size_t>(kc) * ldb);
            for (std::size_t i = 0; i < b.size(); ++i)
                b[i] = elementValue(44, i);
            const std::size_t size = static_cast<std::size_t>(panels) * NR * kc + kTail;
            // All panels, then the last ones alone (a thread's share of the block).
            for (int first : {0, panels - 1}) {
                std::vector<double> portable(size, kUntouched), avx512(size, kUntouched);
                packB<NR>(first, panels, nc, kc, b.data(), ldb, portable.data());
                packBAvx512<NR>(first, panels, nc, kc, b.data(), ldb, avx512.data());
                if (portable != avx512)
                    return QStringLiteral("packB<%1> differs at nc=%2 kc=%3 first=%4")
                        .arg(NR)
                        .arg(nc)
                        .arg(kc)
                        .arg(first);
            }
        }
    return {};
}
#endif

} // namespace

class TestMicrokernel : public QObject {
    Q_OBJECT

private slots:
    void shapes_data();
    void shapes();
    void addShapeRows(const MicrokernelInfo& uk, LoopOrder order);
    void tinyBlocks_data();
    void tinyBlocks();
    void unpackedSmall_data();
    void unpackedSmall();
    void squareRung();
    void avx512PackingMatchesPortable();
    void threadGrid();
    void cancelledBeforeStart();
    void cancelledWhileRunning();
    void blockSizesFollowCaches();
    void implausibleCachesFallBack();
};

void TestMicrokernel::shapes_data() {
    QTest::addColumn<std::string>("kernel");
    QTest::addColumn<Isa>("isa");
    QTest::addColumn<int>("m");
    QTest::addColumn<int>("n");
    QTest::addColumn<int>("k");
    QTest::addColumn<int>("threads");
    QTest::addColumn<bool>("padded");
    QTest::addColumn<LoopOrder>("order");

    // Every micro-kernel of this build, each forced in turn, in both loop orders.
    for (const MicrokernelInfo& uk : microkernels()) {
        const Isa isa = uk.isa;
        const char* name = uk.name.c_str();
        if (!isaSupported(isa)) { // one row that says why this kernel is not tested here
            QTest::addRow("%s", name)
                << uk.name << isa << 1 << 1 << 1 << 1 << false << LoopOrder::BSliverInL1;
            continue;
        }
        for (const LoopOrder order : {LoopOrder::BSliverInL1, LoopOrder::ASliverInL1})
            addShapeRows(uk, order);
    }
}

// The shapes of one kernel and loop order around its block sizes, on 1 or 2 threads.
void TestMicrokernel::addShapeRows(const MicrokernelInfo& uk, LoopOrder order) {
    {
        const char* name = uk.name.c_str();
        const MicrokernelChoice ch =
            *microkernelChoiceNamed(uk.name, typicalCaches(), 0, 0.5, order);
        const int mr = ch.mr, nr = ch.nr, kc = ch.kc, mc = ch.mc, nc = ch.nc;
        // Combinations, not the cross product: each size of interest appears in every position
        // at least once, the large ones against small partners so the reference stays cheap.
        const int shapes[][3] = {
            {1, 1, 1},
            {2, 3, 5},
            {3, 5, 2},
            {5, 9, 3},
            {9, 2, 1},
            {mr - 1, nr - 1, kc - 1},
            {mr, nr, kc},
            {mr + 1, nr + 1, kc + 1},
            {mr - 1, nr + 1, 2 * kc + 1},
            {mc - 1, nr + 1, kc + 1},
            {mc, nr - 1, kc},
            {mc + 1, 2 * nr + 3, kc - 1},
            {2 * mc + mr + 1, 3, 9},
            {1000, 9, 5},
            {9, 1000, 3},
            {5, 3, 1000},
            {1023, 5, 9},
            {3, 1025, 17},
            {1025, 2, 1023},
            {2, 1023, 1025},
            {mc + 1, 1025, kc + 1},
            {1023, 1025, 3},
            {5, nc - 1, 2},
            {3, nc + 1, kc + 1},
        };
        int row = 0;
        for (const auto& s : shapes) {
            // One thread count per shape and order, the other in the other order.
            const int threads = 1 + (row + (order == LoopOrder::ASliverInL1 ? 1 : 0)) % 2;
            const bool padded = (row++ % 3) != 0; // most rows with lda > k etc.
            QTest::addRow("%s %s m=%d n=%d k=%d t=%d%s", name, loopOrderName(order), s[0], s[1],
                          s[2], threads, padded ? " padded" : "")
                << uk.name << uk.isa << s[0] << s[1] << s[2] << threads << padded << order;
        }
    }
}

void TestMicrokernel::shapes() {
    QFETCH(std::string, kernel);
    QFETCH(Isa, isa);
    QFETCH(int, m);
    QFETCH(int, n);
    QFETCH(int, k);
    QFETCH(int, threads);
    QFETCH(bool, padded);
    QFETCH(LoopOrder, order);
    skipUnlessSupported(isa);

    Operands o = makeOperands(m, n, k, padded);
    const MicrokernelChoice ch = *microkernelChoiceNamed(kernel, typicalCaches(), 0, 0.5, order);
    dgemm_packed_with(ch, m, n, k, o.a.data(), o.lda, o.b.data(), o.ldb, o.c.data(), o.ldc,
                      threads);
    const QString error = checkProduct(m, n, k, o);
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void TestMicrokernel::tinyBlocks_data() {
    QTest::addColumn<std::string>("kernel");
    QTest::addColumn<Isa>("isa");
    QTest::addColumn<int>("threads");
    QTest::addColumn<LoopOrder>("order");
    for (const MicrokernelInfo& uk : microkernels())
        for (int threads : {1, 2, 3, 4})
            for (const LoopOrder order : {LoopOrder::BSliverInL1, LoopOrder::ASliverInL1})
                QTest::addRow("%s t=%d %s", uk.name.c_str(), threads, loopOrderName(order))
                    << uk.name << uk.isa << threads << order;
}

// Blocks far smaller than the matrices, so that every one of the five loops runs several times
// (and ends on a partial block) on a matrix small enough for the reference. Square, tall and wide
// shapes on 1-4 threads give every kind of thread grid: column groups of one thread, one group
// sharing a block (its barriers and block counter), and 2 x 2; in both loop orders.
void TestMicrokernel::tinyBlocks() {
    QFETCH(std::string, kernel);
    QFETCH(Isa, isa);
    QFETCH(int, threads);
    QFETCH(LoopOrder, order);
    skipUnlessSupported(isa);

    MicrokernelChoice ch = *microkernelChoiceNamed(kernel, typicalCaches(), 0, 0.5, order);
    ch.serialBelow = 0; // the team as asked even on these small products
    ch.kc = 7;
    ch.mc = 2 * ch.mr;
    ch.nc = 3 * ch.nr;
    for (const auto& s : {std::array{97, 101, 45}, std::array{5 * ch.mr + 1, 7 * ch.nr - 1, 22},
                          std::array{131, ch.nr + 1, 30}, std::array{ch.mr + 1, 151, 30}}) {
        Operands o = makeOperands(s[0], s[1], s[2], true);
        dgemm_packed_with(ch, s[0], s[1], s[2], o.a.data(), o.lda, o.b.data(), o.ldb, o.c.data(),
                          o.ldc, threads);
        const QString error = checkProduct(s[0], s[1], s[2], o);
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }
}

void TestMicrokernel::unpackedSmall_data() {
    tinyBlocks_data();
}

// Below the serial crossover and within one KC step the product runs unpacked (where the kernel
// has that variant): full tiles straight from A and B, edges through padded slivers.
void TestMicrokernel::unpackedSmall() {
    QFETCH(std::string, kernel);
    QFETCH(Isa, isa);
    QFETCH(int, threads);
    skipUnlessSupported(isa);

    MicrokernelChoice ch = *microkernelChoiceNamed(kernel, typicalCaches());
    ch.serialBelow = 1e18; // every product here takes the small-product path
    ch.kc = 1024;
    const int mr = ch.mr, nr = ch.nr;
    for (const auto& s :
         {std::array{1, 1, 1}, std::array{mr, nr, 1}, std::array{mr - 1, nr + 1, 7},
          std::array{mr + 1, nr - 1, 31}, std::array{3 * mr, 2 * nr, 64}, std::array{64, 64, 64},
          std::array{97, 101, 257}, std::array{200, 7, 1023}}) {
        Operands o = makeOperands(s[0], s[1], s[2], s[0] % 2 == 1);
        dgemm_packed_with(ch, s[0], s[1], s[2], o.a.data(), o.lda, o.b.data(), o.ldb, o.c.data(),
                          o.ldc, threads);
        const QString error = checkProduct(s[0], s[1], s[2], o);
        QVERIFY2(
            error.isEmpty(),
            qPrintable(QStringLiteral("m=%1 n=%2 k=%3: ").arg(s[0]).arg(s[1]).arg(s[2]) + error));
    }
}

// The AVX-512 kernels' packing copies a zmm at a time and transposes 8 x 8 blocks of A: it must
// lay out exactly what the portable packing does, edges and zero padding included.
void TestMicrokernel::avx512PackingMatchesPortable() {
#if defined(__x86_64__)
    skipUnlessSupported(Isa::Avx512);
    for (const QString& error : {compareAvx512Packing<8, 24>(), compareAvx512Packing<14, 16>(),
                                 compareAvx512Packing<6, 32>(), compareAvx512Packing<28, 8>()})
        QVERIFY2(error.isEmpty(), qPrintable(error));
#else
    QSKIP("the AVX-512 packing is built for x86-64 only");
#endif
}

// The rung's own entry point (square, selected ISA), with NaN in C.
void TestMicrokernel::squareRung() {
    const int n = 131;
    Operands o = makeOperands(n, n, n, false);
    GemmArgs args;
    args.n = n;
    args.a = o.a.data();
    args.b = o.b.data();
    args.c = o.c.data();
    args.threads = 2;
    args.caches = typicalCaches();
    gemm_microkernel(args);
    const QString error = checkProduct(n, n, n, o);
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

// The grid of threads over the jc and ic loops: each thread's share of C as square as the count
// allows, ties to column groups (a B block per thread), never more threads than tiles.
void TestMicrokernel::threadGrid() {
    auto grid = [](int threads, int m, int n) {
        const ThreadGrid g = threadGridFor(threads, m, n, 6, 8);
        return std::pair{g.jcWays, g.icWays};
    };
    QCOMPARE(grid(1, 4096, 4096), std::pair(1, 1));
    QCOMPARE(grid(2, 4096, 4096), std::pair(2, 1)); // tie: a B block per thread
    QCOMPARE(grid(4, 4096, 4096), std::pair(2, 2));
    QCOMPARE(grid(8, 4096, 4096), std::pair(4, 2)); // 2048 x 1024 each either way: a tie
    QCOMPARE(grid(2, 4096, 64), std::pair(1, 2));   // tall: split the rows
    QCOMPARE(grid(2, 6, 4096), std::pair(2, 1));    // one row of tiles: split the columns
    QCOMPARE(grid(4, 6, 16), std::pair(2, 1));      // two tiles: two threads
    QCOMPARE(grid(3, 1, 1), std::pair(1, 1));
    QCOMPARE(grid(0, 100, 100), std::pair(1, 1));
    const ThreadGrid g = threadGridFor(7, 4096, 4096, 6, 8); // a prime: 7 x 1 or 1 x 7
    QCOMPARE(g.jcWays * g.icWays, 7);
}

// A cancel flag already set: the product stops before writing any block of C.
void TestMicrokernel::cancelledBeforeStart() {
    const int n = 200;
    Operands o = makeOperands(n, n, n, false);
    const std::atomic<bool> cancel{true};
    dgemm_packed(n, n, n, o.a.data(), o.lda, o.b.data(), o.ldb, o.c.data(), o.ldc, 2,
                 typicalCaches(), &cancel);
    for (double v : o.c)
        QVERIFY(std::isnan(v));
}

// Cancelling from another thread while the team works through many small blocks: every thread
// must leave at the same barrier (a mismatch would hang here), and the product stops early.
void TestMicrokernel::cancelledWhileRunning() {
    const int n = 1000;
    Operands o = makeOperands(n, n, n, false);
    MicrokernelChoice ch = microkernelChoice(typicalCaches());
    ch.kc = 8; // 125 rank-8 updates, each behind two barriers: 4 GFLOP in all
    std::atomic<bool> cancel{false};
    std::atomic<bool> started{false};
    std::thread worker([&] {
        started = true;
        dgemm_packed_with(ch, n, n, n, o.a.data(), o.lda, o.b.data(), o.ldb, o.c.data(), o.ldc, 2,
                          &cancel);
    });
    while (!started)
        std::this_thread::yield();
    cancel = true;
    worker.join();
    // Stopped long before the last update: row 0 (updated by every rank-8 step) is unfinished.
    // Only that row is checked, to keep the reference cheap.
    const CheckResult row0 =
        compareWithReference(1, n, n, o.a.data(), o.lda, o.b.data(), o.ldb, o.c.data(), o.ldc);
    QVERIFY(!row0.passed);
}

void TestMicrokernel::blockSizesFollowCaches() {
    const std::size_t d = sizeof(double);
    for (const MicrokernelInfo& uk : microkernels())
        for (const LoopOrder order : {LoopOrder::BSliverInL1, LoopOrder::ASliverInL1}) {
            const CacheInfo caches = typicalCaches();
            const MicrokernelChoice ch = *microkernelChoiceNamed(uk.name, caches, 0, 0.5, order);
            QVERIFY(ch.kernelName.find(std::to_string(ch.mr) + "x" + std::to_string(ch.nr)) !=
                    std::string::npos);
            QVERIFY(ch.order == order);
            const bool aInL1 = order == LoopOrder::ASliverInL1;
            QVERIFY(ch.kc > 0 && ch.mc > 0 && ch.nc > 0);
            QCOMPARE(ch.mc % ch.mr, 0);
            QCOMPARE(ch.nc % ch.nr, 0);
            // The sliver kept in L1 fits in it (with the B sliver there, both slivers do: the A
            // slivers stream past it), the block kept in L2 (A's, or B's with the A sliver in L1)
            // in L2, the shared block in L3.
            const std::size_t aBlock = static_cast<std::size_t>(ch.mc) * ch.kc * d;
            const std::size_t bBlock = static_cast<std::size_t>(ch.kc) * ch.nc * d;
            QVERIFY(static_cast<std::size_t>(aInL1 ? ch.mr : ch.mr + ch.nr) * ch.kc * d <=
                    caches.l1d);
            QVERIFY((aInL1 ? bBlock : aBlock) <= caches.l2);
            QVERIFY((aInL1 ? aBlock : bBlock) <= caches.l3);
            QVERIFY2(ch.note.empty(), ch.note.c_str());

            // A small L3 does not narrow the shared block below 4096: each one packs all of the
            // other operand again, which costs more than streaming the block from memory.
            CacheInfo smallL3 = caches;
            smallL3.l3 = 2 * 1024 * 1024;
            const MicrokernelChoice small =
                *microkernelChoiceNamed(uk.name, smallL3, 0, 0.5, order);
            QVERIFY((aInL1 ? small.mc : small.nc) >= 4096);

            // Bigger caches never give smaller blocks.
            CacheInfo bigger = caches;
            bigger.l1d *= 2;
            bigger.l2 *= 2;
            bigger.l3 *= 2;
            const MicrokernelChoice big = *microkernelChoiceNamed(uk.name, bigger, 0, 0.5, order);
            QVERIFY(big.kc >= ch.kc);
            QVERIFY(static_cast<long long>(big.mc) * big.kc >=
                    static_cast<long long>(ch.mc) * ch.kc);
            QVERIFY(static_cast<long long>(big.nc) * big.kc >=
                    static_cast<long long>(ch.nc) * ch.kc);
        }
}

void TestMicrokernel::implausibleCachesFallBack() {
    const MicrokernelChoice unknown = microkernelChoiceFor(Isa::Avx2, CacheInfo{});
    QVERIFY(unknown.kc > 0 && unknown.mc > 0 && unknown.nc > 0);
    QVERIFY2(unknown.note.find("unknown") != std::string::npos, unknown.note.c_str());

    // A VM's hwloc: a 508 MB L3 per core on a small machine must not size NC.
    CacheInfo bogus = typicalCaches();
    bogus.l3 = std::size_t{1} << 40;
    const MicrokernelChoice fixed = microkernelChoiceFor(Isa::Avx2, bogus);
    QVERIFY2(fixed.note.find("L3 implausible") != std::string::npos, fixed.note.c_str());
    QVERIFY(static_cast<long long>(fixed.nc) * fixed.kc * 8 <= 256LL * 1024 * 1024);
}

QTEST_GUILESS_MAIN(TestMicrokernel)
#include "tst_microkernel.moc"
