// SPDX-License-Identifier: MIT
// QSvgGenerator ignores the painter's clip, so a series that runs past the axes (zoom, a
// roofline ceiling drawn across the whole range, extrapolated points) would spill over the
// labels. This engine sits between QPainter and the real device: it forwards every primitive
// with the same state, after cutting it to the current clip geometrically: fills are
// intersected with the clip path, strokes against a rectangular clip are cut segment by segment
// (so they stay lines, editable in Inkscape), other strokes become outlines.
#pragma once

#include <QPaintDevice>

#include <memory>

namespace headroom::ui {

class ClippingEngine;

// A paint device with the metrics of `target` whose engine cuts everything to the clip before
// it reaches `target`.
class ClippingDevice : public QPaintDevice {
public:
    explicit ClippingDevice(QPaintDevice* target);
    ~ClippingDevice() override;
    QPaintEngine* paintEngine() const override;

protected:
    int metric(PaintDeviceMetric m) const override;

private:
    QPaintDevice* m_target;
    std::unique_ptr<ClippingEngine> m_engine;
};

} // namespace headroom::ui
