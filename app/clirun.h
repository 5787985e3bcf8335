// SPDX-License-Identifier: MIT
// The command line's side of a headless run: its outputs checked before it starts, what it
// prints while it runs, and the files and exit code at its end. The run itself is a SessionRun.
#pragma once

#include "cli.h"
#include "machine.h"

#include <QString>
#include <QTextStream>

namespace headroom {

// The command line's standard output and error (one stream each, shared by every command).
QTextStream& cliOut();
QTextStream& cliErr();

// A usage error: the message, a pointer to --help, and exit code 2.
int usageError(const QString& message);

// "  [ 42%] text" progress lines on stderr.
void progressLine(double fraction, const QString& what);

// The machine for a run: limits from the cache, measured when none are cached (unless
// `measure` is false), or measured again now when `remeasure` (so that the peak a run's ratios
// use comes from the same minutes as the run, on a host whose speed changes).
Machine machineForRun(bool measure, bool remeasure = false, bool* measuredNow = nullptr);

// headroom --headless with validated options; outputs default into `defaultDir` when given.
// Returns the exit code: 0, 1 runtime failure, 2 bad usage, 3 a verification failed, 130/143
// interrupted.
int runHeadless(const HeadlessOptions& opts, const CliHooks& hooks, const QString& defaultDir = {});

} // namespace headroom
