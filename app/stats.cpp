// SPDX-License-Identifier: MIT
#include "stats.h"

#include <algorithm>
#include <cmath>

namespace headroom {

Stats computeStats(QList<double> samples) {
    Stats s;
    s.count = static_cast<int>(samples.size());
    if (samples.isEmpty())
        return s;
    std::sort(samples.begin(), samples.end());
    const qsizetype n = samples.size();
    s.min = samples.front();
    s.max = samples.back();
    s.median = (n % 2) ? samples[n / 2] : 0.5 * (samples[n / 2 - 1] + samples[n / 2]);
    double sum = 0;
    for (double v : samples)
        sum += v;
    s.mean = sum / static_cast<double>(n);
    if (n > 1) {
        double sq = 0;
        for (double v : samples)
            sq += (v - s.mean) * (v - s.mean);
        s.stddev = std::sqrt(sq / static_cast<double>(n - 1));
    }
    s.cv = s.mean != 0 ? s.stddev / s.mean : 0;
    return s;
}

} // namespace headroom
