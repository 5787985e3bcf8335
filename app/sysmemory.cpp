// SPDX-License-Identifier: MIT
#include "sysmemory.h"

#include "format.h"

#include <QFile>

#include <cmath>

#include <unistd.h>

namespace headroom {

qint64 availableMemoryBytes() {
    QFile f(QStringLiteral("/proc/meminfo"));
    if (f.open(QIODevice::ReadOnly)) {
        while (!f.atEnd()) {
            const QByteArray line = f.readLine();
            if (line.startsWith("MemAvailable:")) {
                const QList<QByteArray> parts = line.simplified().split(' ');
                if (parts.size() >= 2)
                    return parts[1].toLongLong() * 1024;
            }
        }
    }
#if defined(_SC_AVPHYS_PAGES)
    const long pages = sysconf(_SC_AVPHYS_PAGES);
    const long size = sysconf(_SC_PAGESIZE);
    if (pages > 0 && size > 0)
        return static_cast<qint64>(pages) * size;
#endif
    return 0;
}

QString memoryShortfall(int n, qint64 availableBytes) {
    const double need = 3.0 * 8.0 * static_cast<double>(n) * n;
    const double avail = static_cast<double>(availableBytes);
    if (availableBytes <= 0 || need <= 0.9 * avail)
        return {};
    return QStringLiteral("n = %1 needs %2 for A, B and C, but only %3 of memory are "
                          "available; the largest size that fits is about %4")
        .arg(n)
        .arg(format::bytes(static_cast<qint64>(need)), format::bytes(availableBytes))
        .arg(static_cast<int>(std::sqrt(0.9 * avail / 24.0)));
}

} // namespace headroom
