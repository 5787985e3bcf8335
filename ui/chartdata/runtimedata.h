// SPDX-License-Identifier: MIT
// The runtime chart's data: one bar per rung and dataset (and the paper's), at one size, with
// its label (time, relative / absolute speedup) and tooltip; rows and the time axis range.
#pragma once

#include "chartdata.h"
#include "theme.h"

#include <QStringList>

namespace headroom::ui {
class ResultsModel;
}

namespace headroom::ui::chartdata {

struct RuntimeBar {
    QString rung;
    int dataset = 0;
    bool paper = false; // a bar of the published table
    bool failed = false;
    double seconds = 0;
    double top = 0, bottom = 0; // its band inside the rung's row [row, row + 1]
    QColor keyColor;            // the rung's colour (invalid for the paper)
    QColor fill;                // invalid: no fill (a failed verification is never drawn fast)
    Pen outline;
    QString group; // legend group and name
    QString tip;
    Label label; // right of the bar's end
};

struct RuntimeData {
    QString title;
    QString note;
    QString axisTitle;  // the bars' axis: time, or the speedups of the paper's steps
    QStringList rows;   // the rungs' labels, top-down
    Range rangeX;       // time (log): room right of the longest bar for its label
    Range rangeY;       // rows, with a little room beyond the first and the last
    double barBase = 0; // bars start off-scale left, clipped by the plot
    QList<RuntimeBar> bars;
    QList<Label> notRun; // rungs that did not run at this size, pinned to the left edge; on
                         // an empty series of their own (series 0)
};

// What the bars show beside a paper (without one, always the time at n).
enum class RuntimeBars {
    Time,            // this machine's times at n, the paper's at its own n (sizes named)
    TimeAtPaperSize, // this machine's times scaled by n^3 to the paper's n, marked extrapolated
    PaperSteps,      // paired ratios: each of the paper's steps, its speedup here and there
};

struct RuntimeOptions {
    int n = 0;         // the size shown
    int revealed = -1; // presentation: the first `revealed` rungs of this run (-1: every rung)
    QString paper;     // paper id, "" for none
    Theme theme;
    RuntimeBars bars = RuntimeBars::Time;
};

RuntimeData runtimeData(const ResultsModel& model, const RuntimeOptions& options);

// A bar's fill and outline: the paper's grey, a failed verification's dotted red outline, an
// extrapolated value's pale fill and dashed outline, else the rung's colour.
enum class BarKind { Measured, Extrapolated, Paper, Failed };
void styleBar(RuntimeBar& bar, BarKind kind, const QColor& color, const Theme& theme);

// RuntimeBars::PaperSteps: per step of the paper's table (a row over the row before), this
// machine's speedup over the same pair of rungs beside the paper's (seedcompare.h).
RuntimeData paperStepsData(const ResultsModel& model, const RuntimeOptions& options);

} // namespace headroom::ui::chartdata
