// SPDX-License-Identifier: MIT
#include "recentfiles.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>

namespace headroom::ui {

namespace {

const QString kKey = QStringLiteral("recentSessions");

QString normalised(const QString& path) {
    return QDir::cleanPath(QFileInfo(path).absoluteFilePath());
}

} // namespace

QStringList withRecentFile(QStringList list, const QString& path, int max) {
    const QString clean = normalised(path);
    list.removeIf([&clean](const QString& p) { return normalised(p) == clean; });
    list.prepend(clean);
    if (list.size() > max)
        list.resize(std::max(0, max));
    return list;
}

RecentFiles::RecentFiles(const QString& settingsPath, QObject* parent)
    : QObject(parent)
    , m_settings(settingsPath.isEmpty()
                     ? std::make_unique<QSettings>()
                     : std::make_unique<QSettings>(settingsPath, QSettings::IniFormat)) {}

RecentFiles::~RecentFiles() = default;

QStringList RecentFiles::files() const {
    QStringList list = m_settings->value(kKey).toStringList();
    list.removeAll(QString());
    if (list.size() > kMaxEntries)
        list.resize(kMaxEntries);
    return list;
}

void RecentFiles::add(const QString& path) {
    if (path.isEmpty())
        return;
    store(withRecentFile(files(), path, kMaxEntries));
}

void RecentFiles::remove(const QString& path) {
    QStringList list = files();
    const QString clean = normalised(path);
    if (list.removeIf([&clean](const QString& p) { return normalised(p) == clean; }) > 0)
        store(list);
}

void RecentFiles::clear() {
    store({});
}

void RecentFiles::store(const QStringList& files) {
    m_settings->setValue(kKey, files);
    m_settings->sync();
    Q_EMIT changed();
}

RecentMenu::RecentMenu(RecentFiles* files, const QString& title, QWidget* parent)
    : QMenu(title, parent)
    , m_files(files) {
    setObjectName(QStringLiteral("recentMenu"));
    connect(m_files, &RecentFiles::changed, this, &RecentMenu::rebuild);
    // Files vanish between sessions: mark them each time the menu opens.
    connect(this, &QMenu::aboutToShow, this, &RecentMenu::rebuild);
    rebuild();
}

void RecentMenu::rebuild() {
    clear();
    const QStringList files = m_files->files();
    for (int i = 0; i < files.size(); ++i) {
        const QString& path = files[i];
        const QFileInfo info(path);
        QString text = QStringLiteral("&%1  %2").arg(i + 1).arg(info.fileName());
        if (!info.isFile())
            text += tr("  (missing)");
        QAction* a = addAction(text);
        a->setData(path);
        a->setToolTip(path);
        a->setStatusTip(path);
        connect(a, &QAction::triggered, this, [this, path] { Q_EMIT openRequested(path); });
    }
    if (!files.isEmpty())
        addSeparator();
    QAction* clear = addAction(tr("&Clear Menu"), m_files, &RecentFiles::clear);
    clear->setEnabled(!files.isEmpty());
    setToolTipsVisible(true);
    setEnabled(true);
}

} // namespace headroom::ui
