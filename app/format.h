// SPDX-License-Identifier: MIT
// The one home for writing numbers for people: the CLI table, the GUI tables, the charts and the
// slides all print a time, a rate, a size and a ratio the same way.
#pragma once

#include <QString>

namespace headroom::format {

// A duration with its unit, three significant digits: "812 ns", "81.2 µs", "12.3 ms", "1.23 s",
// "2.1 min", "7.1 h". Negative, NaN or infinite: "-".
QString seconds(double s);

enum class Rate { Gflops, GigabytesPerSecond };
// A rate with its unit: "1,234 GFLOP/s", "12.3 GFLOP/s", "0.123 GB/s" (three significant digits
// below 1000, whole numbers with digit grouping above). NaN or negative: "-".
QString rate(double value, Rate unit);

// A quantity whose unit the caller writes (a clock in GHz, an intensity in flop/byte): three
// significant digits as a rate's, "3.00", "12.3", "1,234". Not finite: "-".
QString number(double value);

// A size in binary units: "512 B", "48 KiB", "1.25 MiB", "3.5 GiB".
QString bytes(qint64 bytes);

// A ratio as on a slide: "0.91×", "1.05×", "4.56×", "12.3×", "23,224×". Zero, negative or not
// finite:
// "-" (no ratio to show).
QString ratio(double x);

} // namespace headroom::format
