// SPDX-License-Identifier: MIT
#include "restorebar.h"

#include "autosave.h"
#include "session.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace headroom::ui {

RestoreBar::RestoreBar(RunAutosave* autosave, QWidget* parent)
    : QFrame(parent)
    , m_autosave(autosave) {
    setObjectName(QStringLiteral("restoreBar"));
    setFrameShape(QFrame::StyledPanel);
    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(10, 6, 10, 6);
    m_text = new QLabel(this);
    m_text->setWordWrap(true);
    auto* restore = new QPushButton(tr("Restore"), this);
    restore->setObjectName(QStringLiteral("restoreButton"));
    auto* discardButton = new QPushButton(tr("Discard"), this);
    discardButton->setObjectName(QStringLiteral("discardButton"));
    row->addWidget(m_text, 1);
    row->addWidget(restore);
    row->addWidget(discardButton);
    hide();
    connect(restore, &QPushButton::clicked, this, &RestoreBar::restoreRequested);
    connect(discardButton, &QPushButton::clicked, this, &RestoreBar::discard);
}

void RestoreBar::check() {
    const QString path = m_autosave->unfinishedRunPath();
    if (path.isEmpty()) {
        hide();
        return;
    }
    QString why;
    const std::optional<Session> s = Session::load(path, &why);
    if (!s || s->results.isEmpty()) {
        // Nothing measured to restore (the run died before its first point, or the file is
        // unreadable): no question to ask.
        discard();
        return;
    }
    m_text->setText(tr("<b>The last run did not finish.</b> %n measured point(s) were "
                       "autosaved to %1.",
                       nullptr, static_cast<int>(s->results.size()))
                        .arg(path.toHtmlEscaped()));
    show();
}

void RestoreBar::discard() {
    m_autosave->discardUnfinished();
    hide();
}

} // namespace headroom::ui
