// SPDX-License-Identifier: MIT
// `headroom --open SESSION.json --chart runtime|gflops|roofline|ladder|dashboard [--width W
// --height H] [--png F] [--svg F] [--pdf F] [--theme light|dark|presentation] [--size N]`:
// re-plots a saved session without re-running it. app/cli.cpp parses the flags into a
// ChartRequest and calls runChartCommand.
#pragma once

#include "chartrequest.h"

class QTextStream;

namespace headroom::ui {

// Loads the session (Session::load: validated, never executed), draws the chart off screen and
// writes each requested file (atomically). Prints one line per file written on `out` (stdout if
// null) and a clear message on `err` (stderr if null) on failure. Returns 0 on success, 1 on a
// bad session or a failed write, 2 on bad options (unknown chart or theme, bad size, no output).
// Needs a QApplication; if no application object exists yet it makes one on the offscreen
// platform for the duration (so main() may call it before creating any application). If a
// non-GUI QCoreApplication exists, it fails with a message.
int runChartCommand(const ChartRequest& options, QTextStream* out = nullptr,
                    QTextStream* err = nullptr);

} // namespace headroom::ui
