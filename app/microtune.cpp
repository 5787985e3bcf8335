// SPDX-License-Identifier: MIT
#include "microtune.h"

#include "filewrite.h"
#include "format.h"

#include "ladderinfo.h"
#include "topology.h"

#include <cpu.h>
#include <microkernel.h>
#include <tuning.h>

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>

#include <algorithm>
#include <cmath>

namespace headroom {

namespace {

const QLatin1String kFormat("headroom-microkernel-tuning");
// 2: NC is at least 4096 (the model's NC of version 1 repacked A for every 1344 columns here).
// 3: the loop order is part of the choice.
constexpr int kVersion = 3;

QString orderKey(kernels::LoopOrder order) {
    return order == kernels::LoopOrder::ASliverInL1 ? QStringLiteral("a_sliver_in_l1")
                                                    : QStringLiteral("b_sliver_in_l1");
}

// What the tuned choice depends on: the CPU, the ISA it runs and the cache sizes it was sized for.
QJsonObject cacheKey(const Machine& m) {
    const kernels::CpuInfo& cpu = kernels::cpuInfo();
    QStringList features;
    for (const std::string& f : cpu.features)
        features.append(QString::fromStdString(f));
    QJsonObject k;
    k[QStringLiteral("cpu")] = QString::fromStdString(cpu.brand);
    k[QStringLiteral("vendor")] = QString::fromStdString(cpu.vendor);
    k[QStringLiteral("family")] = cpu.family;
    k[QStringLiteral("model")] = cpu.model;
    k[QStringLiteral("stepping")] = cpu.stepping;
    k[QStringLiteral("features")] = features.join(u' ');
    k[QStringLiteral("isa")] = QLatin1String(kernels::isaName(kernels::selectedIsa()));
    k[QStringLiteral("l1d")] = m.caches.l1d;
    k[QStringLiteral("l2")] = m.caches.l2;
    k[QStringLiteral("l3")] = m.caches.l3;
    return k;
}

// The cached choice when the file is this machine's and names a kernel of this build with
// sane block sizes; nullopt otherwise (a stale or damaged entry is searched again).
std::optional<kernels::MicrokernelChoice> loadCached(const Machine& m) {
    QFile f(microkernelCachePath(m));
    if (!f.open(QIODevice::ReadOnly) || f.size() > (1 << 20))
        return std::nullopt;
    const QJsonObject o = QJsonDocument::fromJson(f.readAll()).object();
    if (o.value(QStringLiteral("format")).toString() != kFormat ||
        o.value(QStringLiteral("version")).toInt() != kVersion ||
        o.value(QStringLiteral("key")).toObject() != cacheKey(m))
        return std::nullopt;
    auto choice = kernels::microkernelChoiceNamed(
        o.value(QStringLiteral("kernel")).toString().toStdString(), kernelCaches(m.caches));
    if (!choice || choice->isaId != kernels::selectedIsa())
        return std::nullopt;
    const int kc = o.value(QStringLiteral("kc")).toInt(),
              mc = o.value(QStringLiteral("mc")).toInt(),
              nc = o.value(QStringLiteral("nc")).toInt();
    if (kc < 1 || kc > 4096 || mc < 1 || mc > 16384 || nc < 1 || nc > 65536)
        return std::nullopt;
    const QString order = o.value(QStringLiteral("loop_order")).toString();
    const auto orders = {kernels::LoopOrder::ASliverInL1, kernels::LoopOrder::BSliverInL1};
    const auto known = std::find_if(orders.begin(), orders.end(),
                                    [&](kernels::LoopOrder x) { return orderKey(x) == order; });
    if (known == orders.end())
        return std::nullopt;
    choice->kc = kc;
    choice->mc = mc;
    choice->nc = nc;
    choice->order = *known;
    const double serial = o.value(QStringLiteral("serial_below")).toDouble(-1);
    if (serial >= 0 && serial <= 1e12)
        choice->serialBelow = serial;
    choice->how = "tuned " + o.value(QStringLiteral("date")).toString().left(10).toStdString();
    return choice;
}

void store(const Machine& m, const kernels::TuneOutcome& out, QString* warning) {
    const QString path = microkernelCachePath(m);
    if (path.isEmpty()) {
        *warning = QStringLiteral("no cache directory: the tuned micro-kernel is not cached");
        return;
    }
    QJsonObject o;
    o[QStringLiteral("format")] = kFormat;
    o[QStringLiteral("version")] = kVersion;
    o[QStringLiteral("key")] = cacheKey(m);
    o[QStringLiteral("kernel")] = QString::fromStdString(out.best->kernelName);
    o[QStringLiteral("kc")] = out.best->kc;
    o[QStringLiteral("mc")] = out.best->mc;
    o[QStringLiteral("nc")] = out.best->nc;
    o[QStringLiteral("loop_order")] = orderKey(out.best->order);
    o[QStringLiteral("serial_below")] = out.best->serialBelow;
    o[QStringLiteral("date")] = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
    QJsonArray trials;
    for (const kernels::TuneTrial& t : out.trials) {
        QJsonObject j;
        j[QStringLiteral("kernel")] = QString::fromStdString(t.choice.kernelName);
        j[QStringLiteral("kc")] = t.choice.kc;
        j[QStringLiteral("mc")] = t.choice.mc;
        j[QStringLiteral("nc")] = t.choice.nc;
        j[QStringLiteral("loop_order")] = orderKey(t.choice.order);
        if (t.failure.empty())
            j[QStringLiteral("gflops")] = t.gflops;
        else
            j[QStringLiteral("failure")] = QString::fromStdString(t.failure);
        trials.append(j);
    }
    o[QStringLiteral("trials")] = trials;
    QDir().mkpath(QFileInfo(path).absolutePath());
    QString error;
    if (!writeFileChecked(path, QJsonDocument(o).toJson(QJsonDocument::Indented), &error))
        *warning = QStringLiteral("the tuned micro-kernel is not cached: ") + error;
}

QString describe(const kernels::MicrokernelChoice& c) {
    return QStringLiteral("%1, %7, KC %2, MC %3, NC %4, one thread below n = %5 (%6)")
        .arg(QString::fromStdString(c.kernelName))
        .arg(c.kc)
        .arg(c.mc)
        .arg(c.nc)
        .arg(std::cbrt(c.serialBelow), 0, 'f', 0)
        .arg(QString::fromStdString(c.how), QLatin1String(kernels::loopOrderName(c.order)));
}

} // namespace

QString microkernelCachePath(const Machine& m) {
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::CacheLocation);
    if (dir.isEmpty())
        return {};
    return dir % QStringLiteral("/machines/") % topologyHash(m.topology) %
           QStringLiteral("-microkernel.json");
}

