// SPDX-License-Identifier: MIT
#include "jsonread.h"

#include <QJsonValue>

#include <cmath>

namespace headroom {

JsonReader::JsonReader(const QJsonObject& object, QString context)
    : m_object(object)
    , m_context(std::move(context)) {}

void JsonReader::fail(const QString& message) {
    if (m_error.isEmpty())
        m_error = m_context % QStringLiteral(": ") % message;
}

bool JsonReader::present(const QString& key, bool required) {
    if (m_object.contains(key) && !m_object.value(key).isNull())
        return true;
    if (required)
        fail(QStringLiteral("missing \"%1\"").arg(key));
    return false;
}

QString JsonReader::string(const QString& key, std::optional<QString> fallback) {
    if (!present(key, !fallback))
        return fallback.value_or(QString());
    const QJsonValue v = m_object.value(key);
    if (!v.isString()) {
        fail(QStringLiteral("\"%1\" must be a string").arg(key));
        return {};
    }
    return v.toString();
}

double JsonReader::number(const QString& key, double min, double max,
                          std::optional<double> fallback) {
    if (!present(key, !fallback))
        return fallback.value_or(0.0);
    const QJsonValue v = m_object.value(key);
    if (!v.isDouble()) {
        fail(QStringLiteral("\"%1\" must be a number").arg(key));
        return 0;
    }
    const double d = v.toDouble();
    if (!std::isfinite(d) || d < min || d > max) {
        fail(QStringLiteral("\"%1\" = %2 is outside %3..%4").arg(key).arg(d).arg(min).arg(max));
        return 0;
    }
    return d;
}

qint64 JsonReader::integer64(const QString& key, qint64 min, qint64 max,
                             std::optional<qint64> fallback) {
    if (!present(key, !fallback))
        return fallback.value_or(0);
    const QJsonValue v = m_object.value(key);
    const double d = v.toDouble(std::nan(""));
    if (!v.isDouble() || !std::isfinite(d) || d != std::floor(d)) {
        fail(QStringLiteral("\"%1\" must be a whole number").arg(key));
        return 0;
    }
    if (d < static_cast<double>(min) || d > static_cast<double>(max)) {
        fail(QStringLiteral("\"%1\" = %2 is outside %3..%4").arg(key).arg(d).arg(min).arg(max));
        return 0;
    }
    return static_cast<qint64>(d);
}

int JsonReader::integer(const QString& key, int min, int max, std::optional<int> fallback) {
    return static_cast<int>(
        integer64(key, min, max, fallback ? std::optional<qint64>(*fallback) : std::nullopt));
}

bool JsonReader::boolean(const QString& key, std::optional<bool> fallback) {
    if (!present(key, !fallback))
        return fallback.value_or(false);
    const QJsonValue v = m_object.value(key);
    if (!v.isBool()) {
        fail(QStringLiteral("\"%1\" must be true or false").arg(key));
        return false;
    }
    return v.toBool();
}

QJsonObject JsonReader::object(const QString& key, bool required) {
    if (!present(key, required))
        return {};
    const QJsonValue v = m_object.value(key);
    if (!v.isObject()) {
        fail(QStringLiteral("\"%1\" must be an object").arg(key));
        return {};
    }
    return v.toObject();
}

QJsonArray JsonReader::array(const QString& key, bool required) {
    if (!present(key, required))
        return {};
    const QJsonValue v = m_object.value(key);
    if (!v.isArray()) {
        fail(QStringLiteral("\"%1\" must be an array").arg(key));
        return {};
    }
    return v.toArray();
}

} // namespace headroom
