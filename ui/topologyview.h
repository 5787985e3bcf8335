// SPDX-License-Identifier: MIT
// The machine's topology drawn the way lstopo draws it: packages holding NUMA nodes and caches,
// caches holding cores, cores holding hardware threads (PUs); hybrid core kinds coloured.
#pragma once

#include "machine.h"

#include <QWidget>

namespace headroom::ui {

class TopologyView : public QWidget {
    Q_OBJECT

public:
    explicit TopologyView(QWidget* parent = nullptr);

    void setTopology(const Topology& topology);
    const Topology& topology() const { return m_topology; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    struct Box {
        const TopologyNode* node = nullptr;
        QRectF rect;      // in layout units
        bool bar = false; // caches and NUMA nodes: a labelled bar above their children
        QList<Box> children;
    };
    Box layout(const TopologyNode& node, QPointF origin) const;
    QSizeF measure(const TopologyNode& node) const;
    void paintBox(QPainter& painter, const Box& box) const;
    QString label(const TopologyNode& node) const;
    QColor fill(const TopologyNode& node) const;

    Topology m_topology;
    QSizeF m_natural; // the layout's size before scaling
};

} // namespace headroom::ui
