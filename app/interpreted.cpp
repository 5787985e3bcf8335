// SPDX-License-Identifier: MIT
#include "interpreted.h"

#include "resources.h"

#include <QByteArray>
#include <QDeadlineTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>

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

QByteArray formatInput(int n, const double* a, const double* b, int reps, int warmups) {
    QByteArray in;
    const qsizetype count = static_cast<qsizetype>(n) * n;
    in.reserve(32 + count * 2 * 26);
    in += QByteArray::number(n) + ' ' + QByteArray::number(reps) + ' ' +
          QByteArray::number(warmups) + '\n';
    for (const double* m : {a, b}) {
        for (qsizetype i = 0; i < count; ++i) {
            // 17 significant digits round-trip a double exactly.
            in += QByteArray::number(m[i], 'g', 17);
            in += ((i + 1) % n == 0) ? '\n' : ' ';
        }
    }
    return in;
}

bool parseOutput(const QByteArray& out, int n, InterpretedRun* run) {
    const QList<QByteArray> lines = out.split('\n');
    if (lines.size() < 2 + n || lines[0].trimmed() != "headroom-matmul 1") {
        run->error = QStringLiteral("malformed output from the interpreter");
        return false;
    }
    const QList<QByteArray> times = lines[1].simplified().split(' ');
    if (times.isEmpty() || times[0] != "times") {
        run->error = QStringLiteral("malformed timing line from the interpreter");
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
    run->c.assign(static_cast<std::size_t>(n) * n, 0.0);
    for (int i = 0; i < n; ++i) {
        const QList<QByteArray> row = lines[2 + i].simplified().split(' ');
        if (row.size() != n) {
            run->error = QStringLiteral("row %1 of C has %2 entries, expected %3")
                             .arg(i)
                             .arg(row.size())
                             .arg(n);
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

InterpretedRun runInterpreted(const QString& rung, int n, const double* a, const double* b,
                              int repetitions, int warmups, double timeoutSeconds,
                              const std::atomic<bool>* cancel) {
    InterpretedRun run;
    const bool python = rung == QLatin1String("python");
    const InterpreterInfo info = python ? pythonInfo() : javaInfo();
    if (!info.available) {
        run.error = info.reason;
        return run;
    }
    // The sources live in the Qt resources (so an installed binary has them); the interpreters
    // need real files, written to a private temporary directory.
    QTemporaryDir dir;
    if (!dir.isValid()) {
        run.error =
            QStringLiteral("cannot create a temporary directory: %1").arg(dir.errorString());
        return run;
    }
    const QString name = python ? QStringLiteral("matmul.py") : QStringLiteral("Matmul.java");
    const QString script = dir.filePath(name);
    ensureResources();
    QFile source(QStringLiteral(":/headroom/") + name);
    if (!source.exists()) {
        run.error =
            QStringLiteral("the %1 source is missing from this build's resources").arg(name);
        return run;
    }
    if (!source.copy(script)) {
        run.error = QStringLiteral("cannot write %1: %2").arg(script, source.errorString());
        return run;
    }
    QStringList args;
    if (python)
        args << QStringLiteral("-I") << script; // isolated: no user site, no PYTHON* variables
    else
        args << QStringLiteral("-Xss16m") << script;

    QProcess p;
    p.setWorkingDirectory(dir.path());
    p.start(info.program, args);
    if (!p.waitForStarted(10000)) {
        run.error = QStringLiteral("cannot start %1: %2").arg(info.program, p.errorString());
        return run;
    }
    p.write(formatInput(n, a, b, repetitions, warmups));
    p.closeWriteChannel();

    QByteArray out;
    const QDeadlineTimer deadline(static_cast<qint64>(timeoutSeconds * 1000));
    while (p.state() != QProcess::NotRunning) {
        if (cancel && cancel->load()) {
            p.kill();
            p.waitForFinished(5000);
            run.cancelled = true;
            run.error = QStringLiteral("cancelled");
            return run;
        }
        if (deadline.hasExpired()) {
            p.kill();
            p.waitForFinished(5000);
            run.error =
                QStringLiteral("%1 did not finish within %2 s").arg(rung).arg(timeoutSeconds);
            return run;
        }
        p.waitForFinished(50);
        out += p.readAllStandardOutput();
    }
    out += p.readAllStandardOutput();
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        const QString err = QString::fromUtf8(p.readAllStandardError()).trimmed().right(300);
        run.error = QStringLiteral("%1 exited with code %2%3")
                        .arg(rung)
                        .arg(p.exitCode())
                        .arg(err.isEmpty() ? QString() : QStringLiteral(": ") + err);
        return run;
    }
    run.ok = parseOutput(out, n, &run);
    if (run.ok && run.seconds.size() != repetitions) {
        run.ok = false;
        run.error =
            QStringLiteral("expected %1 timings, got %2").arg(repetitions).arg(run.seconds.size());
    }
    return run;
}

} // namespace headroom
