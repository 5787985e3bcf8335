// SPDX-License-Identifier: MIT
#include "topologyview.h"

#include "format.h"
#include <QLocale>
#include <QPaintEvent>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace headroom::ui {

namespace {

constexpr qreal kPad = 6;    // inside a container
constexpr qreal kGap = 6;    // between siblings
constexpr qreal kTitle = 22; // a container's title line
constexpr qreal kBar = 24;   // a cache / NUMA bar
constexpr qreal kPuW = 46;
constexpr qreal kPuH = 26;
constexpr int kMaxPerRow = 8; // wrap wide levels so many-core machines stay readable

bool isCache(const QString& type) {
    return type.startsWith(u'L') && type.size() <= 4 && type.size() >= 2 && type[1].isDigit();
}

bool isBar(const TopologyNode& n) {
    return isCache(n.type) || n.type == QLatin1String("NUMANode");
}

// Children of a node with the NUMA nodes first (drawn as a bar over the rest, as lstopo does).
QList<const TopologyNode*> ordered(const TopologyNode& node) {
    QList<const TopologyNode*> out;
    for (const TopologyNode& c : node.children) {
        if (c.type == QLatin1String("NUMANode"))
            out.append(&c);
    }
    for (const TopologyNode& c : node.children) {
        if (c.type != QLatin1String("NUMANode"))
            out.append(&c);
    }
    return out;
}

} // namespace

TopologyView::TopologyView(QWidget* parent)
    : QWidget(parent) {
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
}

void TopologyView::setTopology(const Topology& topology) {
    m_topology = topology;
    m_natural = measure(m_topology.root);
    updateGeometry();
    update();
}

QSize TopologyView::sizeHint() const {
    const QSizeF s = m_natural.isEmpty() ? QSizeF(400, 200) : m_natural;
    return QSize(qCeil(std::min<qreal>(s.width(), 900)),
                 heightForWidth(qCeil(std::min<qreal>(s.width(), 900))));
}

QSize TopologyView::minimumSizeHint() const {
    return QSize(200, 120);
}

int TopologyView::heightForWidth(int width) const {
    if (m_natural.isEmpty())
        return 120;
    const qreal scale = std::min<qreal>(1.25, width / m_natural.width());
    return qCeil(m_natural.height() * scale) + 2;
}

QString TopologyView::label(const TopologyNode& n) const {
    const QString index = n.osIndex >= 0 ? u' ' + QString::number(n.osIndex) : QString();
    if (isCache(n.type))
        return n.type + u' ' + format::bytes(n.sizeBytes);
    if (n.type == QLatin1String("NUMANode"))
        return tr("NUMA node%1 \u00b7 %2").arg(index, format::bytes(n.sizeBytes));
    if (n.type == QLatin1String("PU"))
        return QStringLiteral("PU") + index;
    if (n.type == QLatin1String("Machine")) {
        QString text = m_topology.cpuModel.isEmpty() ? tr("Machine") : m_topology.cpuModel;
        if (m_topology.memoryBytes > 0)
            text += u" \u00b7 " + format::bytes(m_topology.memoryBytes);
        return text;
    }
    return n.type + index;
}

QColor TopologyView::fill(const TopologyNode& n) const {
    const QPalette& pal = palette();
    const bool dark = pal.color(QPalette::Window).lightness() < 128;
    auto tint = [&](QColor light, QColor darkColor) { return dark ? darkColor : light; };
    if (n.type == QLatin1String("PU") || n.type == QLatin1String("Core")) {
        if (n.kind >= 0 && m_topology.coreKinds.size() > 1) {
            // Hybrid CPUs: one hue per core kind (performance warm, efficiency cool).
            static const QList<QColor> kinds = {QColor(0x4e, 0x9a, 0xd6), QColor(0xf0, 0x8a, 0x3c),
                                                QColor(0x6a, 0xb8, 0x5a), QColor(0xb0, 0x7a, 0xa1)};
            QColor c = kinds[n.kind % kinds.size()];
            if (n.type == QLatin1String("Core"))
                c.setAlphaF(dark ? 0.35 : 0.25);
            return c;
        }
        if (n.type == QLatin1String("PU"))
            return tint(QColor(0xff, 0xff, 0xff), QColor(0x3a, 0x3d, 0x44));
        return tint(QColor(0xd9, 0xdd, 0xe3), QColor(0x4a, 0x4e, 0x57));
    }
    if (n.type == QLatin1String("NUMANode"))
        return tint(QColor(0xd3, 0xe8, 0xd0), QColor(0x2f, 0x4a, 0x35));
    if (isCache(n.type)) {
        const int level = n.type.mid(1, 1).toInt();
        if (level >= 3)
            return tint(QColor(0xc9, 0xd9, 0xf0), QColor(0x2c, 0x3e, 0x5a));
        if (level == 2)
            return tint(QColor(0xdc, 0xe7, 0xf6), QColor(0x33, 0x46, 0x63));
        return tint(QColor(0xea, 0xf0, 0xf9), QColor(0x3a, 0x4e, 0x6c));
    }
    if (n.type == QLatin1String("Package"))
        return tint(QColor(0xf2, 0xf3, 0xf5), QColor(0x2a, 0x2c, 0x31));
    return tint(QColor(0xfa, 0xfa, 0xfb), QColor(0x24, 0x26, 0x2a));
}

