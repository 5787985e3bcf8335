// SPDX-License-Identifier: MIT
// Writing an output file (session, CSV, chart) so that it never destroys anything: everything is
// rendered to memory first and written here in one checked step.
#pragma once

#include <QByteArray>
#include <QString>

namespace headroom {

// A regular file (or a new path) is replaced atomically through QSaveFile: when anything fails
// (disk full, file size limit, I/O error) the old file stays whole. A character device
// (/dev/null, a terminal) or a FIFO / pipe is written through in place, never replaced by a
// file; a FIFO nobody reads within a few seconds is refused. Anything else that exists and is
// not a regular file (directory, block device, socket) is refused. On failure `error` is
// "cannot write PATH: <the system's reason>", e.g. "No space left on device".
bool writeFileChecked(const QString& path, const QByteArray& bytes, QString* error);

} // namespace headroom
