// SPDX-License-Identifier: MIT
#include "environment.h"

#include "intensity.h"
#include "interpreted.h"
#include "ladderinfo.h"
#include "runtimepolicy.h"

#include <cpu.h>
#include <matrix.h>
#include <registry.h>

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QSysInfo>

namespace headroom {

namespace {
QString readFirstLine(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(f.readLine()).trimmed();
}
QString fromView(std::string_view v) {
    return QString::fromUtf8(v.data(), static_cast<qsizetype>(v.size()));
}
} // namespace

QJsonObject collectEnvironment(const Machine& machine, int threads, const QString& binding,
                               const QList<RungStatus>& rungStatuses) {
    QJsonObject e;
    e[QStringLiteral("program")] = QStringLiteral("headroom");
    e[QStringLiteral("version")] = QStringLiteral(HEADROOM_VERSION);
    e[QStringLiteral("date")] = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
    e[QStringLiteral("host")] = QSysInfo::machineHostName();
    e[QStringLiteral("os")] = QSysInfo::prettyProductName();
    e[QStringLiteral("kernel")] =
        QString(QSysInfo::kernelType() + QLatin1Char(' ') + QSysInfo::kernelVersion());
    e[QStringLiteral("arch")] = QSysInfo::currentCpuArchitecture();
    const kernels::CpuInfo& cpu = kernels::cpuInfo();
    e[QStringLiteral("cpu_model")] = machine.topology.cpuModel.isEmpty()
                                         ? QString::fromStdString(cpu.brand)
                                         : machine.topology.cpuModel;
    e[QStringLiteral("cpu_uarch")] = QString::fromStdString(cpu.uarch);
    e[QStringLiteral("compiler")] = fromView(kernels::compilerId());
    e[QStringLiteral("build_type")] = fromView(kernels::buildType());
    QJsonObject flags;
    for (const RungStatus& r : rungStatuses)
        if (!r.flags.isEmpty())
            flags[r.id] = r.flags;
    e[QStringLiteral("rung_flags")] = flags;
    QJsonObject rungs;
    for (const RungStatus& r : rungStatuses) {
        QJsonObject o;
        o[QStringLiteral("available")] = r.available;
        if (!r.reason.isEmpty())
            o[QStringLiteral("reason")] = r.reason;
        if (!r.detail.isEmpty())
            o[QStringLiteral("detail")] = r.detail;
        rungs[r.id] = o;
    }
    e[QStringLiteral("rungs")] = rungs;
    e[QStringLiteral("microkernel")] = microkernelJson(machine.caches);
    e[QStringLiteral("blocking")] = blockingJson(machine.caches);
    e[QStringLiteral("cache_counters")] = cacheCountersJson();
    e[QStringLiteral("threads")] = threads;
    e[QStringLiteral("binding")] = binding;
    e[QStringLiteral("threading_runtime")] = runtimePolicyJson();
    e[QStringLiteral("buffer_placement")] =
        QJsonObject{{QStringLiteral("a"), qint64(kernels::kPageOffsetA)},
                    {QStringLiteral("b"), qint64(kernels::kPageOffsetB)},
                    {QStringLiteral("c"), qint64(kernels::kPageOffsetC)},
                    {QStringLiteral("unit"), QStringLiteral("bytes past a 4 KiB page boundary")}};
    const QString governor =
        readFirstLine(QStringLiteral("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor"));
    e[QStringLiteral("governor")] = governor.isEmpty() ? QStringLiteral("unknown") : governor;
    QString boost = readFirstLine(QStringLiteral("/sys/devices/system/cpu/cpufreq/boost"));
    if (boost.isEmpty()) {
        const QString noTurbo =
            readFirstLine(QStringLiteral("/sys/devices/system/cpu/intel_pstate/no_turbo"));
        if (!noTurbo.isEmpty())
            boost = noTurbo == QLatin1String("0") ? QStringLiteral("1") : QStringLiteral("0");
    }
    e[QStringLiteral("boost")] = boost.isEmpty()               ? QStringLiteral("unknown")
                                 : boost == QLatin1String("1") ? QStringLiteral("on")
                                                               : QStringLiteral("off");
    for (const char* var :
         {"OPENBLAS_CORETYPE", "OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "HEADROOM_ISA"}) {
        const QByteArray v = qgetenv(var);
        if (!v.isEmpty())
            e[QLatin1String(var).toString().toLower()] = QString::fromLocal8Bit(v);
    }
    const InterpreterInfo py = pythonInfo();
    if (py.available)
        e[QStringLiteral("python")] = py.version;
    const InterpreterInfo java = javaInfo();
    if (java.available)
        e[QStringLiteral("java")] = java.version;
    const QStringList warnings = environmentWarnings(e);
    if (!warnings.isEmpty())
        e[QStringLiteral("warnings")] = QJsonArray::fromStringList(warnings);
    return e;
}

QStringList environmentWarnings(const QJsonObject& e) {
    QStringList w;
    const QString build = e.value(QStringLiteral("build_type")).toString();
    if (build.compare(QLatin1String("Debug"), Qt::CaseInsensitive) == 0)
        w << QStringLiteral("this is a Debug build: timings do not represent the ladder");
    const QString governor = e.value(QStringLiteral("governor")).toString();
    if (governor == QLatin1String("powersave") || governor == QLatin1String("ondemand") ||
        governor == QLatin1String("conservative"))
        w << QStringLiteral("CPU frequency scaling is on (governor %1): results may vary")
                 .arg(governor);
    // HEADROOM_ISA refused or not understood: said on the console and in the window, not only here.
    const QString isa = e.value(QStringLiteral("headroom_isa")).toString();
    if (!isa.isEmpty()) {
        const kernels::IsaRequest r =
            kernels::resolveIsaRequest(isa.toLocal8Bit().constData(), kernels::cpuInfo());
        if (!r.forced)
            w << QString::fromStdString(r.message);
    }
#if defined(__SANITIZE_ADDRESS__)
    w << QStringLiteral("built with AddressSanitizer: timings are not representative");
#endif
    return w;
}

} // namespace headroom
