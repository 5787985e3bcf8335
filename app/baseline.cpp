// SPDX-License-Identifier: MIT
#include "baseline.h"

#include "format.h"

#include <median.h>
#include <probes/probes.h>

#include <omp.h>

#include <algorithm>
#include <chrono>
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

// GFLOP/s of `isa` on each of `threads` threads running at once, per thread the median of three
// windows, each longer than a scheduler time slice: a core shared with another busy thread all
// along shows as half speed in every window (a best-of-short-runs would slip between its slices),
// while one interruption of a vCPU (seen on a Zen 5 VM: a thread read 0.35x in one 15 ms window
// of eight, the others at full speed) spoils one window only and is not taken for a slow phase.
std::vector<double> probeTeam(probes::VectorIsa isa, int threads) {
    constexpr int kWindows = 3;
    constexpr double kWindowSeconds = 0.015;
    constexpr std::int64_t kChunk = 20000; // ~0.03 ms at scalar speed: the clock is read often
    std::vector<double> rate(static_cast<std::size_t>(threads), 0.0);
#pragma omp parallel num_threads(threads)
    {
        double sink = 0, windows[kWindows] = {};
        for (double& window : windows) {
            double flops = 0, seconds = 0;
#pragma omp barrier
            const auto t0 = Clock::now();
            while (seconds < kWindowSeconds) {
                flops += probes::runPeak(isa, probes::Precision::Double, kChunk, &sink);
                seconds = std::chrono::duration<double>(Clock::now() - t0).count();
            }
            window = flops / seconds / 1e9;
        }
        // sink keeps the chains alive; it is never NaN for the probe's inputs
        rate[static_cast<std::size_t>(omp_get_thread_num())] =
            sink == sink ? kernels::medianInPlace(windows) : 0;
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
}

MachineState BaselineCheck::judge(double scalarGflops, double fmaGflops) const {
    MachineState st;
    if (!available())
        return st;
    const double scalar = scalarGflops / m_scalar, fma = fmaGflops / m_fma;
    st.speed = std::min(scalar, fma);
    st.slow = st.speed < 1.0 / kSlowFactor;
    st.detail = QStringLiteral("reference probe at %1 its baseline (scalar %2 of %3, %4 %5 of %6 "
                               "per thread, slowest of %7 thread(s))")
                    .arg(format::ratio(st.speed), format::rate(scalarGflops, format::Rate::Gflops),
                         format::rate(m_scalar, format::Rate::Gflops), m_fmaIsa,
                         format::rate(fmaGflops, format::Rate::Gflops),
                         format::rate(m_fma, format::Rate::Gflops))
                    .arg(m_threads);
    return st;
}

MachineState BaselineCheck::probe() const {
    if (!available())
        return {};
    const auto scalar = probeTeam(probes::VectorIsa::Scalar, m_threads);
    const auto fma = probeTeam(isaFromName(m_fmaIsa), m_threads);
    return judge(*std::min_element(scalar.begin(), scalar.end()),
                 *std::min_element(fma.begin(), fma.end()));
}

} // namespace headroom
