// SPDX-License-Identifier: MIT
// The one model every chart and table reads. Rows are points (rung, n) of one or more datasets;
// dataset 0 is "this run", further datasets are compared beside it (#6). The model takes value
// structs whole (a session, a PointResult) and signals so that charts grow live.
#pragma once

#include "dataset.h"
#include "ladderinfo.h"
#include "machine.h"
#include "plan.h"
#include "results.h"
#include "session.h"

#include <QAbstractTableModel>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace headroom::ui {

class ResultsModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column {
        DatasetColumn,
        RungColumn,
        SizeColumn,
        StatusColumn,
        SecondsColumn,
        GflopsColumn,
        CvColumn,
        RepetitionsColumn,
        ThreadsColumn,
        MessageColumn,
        ColumnCount
    };
    enum Role {
        DatasetIndexRole = Qt::UserRole + 1, // int
        RungRole,                            // QString rung id
        SizeRole,                            // int n
        StatusRole,                          // int (PointStatus)
        SecondsRole,                         // double
        GflopsRole,                          // double
        SortRole,                            // numeric value for sorting
    };

    explicit ResultsModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // Datasets
    int datasetCount() const { return static_cast<int>(m_datasets.size()); }
    const Dataset& dataset(int index) const { return m_datasets.at(index); }
    const QList<Dataset>& datasets() const { return m_datasets; }
    void setDatasets(const QList<Dataset>& datasets);
    int addDataset(const Dataset& dataset); // returns its index
    void removeDataset(int index);          // index > 0; dataset 0 stays
    void clear();                           // one empty dataset 0, machine kept

    // Dataset 0 ("this run")
    void setMachine(const Machine& machine, int datasetIndex = 0);
    void setPlan(const Plan& plan, int datasetIndex = 0);
    void setEnvironment(const QJsonObject& environment, int datasetIndex = 0);
    void clearResults(int datasetIndex = 0);
    // Adds a point, or replaces the one with the same (rung, n).
    void appendResult(int datasetIndex, const PointResult& result);

    // Queries the charts use (all in ladder order).
    QStringList rungs(int datasetIndex = 0) const; // rungs with at least one point
    QStringList allRungs() const; // the same over every dataset (compare: a row for each)
    QList<int> sizes(int datasetIndex = 0) const;                           // ascending
    QList<PointResult> points(int datasetIndex, const QString& rung) const; // by ascending n
    const PointResult* find(int datasetIndex, const QString& rung, int n) const;
    // Largest n at which every rung with points has a time (verified, failed or extrapolated);
    // the natural size for the ladder bars. 0 when there is none.
    int commonSize(int datasetIndex = 0) const;

    // Flat row -> (dataset, index in its results).
    QPair<int, int> locate(int row) const;

Q_SIGNALS:
    // A point arrived or changed (charts update incrementally).
    void resultChanged(int datasetIndex, const headroom::PointResult& result);
    // Datasets replaced/added/removed, machine or plan changed: charts rebuild.
    void datasetsChanged();

private:
    int rowOffset(int datasetIndex) const;

    QList<Dataset> m_datasets;
};

// Loads sessions (loadDatasets: validated, never executed, labelled) as datasets of `model`,
// replacing what it had when `replace`, else beside it with labels kept apart from its own.
// Returns false and sets *error (naming the file) at the first bad file; the model is unchanged
// then.
bool loadSessionsInto(ResultsModel* model, const QStringList& paths, bool replace, QString* error);

} // namespace headroom::ui
