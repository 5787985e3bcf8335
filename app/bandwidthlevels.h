// SPDX-License-Identifier: MIT
// Reading the bandwidth sweep (machinelimits.h measures it): the working-set window of each
// memory level, the plateau (ceiling) of each level in a series, and what the 1-thread read
// sweep says about the cache sizes in use. Pure functions of the samples, tested on made-up ones.
#pragma once

#include "machine.h"

#include <QList>
#include <QStringList>

namespace headroom {

// Where the memory (DRAM) window starts, total working set over `threads`: 4x the L3 when
// one is known; without one, kUnknownL3MemoryWindow (capped at memoryBytes / 8 when known).
inline constexpr qint64 kUnknownL3MemoryWindow = qint64(256) << 20;
qint64 memoryWindowStart(const EffectiveCaches& caches, int threads, qint64 memoryBytes = 0);

// Plateau detection over one sweep series (same kernel and thread count, sorted by working
// set): one ceiling per level whose window holds samples. Exposed for tests.
QList<BandwidthCeiling> detectPlateaus(const QList<BandwidthSample>& series,
                                       const EffectiveCaches& caches, int threads,
                                       QStringList* notes, qint64 memoryBytes = 0);

// Compares where the measured 1-thread read bandwidth falls off with the cache sizes in use and
// adds what it finds to caches->notes (and ->warnings when a size in use disagrees by more than
// 2x): the sweep's plateaus are the last word on sizes that hwloc, sysfs and CPUID gave.
void crossCheckCaches(EffectiveCaches* caches, const Limits& limits);

} // namespace headroom