QString prepareMicrokernel(const Machine& m, TuneWhen when,
                           const std::function<void(double, const QString&)>& progress,
                           const std::atomic<bool>* cancel, double budgetSeconds, int productSize) {
    const bool modelOnly = qEnvironmentVariable("HEADROOM_TUNE") == QLatin1String("model");
    if (modelOnly && when != TuneWhen::Now) {
        kernels::setTunedMicrokernel(std::nullopt);
        return QStringLiteral("micro-kernel: the analytical model (HEADROOM_TUNE=model)");
    }
    if (when != TuneWhen::Now) {
        if (auto cached = loadCached(m)) {
            kernels::setTunedMicrokernel(cached);
            return QStringLiteral("micro-kernel: ") + describe(*cached);
        }
        if (when == TuneWhen::CachedOnly)
            return QStringLiteral("micro-kernel: the analytical model (not tuned yet on this "
                                  "machine: tuned on the rung's first run or with --tune)");
    }
    const kernels::TuneOutcome out = kernels::tuneMicrokernel(
        kernelCaches(m.caches), budgetSeconds, productSize,
        [&](double f, const std::string& text) {
            if (progress)
                progress(f, QString::fromStdString(text));
        },
        cancel);
    QString dropped;
    for (const kernels::TuneTrial& t : out.trials)
        if (!t.failure.empty())
            dropped += QStringLiteral("; dropped %1: %2")
                           .arg(QString::fromStdString(kernels::describeCandidate(t.choice)),
                                QString::fromStdString(t.failure));
    if (out.cancelled || !out.best) {
        kernels::setTunedMicrokernel(loadCached(m));
        return (out.cancelled ? QStringLiteral("micro-kernel tuning cancelled")
                              : QStringLiteral("micro-kernel tuning found no candidate that "
                                               "verified")) +
               dropped;
    }
    QString warning;
    store(m, out, &warning);
    kernels::MicrokernelChoice best = *out.best;
    best.how =
        "tuned " + QDateTime::currentDateTimeUtc().toString(Qt::ISODate).left(10).toStdString();
    kernels::setTunedMicrokernel(best);
    double gflops = 0;
    for (const kernels::TuneTrial& t : out.trials)
        if (t.failure.empty() && t.choice.kernelName == best.kernelName &&
            t.choice.order == best.order && t.choice.kc == best.kc && t.choice.mc == best.mc &&
            t.choice.nc == best.nc)
            gflops = t.gflops;
    return QStringLiteral("micro-kernel: %1, %2 on one core; %3 of %4 candidates in %5%6%7")
        .arg(describe(best), format::rate(gflops, format::Rate::Gflops))
        .arg(out.trials.size())
        .arg(out.candidates)
        .arg(format::seconds(out.seconds))
        .arg(dropped, warning.isEmpty() ? QString() : u"; " + warning);
}

} // namespace headroom
