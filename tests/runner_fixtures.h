// SPDX-License-Identifier: MIT
// The machine and plan the runner tests run on: a live machine of 2 cores without measured
// limits, and a small plan on 2 threads.
#pragma once

#include "machine.h"
#include "plan.h"

namespace headroom::testing {

inline Machine testMachine() {
    Machine m;
    m.topology.source = QStringLiteral("live");
    m.topology.cores = 2;
    return m;
}

inline Plan smallPlan(QStringList rungs, QList<int> sizes) {
    Plan p;
    p.rungs = std::move(rungs);
    p.sizes = std::move(sizes);
    p.threads = 2;
    p.budgetSeconds = 5;
    p.repetitions = 2;
    p.minSeconds = 0;
    return p;
}

} // namespace headroom::testing
