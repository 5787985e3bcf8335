// SPDX-License-Identifier: MIT
// The real binary run as a user runs it (no display), for the tests that check what it prints,
// its exit status and the files it leaves.
#pragma once

#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace {

struct Run {
    int exitCode = -1;
    bool crashed = false;
    bool finished = false;
    QString out, err;
};

Run runHeadroom(const QStringList& args, const QProcessEnvironment& extra = {},
                const QString& workDir = {}, int timeoutMs = 180000) {
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    const QStringList keys = extra.keys();
    for (const QString& k : keys)
        env.insert(k, extra.value(k));
    p.setProcessEnvironment(env);
    if (!workDir.isEmpty())
        p.setWorkingDirectory(workDir);
    p.start(QStringLiteral(HEADROOM_BINARY), args);
    Run r;
    r.finished = p.waitForFinished(timeoutMs);
    if (!r.finished) {
        p.kill();
        p.waitForFinished();
    }
    r.crashed = p.exitStatus() != QProcess::NormalExit;
    r.exitCode = r.crashed ? -1 : p.exitCode();
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

} // namespace
