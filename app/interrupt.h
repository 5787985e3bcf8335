// SPDX-License-Identifier: MIT
// Ctrl-C and SIGTERM during a headless run: the first one asks the run to stop after the current
// repetition, so that every output asked for is still written with the points that finished; a
// second one ends the process at once (the handler resets itself).
#pragma once

#include <atomic>

namespace headroom {

class InterruptGuard {
public:
    InterruptGuard();  // installs the SIGINT/SIGTERM handlers
    ~InterruptGuard(); // restores the previous ones
    InterruptGuard(const InterruptGuard&) = delete;
    InterruptGuard& operator=(const InterruptGuard&) = delete;

    // Set by the first signal; hand it to the runner as its cancel flag.
    const std::atomic<bool>* flag() const;
    // The signal received (SIGINT or SIGTERM), 0 if none.
    int signal() const;
    // The shell's convention: 128 + the signal (130 for Ctrl-C, 143 for SIGTERM), 0 if none.
    int exitCode() const;
};

} // namespace headroom
