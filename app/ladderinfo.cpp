// SPDX-License-Identifier: MIT
#include "ladderinfo.h"

#include "interpreted.h"

#include <cpu.h>
#include <ladder.h>
#include <registry.h>

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
            const InterpreterInfo info =
                s.id == QLatin1String("python") ? pythonInfo() : javaInfo();
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
            s.available = kernels::openblas_available();
            if (!s.available)
                s.reason = QStringLiteral("OpenBLAS is not installed (libopenblas.so.0 not found; "
                                          "on Debian/Ubuntu: apt install libopenblas0)");
            break;
        }
        if (s.id == QLatin1String("microkernel")) {
            std::string note;
            const kernels::Isa isa = kernels::selectedIsa(&note);
            s.detail = QStringLiteral("ISA path: %1").arg(QLatin1String(kernels::isaName(isa)));
            if (!note.empty())
                s.detail += QStringLiteral(" (") + QString::fromStdString(note) + QLatin1Char(')');
        }
        list.append(s);
    }
    return list;
}
} // namespace

QList<RungStatus> rungStatuses() {
    static std::once_flag once;
    static QList<RungStatus> list;
    std::call_once(once, [] { list = detect(); });
    return list;
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

QStringList allRungIds() {
    QStringList ids;
    for (const auto& r : kernels::ladder())
        ids << fromView(r.id);
    return ids;
}

} // namespace headroom
