// SPDX-License-Identifier: MIT
#include "intensity.h"

#include "jsonread.h"
#include "ladderinfo.h"

#include <ladder.h>
#include <microkernel.h>

#ifdef __linux__
#include <linux/perf_event.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#endif

#include <algorithm>
#include <cmath>

namespace headroom {

namespace {
constexpr double kElem = sizeof(double);

// Bytes moved in the whole product (A and B read, C written), given how many times each operand
// is moved as a whole: C's first pass counts once (written), every further one twice (read back
// and written again).
double operandBytes(double n, double passesA, double passesB, double passesC) {
    return kElem * n * n * (passesA + passesB + 2 * passesC - 1);
}

// Bytes between core and L1 of a register-tiled loop: every step of k loads mr elements of A and
// nr of B for mr x nr multiply-adds, and the C tile is loaded and stored once per kc steps.
double registerTileL1(double n, double mr, double nr, double kc) {
    return kElem * n * n * n * (mr + nr) / (mr * nr) + 2 * kElem * n * n * std::ceil(n / kc);
}

// Bytes between core and L1 of the tiled block loop, rows rows per B block copy: the i-k-j inner
// loop loads B and C and stores C per multiply-add, A(i, p) is loaded once per column block, the
// B block is copied (loaded and stored) once per row block, and C is cleared once.
double tiledL1(double n, double rows, double cols) {
    return 3 * kElem * n * n * n + 2 * kElem * n * n * std::ceil(n / rows) +
           kElem * n * n * std::ceil(n / cols) + kElem * n * n;
}

struct Model {
    double n = 0;
    int threads = 1;
    double llc = 0; // bytes of the last-level cache that data can count on staying in
    kernels::CacheInfo caches;

