// SPDX-License-Identifier: MIT
#include "uiload.h"

#include <algorithm>
#include <ctime>

namespace headroom::ui {

namespace {
constexpr int kHeartbeatMs = 20;
}

UiLoadMonitor::UiLoadMonitor(QObject* parent)
    : QObject(parent) {
    m_heartbeat.setInterval(kHeartbeatMs);
    m_heartbeat.setTimerType(Qt::PreciseTimer);
    connect(&m_heartbeat, &QTimer::timeout, this, &UiLoadMonitor::beat);
}

double UiLoadMonitor::threadCpuSeconds() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

void UiLoadMonitor::start() {
    m_cpuAtStart = threadCpuSeconds();
    m_cpu = 0;
    m_maxStall = 0;
    m_sinceBeat.start();
    m_heartbeat.start();
}

void UiLoadMonitor::stop() {
    m_heartbeat.stop();
    m_cpu = threadCpuSeconds() - m_cpuAtStart;
}

void UiLoadMonitor::beat() {
    // A beat that comes late by more than its period means the event loop was busy that long.
    m_maxStall = std::max(m_maxStall, double(m_sinceBeat.restart() - kHeartbeatMs));
}

} // namespace headroom::ui
