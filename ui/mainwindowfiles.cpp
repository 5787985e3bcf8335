// SPDX-License-Identifier: MIT
// The main window's files: sessions opened, saved, dropped or compared, Open Recent, the
// unfinished run offered back, and hwloc topologies shown on the Machine tab. The layout and
// run control are in mainwindow.cpp, the menus in mainwindowmenus.cpp.
#include "mainwindow.h"

#include "autosave.h"
#include "filedrop.h"
#include "ladderpanel.h"
#include "machinestore.h"
#include "planeditor.h"
#include "recentfiles.h"
#include "restorebar.h"
#include "resultsmodel.h"

#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QStatusBar>
#include <QSysInfo>

namespace headroom::ui {

void MainWindow::openRecent(const QString& path) {
    if (!QFileInfo(path).isFile()) {
        m_recent->remove(path);
        reportError(tr("Open recent"),
                    tr("%1 no longer exists; it was removed from the recent files.").arg(path));
        return;
    }
    QString error;
    if (!openSession(path, &error))
        reportError(tr("Open session"),
                    tr("Could not open %1:\n%2").arg(QFileInfo(path).fileName(), error));
}

void MainWindow::showSession(const Session& s) {
    showMachine(s.machine, false);
    m_planEditor->setPlan(s.plan);
    m_ladderPanel->setCheckedRungs(s.plan.rungs);
}

void MainWindow::rememberSession(const QString& path) {
    m_sessionPath = QFileInfo(path).absoluteFilePath();
    m_recent->add(m_sessionPath);
    setWindowTitle(QStringLiteral("Headroom \u2014 ") + QFileInfo(path).fileName());
}

bool MainWindow::openFiles(const QStringList& paths, bool compare, QString* error) {
    if (paths.isEmpty())
        return false;
    // Check every file before changing anything: a bad file in a drop leaves the window as it
    // was and names the file.
    for (const QString& path : paths) {
        QString why;
        if (!Session::load(path, &why)) {
            if (error)
                *error = tr("Could not open %1:\n%2").arg(QFileInfo(path).fileName(), why);
            return false;
        }
    }
    if (!compare && paths.size() == 1) {
        QString why;
        if (openSession(paths.first(), &why))
            return true;
        if (error)
            *error = tr("Could not open %1:\n%2").arg(QFileInfo(paths.first()).fileName(), why);
        return false;
    }
    // Compare: the files join as further datasets. With nothing measured yet, the first file
    // becomes "this" session (the charts are laid out from dataset 0), labelled like the others
    // (its title). None of them becomes the session file: a run must not autosave over a
    // session that was only opened to be compared.
    if (m_model->dataset(0).results.isEmpty() && !isRunning()) {
        if (!loadSessionsInto(m_model, paths, true, error))
            return false;
        showSession(m_model->dataset(0).toSession());
    } else if (!loadSessionsInto(m_model, paths, false, error)) {
        return false;
    }
    for (const QString& path : paths)
        m_recent->add(path);
    statusBar()->showMessage(
        tr("Comparing %1 sessions: one colour family per machine").arg(m_model->datasetCount()),
        8000);
    return true;
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    const QStringList files = acceptDroppedFiles(event);
    if (files.isEmpty())
        return;
    statusBar()->showMessage(isCompareDrop(files, event->modifiers())
                                 ? tr("Drop to add %n session(s) as compared machines", nullptr,
                                      static_cast<int>(files.size()))
                                 : tr("Drop to open the session (hold Shift to compare it with "
                                      "this one instead)"),
                             4000);
}

void MainWindow::dragMoveEvent(QDragMoveEvent* event) {
    acceptDroppedFiles(event);
}

void MainWindow::dropEvent(QDropEvent* event) {
    const QStringList files = acceptDroppedFiles(event);
    if (files.isEmpty())
        return;
    QString error;
    if (!openFiles(files, isCompareDrop(files, event->modifiers()), &error))
        reportError(tr("Open session"), error);
}

QString MainWindow::unfinishedRunPath() const {
    return m_autosave->unfinishedRunPath();
}

QWidget* MainWindow::restoreBar() const {
    return m_restoreBar;
}

bool MainWindow::restoreUnfinishedRun(QString* error) {
    const QString path = unfinishedRunPath();
    if (path.isEmpty()) {
        if (error)
            *error = tr("There is no unfinished run to restore.");
        return false;
    }
    const bool isDefault = QFileInfo(path) == QFileInfo(m_autosave->defaultPath());
    QString why;
    if (!openSession(path, &why)) {
        if (error)
            *error = tr("Could not open %1:\n%2").arg(QFileInfo(path).fileName(), why);
        return false;
    }
    if (isDefault) {
        // The autosave file is scratch space, not the user's document: the next run must not
        // write over what was just restored, so it is neither the session path nor recent.
        m_recent->remove(path);
        m_sessionPath.clear();
        setWindowTitle(QStringLiteral("Headroom"));
    }
    m_restoreBar->discard();
    statusBar()->showMessage(tr("Restored the unfinished run from %1").arg(path), 8000);
    return true;
}

void MainWindow::discardUnfinishedRun() {
    m_restoreBar->discard();
}

Session MainWindow::currentSession() const {
    Session s = m_model->dataset(0).toSession();
    if (s.title.isEmpty() || s.title == tr("This machine"))
        s.title = QSysInfo::machineHostName();
    return s;
}

bool MainWindow::openSession(const QString& path, QString* error) {
    if (isRunning()) {
        if (error)
            *error = tr("A run is in progress; cancel it first.");
        return false;
    }
    std::optional<Session> s = Session::load(path, error);
    if (!s)
        return false;
    m_model->setDatasets({Dataset::fromSession(*s, QFileInfo(path).fileName())});
    showSession(*s);
    rememberSession(path);
    // An opened file may hold another machine's results: a run here must not write over it.
    // Runs autosave into the autosave folder until the user saves them somewhere.
    m_autosaveTarget.clear();
    statusBar()->showMessage(
        tr("Opened %1: %2 points").arg(QFileInfo(path).fileName()).arg(s->results.size()), 8000);
    return true;
}

bool MainWindow::saveSession(const QString& path, QString* error) {
    if (!currentSession().save(path, error))
        return false;
    rememberSession(path);
    m_autosaveTarget = m_sessionPath; // saved from this window: runs may continue into it
    return true;
}

bool MainWindow::showTopologyXml(const QString& path, QString* error) {
    std::optional<Machine> m = machineFromXml(path, error);
    if (!m)
        return false;
    showMachine(*m, false);
    return true;
}

void MainWindow::openSessionDialog() {
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open session"), QString(), tr("Headroom sessions (*.json);;All files (*)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!openSession(path, &error))
        reportError(tr("Open session"),
                    tr("Could not open %1:\n%2").arg(QFileInfo(path).fileName(), error));
}

void MainWindow::saveSessionDialog() {
    QString path = QFileDialog::getSaveFileName(
        this, tr("Save session"),
        m_sessionPath.isEmpty() ? QStringLiteral("headroom-session.json") : m_sessionPath,
        tr("Headroom sessions (*.json)"));
    if (path.isEmpty())
        return;
    if (!path.endsWith(QLatin1String(".json")))
        path += QStringLiteral(".json");
    QString error;
    if (!saveSession(path, &error))
        reportError(tr("Save session"), tr("Could not save:\n%1").arg(error));
    else
        statusBar()->showMessage(tr("Saved %1").arg(path), 5000);
}

void MainWindow::openTopologyDialog() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Open topology"), QString(),
                                                      tr("hwloc XML (*.xml);;All files (*)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!showTopologyXml(path, &error))
        QMessageBox::warning(this, tr("Open topology"),
                             tr("Could not read %1:\n%2").arg(QFileInfo(path).fileName(), error));
}

} // namespace headroom::ui
