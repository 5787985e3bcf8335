// SPDX-License-Identifier: MIT
#include "runtimepolicy.h"

#include <QByteArray>
#include <QStringList>

#include <cpu.h>
#include <ladder.h>

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
// The kernel family OpenBLAS chose by itself before headroom replaced it with a stronger one.
constexpr const char* kOpenblasDetected = "HEADROOM_OPENBLAS_DETECTED";
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

// OpenBLAS 0.3.21 picks its kernel once, when it is loaded, and falls back to an old one on a
// CPU newer than itself (Prescott's SSE3 on a Xeon of family 6 model 207, Haswell on Zen 5):
// a yardstick several times slower than the library can be. Unless the user chose a kernel
// family, load it here (this process is replaced by the exec right after) and ask which one it
// took; when the CPU runs a stronger family, the re-executed program gets that one.
void chooseOpenblasCore() {
    if (!qgetenv("OPENBLAS_CORETYPE").isEmpty() || qEnvironmentVariableIsSet(kOpenblasDetected))
        return;
    const std::string detected = kernels::openblas_core();
    const std::string stronger = kernels::openblasStrongerCore(detected, kernels::cpuInfo());
    if (stronger.empty())
        return;
    qputenv("OPENBLAS_CORETYPE", QByteArray::fromStdString(stronger));
    qputenv(kOpenblasDetected, QByteArray::fromStdString(detected));
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
    chooseOpenblasCore();
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
    const QByteArray detected = qgetenv(kOpenblasDetected);
    if (!detected.isEmpty()) {
        o[QStringLiteral("openblas_coretype")] =
            QString::fromLocal8Bit(qgetenv("OPENBLAS_CORETYPE"));
        o[QStringLiteral("openblas_detected_core")] = QString::fromLocal8Bit(detected);
    }
    return o;
}

QString openblasCoreProvenance() {
    const std::string running = kernels::openblas_core();
    if (running.empty())
        return {};
    const QString core = QString::fromStdString(running);
    const QByteArray detected = qgetenv(kOpenblasDetected);
    const QByteArray asked = qgetenv("OPENBLAS_CORETYPE");
    if (!detected.isEmpty() && asked.toLower() == core.toLower().toUtf8())
        return QStringLiteral("chosen by headroom: OpenBLAS took its %1 kernel on this CPU by "
                              "itself, a fallback for a CPU newer than it")
            .arg(QString::fromLocal8Bit(detected));
    QString text = asked.isEmpty() ? QStringLiteral("OpenBLAS's own choice")
                                   : QStringLiteral("OPENBLAS_CORETYPE=%1 from the environment")
                                         .arg(QString::fromLocal8Bit(asked));
    const std::string stronger = kernels::openblasStrongerCore(running, kernels::cpuInfo());
    if (!stronger.empty())
        text += QStringLiteral("; this CPU runs its %1 kernel, so the yardstick runs below the "
                               "library's best")
                    .arg(QString::fromStdString(stronger));
    return text;
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
