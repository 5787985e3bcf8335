// SPDX-License-Identifier: MIT
#pragma once

#include "gemm.h"

#include <span>
#include <string>
#include <string_view>

namespace headroom::kernels {

// How a rung runs. Interpreted rungs are run by the app (an external python3 / java process);
// the kernels library only describes them so that one registry orders the whole ladder.
enum class RungKind { Interpreted, Native, Reference };

struct RungInfo {
    std::string_view id;          // stable: used on the command line and in session files
    std::string_view name;        // as the seed tables name it
    std::string_view whatChanged; // one line: the step from the rung before
    std::string_view flags;       // compile flags of this rung's source file ("" if n/a)
    RungKind kind = RungKind::Native;
    GemmFn fn = nullptr;   // null for interpreted rungs
    bool parallel = false; // runs on all the plan's threads (else on one)
    // Every outer iteration (a row of C) costs the same and the kernel honours
    // GemmArgs::rowBegin/rowEnd: a few rows of the full-size product, scaled, time it.
    bool rowUniform = false;
};

// The whole ladder in order: python, java, naive, ..., microkernel, then the reference
// libraries (openblas, blis).
std::span<const RungInfo> ladder();

// The compiler and build type the kernels were built with (for result files).
std::string_view compilerId();
std::string_view buildType();

// nullptr when the id is unknown.
const RungInfo* findRung(std::string_view id);

} // namespace headroom::kernels
