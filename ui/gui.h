// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

class QApplication;

namespace headroom::ui {

// Runs the desktop application on an existing QApplication; returns the exit code.
// `sessionFile` (may be empty) is opened at start.
int runGui(QApplication& app, const QString& sessionFile);

} // namespace headroom::ui
