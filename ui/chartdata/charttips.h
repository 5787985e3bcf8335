// SPDX-License-Identifier: MIT
// The tooltips of chart points (rich text) and the compulsory-traffic intensity.
#pragma once

#include <QString>

namespace headroom {
struct PointResult;
}

namespace headroom::ui::chartdata {

QString pointTip(const PointResult& p);
// Arithmetic intensity under compulsory traffic: 2n^3 flops over 3*8*n^2 bytes = n/12.
double compulsoryIntensity(int n);
// "intensity: L1 .., DRAM .. FLOP/byte (model)", or the compulsory one for an older session.
QString intensityTip(const PointResult& p);

} // namespace headroom::ui::chartdata
