// SPDX-License-Identifier: MIT
#include "filewrite.h"

#include <QFile>
#include <QSaveFile>
#include <QThread>

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace headroom {

namespace {

QString systemReason(int error) {
    return QString::fromLocal8Bit(std::strerror(error));
}

bool fail(const QString& path, const QString& why, QString* error) {
    if (error)
        *error = QStringLiteral("cannot write %1: %2").arg(path, why);
    return false;
}

// write(2) until everything is out, so that a short write (disk full half-way) is an error
// with its errno rather than a silently shorter file.
int writeAll(int fd, const QByteArray& bytes) {
    const char* p = bytes.constData();
    qsizetype left = bytes.size();
    while (left > 0) {
        const ssize_t n = ::write(fd, p, static_cast<size_t>(left));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return errno;
        }
        if (n == 0)
            return EIO;
        p += n;
        left -= n;
    }
    return 0;
}

// Opens a FIFO for writing, waiting a little for a reader instead of blocking forever.
int openFifo(const QByteArray& native, int* fd) {
    constexpr int kWaitMs = 5000, kStepMs = 50;
    for (int waited = 0;; waited += kStepMs) {
        *fd = ::open(native.constData(), O_WRONLY | O_NONBLOCK | O_CLOEXEC);
        if (*fd >= 0)
            break;
        if (errno != ENXIO || waited >= kWaitMs)
            return errno;
        QThread::msleep(kStepMs);
    }
    // Blocking from here on: the reader takes the bytes at its own pace.
    const int flags = ::fcntl(*fd, F_GETFL);
    if (flags < 0 || ::fcntl(*fd, F_SETFL, flags & ~O_NONBLOCK) < 0)
        return errno;
    return 0;
}

bool writeThrough(const QString& path, const QByteArray& native, bool fifo, const QByteArray& bytes,
                  QString* error) {
    int fd = -1;
    int e = 0;
    if (fifo) {
        e = openFifo(native, &fd);
        if (e == ENXIO)
            return fail(path, QStringLiteral("no program is reading this FIFO"), error);
    } else {
        fd = ::open(native.constData(), O_WRONLY | O_CLOEXEC);
        e = fd < 0 ? errno : 0;
    }
    if (e == 0)
        e = writeAll(fd, bytes);
    if (fd >= 0 && ::close(fd) != 0 && e == 0 && errno != EINTR)
        e = errno;
    return e == 0 || fail(path, systemReason(e), error);
}

bool writeAtomically(const QString& path, const QByteArray& bytes, QString* error) {
    QSaveFile file(path);
    // Unbuffered: a failing write reports its own errno, not a later "Unknown error".
    if (!file.open(QIODevice::WriteOnly | QIODevice::Unbuffered))
        return fail(path, file.errorString(), error);
    errno = 0;
    if (file.write(bytes) != bytes.size()) {
        const int e = errno;
        const QString why = e ? systemReason(e) : file.errorString();
        file.cancelWriting();
        return fail(path, why, error);
    }
    errno = 0;
    if (!file.commit()) {
        const int e = errno;
        return fail(path, e ? systemReason(e) : file.errorString(), error);
    }
    return true;
}

} // namespace

bool writeFileChecked(const QString& path, const QByteArray& bytes, QString* error) {
    if (path.isEmpty())
        return fail(path, QStringLiteral("no file name"), error);
    const QByteArray native = QFile::encodeName(path);
    struct stat st {};
    if (::stat(native.constData(), &st) != 0) {
        if (errno != ENOENT)
            return fail(path, systemReason(errno), error); // a symlink loop, no permission ...
        return writeAtomically(path, bytes, error);
    }
    if (S_ISREG(st.st_mode))
        return writeAtomically(path, bytes, error);
    if (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode))
        return writeThrough(path, native, S_ISFIFO(st.st_mode), bytes, error);
    if (S_ISDIR(st.st_mode))
        return fail(path, QStringLiteral("it is a directory"), error);
    return fail(path,
                QStringLiteral("it is not a regular file (a block device or a socket), and "
                               "Headroom replaces or writes only files, FIFOs and character "
                               "devices"),
                error);
}

} // namespace headroom
