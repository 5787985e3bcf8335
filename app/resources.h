// SPDX-License-Identifier: MIT
#pragma once

namespace headroom {

// Registers the compiled-in resources (:/headroom/...). They live in a static library, whose
// initialiser the linker would otherwise drop; call before the first use. Idempotent.
void ensureResources();

} // namespace headroom
