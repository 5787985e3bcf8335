// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace headroom {

// Memory the system can give without swapping (Linux MemAvailable), in bytes; 0 when unknown.
qint64 availableMemoryBytes();

// Why A, B and C of size n (3 n^2 doubles) do not fit in 90 % of `availableBytes`, in one line
// with the numbers and the largest size that fits; empty when they fit or when the available
// memory is unknown (<= 0). The one memory check of a run, before it starts and at each size.
QString memoryShortfall(int n, qint64 availableBytes);

} // namespace headroom
