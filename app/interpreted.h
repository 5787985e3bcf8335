// SPDX-License-Identifier: MIT
// The interpreted rungs (python, java): the shipped triple-loop sources run by an external
// interpreter, fed A and B as text, handing back the loop's own timings and C for verification.
#pragma once

#include <QList>
#include <QString>

#include <atomic>
#include <optional>
#include <vector>

namespace headroom {

struct InterpreterInfo {
    bool available = false;
    QString program; // absolute path of python3 / java
    QString version; // e.g. "Python 3.11.7", "openjdk 17.0.15"
    QString reason;  // why not available
};

// Detected once per process (runs `python3 --version` / `java -version` once).
InterpreterInfo pythonInfo();
InterpreterInfo javaInfo();

struct InterpretedRun {
    bool ok = false;
    QString error; // when !ok: what went wrong (crash, timeout, malformed output, cancelled)
    bool cancelled = false;
    QList<double> seconds; // one per timed repetition, measured inside the interpreter
    std::vector<double> c; // n*n, row-major
};

// Runs rung "python" or "java" at n with A, B (row-major n*n). Blocks; honours `cancel` (polled
// every 50 ms) and kills the interpreter after `timeoutSeconds`.
InterpretedRun runInterpreted(const QString& rung, int n, const double* a, const double* b,
                              int repetitions, int warmups, double timeoutSeconds,
                              const std::atomic<bool>* cancel);

} // namespace headroom
