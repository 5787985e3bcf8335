// SPDX-License-Identifier: MIT
#include "gui.h"

#include <QApplication>
#include <QLabel>

namespace headroom::ui {

int runGui(QApplication& app, const QString& sessionFile) {
    Q_UNUSED(sessionFile);
    QLabel label(QStringLiteral("Headroom"));
    label.setWindowTitle(QStringLiteral("Headroom"));
    label.resize(800, 600);
    label.show();
    return app.exec();
}

} // namespace headroom::ui
