// SPDX-License-Identifier: MIT
// Session files dropped on the window: which drops are taken, and whether a drop opens a session
// or adds the files as compared machines.
#pragma once

#include <QStringList>

class QDropEvent;

namespace headroom::ui {

// Accepts a drag or drop of local files as a copy and returns them; refuses (and returns
// nothing for) a drop with anything else in it.
QStringList acceptDroppedFiles(QDropEvent* event);

// Several files, or Shift held: compare them; one file alone: open it.
bool isCompareDrop(const QStringList& files, Qt::KeyboardModifiers modifiers);

} // namespace headroom::ui
