// SPDX-License-Identifier: MIT
#include "runlock.h"

#include <QDir>
#include <QFile>

#include <cerrno>
#include <cstring>
#include <thread>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace headroom {

QString RunLock::path() {
    const QString forced = qEnvironmentVariable("HEADROOM_RUN_LOCK");
    if (!forced.isEmpty())
        return forced;
    return QDir(QDir::tempPath()).filePath(QStringLiteral("headroom-measure.lock"));
}

qint64 RunLock::holderPid(const QString& lockPath) {
    QFile f(lockPath);
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    return f.read(32).trimmed().toLongLong();
}

RunLock::RunLock(int fd)
    : m_fd(fd) {
    // Readers see the holder's pid; a file we cannot write (another user's) just stays silent.
    if (m_fd >= 0 && ::ftruncate(m_fd, 0) == 0) {
        const QByteArray pid = QByteArray::number(static_cast<qint64>(::getpid())) + '\n';
        [[maybe_unused]] const ssize_t w = ::pwrite(m_fd, pid.constData(), pid.size(), 0);
    }
}

RunLock::~RunLock() {
    if (m_fd < 0)
        return;
    [[maybe_unused]] const int cleared = ::ftruncate(m_fd, 0); // the next holder overwrites it
    ::flock(m_fd, LOCK_UN);
    ::close(m_fd);
}

std::unique_ptr<RunLock> RunLock::acquire(Mode mode, const std::function<void(const QString&)>& say,
                                          const std::atomic<bool>* cancel, QString* error) {
    const QByteArray file = QFile::encodeName(path());
    // Read-write when we may (to leave our pid), read-only otherwise: flock works on either.
    int fd = ::open(file.constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0666);
    if (fd >= 0)
        ::fchmod(fd, 0666); // every user's runs share it, whatever the umask
    else
        fd = ::open(file.constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        // Not a reason to refuse the run: it goes on unguarded and says so.
        if (say)
            say(QStringLiteral("cannot open the run lock %1 (%2): another headroom run would "
                               "not be noticed")
                    .arg(path(), QString::fromLocal8Bit(std::strerror(errno))));
        return std::unique_ptr<RunLock>(new RunLock(-1));
    }
    if (::flock(fd, LOCK_EX | LOCK_NB) == 0)
        return std::unique_ptr<RunLock>(new RunLock(fd));
    const qint64 pid = holderPid(path());
    const QString other = pid > 0 ? QStringLiteral("another headroom run (pid %1)").arg(pid)
                                  : QStringLiteral("another headroom run");
    if (mode == Mode::Refuse) {
        ::close(fd);
        *error = QStringLiteral("%1 is measuring on this machine; not starting (two runs would "
                                "time each other's noise)")
                     .arg(other);
        return nullptr;
    }
    if (say)
        say(QStringLiteral("waiting for %1 to finish measuring (lock %2)").arg(other, path()));
    while (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        if (cancel && cancel->load()) {
            ::close(fd);
            *error = QStringLiteral("cancelled while waiting for %1").arg(other);
            return nullptr;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return std::unique_ptr<RunLock>(new RunLock(fd));
}

} // namespace headroom
