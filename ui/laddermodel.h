// SPDX-License-Identifier: MIT
// The ladder table (chart kind "ladder"): the seed paper's columns for this machine at one size
// (time, GFLOP/s, absolute and relative speedup, % of peak), and the paper's rows beside them.
#pragma once

#include "theme.h"

#include <seedcompare.h>

#include <QAbstractTableModel>
#include <QList>
#include <QPointer>
#include <QString>
#include <QStringList>

namespace headroom::ui {

class ResultsModel;

class LadderModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column {
        RungColumn,
        SecondsColumn,
        GflopsColumn,
        AbsoluteSpeedupColumn, // vs the first rung with a time
        RelativeSpeedupColumn, // vs the rung before
        PeakPercentColumn,
        StatusColumn,
        PaperSecondsColumn, // the paper's time for the same rung
        PaperAbsoluteColumn,
        PaperRelativeColumn,
        ColumnCount
        // With compared datasets (#6), two columns per other dataset follow: its GFLOP/s at the
        // same n, and its GFLOP/s over this one's (compareColumn()).
    };
    static constexpr int SortRole = Qt::UserRole + 1;
    static constexpr int RungRole = Qt::UserRole + 2;

    explicit LadderModel(ResultsModel* results, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    void setSize(int n);              // 0 = ResultsModel::commonSize()
    int size() const;                 // the effective n
    void setPaper(const QString& id); // "science2020" (default) | "mit6172"
    // The colours of the swatches and marks (the export's theme; the desktop's by default).
    void setTheme(const Theme& theme);
    QString paper() const { return m_paper; }
    void setRevealedRungs(int count); // -1 = all
    void setDatasetIndex(int index);

    // The first compare column of `datasetIndex` (its GFLOP/s; the ratio is the next one), or
    // -1 when it has none (it is the table's own dataset, or out of range).
    int compareColumn(int datasetIndex) const;

    // The table as tab-separated text with a header line (Ctrl+C, exports).
    QString toTsv(const QModelIndexList& selection = {}) const;

private:
    struct Row {
        QString rung;
        bool hasPoint = false;
        double seconds = 0;
        double gflops = 0;
        double absolute = 0;
        double relative = 0;
        bool relativeWithinNoise = false; // withinNoise() with the rung above
        double peakPercent = 0;
        int status = -1;
        QString message;
        QString sampled; // formatSampled(): "sampled: r of n rows", or ""
        double paperSeconds = 0;
        double paperAbsolute = 0;
        double paperRelative = 0;
        QList<double> otherGflops; // per m_others entry, 0 = no verified time at this n
        QList<bool> otherApprox;
    };
    void rebuild();
    QVariant compareData(const Row& r, int offset, int role) const;
    QVariant sortData(const Row& r, int column) const;
    QVariant displayData(const Row& r, int column) const;
    static bool approx(const Row& r);

    QPointer<ResultsModel> m_results;
    QList<Row> m_rows;
    int m_requestedSize = 0;
    int m_size = 0;
    int m_revealed = -1;
    int m_dataset = 0;
    QList<int> m_others; // the compared datasets, in model order
    QStringList m_otherLabels;
    QString m_paper = QStringLiteral("science2020");
    Theme m_theme = Theme::forId(ThemeId::System);
};

} // namespace headroom::ui
