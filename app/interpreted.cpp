// SPDX-License-Identifier: MIT
#include "interpreted.h"

#include "resources.h"

#include <matrix.h>

#include <QByteArray>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <algorithm>
#include <cmath>
#include <mutex>

namespace headroom {

namespace {

QString firstLine(const QByteArray& bytes) {
    return QString::fromUtf8(bytes).section(QLatin1Char('\n'), 0, 0).trimmed();
}

InterpreterInfo detectPython() {
    InterpreterInfo info;
    info.program = QStandardPaths::findExecutable(QStringLiteral("python3"));
    if (info.program.isEmpty()) {
        info.reason = QStringLiteral("python3 is not installed (not found on PATH)");
        return info;
    }
    QProcess p;
    p.start(info.program, {QStringLiteral("--version")});
    if (!p.waitForFinished(10000) || p.exitCode() != 0) {
        info.reason = QStringLiteral("%1 --version failed").arg(info.program);
        return info;
    }
    info.version = firstLine(p.readAllStandardOutput() + p.readAllStandardError());
    info.available = true;
    return info;
}

InterpreterInfo detectJava() {
    InterpreterInfo info;
    info.program = QStandardPaths::findExecutable(QStringLiteral("java"));
    if (info.program.isEmpty()) {
        info.reason = QStringLiteral("no JDK: java is not installed (not found on PATH)");
        return info;
    }
    QProcess p;
    p.start(info.program, {QStringLiteral("-version")});
    if (!p.waitForFinished(20000) || p.exitCode() != 0) {
        info.reason = QStringLiteral("%1 -version failed").arg(info.program);
        return info;
    }
    const QString text = QString::fromUtf8(p.readAllStandardError() + p.readAllStandardOutput());
    info.version = text.section(QLatin1Char('\n'), 0, 0).trimmed();
    // "17.0.15", "11.0.2", or the old "1.8.0_392" scheme.
    static const QRegularExpression re(QStringLiteral("version \"(\\d+)(?:\\.(\\d+))?"));
    const auto m = re.match(text);
    int major = m.hasMatch() ? m.captured(1).toInt() : 0;
    if (major == 1 && m.hasMatch())
        major = m.captured(2).toInt();
    if (major < 11) {
        info.reason =
            QStringLiteral("java %1 is too old: the source launcher needs JDK 11 or later")
                .arg(major);
        return info;
    }
    // The source launcher needs the compiler module, which a bare JRE lacks.
    QProcess mods;
    mods.start(info.program, {QStringLiteral("--list-modules")});
    if (!mods.waitForFinished(20000) || !mods.readAllStandardOutput().contains("jdk.compiler")) {
        info.reason = QStringLiteral("only a Java runtime is installed; the Java rung needs a JDK "
                                     "(java Matmul.java compiles the source)");
        return info;
    }
    info.available = true;
    return info;
}

// Parses "times t1 ... tR" and `count` rows of n numbers into run.
bool parseTimes(const QByteArray& line, int repetitions, InterpretedRun* run) {
    const QList<QByteArray> times = line.simplified().split(' ');
    if (times.isEmpty() || times[0] != "times" || times.size() != repetitions + 1) {
        run->error = QStringLiteral("malformed timing line from the interpreter (expected %1 "
                                    "timings)")
                         .arg(repetitions);
        return false;
    }
    for (qsizetype i = 1; i < times.size(); ++i) {
        bool ok = false;
        const double t = times[i].toDouble(&ok);
        if (!ok || !std::isfinite(t) || t < 0) {
            run->error = QStringLiteral("malformed time from the interpreter");
            return false;
        }
        run->seconds.append(t);
    }
    return true;
}

bool parseRow(const QByteArray& line, int i, int n, InterpretedRun* run) {
    const QList<QByteArray> row = line.simplified().split(' ');
    if (row.size() != n) {
        run->error =
            QStringLiteral("row %1 of C has %2 entries, expected %3").arg(i).arg(row.size()).arg(n);
        return false;
    }
    for (int j = 0; j < n; ++j) {
        bool ok = false;
        // Java prints "NaN"/"Infinity"; toDouble accepts "nan"/"inf": both map to non-finite
        // values that verification then rejects.
        double v = row[j].toDouble(&ok);
        if (!ok)
            v = std::nan("");
        run->c[static_cast<std::size_t>(i) * n + j] = v;
    }
    return true;
}

} // namespace

InterpreterInfo pythonInfo() {
    static std::once_flag once;
    static InterpreterInfo info;
    std::call_once(once, [] { info = detectPython(); });
    return info;
}

InterpreterInfo javaInfo() {
    static std::once_flag once;
    static InterpreterInfo info;
    std::call_once(once, [] { info = detectJava(); });
    return info;
}

const Interpreter* interpreterFor(const QString& rung) {
    // -I: isolated, no user site nor PYTHON* variables. -XX:-BackgroundCompilation: the JIT
    // compiles in the foreground, so that a warm-up pass ends with the compiled loop in place.
    static const QList<Interpreter> interpreters = {
        {QStringLiteral("python"),
         QStringLiteral("matmul.py"),
         {QStringLiteral("-I")},
         false,
         &pythonInfo},
        {QStringLiteral("java"),
         QStringLiteral("Matmul.java"),
         {QStringLiteral("-Xss16m"), QStringLiteral("-XX:-BackgroundCompilation")},
         true,
         &javaInfo},
    };
    for (const Interpreter& i : interpreters)
        if (i.rung == rung)
            return &i;
    return nullptr;
}

struct InterpretedProcess::Private {
    QString rung;
    const Interpreter* interpreter = nullptr;
    int n = 0;
    quint64 seed = 0;
    QString source;
    QTemporaryDir dir;
    QProcess process;
    bool started = false;

