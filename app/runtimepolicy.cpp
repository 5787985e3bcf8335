// SPDX-License-Identifier: MIT
#include "runtimepolicy.h"

#include <QByteArray>
#include <QStringList>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include <unistd.h>

namespace headroom {

namespace {

// Marks a process started by applyRuntimePolicy(): its children inherit it, so the policy is
// applied once per program start, and the user's values it replaced are kept here.
constexpr const char* kMarker = "HEADROOM_RUNTIME_POLICY";
constexpr const char* kOverridden = "HEADROOM_RUNTIME_OVERRIDDEN";
QString g_failure; // why the re-execution did not happen, if it did not

struct Setting {
    const char* name;
    QByteArray value;
};

// HEADROOM_OMP_WAIT_POLICY=default leaves OMP_WAIT_POLICY unset: libgomp's own spin-then-sleep,
// for experiments that compare it with the policy (#16), never the program's choice.
bool waitPolicyLeftToLibgomp() {
    return qgetenv("HEADROOM_OMP_WAIT_POLICY").toLower() == "default";
}

QList<Setting> wantedSettings() {
    QByteArray wait = qgetenv("HEADROOM_OMP_WAIT_POLICY").toLower();
    if (wait != "active")
        wait = waitPolicyLeftToLibgomp() ? QByteArray() : QByteArray("passive");
    return {{"OMP_WAIT_POLICY", wait},
            {"OMP_PROC_BIND", "false"},
            {"OMP_DYNAMIC", "false"},
            {"OPENBLAS_THREAD_TIMEOUT", "4"}};
}

QByteArray policyKey(const QList<Setting>& settings) {
    QByteArray key;
    for (const Setting& s : settings)
        key += QByteArray(s.name) + '=' + s.value + ';';
    return key;
}

// The policy is in force when the marker says this process was started with it and nothing has
// changed the variables since.
bool inForce(const QList<Setting>& wanted) {
    if (qgetenv(kMarker) != policyKey(wanted))
        return false;
    for (const Setting& s : wanted)
        if (qgetenv(s.name) != s.value)
            return false;
    return true;
}

} // namespace

void applyRuntimePolicy(char** argv) {
    const QList<Setting> wanted = wantedSettings();
    if (inForce(wanted))
        return; // this process was started with the policy in place
    QByteArray overridden;
    for (const Setting& s : wanted) {
        const QByteArray old = qgetenv(s.name);
        if (!old.isEmpty() && old != s.value)
            overridden += QByteArray(s.name) + '=' + old + ';';
        if (s.value.isEmpty())
            qunsetenv(s.name);
        else
            qputenv(s.name, s.value);
    }
    qputenv(kOverridden, overridden);
    qputenv(kMarker, policyKey(wanted));
    ::execv("/proc/self/exe", argv);
    // Only reached when the exec failed: run on, and say that the policy is not in force.
    g_failure = QStringLiteral("could not re-execute to apply it (%1)")
                    .arg(QString::fromLocal8Bit(std::strerror(errno)));
}

QJsonObject runtimePolicyJson() {
    QJsonObject o;
    const bool applied = inForce(wantedSettings()) && g_failure.isEmpty();
    for (const Setting& s : wantedSettings())
        o[QLatin1String(s.name).toString().toLower()] = QString::fromLocal8Bit(qgetenv(s.name));
    o[QStringLiteral("set_by")] =
        applied ? QStringLiteral("headroom") : QStringLiteral("environment (not re-executed)");
    if (!g_failure.isEmpty())
        o[QStringLiteral("problem")] = g_failure;
    QString overridden = QString::fromLocal8Bit(qgetenv(kOverridden));
    while (overridden.endsWith(QLatin1Char(';')))
        overridden.chop(1);
    if (!overridden.isEmpty())
        o[QStringLiteral("overridden")] = overridden;
    if (qgetenv("OMP_WAIT_POLICY").isEmpty())
        o[QStringLiteral("omp_wait_policy_unset")] =
            waitPolicyLeftToLibgomp()
                ? QStringLiteral(
                      "libgomp default: spin then sleep; HEADROOM_OMP_WAIT_POLICY=default")
                : QStringLiteral("libgomp default: spin then sleep");
    const QByteArray limit = qgetenv("OMP_THREAD_LIMIT");
    if (!limit.isEmpty())
        o[QStringLiteral("omp_thread_limit")] = QString::fromLocal8Bit(limit);
    o[QStringLiteral("binding")] = QStringLiteral("threads pinned by headroom with hwloc");
    return o;
}

QString runtimePolicyText() {
    const QJsonObject o = runtimePolicyJson();
    QStringList parts;
    for (const Setting& s : wantedSettings()) {
        const QString key = QLatin1String(s.name).toString().toLower();
        const QString value = o.value(key).toString();
        if (!value.isEmpty())
            parts << QStringLiteral("%1=%2").arg(QLatin1String(s.name), value);
        else if (const QString why = o.value(key + QStringLiteral("_unset")).toString();
                 !why.isEmpty())
            parts << QStringLiteral("%1 unset (%2)").arg(QLatin1String(s.name), why);
        else
            parts << QStringLiteral("%1 unset").arg(QLatin1String(s.name));
    }
    QString text =
        QStringLiteral("threading runtimes: %1 (set by %2)")
            .arg(parts.join(QLatin1Char(' ')), o.value(QStringLiteral("set_by")).toString());
    if (o.contains(QStringLiteral("overridden")))
        text += QStringLiteral("; replaced the environment's %1")
                    .arg(o.value(QStringLiteral("overridden")).toString());
    return text;
}

} // namespace headroom
