// SPDX-License-Identifier: MIT
// The context block every result file carries (google/benchmark's habit): host, CPU, compiler
// and flags, build type, threads and binding, governor/boost where readable, date, version.
#pragma once

#include "ladderinfo.h"
#include "machine.h"

#include <QJsonObject>
#include <QStringList>

namespace headroom {

// `rungs`: the rungs' availability and flags as the run was given them (a value, not a probe).
QJsonObject collectEnvironment(const Machine& machine, int threads, const QString& binding,
                               const QList<RungStatus>& rungs);

// Warnings worth printing beside the numbers (debug build, powersave governor, ...).
QStringList environmentWarnings(const QJsonObject& environment);

} // namespace headroom
