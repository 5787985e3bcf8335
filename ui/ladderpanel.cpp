// SPDX-License-Identifier: MIT
#include "ladderpanel.h"

#include "theme.h"

#include <QCheckBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QVBoxLayout>

namespace headroom::ui {

namespace {

// A small square in the rung's chart colour, so the list reads as the charts' legend.
QPixmap swatch(const QColor& color, qreal dpr) {
    const int side = 14;
    QPixmap pm(QSize(side, side) * dpr);
    pm.setDevicePixelRatio(dpr);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(Qt::NoPen);
    p.setBrush(color);
    p.drawRoundedRect(QRectF(1, 1, side - 2, side - 2), 3, 3);
    return pm;
}

} // namespace

LadderPanel::LadderPanel(QWidget* parent)
    : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* buttons = new QHBoxLayout;
    auto* all = new QPushButton(tr("All"), this);
    auto* none = new QPushButton(tr("None"), this);
    auto* native = new QPushButton(tr("Native only"), this);
    all->setToolTip(tr("Select every rung that can run here"));
    native->setToolTip(tr("Leave out Python and Java (they are slow, and extrapolated anyway)"));
    buttons->addWidget(all);
    buttons->addWidget(none);
    buttons->addWidget(native);
    buttons->addStretch(1);
    layout->addLayout(buttons);
    m_list = new QWidget(this);
    layout->addWidget(m_list);
    layout->addStretch(1);
    connect(all, &QPushButton::clicked, this, [this] {
        QStringList ids;
        for (const RungStatus& r : std::as_const(m_rungs))
            ids.append(r.id);
        setCheckedRungs(ids);
    });
    connect(none, &QPushButton::clicked, this, [this] { setCheckedRungs({}); });
    connect(native, &QPushButton::clicked, this, [this] {
        QStringList ids;
        for (const RungStatus& r : std::as_const(m_rungs)) {
            if (r.kind != QLatin1String("interpreted"))
                ids.append(r.id);
        }
        setCheckedRungs(ids);
    });
}

void LadderPanel::setRungs(const QList<RungStatus>& rungs) {
    m_rungs = rungs;
    m_boxes.clear();
    delete m_list->layout();
    qDeleteAll(m_list->findChildren<QWidget*>(QString(), Qt::FindDirectChildrenOnly));
    auto* grid = new QGridLayout(m_list);
    grid->setContentsMargins(0, 4, 0, 0);
    grid->setHorizontalSpacing(8);
    grid->setVerticalSpacing(2);
    grid->setColumnStretch(2, 1);
    const Theme theme = Theme::forId(ThemeId::System);
    int row = 0;
    for (const RungStatus& r : rungs) {
        auto* colour = new QLabel(m_list);
        colour->setPixmap(swatch(rungColor(r.id, theme), devicePixelRatioF()));
        // "&" in "divide & conquer" is not a mnemonic.
        QString text = rungLabel(r.id);
        text.replace(u'&', QStringLiteral("&&"));
        auto* box = new QCheckBox(text, m_list);
        QFont f = box->font();
        f.setBold(true);
        box->setFont(f);
        box->setChecked(r.available);
        box->setEnabled(r.available);
        QString tip = r.name;
        if (!r.flags.isEmpty())
            tip += u"\n" + tr("flags: ") + r.flags;
        if (!r.detail.isEmpty())
            tip += u"\n" + r.detail;
        if (!r.available)
            tip += u"\n" + tr("unavailable: ") + r.reason;
        box->setToolTip(tip);
        auto* what = new QLabel(
            r.available ? r.whatChanged : r.whatChanged + u"\n\u26a0 " + r.reason, m_list);
        what->setWordWrap(true);
        what->setEnabled(r.available);
        what->setToolTip(tip);
        QPalette pal = what->palette();
        pal.setColor(QPalette::WindowText, pal.color(QPalette::PlaceholderText));
        what->setPalette(pal);
        grid->addWidget(colour, row, 0, Qt::AlignTop | Qt::AlignHCenter);
        grid->addWidget(box, row, 1, Qt::AlignTop);
        grid->addWidget(what, row + 1, 1, 1, 2);
        grid->setRowMinimumHeight(row + 2, 6);
        row += 3;
        m_boxes.insert(r.id, box);
        connect(box, &QCheckBox::toggled, this, &LadderPanel::selectionChanged);
    }
    Q_EMIT selectionChanged();
}

QStringList LadderPanel::checkedRungs() const {
    QStringList out;
    for (const RungStatus& r : m_rungs) {
        const QCheckBox* box = m_boxes.value(r.id);
        if (r.available && box && box->isChecked())
            out.append(r.id);
    }
    return out;
}

void LadderPanel::setCheckedRungs(const QStringList& ids) {
    for (const RungStatus& r : std::as_const(m_rungs)) {
        if (QCheckBox* box = m_boxes.value(r.id)) {
            const QSignalBlocker block(box);
            box->setChecked(r.available && ids.contains(r.id));
        }
    }
    Q_EMIT selectionChanged();
}

bool LadderPanel::isAvailable(const QString& id) const {
    for (const RungStatus& r : m_rungs) {
        if (r.id == id)
            return r.available;
    }
    return false;
}

} // namespace headroom::ui
