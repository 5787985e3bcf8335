// SPDX-License-Identifier: MIT
// The median of a few timings, for measurements made below Qt: the micro-kernel's tuning, the
// reference probe. A point's full statistics (median of an even count averaged, interval,
// spread) are app/stats.h's, on a QList that kernels/ cannot use.
#pragma once

#include <algorithm>
#include <span>

namespace headroom::kernels {

// The middle of `values`, reordering them: for an even count the upper of the two middles (no
// averaging: the value is one that was measured). 0 for no values.
inline double medianInPlace(std::span<double> values) {
    if (values.empty())
        return 0;
    const auto middle = values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
    std::nth_element(values.begin(), middle, values.end());
    return *middle;
}

} // namespace headroom::kernels
