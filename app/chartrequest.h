// SPDX-License-Identifier: MIT
// One chart of a saved session, as `headroom --open FILE --chart KIND ...` asks for it: parsed
// in app/cli.cpp, drawn by ui/chartcli.cpp, and built in code for the charts of a headless run.
#pragma once

#include <QString>
#include <QStringList>

namespace headroom {

struct ChartRequest {
    QString session;                         // --open FILE
    QStringList compare;                     // --compare FILE (repeatable): overlaid sessions
    int n = 0;                               // --size N: n of the runtime bars and the ladder
                                             // table (0 = the largest common size)
    QString chart;                           // runtime | gflops | roofline | ladder | dashboard
    int width = 1920;                        // --width (pixels of the PNG; 16..16384)
    int height = 1080;                       // --height
    QString png, svg, pdf;                   // output files (at least one)
    QString theme = QStringLiteral("light"); // light | dark | presentation | system
};

} // namespace headroom
