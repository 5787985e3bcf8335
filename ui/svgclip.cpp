// SPDX-License-Identifier: MIT
#include "svgclip.h"

#include <QPaintEngine>
#include <QPainter>
#include <QPainterPath>
#include <QPainterPathStroker>
#include <QTextItem>

namespace headroom::ui {

namespace {

bool isRectangle(const QPainterPath& path, QRectF* rect) {
    const QRectF r = path.boundingRect();
    const QPolygonF poly = path.toFillPolygon();
    for (const QPointF& p : poly) {
        const bool onX =
            qFuzzyCompare(p.x() + 1, r.left() + 1) || qFuzzyCompare(p.x() + 1, r.right() + 1);
        const bool onY =
            qFuzzyCompare(p.y() + 1, r.top() + 1) || qFuzzyCompare(p.y() + 1, r.bottom() + 1);
        if (!onX || !onY)
            return false;
    }
    *rect = r;
    return true;
}

// Liang–Barsky: clips segment a-b to `r`; false when nothing is left.
bool clipSegment(QPointF& a, QPointF& b, const QRectF& r) {
    double t0 = 0, t1 = 1;
    const double dx = b.x() - a.x(), dy = b.y() - a.y();
    const double p[4] = {-dx, dx, -dy, dy};
    const double q[4] = {a.x() - r.left(), r.right() - a.x(), a.y() - r.top(), r.bottom() - a.y()};
    for (int i = 0; i < 4; ++i) {
        if (p[i] == 0) {
            if (q[i] < 0)
                return false;
            continue;
        }
        const double t = q[i] / p[i];
        if (p[i] < 0)
            t0 = std::max(t0, t);
        else
            t1 = std::min(t1, t);
        if (t0 > t1)
            return false;
    }
    const QPointF a0 = a;
    a = a0 + QPointF(dx * t0, dy * t0);
    b = a0 + QPointF(dx * t1, dy * t1);
    return true;
}

// The polylines of `path` (curves flattened) that lie inside `r`, as one open path.
QPainterPath clipPolylines(const QPainterPath& path, const QRectF& r) {
    QPainterPath out;
    const QList<QPolygonF> polys = path.toSubpathPolygons();
    for (const QPolygonF& poly : polys) {
        bool open = false; // whether `out` continues at the previous end point
        for (qsizetype i = 1; i < poly.size(); ++i) {
            QPointF a = poly[i - 1], b = poly[i];
            if (!clipSegment(a, b, r)) {
                open = false;
                continue;
            }
            if (!open)
                out.moveTo(a);
            out.lineTo(b);
            open = r.contains(poly[i]);
        }
    }
    return out;
}

} // namespace

class ClippingEngine : public QPaintEngine {
public:
    explicit ClippingEngine(QPaintDevice* target)
        : QPaintEngine(QPaintEngine::AllFeatures)
        , m_target(target) {}

    bool begin(QPaintDevice*) override {
        m_clipDirty = true;
        return m_out.begin(m_target);
    }
    bool end() override { return m_out.end(); }
    Type type() const override { return QPaintEngine::User; }

    void updateState(const QPaintEngineState& state) override {
        if (state.state() & (DirtyClipPath | DirtyClipRegion | DirtyClipEnabled | DirtyTransform))
            m_clipDirty = true;
    }

    void drawPath(const QPainterPath& path) override {
        if (!syncClip()) {
            syncState();
            m_out.drawPath(path);
            return;
        }
        const QRectF bounds = path.controlPointRect();
        if (m_clip.contains(bounds)) {
            syncState();
            m_out.drawPath(path);
            return;
        }
        const QPen pen = state->pen();
        const QBrush brush = state->brush();
        if (brush.style() != Qt::NoBrush) {
            const QPainterPath filled = path.intersected(m_clip);
            if (!filled.isEmpty()) {
                syncState(QPen(Qt::NoPen), brush);
                m_out.drawPath(filled);
            }
        }
        if (pen.style() != Qt::NoPen) {
            if (m_clipIsRect) {
                const QPainterPath lines = clipPolylines(path, m_clipRect);
                if (!lines.isEmpty()) {
                    syncState(pen, QBrush(Qt::NoBrush));
                    m_out.drawPath(lines);
                }
            } else {
                QPainterPathStroker stroker(pen);
                const QPainterPath outline = stroker.createStroke(path).intersected(m_clip);
                if (!outline.isEmpty()) {
                    syncState(QPen(Qt::NoPen), pen.brush());
                    m_out.drawPath(outline);
                }
            }
        }
    }

    void drawPolygon(const QPointF* points, int count, PolygonDrawMode mode) override {
        if (count <= 0)
            return;
        QPainterPath path(points[0]);
        for (int i = 1; i < count; ++i)
            path.lineTo(points[i]);
        if (mode == PolylineMode) {
            // An open line is only stroked, never filled.
            drawOpenPath(path);
            return;
        }
        path.closeSubpath();
        path.setFillRule(mode == WindingMode ? Qt::WindingFill : Qt::OddEvenFill);
        drawPath(path);
    }

    void drawPixmap(const QRectF& r, const QPixmap& pm, const QRectF& sr) override {
        QRectF target = r, source = sr;
        if (!cutImageRect(target, source))
            return;
        syncState();
        m_out.drawPixmap(target, pm, source);
    }

