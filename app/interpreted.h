// SPDX-License-Identifier: MIT
// The interpreted rungs (python, java): the shipped triple-loop sources run by an external
// interpreter. They build A and B themselves (the same formula as the app) and hand back the
// loop's own timings and the asked rows of C for verification.
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <atomic>
#include <memory>
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

// How an interpreted rung runs, one entry per rung: what differs between them is said here
// rather than by asking which rung it is.
struct Interpreter {
    QString rung;          // "python" | "java"
    QString sourceName;    // the shipped program in the resources, e.g. "matmul.py"
    QStringList arguments; // to the interpreter, before the program
    // Compiles the loop while it runs: a warm-up until passes agree before any timing counts.
    bool jit = false;
    InterpreterInfo (*info)() = nullptr; // detected once per process
};

// nullptr for a rung that no interpreter runs.
const Interpreter* interpreterFor(const QString& rung);

struct InterpretedRun {
    bool ok = false;
    QString error; // when !ok: what went wrong (crash, timeout, malformed output, cancelled)
    bool cancelled = false;
    QList<double> seconds; // one per timed repetition, measured inside the interpreter
    std::vector<double> c; // the rows of C asked for (count * n), row-major
};

// One running interpreter (of an interpreted rung, interpreterFor) holding the n x n matrices A
// and B it built itself from the portable formula (kernels/matrix.h) with the runner's seeds
// (A: seed, B: seed + 1). It answers row ranges until it is destroyed (which ends it). Blocking
// calls; each honours `cancel` (polled every 50 ms) and kills the interpreter at its timeout.
class InterpretedProcess {
public:
    // `source`: a file to run instead of the shipped program (a test seam; empty: shipped).
    InterpretedProcess(const QString& rung, int n, quint64 seed, const QString& source = {});
    ~InterpretedProcess();
    InterpretedProcess(const InterpretedProcess&) = delete;
    InterpretedProcess& operator=(const InterpretedProcess&) = delete;

    // Starts the interpreter and waits until A and B are built. On failure the result says why.
    InterpretedRun start(double timeoutSeconds, const std::atomic<bool>* cancel);
    // Computes rows [first, first + count) of C `repetitions` times; returns the loop's times and
    // those rows of the last pass.
    InterpretedRun rows(int first, int count, int repetitions, double timeoutSeconds,
                        const std::atomic<bool>* cancel);
    // Its interpreter compiles the loop as it runs (Interpreter::jit).
    bool jit() const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

// Untimed passes over rows [first, first + count) before the timed ones. One, and under a JIT
// (Java) more: it compiles the loop as it runs, and a pass or a few rows end before the
// compiled code is in, so that the timed passes ran 2-4x apart from one process to the next.
// A JIT warms up for at least 0.3 s of wall time (the compiles of a 2-core machine finish well
// within it) until two passes in a row agree within 10 %, or for 3 s at most. Returns the last
// pass's time, or nothing when the process failed (r says why).
std::optional<double> warmUp(InterpretedProcess& process, int first, int count,
                             double timeoutSeconds, const std::atomic<bool>* cancel,
                             InterpretedRun* r);

// The whole product at n: `warmups` untimed passes, then `repetitions` timed ones; c is n x n.
// A warm-up (warmUp) when `warmups` > 0.
InterpretedRun runInterpreted(const QString& rung, int n, quint64 seed, int repetitions,
                              int warmups, double timeoutSeconds, const std::atomic<bool>* cancel,
                              const QString& source = {});

} // namespace headroom
