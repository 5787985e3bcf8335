// SPDX-License-Identifier: MIT
// Which rungs can run here, and why not: python3 / a JDK >= 11 on PATH, OpenBLAS compiled in.
#pragma once

#include <QList>
#include <QString>

namespace headroom {

struct RungStatus {
    QString id;
    QString name;
    QString whatChanged;
    QString flags;
    QString kind; // "interpreted" | "native" | "reference"
    bool available = true;
    QString reason; // why not, when unavailable
    QString detail; // e.g. interpreter version, micro-kernel chosen
};

// The whole ladder in order with availability on this machine (cached after the first call).
QList<RungStatus> rungStatuses();
RungStatus rungStatus(const QString& id);
bool isKnownRung(const QString& id);
QStringList allRungIds();

} // namespace headroom
