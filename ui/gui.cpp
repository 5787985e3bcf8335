// SPDX-License-Identifier: MIT
#include "gui.h"

#include "mainwindow.h"

#include <QApplication>
#include <QFileInfo>
#include <QMessageBox>
#include <QTextStream>

namespace headroom::ui {

namespace {

// The end of a --run: the session saved when asked; the exit code as --headless gives it.
int finishCommandLineRun(MainWindow& window, const GuiRequest& request, bool cancelled) {
    const Session session = window.currentSession();
    int status = 0;
    if (!request.json.isEmpty()) {
        QString error;
        if (session.save(request.json, &error)) {
            QTextStream(stderr) << "Session written to " << request.json << "\n";
        } else {
            QTextStream(stderr) << "headroom: " << error << "\n";
            status = 1;
        }
    }
    for (const PointResult& r : session.results)
        if (r.status == PointStatus::Failed && status == 0)
            status = 3;
    if (cancelled)
        status = 130;
    return status;
}

// --run: the plan starts once the window is free (it may be measuring the machine first).
void startCommandLineRun(MainWindow& window, const GuiRequest& request) {
    const Plan plan = *request.plan;
    auto start = [&window, plan] {
        if (!window.isRunning() && !window.isMeasuring())
            window.startRun(plan);
    };
    QObject::connect(&window, &MainWindow::machineMeasured, &window, start);
    QObject::connect(&window, &MainWindow::runFinished, &window,
                     [&window, request](bool cancelled) {
                         const int status = finishCommandLineRun(window, request, cancelled);
                         if (request.quit)
                             QCoreApplication::exit(status);
                     });
    QMetaObject::invokeMethod(&window, start, Qt::QueuedConnection);
}

} // namespace

int runGui(QApplication& app, const GuiRequest& request) {
    QApplication::setApplicationDisplayName(QStringLiteral("Headroom"));
    MainWindow window;
    window.show();
    if (request.plan) {
        startCommandLineRun(window, request);
    } else if (!request.session.isEmpty()) {
        QString error;
        if (!window.openSession(request.session, &error))
            QMessageBox::warning(&window, QStringLiteral("Headroom"),
                                 QObject::tr("Could not open %1:\n%2")
                                     .arg(QFileInfo(request.session).fileName(), error));
    }
    return app.exec();
}

} // namespace headroom::ui
