// SPDX-License-Identifier: MIT
// A session shown beside others (this run, another machine, a cluster node's result file): the
// session itself plus the label its legends, tables and combo boxes name it by.
#pragma once

#include "session.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace headroom {

struct Dataset : Session {
    QString label; // "This machine", a host name, a file name

    // Labelled `label`, or the session's title when `label` is empty.
    static Dataset fromSession(const Session& session, const QString& label = {});
    // The session, titled with the label.
    Session toSession() const;
};

// Loads sessions (Session::load: validated, never executed) as datasets. Labels: the session's
// title, else the file name, elided to a legend's length; a label already in `taken` or given to
// an earlier file gets " (2)", " (3)"... Returns nullopt and sets *error (naming the file) at
// the first bad file.
std::optional<QList<Dataset>> loadDatasets(const QStringList& paths, const QStringList& taken,
                                           QString* error);

} // namespace headroom
