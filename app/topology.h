// SPDX-License-Identifier: MIT
// Topology detection with hwloc (live, or from an hwloc XML export), the cache sizes the rest of
// the app may trust, and pinning of OpenMP threads to cores.
#pragma once

#include "machine.h"

#include <QString>

#include <optional>

namespace headroom {

// The machine this process runs on. Nullopt and *error when hwloc cannot load it.
std::optional<Topology> loadLiveTopology(QString* error);

// A topology from an hwloc XML export (hwloc 1.x or 2.x format). A missing, unreadable or
// non-topology file gives nullopt and a readable *error; hwloc's own diagnostics are kept off
// stderr.
std::optional<Topology> loadXmlTopology(const QString& path, QString* error);

// Cache sizes cross-checked between hwloc, sysfs and CPUID (live) or checked for plausibility
// (XML). Every disagreement or implausible value is explained in `notes`, naming the value used.
EffectiveCaches effectiveCaches(const Topology& topology);

// The same check with the other sources given explicitly (0 = unknown), so tests can feed it
// the values of a broken VM. Sizes per instance, in bytes.
struct CacheEvidence {
    qint64 sysfsL1d = 0, sysfsL2 = 0, sysfsL3 = 0;
    qint64 cpuidL1d = 0, cpuidL2 = 0, cpuidL3 = 0;
    int sysfsL3Instances = 0; // distinct L3 caches listed by sysfs, 0 unknown
};
// What sysfs and CPUID say about this machine's caches.
CacheEvidence liveCacheEvidence();
EffectiveCaches effectiveCaches(const Topology& topology, const CacheEvidence& evidence);

// A stable hash of what makes two topologies the same machine (CPU model, counts, caches, tree);
// the key under which measured limits are cached.
QString topologyHash(const Topology& topology);

// Binds each of `threads` OpenMP threads of a parallel region to its own core (thread i to core
// i modulo cores, first PU of the core). libgomp keeps its thread pool per calling thread, so the
// binding holds for later parallel regions with the same thread count started from the same
// thread. Returns false (and says why in *note) when binding is not supported; never fatal.
bool bindOpenMpThreadsToCores(int threads, QString* note = nullptr);

// Undoes bindOpenMpThreadsToCores: every thread of the pool may run anywhere again.
void unbindOpenMpThreads(int threads);

// Cores of the live machine according to hwloc (>= 1), cheap after the first call.
int liveCoreCount();

} // namespace headroom
