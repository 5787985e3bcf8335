// SPDX-License-Identifier: MIT
#pragma once

#include <cli.h>

#include <QString>

class QApplication;

namespace headroom::ui {

// Runs the desktop application on an existing QApplication; returns the exit code. The request's
// session (may be empty) is opened at start; or its plan (--run) is run at once through the
// window's own path, as soon as the window is not measuring the machine, the session saved to
// its json when asked, and with `quit` the app ends with --headless's exit codes (0, 1 when the
// session could not be saved, 3 when a rung failed verification, 130 when the run was cancelled).
int runGui(QApplication& app, const GuiRequest& request);

} // namespace headroom::ui
