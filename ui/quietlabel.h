// SPDX-License-Identifier: MIT
// A one-line label whose text changes while a run times points (progress, autosave) without
// relaying out the window: a plain QLabel's setText invalidates every layout up to the window,
// and relaying out and repainting the main window several times a second cost the GUI thread
// more than its 5 % share of a run (#16). The text sits in a child without a layout, so a new
// text repaints this strip only; the strip's own size never depends on the text.
#pragma once

#include <QLabel>
#include <QResizeEvent>
#include <QWidget>

namespace headroom::ui {

class QuietLabel : public QWidget {
public:
    explicit QuietLabel(const QString& text = {}, QWidget* parent = nullptr)
        : QWidget(parent)
        , m_label(new QLabel(text, this)) {
        setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
        setFixedHeight(m_label->sizeHint().height());
    }
    void setText(const QString& text) { m_label->setText(text); }
    QString text() const { return m_label->text(); }
    QLabel* label() const { return m_label; }
    QSize sizeHint() const override { return {360, m_label->sizeHint().height()}; }

protected:
    void resizeEvent(QResizeEvent* event) override {
        m_label->setGeometry(QRect(QPoint(0, 0), event->size()));
    }

private:
    QLabel* m_label;
};

} // namespace headroom::ui
