// SPDX-License-Identifier: MIT
// The context block every result file carries (google/benchmark's habit): host, CPU, compiler
// and flags, build type, threads and binding, governor/boost where readable, date, version.
#pragma once

#include "machine.h"

#include <QJsonObject>
#include <QStringList>

namespace headroom {

QJsonObject collectEnvironment(const Machine& machine, int threads, const QString& binding);

// Warnings worth printing beside the numbers (debug build, powersave governor, ...).
QStringList environmentWarnings(const QJsonObject& environment);

} // namespace headroom
