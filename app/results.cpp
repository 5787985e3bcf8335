// SPDX-License-Identifier: MIT
#include "results.h"

#include "jsonread.h"

#include <QJsonValue>

namespace headroom {

QString statusName(PointStatus s) {
    switch (s) {
    case PointStatus::Pending:
        return QStringLiteral("pending");
    case PointStatus::Verified:
        return QStringLiteral("verified");
    case PointStatus::Failed:
        return QStringLiteral("failed");
    case PointStatus::Extrapolated:
        return QStringLiteral("extrapolated");
    case PointStatus::Unavailable:
        return QStringLiteral("unavailable");
    case PointStatus::Error:
        return QStringLiteral("error");
    }
    return QStringLiteral("error");
}

std::optional<PointStatus> statusFromName(const QString& s) {
    for (auto st : {PointStatus::Pending, PointStatus::Verified, PointStatus::Failed,
                    PointStatus::Extrapolated, PointStatus::Unavailable, PointStatus::Error})
        if (statusName(st) == s)
            return st;
    return std::nullopt;
}

namespace {
// "status": "sampled" is a verified point timed on sampled_rows of n rows; sampled_rows may
// also mark a failed one. Returns why the pair is inconsistent ("" when fine).
QString checkSampled(const QString& status, const QJsonObject& o, const PointResult* p) {
    const bool has = o.contains(QStringLiteral("sampled_rows"));
    if (status == QLatin1String("sampled") && !has)
        return QStringLiteral("\"sampled\" needs \"sampled_rows\"");
    if (has && (p->sampledRows < 1 || p->sampledRows > p->n))
        return QStringLiteral("\"sampled_rows\" must be from 1 to n");
    if (has && status != QLatin1String("sampled") && status != QLatin1String("failed"))
        return QStringLiteral("\"sampled_rows\" belongs to a sampled or failed point only");
    return {};
}
} // namespace

QString PointResult::statusText() const {
    return sampled() && verified() ? QStringLiteral("sampled") : statusName(status);
}

QJsonObject PointResult::toJson() const {
    QJsonObject o;
    o[QStringLiteral("rung")] = rung;
    o[QStringLiteral("n")] = n;
    o[QStringLiteral("status")] = statusText();
    o[QStringLiteral("seconds")] = seconds;
    o[QStringLiteral("seconds_min")] = secondsMin;
    if (secondsHigh > 0) {
        o[QStringLiteral("seconds_low")] = secondsLow;
        o[QStringLiteral("seconds_high")] = secondsHigh;
    }
    o[QStringLiteral("cv")] = cv;
    o[QStringLiteral("gflops")] = gflops;
    o[QStringLiteral("verified")] = verified();
    o[QStringLiteral("extrapolated")] = extrapolated();
    o[QStringLiteral("repetitions")] = repetitions;
    o[QStringLiteral("threads")] = threads;
    o[QStringLiteral("check")] = check;
    o[QStringLiteral("message")] = message;
    if (extrapolatedFrom > 0)
        o[QStringLiteral("extrapolated_from")] = extrapolatedFrom;
    if (machineSpeed > 0)
        o[QStringLiteral("machine_speed")] = machineSpeed;
    if (sampled())
        o[QStringLiteral("sampled_rows")] = sampledRows;
    if (intensity)
        o[QStringLiteral("intensity")] = intensityToJson(*intensity);
    return o;
}

std::optional<PointResult> PointResult::fromJson(const QJsonObject& o, QString* error) {
    JsonReader r(o, QStringLiteral("result"));
    PointResult p;
    p.rung = r.string(QStringLiteral("rung"));
    p.n = r.integer(QStringLiteral("n"), 1, 1 << 20);
    const QString status = r.string(QStringLiteral("status"));
    p.seconds = r.number(QStringLiteral("seconds"), 0, 1e12);
    p.secondsMin = r.number(QStringLiteral("seconds_min"), 0, 1e12, 0);
    p.secondsLow = r.number(QStringLiteral("seconds_low"), 0, 1e12, 0);
    p.secondsHigh = r.number(QStringLiteral("seconds_high"), 0, 1e12, 0);
    p.cv = r.number(QStringLiteral("cv"), 0, 1e6, 0);
    p.gflops = r.number(QStringLiteral("gflops"), 0, 1e9);
    p.repetitions = r.integer(QStringLiteral("repetitions"), 0, 1 << 30, 0);
    p.threads = r.integer(QStringLiteral("threads"), 1, 1 << 16, 1);
    p.check = r.string(QStringLiteral("check"), QString());
    p.message = r.string(QStringLiteral("message"), QString());
    p.extrapolatedFrom = r.integer(QStringLiteral("extrapolated_from"), 0, 1 << 20, 0);
    p.machineSpeed = r.number(QStringLiteral("machine_speed"), 0, 100, 0);
    p.sampledRows = r.integer(QStringLiteral("sampled_rows"), 0, 1 << 20, 0);
    const QJsonObject intensity = r.object(QStringLiteral("intensity"), false);
    if (!r.ok()) {
        *error = r.error();
        return std::nullopt;
    }
    if (p.rung.isEmpty() || p.rung.size() > 64) {
        *error = QStringLiteral("result: \"rung\" must be a short non-empty id");
        return std::nullopt;
    }
    if (const QString bad = checkSampled(status, o, &p); !bad.isEmpty()) {
        *error = QStringLiteral("result %1 n=%2: %3").arg(p.rung).arg(p.n).arg(bad);
        return std::nullopt;
    }
    const auto st = statusFromName(
        status == QLatin1String("sampled") ? statusName(PointStatus::Verified) : status);
    if (!st) {
        *error = QStringLiteral("result %1 n=%2: unknown status \"%3\"")
                     .arg(p.rung)
                     .arg(p.n)
                     .arg(status.left(40));
        return std::nullopt;
    }
    p.status = *st;
    if (o.contains(QStringLiteral("intensity"))) {
        QString sub;
        p.intensity = intensityFromJson(intensity, &sub);
        if (!p.intensity) {
            *error = QStringLiteral("result %1 n=%2: %3").arg(p.rung).arg(p.n).arg(sub);
            return std::nullopt;
        }
    }
    // The flags must agree with the status: a file cannot claim a failed point verified.
    const bool verifiedFlag = o.value(QStringLiteral("verified")).toBool(p.verified());
    const bool extrapolatedFlag = o.value(QStringLiteral("extrapolated")).toBool(p.extrapolated());
    if (verifiedFlag != p.verified() || extrapolatedFlag != p.extrapolated()) {
        *error =
            QStringLiteral("result %1 n=%2: \"verified\"/\"extrapolated\" contradict \"status\"")
                .arg(p.rung)
                .arg(p.n);
        return std::nullopt;
    }
    if (p.secondsHigh > 0 && !(p.secondsLow <= p.seconds && p.seconds <= p.secondsHigh)) {
        *error = QStringLiteral("result %1 n=%2: \"seconds\" lies outside "
                                "[\"seconds_low\", \"seconds_high\"]")
                     .arg(p.rung)
                     .arg(p.n);
        return std::nullopt;
    }
    return p;
}

} // namespace headroom