    void drawImage(const QRectF& r, const QImage& image, const QRectF& sr,
                   Qt::ImageConversionFlags flags) override {
        QRectF target = r, source = sr;
        if (!cutImageRect(target, source))
            return;
        syncState();
        m_out.drawImage(target, image, source, flags);
    }

    void drawTextItem(const QPointF& p, const QTextItem& ti) override {
        if (syncClip()) {
            // Text is kept whole (never cut through a glyph) when any of it is visible.
            const QFontMetricsF fm(ti.font());
            const QRectF box(p.x(), p.y() - fm.ascent(), std::max(ti.width(), 1.0), fm.height());
            if (!m_clipBounds.intersects(box))
                return;
        }
        syncState();
        m_out.drawTextItem(p, ti);
    }

private:
    void drawOpenPath(const QPainterPath& path) {
        if (state->pen().style() == Qt::NoPen)
            return;
        if (syncClip() && !m_clip.contains(path.controlPointRect())) {
            if (m_clipIsRect) {
                const QPainterPath lines = clipPolylines(path, m_clipRect);
                if (lines.isEmpty())
                    return;
                syncState(state->pen(), QBrush(Qt::NoBrush));
                m_out.drawPath(lines);
            } else {
                QPainterPathStroker stroker(state->pen());
                const QPainterPath outline = stroker.createStroke(path).intersected(m_clip);
                syncState(QPen(Qt::NoPen), state->pen().brush());
                m_out.drawPath(outline);
            }
            return;
        }
        syncState(state->pen(), QBrush(Qt::NoBrush));
        m_out.drawPath(path);
    }

    // Cuts an image's target rectangle (and the source with it) to a rectangular clip.
    bool cutImageRect(QRectF& target, QRectF& source) {
        if (!syncClip())
            return true;
        const QRectF bounds = m_clipIsRect ? m_clipRect : m_clipBounds;
        const QRectF cut = target.intersected(bounds);
        if (cut.isEmpty())
            return false;
        if (m_clipIsRect && cut != target && target.width() > 0 && target.height() > 0) {
            const double sx = source.width() / target.width();
            const double sy = source.height() / target.height();
            source = QRectF(source.x() + (cut.x() - target.x()) * sx,
                            source.y() + (cut.y() - target.y()) * sy, cut.width() * sx,
                            cut.height() * sy);
            target = cut;
        }
        return true;
    }

    // Whether a clip is active; refreshes the clip (in the current logical coordinates).
    bool syncClip() {
        if (m_clipDirty) {
            m_clipDirty = false;
            QPainter* p = painter();
            m_hasClip = p && p->hasClipping();
            if (m_hasClip) {
                m_clip = p->clipPath();
                m_clipBounds = m_clip.boundingRect();
                m_clipIsRect = isRectangle(m_clip, &m_clipRect);
            }
        }
        return m_hasClip;
    }

    void syncState() { syncState(state->pen(), state->brush()); }

    // Copies the state QPainter gave this engine to the real painter, only what changed (the
    // SVG generator opens a new group for every state change).
    void syncState(const QPen& pen, const QBrush& brush) {
        if (m_out.pen() != pen)
            m_out.setPen(pen);
        if (m_out.brush() != brush)
            m_out.setBrush(brush);
        if (m_out.transform() != state->transform())
            m_out.setTransform(state->transform());
        if (m_out.font() != state->font())
            m_out.setFont(state->font());
        if (!qFuzzyCompare(m_out.opacity(), state->opacity()))
            m_out.setOpacity(state->opacity());
        if (m_out.brushOrigin() != state->brushOrigin())
            m_out.setBrushOrigin(state->brushOrigin());
        if (m_out.renderHints() != state->renderHints())
            m_out.setRenderHints(state->renderHints());
    }

    QPaintDevice* m_target;
    QPainter m_out;
    bool m_clipDirty = true;
    bool m_hasClip = false;
    bool m_clipIsRect = false;
    QPainterPath m_clip;
    QRectF m_clipBounds;
    QRectF m_clipRect;
};

ClippingDevice::ClippingDevice(QPaintDevice* target)
    : m_target(target)
    , m_engine(std::make_unique<ClippingEngine>(target)) {}

ClippingDevice::~ClippingDevice() = default;

QPaintEngine* ClippingDevice::paintEngine() const {
    return m_engine.get();
}

int ClippingDevice::metric(PaintDeviceMetric m) const {
    switch (m) {
    case PdmWidth:
        return m_target->width();
    case PdmHeight:
        return m_target->height();
    case PdmWidthMM:
        return m_target->widthMM();
    case PdmHeightMM:
        return m_target->heightMM();
    case PdmNumColors:
        return m_target->colorCount();
    case PdmDepth:
        return m_target->depth();
    case PdmDpiX:
        return m_target->logicalDpiX();
    case PdmDpiY:
        return m_target->logicalDpiY();
    case PdmPhysicalDpiX:
        return m_target->physicalDpiX();
    case PdmPhysicalDpiY:
        return m_target->physicalDpiY();
    case PdmDevicePixelRatio:
        return static_cast<int>(m_target->devicePixelRatio());
    case PdmDevicePixelRatioScaled:
        return static_cast<int>(m_target->devicePixelRatio() * devicePixelRatioFScale());
    }
    return 0;
}

} // namespace headroom::ui
