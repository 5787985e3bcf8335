// SPDX-License-Identifier: MIT
#include "restorebar.h"

#include "autosave.h"
#include "session.h"

#include <QDateTime>
#include <QFileInfo>
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
    m_restore = restore;
    auto* discardButton = new QPushButton(tr("Discard"), this);
    discardButton->setObjectName(QStringLiteral("discardButton"));
    row->addWidget(m_text, 1);
    row->addWidget(restore);
    row->addWidget(discardButton);
    hide();
    connect(restore, &QPushButton::clicked, this, [this] {
        if (!m_finished) {
            Q_EMIT restoreRequested();
            return;
        }
        const QString path = m_autosave->finishedRunPath();
        discard(); // asked once: reopened now, or the file went away
        if (!path.isEmpty())
            Q_EMIT reopenRequested(path);
    });
    connect(discardButton, &QPushButton::clicked, this, &RestoreBar::discard);
}

void RestoreBar::check() {
    const QString path = m_autosave->unfinishedRunPath();
    m_finished = false;
    m_restore->setText(tr("Restore"));
    if (path.isEmpty()) {
        if (!offerFinished())
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

bool RestoreBar::offerFinished() {
    const QString path = m_autosave->finishedRunPath();
    if (path.isEmpty())
        return false;
    QString why;
    const std::optional<Session> s = Session::load(path, &why);
    if (!s || s->results.isEmpty()) {
        m_autosave->forgetFinished();
        return false;
    }
    m_finished = true;
    m_restore->setText(tr("Reopen"));
    const QString when =
        QFileInfo(path).lastModified().toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    m_text->setText(tr("<b>Your last run</b> (%n point(s), %1) is kept: reopen it, or press Run "
                       "for a new one.",
                       nullptr, static_cast<int>(s->results.size()))
                        .arg(when));
    show();
    return true;
}

void RestoreBar::discard() {
    if (m_finished)
        m_autosave->forgetFinished();
    else
        m_autosave->discardUnfinished();
    m_finished = false;
    hide();
}

} // namespace headroom::ui
