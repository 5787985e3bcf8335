// SPDX-License-Identifier: MIT
#include "sysmemory.h"

#include <QFile>

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

} // namespace headroom
