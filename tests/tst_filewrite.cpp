// SPDX-License-Identifier: MIT
// writeFileChecked (#20 rows 2, 3): a failed write leaves the old file whole and names the
// system's reason; device nodes and FIFOs are written through, never replaced by a file.
#include "filewrite.h"
#include "test_files.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <csignal>

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace headroom;

namespace {

// Runs writeFileChecked in a child whose file size limit is `limitBytes` (SIGXFSZ ignored, so
// the write fails with EFBIG as on a full disk): a full disk without root or a tmpfs mount.
// Returns the child's error message, or an empty string when the write succeeded.
QString writeUnderSizeLimit(const QString& path, const QByteArray& bytes, rlim_t limitBytes) {
    int fds[2];
    if (::pipe(fds) != 0)
        return QStringLiteral("pipe failed");
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::close(fds[0]);
        std::signal(SIGXFSZ, SIG_IGN);
        const rlimit limit{limitBytes, limitBytes};
        ::setrlimit(RLIMIT_FSIZE, &limit);
        QString error;
        const QByteArray message =
            writeFileChecked(path, bytes, &error) ? QByteArray() : error.toUtf8();
        (void)!::write(fds[1], message.constData(), size_t(message.size()));
        ::_exit(0);
    }
    ::close(fds[1]);
    QByteArray message;
    char buffer[512];
    for (ssize_t n; (n = ::read(fds[0], buffer, sizeof buffer)) > 0;)
        message.append(buffer, n);
    ::close(fds[0]);
    int status = 0;
    ::waitpid(pid, &status, 0);
    return QString::fromUtf8(message);
}

} // namespace

class TestFileWrite : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void newAndReplacedFiles() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("out.json"));
        QString error;
        QVERIFY2(writeFileChecked(path, "first", &error), qPrintable(error));
        QVERIFY2(writeFileChecked(path, "second", &error), qPrintable(error));
        QCOMPARE(readAll(path), QByteArray("second"));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 1);
    }

    // Row 3: a "full disk" half-way through keeps the old file and says why.
    void fullDiskKeepsTheOldFile() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("old.svg"));
        const QByteArray old(20000, 'o');
        QString error;
        QVERIFY2(writeFileChecked(path, old, &error), qPrintable(error));
        const QString why = writeUnderSizeLimit(path, QByteArray(64 * 1024, 'n'), 32 * 1024);
        QVERIFY2(why.contains(QStringLiteral("File too large")), qPrintable(why));
        QVERIFY2(why.contains(path), qPrintable(why));
        QCOMPARE(readAll(path), old);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden),
                 QStringList{QStringLiteral("old.svg")}); // no temporary file left behind
    }

    // Row 2: /dev/full reports ENOSPC by name and stays a device; /dev/null is written through.
    void characterDevicesAreWrittenThrough() {
        QString error;
        QVERIFY(!writeFileChecked(QStringLiteral("/dev/full"), QByteArray(4096, 'x'), &error));
        QVERIFY2(error.contains(QStringLiteral("No space left on device")), qPrintable(error));
        QVERIFY(isCharDevice(QStringLiteral("/dev/full")));
        QVERIFY2(writeFileChecked(QStringLiteral("/dev/null"), "bytes", &error), qPrintable(error));
        QVERIFY(isCharDevice(QStringLiteral("/dev/null")));
    }

    // Row 2 as root: the atomic rename would have replaced a device node with a regular file.
    void deviceNodeIsNeverReplaced() {
        if (::geteuid() != 0)
            QSKIP("creating a device node (mknod) needs root; /dev/null and /dev/full are "
                  "covered by characterDevicesAreWrittenThrough");
        QTemporaryDir dir;
        const QString node = dir.filePath(QStringLiteral("null-node"));
        QVERIFY(::mknod(QFile::encodeName(node).constData(), S_IFCHR | 0666, makedev(1, 3)) == 0);
        QString error;
        QVERIFY2(writeFileChecked(node, QByteArray(100000, 'x'), &error), qPrintable(error));
        QVERIFY2(isCharDevice(node), "the device node was replaced");
    }

    // Row 2: a reader on a FIFO gets every byte; with no reader the write is refused, not hung.
    void fifo() {
        QTemporaryDir dir;
        const QString fifo = dir.filePath(QStringLiteral("pipe"));
        QVERIFY(::mkfifo(QFile::encodeName(fifo).constData(), 0600) == 0);
        QByteArray got;
        QThread* reader = QThread::create([&] {
            QFile f(fifo);
            if (f.open(QIODevice::ReadOnly))
                got = f.readAll();
        });
        reader->start();
        const QByteArray bytes(300000, 'f'); // more than a pipe's buffer
        QString error;
        QVERIFY2(writeFileChecked(fifo, bytes, &error), qPrintable(error));
        QVERIFY(reader->wait(10000));
        delete reader;
        QCOMPARE(got.size(), bytes.size());
        QVERIFY(!writeFileChecked(fifo, bytes, &error));
        QVERIFY2(error.contains(QStringLiteral("no program is reading")), qPrintable(error));
    }

    void refusedTargets() {
        QTemporaryDir dir;
        QString error;
        QVERIFY(!writeFileChecked(dir.path(), "x", &error));
        QVERIFY2(error.contains(QStringLiteral("directory")), qPrintable(error));
        const QString loop = dir.filePath(QStringLiteral("loop"));
        QVERIFY(QFile::link(loop, loop));
        QVERIFY(!writeFileChecked(loop, "x", &error));
        QVERIFY2(error.contains(QStringLiteral("Too many levels of symbolic links")),
                 qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestFileWrite)
#include "tst_filewrite.moc"
