// SPDX-License-Identifier: MIT
#include "affinity.h"

#include <QStringList>
#include <QThread>

#include <hwloc.h>
#include <omp.h>

#include <mutex>

namespace headroom {

namespace {
struct SharedTopology {
    hwloc_topology_t topo = nullptr;
    bool ok = false;
    SharedTopology() {
        if (hwloc_topology_init(&topo) == 0 && hwloc_topology_load(topo) == 0)
            ok = true;
    }
    ~SharedTopology() {
        if (topo)
            hwloc_topology_destroy(topo);
    }
};

SharedTopology& shared() {
    static SharedTopology t;
    return t;
}
std::mutex& bindMutex() {
    static std::mutex m;
    return m;
}
} // namespace

int physicalCoreCount() {
    SharedTopology& t = shared();
    if (!t.ok)
        return QThread::idealThreadCount() > 0 ? QThread::idealThreadCount() : 1;
    const int cores = hwloc_get_nbobjs_by_type(t.topo, HWLOC_OBJ_CORE);
    return cores > 0 ? cores : 1;
}

QString pinOpenMpThreads(int threads) {
    SharedTopology& t = shared();
    if (!t.ok)
        return QStringLiteral("not pinned: hwloc could not load the topology");
    const int cores = hwloc_get_nbobjs_by_type(t.topo, HWLOC_OBJ_CORE);
    if (cores <= 0)
        return QStringLiteral("not pinned: hwloc reports no cores");
    std::lock_guard lock(bindMutex()); // hwloc topology queries are not documented thread-safe
    int failures = 0;
    QStringList placed;
#pragma omp parallel num_threads(threads) reduction(+ : failures)
    {
        const int tid = omp_get_thread_num();
        hwloc_obj_t core = hwloc_get_obj_by_type(t.topo, HWLOC_OBJ_CORE, tid % cores);
        if (!core || hwloc_set_cpubind(t.topo, core->cpuset, HWLOC_CPUBIND_THREAD) != 0)
            failures += 1;
    }
    for (int i = 0; i < threads; ++i)
        placed << QString::number(i % cores);
    if (failures > 0)
        return QStringLiteral("not pinned: binding failed for %1 of %2 threads")
            .arg(failures)
            .arg(threads);
    return QStringLiteral("pinned %1 thread(s) to cores %2 (hwloc, one per physical core)")
        .arg(threads)
        .arg(placed.join(QLatin1Char(',')));
}

void unpinCurrentThread() {
    SharedTopology& t = shared();
    if (!t.ok)
        return;
    hwloc_const_cpuset_t all = hwloc_topology_get_allowed_cpuset(t.topo);
    hwloc_set_cpubind(t.topo, all, HWLOC_CPUBIND_THREAD);
}

} // namespace headroom
