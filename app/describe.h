// SPDX-License-Identifier: MIT
// A machine as readable text: an lstopo-like summary, the cache sizes used, the measured limits,
// the roofline and every warning (what `headroom --describe-machine --format text` prints).
#pragma once

#include "machine.h"

#include <QString>

namespace headroom {

QString describeMachineText(const Machine& machine);

} // namespace headroom
