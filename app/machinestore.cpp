// SPDX-License-Identifier: MIT
#include "machinestore.h"

#include "filewrite.h"

#include "bandwidthlevels.h"
#include "machinelimits.h"
#include "topology.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QStandardPaths>

namespace headroom {

namespace {

// Raised whenever a probe changes what it measures, so limits cached by an older probe are
// measured again. 2: the clock chain adds a register, not an immediate (Golden Cove and later
// fold add-immediate chains at rename; the old probe read 19 GHz there). 3: without a known L3
// the memory window starts at 256 MiB (it lay inside a cache before).
constexpr int kProbeRevision = 3;

// Cached limits are valid for one machine (same CPU model and topology) and one probe revision.
QString cachePath(const Topology& t) {
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::CacheLocation);
    if (dir.isEmpty())
        return {};
    return dir % QStringLiteral("/machines/") % topologyHash(t) % QStringLiteral("-probes") %
           QString::number(kProbeRevision) % QStringLiteral(".json");
}

std::optional<Limits> loadCachedLimits(const Topology& t, QStringList* warnings) {
    const QString path = cachePath(t);
    QFile f(path);
    if (path.isEmpty() || !f.open(QIODevice::ReadOnly))
        return std::nullopt;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &parseError);
    QString error;
    std::optional<Machine> cached;
    if (doc.isObject())
        cached = Machine::fromJson(doc.object(), &error);
    else
        error = parseError.errorString();
    if (!cached || !cached->limits) {
        warnings->append(QStringLiteral("ignored the unreadable cached limits in %1 (%2)")
                             .arg(path, error.isEmpty() ? QStringLiteral("no limits") : error));
        return std::nullopt;
    }
    if (topologyHash(cached->topology) != topologyHash(t))
        return std::nullopt;
    return cached->limits;
}

void storeLimits(const Machine& m, QStringList* warnings) {
    const QString path = cachePath(m.topology);
    if (path.isEmpty()) {
        warnings->append(QStringLiteral("no cache directory: limits not cached"));
        return;
    }
    QDir().mkpath(QFileInfo(path).absolutePath());
    QString error;
    if (!writeFileChecked(path, QJsonDocument(m.toJson()).toJson(QJsonDocument::Indented), &error))
        warnings->append(QStringLiteral("the limits are not cached: ") + error);
}

Machine withEffectiveCaches(Topology t) {
    Machine m;
    m.topology = std::move(t);
    m.caches = effectiveCaches(m.topology);
    for (const QString& w : std::as_const(m.caches.warnings))
        m.warnings.append(QStringLiteral("cache sizes: ") % w);
    return m;
}

Machine liveTopologyMachine() {
    QString error;
    if (auto t = loadLiveTopology(&error))
        return withEffectiveCaches(std::move(*t));
    // Never fail: the runner still needs a machine, so say what is missing.
    Topology t;
    t.source = QStringLiteral("live");
    t.cores = liveCoreCount();
    t.pus = t.cores;
    Machine m = withEffectiveCaches(std::move(t));
    m.warnings.append(error);
    return m;
}

void useLimits(Machine& m, std::optional<Limits> limits) {
    m.limits = std::move(limits);
    if (!m.limits)
        return;
    m.warnings += m.limits->warnings;
    const qsizetype known = m.caches.warnings.size();
    crossCheckCaches(&m.caches, *m.limits);
    for (qsizetype i = known; i < m.caches.warnings.size(); ++i)
        m.warnings.append(QStringLiteral("cache sizes: ") % m.caches.warnings.at(i));
}

} // namespace

Machine liveMachine() {
    Machine m = liveTopologyMachine();
    useLimits(m, loadCachedLimits(m.topology, &m.warnings));
    return m;
}

Machine measureLiveMachine(const QString& setting,
                           const std::function<void(double, const QString&)>& progress,
                           const std::atomic<bool>* cancel) {
    Machine m = liveTopologyMachine();
    Limits limits =
        measureLimits(m.topology, m.caches, LimitsSettings::named(setting), progress, cancel);
    if (limits.setting.isEmpty()) { // cancelled: keep what the cache had
        useLimits(m, loadCachedLimits(m.topology, &m.warnings));
        m.warnings.append(QStringLiteral("measurement cancelled"));
        return m;
    }
    useLimits(m, std::move(limits));
    storeLimits(m, &m.warnings);
    return m;
}

std::optional<Machine> machineFromXml(const QString& path, QString* error) {
    auto t = loadXmlTopology(path, error);
    if (!t)
        return std::nullopt;
    return withEffectiveCaches(std::move(*t));
}

} // namespace headroom
