// SPDX-License-Identifier: MIT
#include "session.h"

#include "errorsink.h"

#include "filewrite.h"
#include "jsonread.h"
#include "ladderinfo.h"
#include "sessioncheck.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <limits>

#include <sys/stat.h>

namespace headroom {

namespace {
const QString kFormat = QStringLiteral("headroom-session");

// A byte-order mark, or the zero bytes ASCII gets in UTF-16 ("{" as 7B 00 or 00 7B).
bool looksLikeUtf16(const QByteArray& b) {
    if (b.startsWith("\xFF\xFE") || b.startsWith("\xFE\xFF"))
        return true;
    return b.size() >= 2 && (b[0] == 0) != (b[1] == 0);
}
constexpr qsizetype kMaxResults = 100000;
} // namespace

QJsonObject Session::toJson() const {
    QJsonObject o;
    o[QStringLiteral("format")] = kFormat;
    o[QStringLiteral("version")] = kVersion;
    if (!title.isEmpty())
        o[QStringLiteral("title")] = title;
    o[QStringLiteral("machine")] = machine.toJson();
    o[QStringLiteral("plan")] = plan.toJson();
    o[QStringLiteral("environment")] = environment;
    QJsonArray rs;
    for (const PointResult& r : results)
        rs.append(r.toJson());
    o[QStringLiteral("results")] = rs;
    return o;
}

std::optional<Session> Session::fromJson(const QJsonObject& o, QString* error) {
    const ErrorSink sink(&error);
    const QJsonValue format = o.value(QStringLiteral("format"));
    if (format.toString() != kFormat) {
        *error = QStringLiteral("not a Headroom session (\"format\" is not \"headroom-session\")");
        return std::nullopt;
    }
    const QJsonValue version = o.value(QStringLiteral("version"));
    const double v = version.toDouble(-1);
    const bool whole = version.isDouble() && std::isfinite(v) && v == std::floor(v);
    if (whole && v > kVersion && v <= std::numeric_limits<int>::max()) {
        *error = QStringLiteral("this session was written by a newer Headroom (format version %1); "
                                "this version reads up to %2")
                     .arg(static_cast<int>(v))
                     .arg(kVersion);
        return std::nullopt;
    }
    if (!whole || v < 1 || v > kVersion) {
        *error = QStringLiteral("session: \"version\" is %1, not a format version this Headroom "
                                "reads (whole numbers 1 to %2)")
                     .arg(version.isDouble() ? QString::number(v, 'g', 6)
                                             : QStringLiteral("not a number"))
                     .arg(kVersion);
        return std::nullopt;
    }

    if (const QString why = checkSessionStrings(o); !why.isEmpty()) {
        *error = why;
        return std::nullopt;
    }
    JsonReader r(o, QStringLiteral("session"));
    Session s;
    s.title = r.string(QStringLiteral("title"), QString());
    const QJsonObject machine = r.object(QStringLiteral("machine"));
    const QJsonObject plan = r.object(QStringLiteral("plan"));
    s.environment = r.object(QStringLiteral("environment"), false);
    const QJsonArray results = r.array(QStringLiteral("results"));
    if (!r.ok()) {
        *error = r.error();
        return std::nullopt;
    }
    QString sub;
    auto m = Machine::fromJson(machine, &sub);
    if (!m) {
        *error = QStringLiteral("session: machine: ") + sub;
        return std::nullopt;
    }
    s.machine = std::move(*m);
    auto p = Plan::fromJson(plan, &sub);
    if (!p) {
        *error = QStringLiteral("session: ") + sub;
        return std::nullopt;
    }
    s.plan = std::move(*p);
    if (results.size() > kMaxResults) {
        *error = QStringLiteral("session: more than %1 results").arg(kMaxResults);
        return std::nullopt;
    }
    for (qsizetype i = 0; i < results.size(); ++i) {
        if (!results[i].isObject()) {
            *error = QStringLiteral("session: results[%1] is not an object").arg(i);
            return std::nullopt;
        }
        auto pr = PointResult::fromJson(results[i].toObject(), &sub);
        if (!pr) {
            *error = QStringLiteral("session: results[%1]: %2").arg(i).arg(sub);
            return std::nullopt;
        }
        if (!isKnownRung(pr->rung)) {
            *error = QStringLiteral("session: results[%1]: unknown rung \"%2\"")
                         .arg(i)
                         .arg(pr->rung.left(40));
            return std::nullopt;
        }
        s.results.append(*pr);
    }
    if (const QString why = checkSessionPoints(s); !why.isEmpty()) {
        *error = why;
        return std::nullopt;
    }
    return s;
}

std::optional<Session> Session::fromBytes(const QByteArray& bytes, QString* error) {
    const ErrorSink sink(&error);
    if (bytes.isEmpty()) {
        *error = QStringLiteral("the file is empty");
        return std::nullopt;
    }
    if (bytes.size() > kMaxFileBytes) {
        *error = QStringLiteral("the file is larger than %1 MiB: not a session")
                     .arg(kMaxFileBytes >> 20);
        return std::nullopt;
    }
    if (looksLikeUtf16(bytes)) {
        *error = QStringLiteral("the file is UTF-16 text; a session is UTF-8 JSON (convert it: "
                                "iconv -f UTF-16 -t UTF-8)");
        return std::nullopt;
    }
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &pe);
    if (pe.error != QJsonParseError::NoError) {
        *error =
            QStringLiteral("not valid JSON (%1 at byte %2)").arg(pe.errorString()).arg(pe.offset);
        return std::nullopt;
    }
    if (!doc.isObject()) {
        *error = QStringLiteral("not a Headroom session (the JSON is not an object)");
        return std::nullopt;
    }
    return fromJson(doc.object(), error);
}

std::optional<Session> Session::load(const QString& path, QString* error) {
    const ErrorSink sink(&error);
    const QFileInfo info(path);
    if (!info.exists()) {
        // stat's own reason: a symlink loop is not "no such file".
        struct stat st {};
        const int e = ::stat(QFile::encodeName(path).constData(), &st) == 0 ? 0 : errno;
        if (e == ENOENT && info.isSymLink())
            *error = QStringLiteral("%1: a symbolic link to %2, which does not exist")
                         .arg(path, info.symLinkTarget());
        else if (e == ENOENT || e == 0)
            *error = QStringLiteral("%1: no such file").arg(path);
        else
            *error = QStringLiteral("%1: %2").arg(path, QString::fromLocal8Bit(std::strerror(e)));
        return std::nullopt;
    }
    if (!info.isFile()) {
        *error = QStringLiteral("%1: not a regular file").arg(path);
        return std::nullopt;
    }
    if (info.size() > kMaxFileBytes) {
        *error = QStringLiteral("%1: larger than %2 MiB: not a session")
                     .arg(path)
                     .arg(kMaxFileBytes >> 20);
        return std::nullopt;
    }
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: %2").arg(path, f.errorString());
        return std::nullopt;
    }
    const QByteArray bytes = f.read(kMaxFileBytes + 1);
    QString why;
    auto s = fromBytes(bytes, &why);
    if (!s)
        *error = QStringLiteral("%1: %2").arg(path, why);
    return s;
}

bool Session::save(const QString& path, QString* error) const {
    return writeFileChecked(path, QJsonDocument(toJson()).toJson(QJsonDocument::Indented), error);
}

const PointResult* Session::find(const QString& rung, int n) const {
    for (const PointResult& r : results)
        if (r.rung == rung && r.n == n)
            return &r;
    return nullptr;
}

} // namespace headroom
