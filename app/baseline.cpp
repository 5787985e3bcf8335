// SPDX-License-Identifier: MIT
#include "baseline.h"

#include "format.h"

#include <matrix.h>
#include <probes/probes.h>

#include <omp.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <memory>
#include <vector>

namespace headroom {

namespace {

using Clock = std::chrono::steady_clock;
namespace probes = kernels::probes;

probes::VectorIsa isaFromName(const QString& name) {
    for (auto isa : {probes::VectorIsa::Scalar, probes::VectorIsa::Sse, probes::VectorIsa::Avx2,
                     probes::VectorIsa::Avx512})
        if (name == QLatin1String(probes::vectorIsaName(isa)))
            return isa;
    return probes::VectorIsa::Scalar;
}

// GFLOP/s of `isa` on each of `threads` threads running at once, averaged over a window longer
// than a scheduler time slice: a core shared with another busy thread shows as half speed, where
// a best-of-short-runs would slip between its slices.
std::vector<double> probeTeam(probes::VectorIsa isa, int threads) {
    constexpr double kWindowSeconds = 0.015;
    constexpr std::int64_t kChunk = 20000; // ~0.03 ms at scalar speed: the clock is read often
    std::vector<double> rate(static_cast<std::size_t>(threads), 0.0);
#pragma omp parallel num_threads(threads)
    {
        double sink = 0, flops = 0, seconds = 0;
#pragma omp barrier
        const auto t0 = Clock::now();
        while (seconds < kWindowSeconds) {
            flops += probes::runPeak(isa, probes::Precision::Double, kChunk, &sink);
            seconds = std::chrono::duration<double>(Clock::now() - t0).count();
        }
        // sink keeps the chains alive; it is never NaN for the probe's inputs
        rate[static_cast<std::size_t>(omp_get_thread_num())] =
            sink == sink ? flops / seconds / 1e9 : 0;
    }
    return rate;
}

// GB/s of reading `bytes` (L2-resident) on each of `threads` threads at once, over the same
// window as the FMA probes.
std::vector<double> probeL2Team(qint64 bytes, int threads) {
    constexpr double kWindowSeconds = 0.015;
    const std::size_t n = std::max<std::size_t>(64, static_cast<std::size_t>(bytes) / 8 / 64 * 64);
    const std::int64_t passes = std::max<std::int64_t>(1, 4096 * 64 / static_cast<std::int64_t>(n));
    std::vector<double> rate(static_cast<std::size_t>(threads), 0.0);
#pragma omp parallel num_threads(threads)
    {
        // Each thread its own buffer, first touched by itself (its own L2, its own node).
        kernels::MatrixBuffer a(kernels::allocateMatrix(n, 1));
        double sink = 0, bytesRead = 0, seconds = 0;
        if (a) {
            std::fill(a.get(), a.get() + n, 1.0);
            sink += probes::readArray(a.get(), n, 1); // into L2
        }
#pragma omp barrier
        const auto t0 = Clock::now();
        while (a && seconds < kWindowSeconds) {
            sink += probes::readArray(a.get(), n, passes);
            bytesRead += static_cast<double>(n) * 8 * static_cast<double>(passes);
            seconds = std::chrono::duration<double>(Clock::now() - t0).count();
        }
        rate[static_cast<std::size_t>(omp_get_thread_num())] =
            a && sink == sink && seconds > 0 ? bytesRead / seconds / 1e9 : 0;
    }
    return rate;
}

} // namespace

BaselineCheck::BaselineCheck(const Machine& machine, int threads)
    : m_threads(std::max(1, threads)) {
    if (!machine.limits)
        return;
    int widest = -1;
    for (const PeakEntry& e : machine.limits->perIsa) {
        if (e.precision != QLatin1String("double") || e.threads != 1 || e.measuredGflops <= 0)
            continue;
        const probes::VectorIsa isa = isaFromName(e.isa);
        if (e.isa == QLatin1String("scalar"))
            m_scalar = e.measuredGflops;
        if (probes::peakAvailable(isa) && probes::vectorBits(isa) > widest) {
            widest = probes::vectorBits(isa);
            m_fma = e.measuredGflops;
            m_fmaIsa = e.isa;
        }
    }
    // The L2 read ceiling at the run's thread count (the L2 may be shared), else at one thread.
    for (int wanted : {m_threads, 1})
        for (const BandwidthCeiling& b : machine.limits->bandwidth)
            if (m_l2 == 0 && b.level == QLatin1String("L2") && b.kernel == QLatin1String("read") &&
                b.threads == wanted && b.gbytesPerS > 0 && b.workingSetBytes > 0) {
                m_l2 = b.gbytesPerS / b.threads;
                m_l2Bytes = b.workingSetBytes / b.threads;
            }
}

MachineState BaselineCheck::judge(double scalarGflops, double fmaGflops, double l2Gbytes) const {
    MachineState st;
    if (!available())
        return st;
    const double scalar = scalarGflops / m_scalar, fma = fmaGflops / m_fma;
    const bool withL2 = m_l2 > 0 && l2Gbytes >= 0;
    const double l2 = withL2 ? l2Gbytes / m_l2 : 1e300;
    st.speed = std::min({scalar, fma, l2});
    st.slow = st.speed < 1.0 / kSlowFactor;
    st.detail = QStringLiteral("reference probe at %1 its baseline (scalar %2 of %3, %4 %5 of %6")
                    .arg(format::ratio(st.speed), format::rate(scalarGflops, format::Rate::Gflops),
                         format::rate(m_scalar, format::Rate::Gflops), m_fmaIsa,
                         format::rate(fmaGflops, format::Rate::Gflops),
                         format::rate(m_fma, format::Rate::Gflops));
    if (withL2)
        st.detail += QStringLiteral(", L2 read %1 of %2")
                         .arg(format::rate(l2Gbytes, format::Rate::GigabytesPerSecond),
                              format::rate(m_l2, format::Rate::GigabytesPerSecond));
    st.detail += QStringLiteral(" per thread, slowest of %1 thread(s))").arg(m_threads);
    return st;
}

MachineState BaselineCheck::probe() const {
    if (!available())
        return {};
    const auto scalar = probeTeam(probes::VectorIsa::Scalar, m_threads);
    const auto fma = probeTeam(isaFromName(m_fmaIsa), m_threads);
    const auto l2 = m_l2 > 0 ? probeL2Team(m_l2Bytes, m_threads) : std::vector<double>{-1.0};
    return judge(*std::min_element(scalar.begin(), scalar.end()),
                 *std::min_element(fma.begin(), fma.end()),
                 *std::min_element(l2.begin(), l2.end()));
}

} // namespace headroom
