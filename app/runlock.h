// SPDX-License-Identifier: MIT
// One measurement at a time on a machine: two Headroom runs timing at once measure each other's
// noise. A run holds an advisory lock (flock) on one file for as long as it times anything; a
// second run waits for it, saying which process it waits for, or refuses when asked not to wait.
#pragma once

#include <QString>

#include <atomic>
#include <functional>
#include <memory>

namespace headroom {

class RunLock {
public:
    enum class Mode { Wait, Refuse };

    // The lock file: $HEADROOM_RUN_LOCK if set (tests give each process its own), else
    // headroom-measure.lock in the system's temporary directory, shared by every user.
    static QString path();

    // Takes the lock. When another process holds it, calls `say` once with a message naming
    // "another headroom run" and its pid, then waits (Mode::Wait, checking `cancel` every
    // 100 ms) or gives up at once (Mode::Refuse). Null with *error set when the run must not
    // start: refused or cancelled. A lock file that cannot be opened is said through `say` and
    // gives an empty lock: the run goes on unguarded rather than not at all.
    static std::unique_ptr<RunLock> acquire(Mode mode,
                                            const std::function<void(const QString&)>& say,
                                            const std::atomic<bool>* cancel, QString* error);

    // The pid written by the holder of the lock at `path`, 0 if none can be read.
    static qint64 holderPid(const QString& path);

    ~RunLock(); // releases the lock
    RunLock(const RunLock&) = delete;
    RunLock& operator=(const RunLock&) = delete;

private:
    explicit RunLock(int fd);
    int m_fd = -1;
};

} // namespace headroom