    // `count` passes when the `reused` bytes do not stay in the LLC between them, else one.
    double passes(double reused, double count) const {
        return reused <= llc ? 1 : std::max(1.0, count);
    }
    double compulsory() const { return operandBytes(n, 1, 1, 1); }
    // The i-j-k and i-k-j loops: a row of A and of C is reused from L1/L2, B is read again for
    // every row of C unless it stays in the LLC.
    double streamingDram() const { return operandBytes(n, 1, passes(kElem * n * n, n), 1); }
    // Divide and conquer: the sub-products of side s whose three blocks fit in a thread's share
    // of the LLC each move their A and B blocks; C blocks are reused by pairs of k halves.
    double recursiveDram() const {
        if (3 * kElem * n * n <= llc)
            return compulsory();
        double s = n;
        while (s > 1 && 3 * kElem * s * s > llc / threads)
            s = std::ceil(s / 2);
        return operandBytes(n, n / s, n / s, std::max(1.0, n / (2 * s)));
    }
};

struct Traffic {
    double l1 = 0, dram = 0;
};

Traffic tiledTraffic(const Model& m) {
    const kernels::CacheBlocking b = kernels::cacheBlockingFor(m.caches);
    const double n = m.n;
    const double rows = std::clamp(std::ceil(n / m.threads), 1.0, double(b.rows));
    const double a = m.passes(kElem * rows * n * m.threads, std::ceil(n / b.cols));
    const double bp = m.passes(kElem * n * n, std::ceil(n / rows));
    const double c = m.passes(kElem * rows * b.cols * m.threads, std::ceil(n / b.depth));
    return {tiledL1(n, rows, b.cols), operandBytes(n, a, bp, c)};
}

Traffic packedTraffic(const Model& m) {
    const kernels::MicrokernelChoice k = kernels::microkernelChoice(m.caches);
    const double n = m.n;
    const double kc = std::min<double>(k.kc, n);
    // The shared block (B's NC columns, or A's MC rows with the A sliver in L1): the other
    // operand is packed (loaded and stored) once per shared block, the shared one once.
    const double shared =
        std::min<double>(k.order == kernels::LoopOrder::ASliverInL1 ? k.mc : k.nc, n);
    const double l1 =
        registerTileL1(n, k.mr, k.nr, kc) + 2 * kElem * n * n * (std::ceil(n / shared) + 1);
    if (3 * kElem * n * n <= m.llc)
        return {l1, m.compulsory()};
    const double repacked = m.passes(kElem * n * n, std::ceil(n / shared));
    const double c = m.passes(kElem * n * shared, std::ceil(n / kc));
    return k.order == kernels::LoopOrder::ASliverInL1
               ? Traffic{l1, operandBytes(n, 1, repacked, c)}
               : Traffic{l1, operandBytes(n, repacked, 1, c)};
}

std::optional<Traffic> traffic(const QString& rung, const Model& m) {
    const double n = m.n;
    const double n3 = n * n * n, n2 = n * n;
    if (rung == QLatin1String("naive") || rung == QLatin1String("python") ||
        rung == QLatin1String("java"))
        return Traffic{4 * kElem * n3 + kElem * n2, m.streamingDram()};
    if (rung == QLatin1String("interchange") || rung == QLatin1String("optflags") ||
        rung == QLatin1String("parallel"))
        return Traffic{3 * kElem * n3 + 2 * kElem * n2, m.streamingDram()};
    if (rung == QLatin1String("tiled"))
        return tiledTraffic(m);
    const kernels::CacheBlocking b = kernels::cacheBlockingFor(m.caches);
    if (rung == QLatin1String("dac")) {
        const double leaf = std::min<double>(b.dacLeaf, n);
        return Traffic{tiledL1(n, leaf, b.cols), m.recursiveDram()};
    }
    if (rung == QLatin1String("vectorized")) {
        const kernels::RegisterTile t = kernels::vectorizedTile(kernels::selectedIsa());
        const double leaf = std::min<double>(b.vectorizedLeaf, n);
        return Traffic{registerTileL1(n, t.rows, t.cols, leaf), m.recursiveDram()};
    }
    // OpenBLAS and BLIS are packed GEMMs of the same design; their own block sizes are not
    // exposed, so the micro-kernel's stand in for them.
    if (rung == QLatin1String("microkernel") || isReferenceRung(rung))
        return packedTraffic(m);
    return std::nullopt;
}
} // namespace

std::optional<Intensity> modelIntensity(const QString& rung, int n, int threads,
                                        const EffectiveCaches& caches) {
    if (n < 1)
        return std::nullopt;
    Model m;
    m.n = n;
    m.threads = std::max(1, threads);
    m.caches = kernelCaches(caches);
    // Half of the last-level cache: the other half goes to the data streamed past the reused
    // data, and to conflicts. An unknown L3 (0: none found, or hwloc's size was implausible) is
    // taken as 8 MiB, the size the micro-kernel's blocking then assumes.
    const qint64 llc = caches.l3 > 0 ? caches.l3 : qint64{8} << 20;
    m.llc = double(llc) / 2;
    const auto t = traffic(rung, m);
    if (!t)
        return std::nullopt;
    const double flops = 2.0 * n * n * double(n);
    return Intensity{flops / t->l1, flops / t->dram, QStringLiteral("model")};
}

QJsonObject intensityToJson(const Intensity& in) {
    QJsonObject o;
    o[QStringLiteral("l1")] = in.l1;
    o[QStringLiteral("dram")] = in.dram;
    o[QStringLiteral("source")] = in.source;
    return o;
}

std::optional<Intensity> intensityFromJson(const QJsonObject& o, QString* error) {
    JsonReader r(o, QStringLiteral("intensity"));
    Intensity in;
    // No real kernel moves less than a byte per 10^6 FLOP at L1; far larger is a damaged file.
    in.l1 = r.number(QStringLiteral("l1"), 1e-9, 1e6);
    in.dram = r.number(QStringLiteral("dram"), 1e-9, 1e9);
    in.source = r.string(QStringLiteral("source"));
    if (r.ok() && in.source != QLatin1String("model") && in.source != QLatin1String("counters"))
        r.fail(QStringLiteral("\"source\" must be \"model\" or \"counters\", not "
                              "\"%1\"")
                   .arg(in.source.left(40)));
    if (!r.ok()) {
        *error = r.error();
        return std::nullopt;
    }
    return in;
}

QJsonObject cacheCountersJson() {
    QJsonObject o;
#ifdef __linux__
    perf_event_attr attr{};
    attr.type = PERF_TYPE_HW_CACHE;
    attr.size = sizeof(attr);
    attr.config = PERF_COUNT_HW_CACHE_L1D | (PERF_COUNT_HW_CACHE_OP_READ << 8) |
                  (PERF_COUNT_HW_CACHE_RESULT_ACCESS << 16);
    attr.disabled = 1;
    attr.exclude_kernel = 1;
    attr.exclude_hv = 1;
    const long fd = syscall(SYS_perf_event_open, &attr, 0, -1, -1, 0);
    const int err = errno;
    o[QStringLiteral("l1d_loads")] = fd >= 0;
    if (fd >= 0) {
        close(static_cast<int>(fd));
        o[QStringLiteral("reason")] =
            QStringLiteral("available; intensities still come from the model");
    } else if (err == ENOENT || err == EOPNOTSUPP || err == ENODEV) {
        o[QStringLiteral("reason")] = QStringLiteral(
            "perf_event_open: the CPU exposes no L1D load event here (no PMU, as in most VMs)");
    } else {
        o[QStringLiteral("reason")] =
            QStringLiteral("perf_event_open: %1").arg(QString::fromLocal8Bit(std::strerror(err)));
    }
#else
    o[QStringLiteral("l1d_loads")] = false;
    o[QStringLiteral("reason")] = QStringLiteral("hardware counters are read on Linux only");
#endif
    return o;
}

} // namespace headroom
