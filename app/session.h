// SPDX-License-Identifier: MIT
// A session: machine + plan + environment + results, as a versioned JSON file
// ({"format": "headroom-session", "version": N}). Written atomically with QSaveFile; loading
// validates everything and never executes anything from the file.
#pragma once

#include "machine.h"
#include "plan.h"
#include "results.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace headroom {

struct Session {
    static constexpr int kVersion = 1;
    static constexpr qint64 kMaxFileBytes = 64ll * 1024 * 1024; // larger files are refused

    QString title; // free text, e.g. host name
    Machine machine;
    Plan plan;
    QJsonObject environment; // see environment.h
    QList<PointResult> results;

    QJsonObject toJson() const;
    static std::optional<Session> fromJson(const QJsonObject& o, QString* error);

    // Parses bytes (any content: truncated, binary, hostile) into a session, or an error.
    static std::optional<Session> fromBytes(const QByteArray& bytes, QString* error);
    static std::optional<Session> load(const QString& path, QString* error);
    // Atomic: the file on disk is the old one or the new one, never partial.
    bool save(const QString& path, QString* error) const;

    // The result for (rung, n), or nullptr.
    const PointResult* find(const QString& rung, int n) const;
};

} // namespace headroom
