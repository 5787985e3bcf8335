// SPDX-License-Identifier: MIT
// Strict, typed reading of untrusted JSON objects (session files): every getter checks type and
// range, and the first problem is kept as a readable message naming the key. No exceptions.
#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace headroom {

class JsonReader {
public:
    JsonReader(const QJsonObject& object, QString context);

    // Required when `fallback` is not given; a present value of the wrong type is always an error.
    QString string(const QString& key, std::optional<QString> fallback = std::nullopt);
    double number(const QString& key, double min, double max,
                  std::optional<double> fallback = std::nullopt);
    int integer(const QString& key, int min, int max, std::optional<int> fallback = std::nullopt);
    qint64 integer64(const QString& key, qint64 min, qint64 max,
                     std::optional<qint64> fallback = std::nullopt);
    bool boolean(const QString& key, std::optional<bool> fallback = std::nullopt);
    QJsonObject object(const QString& key, bool required = true);
    QJsonArray array(const QString& key, bool required = true);

    bool ok() const { return m_error.isEmpty(); }
    QString error() const { return m_error; }
    void fail(const QString& message);

private:
    bool present(const QString& key, bool required);

    QJsonObject m_object;
    QString m_context;
    QString m_error;
};

} // namespace headroom
