// SPDX-License-Identifier: MIT
#include "session.h"

#include "jsonread.h"
#include "ladderinfo.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QSaveFile>

namespace headroom {

namespace {
const QString kFormat = QStringLiteral("headroom-session");
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
    QString dummy;
    if (!error)
        error = &dummy;
    const QJsonValue format = o.value(QStringLiteral("format"));
    if (format.toString() != kFormat) {
        *error = QStringLiteral("not a Headroom session (\"format\" is not \"headroom-session\")");
        return std::nullopt;
    }
    const QJsonValue version = o.value(QStringLiteral("version"));
    if (!version.isDouble() || version.toDouble() != static_cast<int>(version.toDouble())) {
        *error = QStringLiteral("session: \"version\" must be a whole number");
        return std::nullopt;
    }
    const int v = static_cast<int>(version.toDouble());
    if (v > kVersion) {
        *error = QStringLiteral("this session was written by a newer Headroom (format version %1); "
                                "this version reads up to %2")
                     .arg(v)
                     .arg(kVersion);
        return std::nullopt;
    }
    if (v < 1) {
        *error = QStringLiteral("session: invalid format version %1").arg(v);
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
    return s;
}

std::optional<Session> Session::fromBytes(const QByteArray& bytes, QString* error) {
    QString dummy;
    if (!error)
        error = &dummy;
    if (bytes.isEmpty()) {
        *error = QStringLiteral("the file is empty");
        return std::nullopt;
    }
    if (bytes.size() > kMaxFileBytes) {
        *error = QStringLiteral("the file is larger than %1 MiB: not a session")
                     .arg(kMaxFileBytes >> 20);
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
    QString dummy;
    if (!error)
        error = &dummy;
    const QFileInfo info(path);
    if (!info.exists()) {
        *error = QStringLiteral("%1: no such file").arg(path);
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
    QString dummy;
    if (!error)
        error = &dummy;
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("cannot write %1: %2").arg(path, f.errorString());
        return false;
    }
    const QByteArray bytes = QJsonDocument(toJson()).toJson(QJsonDocument::Indented);
    if (f.write(bytes) != bytes.size()) {
        *error = QStringLiteral("cannot write %1: %2").arg(path, f.errorString());
        f.cancelWriting();
        return false;
    }
    if (!f.commit()) {
        *error = QStringLiteral("cannot write %1: %2").arg(path, f.errorString());
        return false;
    }
    return true;
}

const PointResult* Session::find(const QString& rung, int n) const {
    for (const PointResult& r : results)
        if (r.rung == rung && r.n == n)
            return &r;
    return nullptr;
}

} // namespace headroom
