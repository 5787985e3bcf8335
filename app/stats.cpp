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
    // The interval [x(j), x(n+1-j)] (1-based order statistics) misses the median when j or more
    // samples fall on one side of it: probability 2 P(B <= j-1), B ~ Binomial(n, 1/2). Take the
    // largest j that keeps that at or below 5 %.
    int j = 0;
    double tail = 0;                                     // P(B <= j-1), summed term by term
    double term = std::pow(0.5, static_cast<double>(n)); // P(B = 0)
    for (int i = 0; i < n / 2; ++i) {
        tail += term;
        if (2 * tail > 0.05)
            break;
        j = i + 1;
        term *= static_cast<double>(n - i) / static_cast<double>(i + 1); // P(B = i + 1)
    }
    s.medianLow = j > 0 ? samples[j - 1] : s.min;
    s.medianHigh = j > 0 ? samples[n - j] : s.max;
    return s;
}

} // namespace headroom
