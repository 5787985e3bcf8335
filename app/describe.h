// SPDX-License-Identifier: MIT
// A machine as readable text: an lstopo-like summary, the cache sizes used, the measured limits,
// the roofline and every warning (what `headroom --describe-machine --format text` prints).
#pragma once

#include "machine.h"

#include <QString>

namespace headroom {

QString describeMachineText(const Machine& machine);

// "32 KiB", "1.25 MiB", "5.1 GiB": binary units, at most 3 significant digits.
QString formatBytes(qint64 bytes);

} // namespace headroom
