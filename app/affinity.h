// SPDX-License-Identifier: MIT
// Thread placement: one OpenMP thread per physical core, pinned with hwloc. libgomp keeps its
// thread pool between parallel regions of the same size, so a binding made once stays.
#pragma once

#include <QString>

namespace headroom {

// Binds thread t of an OpenMP team of `threads` to physical core t (mod cores). Returns a short
// description of what was done ("pinned 2 threads to cores 0,1") or why not.
QString pinOpenMpThreads(int threads);

// Lets the calling thread run anywhere again (before starting child processes, which inherit it).
void unpinCurrentThread();

// Physical cores seen by hwloc (>= 1).
int physicalCoreCount();

} // namespace headroom
