// SPDX-License-Identifier: MIT
// Statistics of repeated timings, in one place (google/benchmark keeps them in one unit too).
#pragma once

#include <QList>

namespace headroom {

struct Stats {
    int count = 0;
    double median = 0;
    double min = 0;
    double max = 0;
    double mean = 0;
    double stddev = 0; // sample standard deviation (n - 1); 0 for fewer than two samples
    double cv = 0;     // stddev / mean; 0 when mean is 0
    // A 95 % confidence interval of the median, distribution-free (order statistics: the
    // number of samples below the true median is Binomial(count, 1/2)). Timings are skewed and
    // often bimodal on a shared machine, so no normal approximation. [min, max] when there are
    // too few samples for 95 % (fewer than kSamplesFor95).
    double medianLow = 0;
    double medianHigh = 0;
};

// The fewest samples whose [min, max] covers the median with 95 % (1 - 2 / 2^6 = 96.9 %; five
// give 93.8 %). Below this the interval is still [min, max], at less than 95 %.
constexpr int kSamplesFor95 = 6;

Stats computeStats(QList<double> samples);

} // namespace headroom
