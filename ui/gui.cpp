// SPDX-License-Identifier: MIT
#include "gui.h"

#include "mainwindow.h"
#include "uib.h"

#include <QApplication>
#include <QFileInfo>
#include <QMessageBox>

namespace headroom::ui {

int runGui(QApplication& app, const QString& sessionFile) {
    QApplication::setApplicationDisplayName(QStringLiteral("Headroom"));
    MainWindow window;
    installUiB(window); // export dialog, compare, presentation mode (#6)
    window.show();
    if (!sessionFile.isEmpty()) {
        QString error;
        if (!window.openSession(sessionFile, &error))
            QMessageBox::warning(&window, QStringLiteral("Headroom"),
                                 QObject::tr("Could not open %1:\n%2")
                                     .arg(QFileInfo(sessionFile).fileName(), error));
    }
    return app.exec();
}

} // namespace headroom::ui
