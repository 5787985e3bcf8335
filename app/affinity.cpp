// SPDX-License-Identifier: MIT
#include "affinity.h"

#include "topology.h"

namespace headroom {

QString pinOpenMpThreads(int threads) {
    QString note;
    bindOpenMpThreadsToCores(threads, &note);
    return note;
}

void unpinOpenMpThreads(int threads) {
    unbindOpenMpThreads(threads);
}

int physicalCoreCount() {
    return liveCoreCount();
}

} // namespace headroom
