// SPDX-License-Identifier: MIT
#include "ladderinfo.h"

#include "interpreted.h"
#include "machinestore.h"
#include "runtimepolicy.h"

#include <cpu.h>
#include <ladder.h>
#include <microkernel.h>
#include <registry.h>

#include <cmath>
#include <mutex>

namespace headroom {

namespace {
QString fromView(std::string_view v) {
    return QString::fromUtf8(v.data(), static_cast<qsizetype>(v.size()));
}

QList<RungStatus> detect() {
    QList<RungStatus> list;
    for (const auto& r : kernels::ladder()) {
        RungStatus s;
        s.id = fromView(r.id);
        s.name = fromView(r.name);
        s.whatChanged = fromView(r.whatChanged);
        s.flags = fromView(r.flags);
        switch (r.kind) {
        case kernels::RungKind::Interpreted: {
            s.kind = QStringLiteral("interpreted");
            const Interpreter* interpreter = interpreterFor(s.id);
            const InterpreterInfo info =
                interpreter ? interpreter->info()
                            : InterpreterInfo{false, {}, {}, QStringLiteral("no interpreter")};
            s.available = info.available;
            s.reason = info.reason;
            s.detail = info.version;
            break;
        }
        case kernels::RungKind::Native:
            s.kind = QStringLiteral("native");
            break;
        case kernels::RungKind::Reference:
            s.kind = QStringLiteral("reference");
            if (s.id == QLatin1String("blis")) {
                s.available = kernels::blis_available();
                s.detail = QString::fromStdString(kernels::blis_detail());
                if (!s.available)
                    s.reason = !s.detail.isEmpty()
                                   ? QStringLiteral("BLIS ") + s.detail
                                   : QStringLiteral("BLIS is not installed (libblis.so.4 not "
                                                    "found; on Debian/Ubuntu: apt install "
                                                    "libblis4)");
            } else {
                s.available = kernels::openblas_available();
                if (s.available) {
                    s.detail = QString::fromStdString(kernels::openblas_detail());
                    const QString from = openblasCoreProvenance();
                    if (!from.isEmpty())
                        s.detail += QStringLiteral(" (%1)").arg(from);
                } else {
                    s.reason =
                        QStringLiteral("OpenBLAS is not installed (libopenblas.so.0 not found; "
                                       "on Debian/Ubuntu: apt install libopenblas0)");
                }
            }
            break;
        }
        if (s.id == QLatin1String("microkernel"))
            s.detail = microkernelSummary(liveMachine().caches);
        else if (s.kind == QLatin1String("native"))
            s.detail = blockingSummary(s.id, liveMachine().caches);
        list.append(s);
    }
    return list;
}
} // namespace

kernels::CacheInfo kernelCaches(const EffectiveCaches& caches) {
    kernels::CacheInfo c;
    c.l1d = static_cast<std::size_t>(std::max<qint64>(0, caches.l1d));
    c.l2 = static_cast<std::size_t>(std::max<qint64>(0, caches.l2));
    c.l3 = static_cast<std::size_t>(std::max<qint64>(0, caches.l3));
    return c;
}

namespace {
kernels::CacheInfo cacheInfo(const EffectiveCaches& caches) {
    return kernelCaches(caches);
}
kernels::MicrokernelChoice choiceFor(const EffectiveCaches& caches) {
    return kernels::microkernelChoice(kernelCaches(caches));
}
} // namespace

QJsonObject blockingJson(const EffectiveCaches& caches) {
    const kernels::CacheBlocking b = kernels::cacheBlockingFor(kernelCaches(caches));
    QJsonObject tiled;
    tiled[QStringLiteral("rows")] = b.rows;
    tiled[QStringLiteral("depth")] = b.depth;
    tiled[QStringLiteral("cols")] = b.cols;
    QJsonObject o;
    o[QStringLiteral("tiled")] = tiled;
    o[QStringLiteral("dac_leaf")] = b.dacLeaf;
    o[QStringLiteral("vectorized_leaf")] = b.vectorizedLeaf;
    return o;
}

QString blockingSummary(const QString& rung, const EffectiveCaches& caches) {
    const kernels::CacheBlocking b = kernels::cacheBlockingFor(kernelCaches(caches));
    if (rung == QLatin1String("tiled"))
        return QStringLiteral("blocks of B %1 x %2 (%3 KiB, in L2), C strips of %2 (in L1), "
                              "%4-row work items")
            .arg(b.depth)
            .arg(b.cols)
            .arg(b.depth * b.cols * 8 / 1024)
            .arg(b.rows);
    if (rung == QLatin1String("dac"))
        return QStringLiteral("leaves of at most %1 per dimension, run by the tiled loop")
            .arg(b.dacLeaf);
    if (rung == QLatin1String("vectorized"))
        return QStringLiteral("leaves of at most %1 per dimension (three fit in L2)")
            .arg(b.vectorizedLeaf);
    return {};
}

QJsonObject microkernelJson(const EffectiveCaches& caches) {
    const kernels::MicrokernelChoice k = choiceFor(caches);
    QJsonObject o;
    o[QStringLiteral("kernel")] = QString::fromStdString(k.kernelName);
    o[QStringLiteral("isa")] = QString::fromStdString(k.isa);
    o[QStringLiteral("mr")] = k.mr;
    o[QStringLiteral("nr")] = k.nr;
    o[QStringLiteral("kc")] = k.kc;
    o[QStringLiteral("mc")] = k.mc;
    o[QStringLiteral("nc")] = k.nc;
    o[QStringLiteral("loop_order")] = QLatin1String(kernels::loopOrderName(k.order));
    o[QStringLiteral("chosen_by")] = QString::fromStdString(k.how);
    o[QStringLiteral("one_thread_below_n")] = std::round(std::cbrt(k.serialBelow));
    if (!k.note.empty())
        o[QStringLiteral("note")] = QString::fromStdString(k.note);
    return o;
}

QString microkernelSummary(const EffectiveCaches& caches) {
    const kernels::MicrokernelChoice k = choiceFor(caches);
    QString s =
        QStringLiteral("%1 (%2, MR x NR = %3 x %4, %10, KC = %5, MC = %6, NC = %7, one "
                       "thread below n = %8; %9)")
            .arg(QString::fromStdString(k.kernelName), QString::fromStdString(k.isa))
            .arg(k.mr)
            .arg(k.nr)
            .arg(k.kc)
            .arg(k.mc)
            .arg(k.nc)
            .arg(std::round(std::cbrt(k.serialBelow)))
            .arg(QString::fromStdString(k.how), QLatin1String(kernels::loopOrderName(k.order)));
    if (!k.note.empty())
        s += QStringLiteral("; ") + QString::fromStdString(k.note);
    return s;
}

QList<RungStatus> rungStatuses() {
    static std::once_flag once;
    static QList<RungStatus> list;
    static EffectiveCaches caches;
    std::call_once(once, [] {
        list = detect();
        caches = liveMachine().caches;
    });
    // The micro-kernel's choice changes when it is tuned: described afresh at every call.
    QList<RungStatus> now = list;
    const kernels::IsaRequest isa = kernels::isaRequest();
    for (RungStatus& s : now)
        if (s.id == QLatin1String("microkernel")) {
            s.detail = microkernelSummary(caches);
            // HEADROOM_ISA asking for a path this CPU lacks: refused, never run on another.
            s.available = !isa.refused;
            s.reason = isa.refused ? QString::fromStdString(isa.message) : QString();
        }
    return now;
}

RungStatus rungStatus(const QString& id) {
    for (const auto& s : rungStatuses())
        if (s.id == id)
            return s;
    RungStatus unknown;
    unknown.id = id;
    unknown.available = false;
    unknown.reason = QStringLiteral("unknown rung");
    return unknown;
}

bool isKnownRung(const QString& id) {
    return kernels::findRung(id.toStdString()) != nullptr;
}

QString rungName(const QString& id) {
    const kernels::RungInfo* info = kernels::findRung(id.toStdString());
    return info ? fromView(info->name) : id;
}

bool isReferenceRung(const QString& id) {
    const kernels::RungInfo* info = kernels::findRung(id.toStdString());
    return info && info->kind == kernels::RungKind::Reference;
}

QString referenceLibraryName(const QString& id) {
    // The registry's name without its " (reference)" suffix.
    QString name = rungName(id);
    const qsizetype paren = name.indexOf(QLatin1String(" ("));
    return paren > 0 ? name.left(paren) : name;
}

int ladderIndex(const QString& rungId) {
    const auto ladder = kernels::ladder();
    const QByteArray id = rungId.toUtf8();
    for (size_t i = 0; i < ladder.size(); ++i) {
        if (ladder[i].id == std::string_view(id.constData(), static_cast<size_t>(id.size())))
            return static_cast<int>(i);
    }
    return static_cast<int>(ladder.size()) + 1;
}

QStringList allRungIds() {
    QStringList ids;
    for (const auto& r : kernels::ladder())
        ids << fromView(r.id);
    return ids;
}

} // namespace headroom
