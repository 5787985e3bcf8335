// SPDX-License-Identifier: MIT
// A label whose text changes while a run times points (progress, autosave) without relaying out
// the window at each change: a plain QLabel's setText invalidates every layout up to the window,
// and relaying out and repainting the main window several times a second cost the GUI thread
// more than its 5 % share of a run (#16). The text sits in a child without a layout, so a new
// text repaints this strip only. The text wraps, never cut: the strip asks for a new layout only
// when the text needs another number of lines at its width.
#pragma once

#include <QLabel>
#include <QResizeEvent>
#include <QWidget>

#include <algorithm>

namespace headroom::ui {

class QuietLabel : public QWidget {
public:
    explicit QuietLabel(const QString& text = {}, QWidget* parent = nullptr)
        : QWidget(parent)
        , m_label(new QLabel(text, this)) {
        m_label->setWordWrap(true);
        setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    }
    void setText(const QString& text) {
        m_label->setText(text);
        refit();
    }
    QString text() const { return m_label->text(); }
    QLabel* label() const { return m_label; }
    QSize sizeHint() const override { return {360, heightForWidth(360)}; }
    QSize minimumSizeHint() const override { return {0, oneLine()}; }
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override {
        return std::max(oneLine(), m_label->heightForWidth(width));
    }

protected:
    void resizeEvent(QResizeEvent* event) override {
        m_label->setGeometry(QRect(QPoint(0, 0), event->size()));
        refit();
    }
    void changeEvent(QEvent* event) override {
        QWidget::changeEvent(event);
        if (event->type() == QEvent::FontChange)
            refit();
    }

private:
    int oneLine() const { return fontMetrics().height() + 2 * m_label->margin(); }
    void refit() {
        if (width() > 0 && heightForWidth(width()) != height())
            updateGeometry();
    }

    QLabel* m_label;
};

} // namespace headroom::ui
