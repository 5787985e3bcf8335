// SPDX-License-Identifier: MIT
// The File ▸ Open Recent list: session files most recent first, kept in QSettings so that it
// survives restarts. The list logic is a pure function (tested); RecentFiles only stores it and
// RecentMenu shows it.
#pragma once

#include <QMenu>
#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>

class QSettings;

namespace headroom::ui {

// `list` after opening or saving `path`: the path (made absolute and clean) moves to the front,
// an earlier entry for the same file is dropped, and at most `max` entries remain.
QStringList withRecentFile(QStringList list, const QString& path, int max);

class RecentFiles : public QObject {
    Q_OBJECT

public:
    static constexpr int kMaxEntries = 8;

    // `settingsPath` empty: the application's settings (organisation/application name);
    // otherwise an INI file of its own (tests, portable setups).
    explicit RecentFiles(const QString& settingsPath = {}, QObject* parent = nullptr);
    ~RecentFiles() override;

    QStringList files() const; // most recent first
    void add(const QString& path);
    void remove(const QString& path);
    void clear();

Q_SIGNALS:
    void changed();

private:
    void store(const QStringList& files);

    std::unique_ptr<QSettings> m_settings;
};

// The File ▸ Open Recent menu over `files`: numbered entries (missing files marked), rebuilt
// when the list changes and each time it opens; Clear Menu empties the list.
class RecentMenu : public QMenu {
    Q_OBJECT

public:
    RecentMenu(RecentFiles* files, const QString& title, QWidget* parent = nullptr);

Q_SIGNALS:
    void openRequested(const QString& path);

private:
    void rebuild();

    RecentFiles* m_files = nullptr;
};

} // namespace headroom::ui
