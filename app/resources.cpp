// SPDX-License-Identifier: MIT
#include "resources.h"

#include <QtCore/qglobal.h>

#include <mutex>

// Q_INIT_RESOURCE must be used outside any namespace.
static void initHeadroomResources() {
    Q_INIT_RESOURCE(headroom);
}

namespace headroom {

void ensureResources() {
    static std::once_flag once;
    std::call_once(once, initHeadroomResources);
}

} // namespace headroom
