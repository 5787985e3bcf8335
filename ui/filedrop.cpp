// SPDX-License-Identifier: MIT
#include "filedrop.h"

#include <QDropEvent>
#include <QFileInfo>
#include <QMimeData>
#include <QUrl>

namespace headroom::ui {

namespace {

// The local files of a drop, or nothing when anything in it is not a local file.
QStringList droppedFiles(const QMimeData* mime) {
    if (!mime || !mime->hasUrls())
        return {};
    QStringList files;
    const QList<QUrl> urls = mime->urls();
    for (const QUrl& url : urls) {
        if (!url.isLocalFile() || !QFileInfo(url.toLocalFile()).isFile())
            return {};
        files.append(url.toLocalFile());
    }
    return files;
}

} // namespace

QStringList acceptDroppedFiles(QDropEvent* event) {
    const QStringList files = droppedFiles(event->mimeData());
    if (files.isEmpty()) {
        event->ignore();
        return {};
    }
    event->setDropAction(Qt::CopyAction);
    event->accept();
    return files;
}

bool isCompareDrop(const QStringList& files, Qt::KeyboardModifiers modifiers) {
    return files.size() > 1 || (modifiers & Qt::ShiftModifier);
}

} // namespace headroom::ui
