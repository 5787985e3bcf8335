// SPDX-License-Identifier: MIT
// Thread placement for the runner, in its own words: one OpenMP thread per physical core,
// pinned with hwloc (the binding itself lives in topology.cpp, shared with the probes).
#pragma once

#include <QString>

namespace headroom {

// Binds thread t of an OpenMP team of `threads` to physical core t (mod cores). Returns a short
// description of what was done, or why not.
QString pinOpenMpThreads(int threads);

// Lets the team (and so the calling thread) run anywhere again, before starting child
// processes, which inherit the calling thread's binding.
void unpinOpenMpThreads(int threads);

// Physical cores seen by hwloc (>= 1).
int physicalCoreCount();

} // namespace headroom
