// SPDX-License-Identifier: MIT
// Autosave of a GUI run: as points arrive the session is written atomically (Session::save,
// i.e. QSaveFile), at most once per interval and once more when the run ends, so that a crash
// or a kill loses nothing measured and the GUI thread never writes per point.
// A marker file in the autosave directory names the session file of the run in progress; it is
// removed when the run ends, so a marker found at start means the last run never finished.
#pragma once

#include "session.h"

#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QTimer>

#include <functional>

namespace headroom::ui {

class RunAutosave : public QObject {
    Q_OBJECT

public:
    static constexpr int kDefaultIntervalMs = 1500;

    // `directory` empty: QStandardPaths::AppDataLocation + "/autosave".
    explicit RunAutosave(const QString& directory = {}, QObject* parent = nullptr);

    QString directory() const { return m_directory; }
    QString defaultPath() const;  // <directory>/last-run.json
    QString previousPath() const; // <directory>/previous-run.json: the run before it
    void setIntervalMs(int ms) { m_intervalMs = ms; }
    int intervalMs() const { return m_intervalMs; }

    // A run starts: its session (from `snapshot`) goes to `path` (empty = defaultPath()). What
    // the default path held (the run before) is kept as previousPath() first. If
    // `path` cannot be written, the run continues into defaultPath() (path() says where).
    void begin(const QString& path, std::function<Session()> snapshot);
    void pointArrived();                  // schedules a write (throttled)
    bool flush(QString* error = nullptr); // writes now if anything is unwritten
    void finish();                        // last write; the marker goes
    bool isActive() const { return bool(m_snapshot); }
    QString path() const { return m_path; } // where the current/last run is written
    int writeCount() const { return m_writes; }
    QString lastError() const { return m_lastError; }

    // The session file of a run that never finished (the marker is there and the file exists),
    // else empty.
    QString unfinishedRunPath() const;
    void discardUnfinished(); // forgets the marker; the file itself stays

    // The session file of the last run that finished, until it is reopened or declined
    // (forgetFinished) or a new run starts; else empty.
    QString finishedRunPath() const;
    void forgetFinished();

Q_SIGNALS:
    void written(const QString& path, int points);
    void failed(const QString& error);

private:
    QString markerPath() const;
    QString finishedMarkerPath() const;
    void writeMarker() const;

    QString m_directory;
    QString m_path;
    std::function<Session()> m_snapshot;
    int m_intervalMs = kDefaultIntervalMs;
    bool m_dirty = false;
    int m_writes = 0;
    QString m_lastError;
    QTimer m_timer;
    QElapsedTimer m_sinceWrite;
};

} // namespace headroom::ui
