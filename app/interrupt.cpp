// SPDX-License-Identifier: MIT
#include "interrupt.h"

#include <csignal>

namespace headroom {

namespace {

std::atomic<bool> g_interrupted{false};
std::atomic<int> g_signal{0};
static_assert(std::atomic<bool>::is_always_lock_free && std::atomic<int>::is_always_lock_free,
              "set from a signal handler");
struct sigaction g_oldInt, g_oldTerm;

void onSignal(int sig) {
    g_signal.store(sig);
    g_interrupted.store(true);
}

} // namespace

InterruptGuard::InterruptGuard() {
    g_interrupted.store(false);
    g_signal.store(0);
    struct sigaction sa = {};
    sa.sa_handler = onSignal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESETHAND | SA_RESTART; // a second signal takes the default action
    sigaction(SIGINT, &sa, &g_oldInt);
    sigaction(SIGTERM, &sa, &g_oldTerm);
}

InterruptGuard::~InterruptGuard() {
    sigaction(SIGINT, &g_oldInt, nullptr);
    sigaction(SIGTERM, &g_oldTerm, nullptr);
}

const std::atomic<bool>* InterruptGuard::flag() const {
    return &g_interrupted;
}

int InterruptGuard::signal() const {
    return g_signal.load();
}

int InterruptGuard::exitCode() const {
    const int sig = g_signal.load();
    return sig ? 128 + sig : 0;
}

} // namespace headroom
