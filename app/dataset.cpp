// SPDX-License-Identifier: MIT
#include "dataset.h"

#include "errorsink.h"

#include <QFileInfo>
#include <QSet>

namespace headroom {

Dataset Dataset::fromSession(const Session& session, const QString& label) {
    Dataset d;
    static_cast<Session&>(d) = session;
    d.label = label.isEmpty() ? session.title : label;
    return d;
}

Session Dataset::toSession() const {
    Session s = *this;
    s.title = label;
    return s;
}

std::optional<QList<Dataset>> loadDatasets(const QStringList& paths, const QStringList& taken,
                                           QString* error) {
    const ErrorSink sink(&error);
    QList<Dataset> loaded;
    QSet<QString> labels(taken.begin(), taken.end());
    for (const QString& path : paths) {
        const std::optional<Session> session = Session::load(path, error);
        if (!session)
            return std::nullopt; // Session::load names the file already
        QString label =
            session->title.isEmpty() ? QFileInfo(path).completeBaseName() : session->title;
        // Shown in legends, titles and combo boxes: elided, so that drawing stays cheap and the
        // chart readable however long a title is (up to the loader's limit).
        constexpr qsizetype kLabelChars = 60;
        if (label.size() > kLabelChars)
            label = label.left(kLabelChars - 1) + QChar(0x2026);
        const QString stem = label;
        for (int i = 2; labels.contains(label); ++i)
            label = QStringLiteral("%1 (%2)").arg(stem).arg(i);
        labels.insert(label);
        loaded << Dataset::fromSession(*session, label);
    }
    return loaded;
}

} // namespace headroom
