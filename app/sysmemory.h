// SPDX-License-Identifier: MIT
#pragma once

#include <QtGlobal>

namespace headroom {

// Memory the system can give without swapping (Linux MemAvailable), in bytes; 0 when unknown.
qint64 availableMemoryBytes();

} // namespace headroom
