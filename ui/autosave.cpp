// SPDX-License-Identifier: MIT
#include "autosave.h"

#include "filewrite.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

#include <algorithm>

namespace headroom::ui {

RunAutosave::RunAutosave(const QString& directory, QObject* parent)
    : QObject(parent)
    , m_directory(directory.isEmpty()
                      ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
                            QStringLiteral("/autosave")
                      : directory) {
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] { flush(); });
}

QString RunAutosave::defaultPath() const {
    return m_directory + QStringLiteral("/last-run.json");
}

QString RunAutosave::previousPath() const {
    return m_directory + QStringLiteral("/previous-run.json");
}

QString RunAutosave::markerPath() const {
    return m_directory + QStringLiteral("/run-in-progress");
}

void RunAutosave::begin(const QString& path, std::function<Session()> snapshot) {
    m_timer.stop();
    m_path = QFileInfo(path.isEmpty() ? defaultPath() : path).absoluteFilePath();
    QDir().mkpath(m_directory);
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    // The autosave file is overwritten by every run that was not saved elsewhere: the run
    // before (finished or not, perhaps never looked at) is kept one generation back.
    if (m_path == QFileInfo(defaultPath()).absoluteFilePath() && QFileInfo::exists(m_path)) {
        const QString keep = previousPath();
        QFile::remove(keep);
        QFile::copy(m_path, keep);
    }
    QFile::remove(finishedMarkerPath()); // the last finished run is about to be overwritten
    writeMarker();
    m_snapshot = std::move(snapshot);
    m_writes = 0;
    m_lastError.clear();
    m_sinceWrite.invalidate();
    m_dirty = true;
    flush(); // the plan and machine are on disk before the first point
}

void RunAutosave::pointArrived() {
    if (!isActive())
        return;
    m_dirty = true;
    if (m_timer.isActive())
        return;
    const qint64 since = m_sinceWrite.isValid() ? m_sinceWrite.elapsed() : m_intervalMs;
    m_timer.start(static_cast<int>(std::max<qint64>(0, m_intervalMs - since)));
}

bool RunAutosave::flush(QString* error) {
    if (!isActive() || !m_dirty)
        return true;
    const Session session = m_snapshot();
    QString why;
    m_sinceWrite.start();
    bool saved = session.save(m_path, &why);
    if (!saved && m_path != defaultPath()) {
        // The session file cannot be written (removed folder, full or read-only disk): the run
        // goes on into the autosave folder rather than losing its points.
        m_path = defaultPath();
        writeMarker();
        QString again;
        saved = session.save(m_path, &again);
        why += u'\n' + again;
    }
    if (!saved) {
        m_lastError = why;
        if (error)
            *error = why;
        Q_EMIT failed(why);
        return false;
    }
    m_dirty = false;
    ++m_writes;
    Q_EMIT written(m_path, static_cast<int>(session.results.size()));
    return true;
}

void RunAutosave::finish() {
    if (!isActive())
        return;
    m_timer.stop();
    m_dirty = true; // the end state (e.g. cancelled points) is always written
    const bool ok = flush();
    m_snapshot = nullptr;
    // Keep the marker if the last write failed: the file on disk is then behind the run.
    if (ok) {
        QFile::remove(markerPath());
        // The next window offers to reopen it (once): a fresh window is otherwise empty.
        QString ignored;
        writeFileChecked(finishedMarkerPath(), m_path.toUtf8(), &ignored);
    }
}

QString RunAutosave::finishedMarkerPath() const {
    return m_directory + QStringLiteral("/run-finished");
}

QString RunAutosave::finishedRunPath() const {
    QFile marker(finishedMarkerPath());
    if (isActive() || !marker.open(QIODevice::ReadOnly))
        return {};
    const QString path = QString::fromUtf8(marker.read(4096)).trimmed();
    return !path.isEmpty() && QFileInfo(path).isFile() ? path : QString();
}

void RunAutosave::forgetFinished() {
    QFile::remove(finishedMarkerPath());
}

void RunAutosave::writeMarker() const {
    // Best effort: without the marker a crash only loses the offer to reopen the run.
    QString ignored;
    writeFileChecked(markerPath(), m_path.toUtf8(), &ignored);
}

QString RunAutosave::unfinishedRunPath() const {
    QFile marker(markerPath());
    if (!marker.open(QIODevice::ReadOnly))
        return {};
    const QString path = QString::fromUtf8(marker.read(4096)).trimmed();
    if (path.isEmpty() || !QFileInfo(path).isFile())
        return {};
    // A run in progress in this process is not "unfinished".
    if (isActive() && path == m_path)
        return {};
    return path;
}

void RunAutosave::discardUnfinished() {
    if (!isActive())
        QFile::remove(markerPath());
}

} // namespace headroom::ui