    // Reads one line; on failure (exit, timeout, cancel) fills run and returns false.
    bool readLine(QByteArray* line, const QDeadlineTimer& deadline, double timeoutSeconds,
                  const std::atomic<bool>* cancel, InterpretedRun* run) {
        while (!process.canReadLine()) {
            if (cancel && cancel->load()) {
                run->cancelled = true;
                run->error = QStringLiteral("cancelled");
                return stop();
            }
            if (deadline.hasExpired()) {
                run->error =
                    QStringLiteral("%1 did not finish within %2 s").arg(rung).arg(timeoutSeconds);
                return stop();
            }
            if (process.state() == QProcess::NotRunning && !process.canReadLine()) {
                const QString err =
                    QString::fromUtf8(process.readAllStandardError()).trimmed().right(300);
                run->error = QStringLiteral("%1 exited with code %2%3")
                                 .arg(rung)
                                 .arg(process.exitCode())
                                 .arg(err.isEmpty() ? QString() : QStringLiteral(": ") + err);
                return false;
            }
            process.waitForReadyRead(50);
        }
        *line = process.readLine();
        return true;
    }
    bool stop() {
        process.kill();
        process.waitForFinished(5000);
        started = false;
        return false;
    }
    bool writeSource(InterpretedRun* run, QString* script);
};

bool InterpretedProcess::Private::writeSource(InterpretedRun* run, QString* script) {
    // The sources live in the Qt resources (so an installed binary has them); the interpreters
    // need real files, written to a private temporary directory.
    if (!dir.isValid()) {
        run->error =
            QStringLiteral("cannot create a temporary directory: %1").arg(dir.errorString());
        return false;
    }
    const QString name = interpreter->sourceName;
    *script = dir.filePath(name);
    ensureResources();
    QFile file(source.isEmpty() ? QStringLiteral(":/headroom/") + name : source);
    if (!file.exists()) {
        run->error =
            QStringLiteral("the %1 source is missing from this build's resources").arg(name);
        return false;
    }
    if (!file.copy(*script)) {
        run->error = QStringLiteral("cannot write %1: %2").arg(*script, file.errorString());
        return false;
    }
    return true;
}

InterpretedProcess::InterpretedProcess(const QString& rung, int n, quint64 seed,
                                       const QString& source)
    : d(std::make_unique<Private>()) {
    d->rung = rung;
    d->interpreter = interpreterFor(rung);
    d->n = n;
    d->seed = seed;
    d->source = source;
}

InterpretedProcess::~InterpretedProcess() {
    if (d->process.state() != QProcess::NotRunning) {
        d->process.closeWriteChannel(); // end of input: the program ends by itself
        if (!d->process.waitForFinished(2000))
            d->stop();
    }
}

InterpretedRun InterpretedProcess::start(double timeoutSeconds, const std::atomic<bool>* cancel) {
    InterpretedRun run;
    if (!d->interpreter) {
        run.error = QStringLiteral("%1 is not an interpreted rung").arg(d->rung);
        return run;
    }
    const InterpreterInfo info = d->interpreter->info();
    if (!info.available) {
        run.error = info.reason;
        return run;
    }
    QString script;
    if (!d->writeSource(&run, &script))
        return run;
    QStringList args = d->interpreter->arguments;
    args << script << QString::number(d->n) << QString::number(kernels::portableOffset(d->seed))
         << QString::number(kernels::portableOffset(d->seed + 1));
    d->process.setWorkingDirectory(d->dir.path());
    d->process.start(info.program, args);
    if (!d->process.waitForStarted(10000)) {
        run.error =
            QStringLiteral("cannot start %1: %2").arg(info.program, d->process.errorString());
        return run;
    }
    QByteArray line;
    const QDeadlineTimer deadline(static_cast<qint64>(timeoutSeconds * 1000));
    if (!d->readLine(&line, deadline, timeoutSeconds, cancel, &run))
        return run;
    if (line.trimmed() != "headroom-matmul 2") {
        run.error = QStringLiteral("malformed output from the interpreter");
        d->stop();
        return run;
    }
    d->started = true;
    run.ok = true;
    return run;
}

InterpretedRun InterpretedProcess::rows(int first, int count, int repetitions,
                                        double timeoutSeconds, const std::atomic<bool>* cancel) {
    InterpretedRun run;
    if (!d->started) {
        run.error = QStringLiteral("%1 is not running").arg(d->rung);
        return run;
    }
    d->process.write(QByteArrayLiteral("rows ") + QByteArray::number(first) + ' ' +
                     QByteArray::number(count) + ' ' + QByteArray::number(repetitions) + '\n');
    const QDeadlineTimer deadline(static_cast<qint64>(timeoutSeconds * 1000));
    QByteArray line;
    if (!d->readLine(&line, deadline, timeoutSeconds, cancel, &run))
        return run;
    if (!parseTimes(line, repetitions, &run)) {
        d->stop();
        return run;
    }
    run.c.assign(static_cast<std::size_t>(count) * d->n, 0.0);
    for (int i = 0; i < count; ++i) {
        if (!d->readLine(&line, deadline, timeoutSeconds, cancel, &run))
            return run;
        if (!parseRow(line, i, d->n, &run)) {
            d->stop();
            return run;
        }
    }
    run.ok = true;
    return run;
}

bool InterpretedProcess::jit() const {
    return d->interpreter && d->interpreter->jit;
}

std::optional<double> warmUp(InterpretedProcess& process, int first, int count,
                             double timeoutSeconds, const std::atomic<bool>* cancel,
                             InterpretedRun* r) {
    const bool jit = process.jit();
    // Wall time: the JIT compiles on threads of its own while passes go back and forth.
    QElapsedTimer wall;
    wall.start();
    double previous = 0;
    for (;;) {
        *r = process.rows(first, count, 1, timeoutSeconds, cancel);
        if (!r->ok)
            return std::nullopt;
        const double t = r->seconds.front();
        const bool settled = previous > 0 && std::abs(t - previous) <= 0.1 * previous;
        previous = t;
        const double spent = wall.nsecsElapsed() * 1e-9;
        if (!jit || spent > 3.0 || (spent >= 0.3 && settled))
            return t;
    }
}

InterpretedRun runInterpreted(const QString& rung, int n, quint64 seed, int repetitions,
                              int warmups, double timeoutSeconds, const std::atomic<bool>* cancel,
                              const QString& source) {
    InterpretedProcess process(rung, n, seed, source);
    const QDeadlineTimer deadline(static_cast<qint64>(timeoutSeconds * 1000));
    auto left = [&] { return std::max(0.001, deadline.remainingTime() / 1000.0); };
    InterpretedRun run = process.start(left(), cancel);
    if (run.ok && warmups > 0 && !warmUp(process, 0, n, left(), cancel, &run))
        return run;
    if (run.ok)
        run = process.rows(0, n, repetitions, left(), cancel);
    return run;
}

} // namespace headroom