QSizeF TopologyView::measure(const TopologyNode& node) const {
    return layout(node, {}).rect.size();
}

TopologyView::Box TopologyView::layout(const TopologyNode& node, QPointF origin) const {
    Box box;
    box.node = &node;
    const QFontMetricsF fm(font());
    const qreal labelW = fm.horizontalAdvance(label(node)) + 2 * kPad;
    if (node.type == QLatin1String("PU")) {
        box.rect = QRectF(origin, QSizeF(std::max(kPuW, labelW), kPuH));
        return box;
    }
    const QList<const TopologyNode*> kids = ordered(node);
    QList<const TopologyNode*> bars, rest;
    for (const TopologyNode* k : kids) {
        // A NUMA node holding nothing is a bar over its siblings.
        if (k->type == QLatin1String("NUMANode") && k->children.isEmpty())
            bars.append(k);
        else
            rest.append(k);
    }
    box.bar = isBar(node);
    const qreal head = box.bar ? kBar : kTitle;
    const qreal pad = box.bar ? 0 : kPad;
    QPointF at(origin.x() + pad, origin.y() + head + (box.bar ? kGap / 2 : 0));
    // NUMA bars first, then the other children in rows.
    qreal width = labelW;
    const qreal barsY = at.y();
    if (!bars.isEmpty())
        at.ry() += kBar + kGap;
    qreal rowX = at.x(), rowH = 0, maxRowW = 0;
    int inRow = 0;
    for (const TopologyNode* k : std::as_const(rest)) {
        if (inRow == kMaxPerRow) {
            at.ry() += rowH + kGap;
            rowX = at.x();
            rowH = 0;
            inRow = 0;
        }
        Box child = layout(*k, QPointF(rowX, at.y()));
        rowX += child.rect.width() + kGap;
        rowH = std::max(rowH, child.rect.height());
        maxRowW = std::max(maxRowW, rowX - kGap - at.x());
        box.children.append(child);
        ++inRow;
    }
    width = std::max(width, maxRowW + 2 * pad);
    for (int i = 0; i < bars.size(); ++i) {
        // NUMA nodes share the width above the package contents.
        const qreal w = (width - 2 * pad - kGap * (bars.size() - 1)) / bars.size();
        Box b;
        b.node = bars[i];
        b.bar = true;
        b.rect = QRectF(origin.x() + pad + i * (w + kGap), barsY, w, kBar);
        box.children.prepend(b);
    }
    const qreal height = (rest.isEmpty() ? at.y() - origin.y() - (bars.isEmpty() ? 0 : kGap)
                                         : at.y() + rowH - origin.y()) +
                         pad;
    box.rect = QRectF(origin, QSizeF(width, std::max(height, head + (box.bar ? 0 : pad))));
    if (box.bar && rest.isEmpty())
        box.rect.setHeight(kBar);
    return box;
}

void TopologyView::paintBox(QPainter& p, const Box& box) const {
    const TopologyNode& n = *box.node;
    const QPalette& pal = palette();
    const QColor text = pal.color(QPalette::Text);
    const QColor border = pal.color(QPalette::Mid);
    if (box.bar) {
        const QRectF bar(box.rect.left(), box.rect.top(), box.rect.width(), kBar);
        p.setPen(QPen(border, 1));
        p.setBrush(fill(n));
        p.drawRoundedRect(bar, 4, 4);
        p.setPen(text);
        p.drawText(bar.adjusted(kPad, 0, -kPad, 0), Qt::AlignCenter, label(n));
    } else if (n.type == QLatin1String("PU")) {
        p.setPen(QPen(border, 1));
        p.setBrush(fill(n));
        p.drawRoundedRect(box.rect, 3, 3);
        p.setPen(text);
        p.drawText(box.rect, Qt::AlignCenter, label(n));
    } else {
        p.setPen(QPen(border, n.type == QLatin1String("Package") ? 1.5 : 1));
        p.setBrush(fill(n));
        p.drawRoundedRect(box.rect, 6, 6);
        p.setPen(text);
        QFont f = p.font();
        const bool strong =
            n.type == QLatin1String("Package") || n.type == QLatin1String("Machine");
        QFont bold = f;
        bold.setBold(strong);
        p.setFont(bold);
        p.drawText(
            QRectF(box.rect.left() + kPad, box.rect.top(), box.rect.width() - 2 * kPad, kTitle),
            Qt::AlignLeft | Qt::AlignVCenter, label(n));
        p.setFont(f);
    }
    for (const Box& c : box.children)
        paintBox(p, c);
}

void TopologyView::paintEvent(QPaintEvent* event) {
    Q_UNUSED(event);
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.setRenderHint(QPainter::TextAntialiasing);
    if (m_topology.root.type.isEmpty()) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(rect(), Qt::AlignCenter, tr("No topology"));
        return;
    }
    const Box root = layout(m_topology.root, QPointF(1, 1));
    const QSizeF natural = root.rect.size() + QSizeF(2, 2);
    // Scale to the widget (never more than 125 %): QPainter keeps it crisp at any DPR.
    const qreal scale = std::min({1.25, width() / natural.width(), height() / natural.height()});
    p.translate((width() - natural.width() * scale) / 2, 0);
    p.scale(scale, scale);
    paintBox(p, root);
}

} // namespace headroom::ui
