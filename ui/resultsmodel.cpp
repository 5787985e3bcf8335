// SPDX-License-Identifier: MIT
#include "resultsmodel.h"

#include "format.h"
#include "report.h"

#include "theme.h"

#include <QColor>
#include <QHash>
#include <QLocale>
#include <QSet>

#include <algorithm>

namespace headroom::ui {

ResultsModel::ResultsModel(QObject* parent)
    : QAbstractTableModel(parent) {
    Dataset first;
    first.label = tr("This machine");
    m_datasets.append(first);
}

int ResultsModel::rowOffset(int datasetIndex) const {
    int offset = 0;
    for (int i = 0; i < datasetIndex && i < m_datasets.size(); ++i)
        offset += static_cast<int>(m_datasets[i].results.size());
    return offset;
}

QPair<int, int> ResultsModel::locate(int row) const {
    for (int d = 0; d < m_datasets.size(); ++d) {
        const int count = static_cast<int>(m_datasets[d].results.size());
        if (row < count)
            return {d, row};
        row -= count;
    }
    return {-1, -1};
}

int ResultsModel::rowCount(const QModelIndex& parent) const {
    if (parent.isValid())
        return 0;
    return rowOffset(static_cast<int>(m_datasets.size()));
}

int ResultsModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ResultsModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto [d, i] = locate(index.row());
    if (d < 0)
        return {};
    const PointResult& r = m_datasets[d].results[i];
    switch (role) {
    case DatasetIndexRole:
        return d;
    case RungRole:
        return r.rung;
    case SizeRole:
        return r.n;
    case StatusRole:
        return static_cast<int>(r.status);
    case SecondsRole:
        return r.seconds;
    case GflopsRole:
        return r.gflops;
    default:
        break;
    }
    const QLocale locale;
    if (role == Qt::DisplayRole || role == SortRole) {
        const bool sort = role == SortRole;
        switch (index.column()) {
        case DatasetColumn:
            return m_datasets[d].label;
        case RungColumn:
            return sort ? QVariant(ladderIndex(r.rung)) : QVariant(rungLabel(r.rung));
        case SizeColumn:
            return r.n;
        case StatusColumn:
            // "sampled" sorts and reads apart from "verified"; the rows are in the message column.
            return r.statusText();
        case SecondsColumn:
            if (!r.hasTime())
                return sort ? QVariant(-1.0) : QVariant();
            return sort ? QVariant(r.seconds) : QVariant(format::seconds(r.seconds));
        case GflopsColumn:
            if (!r.hasTime())
                return sort ? QVariant(-1.0) : QVariant();
            return sort ? QVariant(r.gflops)
                        : QVariant(format::rate(r.gflops, format::Rate::Gflops));
        case CvColumn:
            return sort ? QVariant(r.cv) : QVariant(locale.toString(r.cv * 100, 'f', 1) + u'%');
        case RepetitionsColumn:
            return r.repetitions;
        case ThreadsColumn:
            return r.threads;
        case MessageColumn:
            return r.sampled() && r.message.isEmpty() ? formatSampled(r) : r.message;
        default:
            return {};
        }
    }
    if (role == Qt::ForegroundRole && index.column() == StatusColumn &&
        (r.status == PointStatus::Failed || r.status == PointStatus::Error))
        return QColor(Qt::red);
    if (role == Qt::TextAlignmentRole && index.column() >= SizeColumn &&
        index.column() != StatusColumn && index.column() != MessageColumn)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant ResultsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case DatasetColumn:
        return tr("Dataset");
    case RungColumn:
        return tr("Rung");
    case SizeColumn:
        return tr("n");
    case StatusColumn:
        return tr("Status");
    case SecondsColumn:
        return tr("Time (s)");
    case GflopsColumn:
        return tr("GFLOP/s");
    case CvColumn:
        return tr("CV");
    case RepetitionsColumn:
        return tr("Reps");
    case ThreadsColumn:
        return tr("Threads");
    case MessageColumn:
        return tr("Note");
    default:
        return {};
    }
}

void ResultsModel::setDatasets(const QList<Dataset>& datasets) {
    beginResetModel();
    m_datasets = datasets;
    if (m_datasets.isEmpty()) {
        Dataset first;
        first.label = tr("This machine");
        m_datasets.append(first);
    }
    endResetModel();
    Q_EMIT datasetsChanged();
}

int ResultsModel::addDataset(const Dataset& dataset) {
    const int first = rowCount();
    const int count = static_cast<int>(dataset.results.size());
    if (count > 0)
        beginInsertRows({}, first, first + count - 1);
    m_datasets.append(dataset);
    if (count > 0)
        endInsertRows();
    Q_EMIT datasetsChanged();
    return static_cast<int>(m_datasets.size()) - 1;
}

void ResultsModel::removeDataset(int index) {
    if (index <= 0 || index >= m_datasets.size())
        return;
    const int first = rowOffset(index);
    const int count = static_cast<int>(m_datasets[index].results.size());
    if (count > 0)
        beginRemoveRows({}, first, first + count - 1);
    m_datasets.removeAt(index);
    if (count > 0)
        endRemoveRows();
    Q_EMIT datasetsChanged();
}

void ResultsModel::clear() {
    Dataset first;
    first.label = m_datasets.first().label;
    first.machine = m_datasets.first().machine;
    setDatasets({first});
}

void ResultsModel::setMachine(const Machine& machine, int datasetIndex) {
    if (datasetIndex < 0 || datasetIndex >= m_datasets.size())
        return;
    m_datasets[datasetIndex].machine = machine;
    Q_EMIT datasetsChanged();
}

void ResultsModel::setPlan(const Plan& plan, int datasetIndex) {
    if (datasetIndex < 0 || datasetIndex >= m_datasets.size())
        return;
    m_datasets[datasetIndex].plan = plan;
    Q_EMIT datasetsChanged();
}

void ResultsModel::setEnvironment(const QJsonObject& environment, int datasetIndex) {
    if (datasetIndex < 0 || datasetIndex >= m_datasets.size())
        return;
    m_datasets[datasetIndex].environment = environment;
}

void ResultsModel::clearResults(int datasetIndex) {
    if (datasetIndex < 0 || datasetIndex >= m_datasets.size())
        return;
    const int count = static_cast<int>(m_datasets[datasetIndex].results.size());
    if (count > 0) {
        const int first = rowOffset(datasetIndex);
        beginRemoveRows({}, first, first + count - 1);
        m_datasets[datasetIndex].results.clear();
        endRemoveRows();
    }
    Q_EMIT datasetsChanged();
}

void ResultsModel::appendResult(int datasetIndex, const PointResult& result) {
    if (datasetIndex < 0 || datasetIndex >= m_datasets.size())
        return;
    QList<PointResult>& results = m_datasets[datasetIndex].results;
    for (int i = 0; i < results.size(); ++i) {
        if (results[i].rung == result.rung && results[i].n == result.n) {
            results[i] = result;
            const int row = rowOffset(datasetIndex) + i;
            Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
            Q_EMIT resultChanged(datasetIndex, result);
            return;
        }
    }
    const int row = rowOffset(datasetIndex) + static_cast<int>(results.size());
    beginInsertRows({}, row, row);
    results.append(result);
    endInsertRows();
    Q_EMIT resultChanged(datasetIndex, result);
}

QStringList ResultsModel::rungs(int datasetIndex) const {
    QStringList out;
    if (datasetIndex < 0 || datasetIndex >= m_datasets.size())
        return out;
    for (const PointResult& r : m_datasets[datasetIndex].results) {
        if (!out.contains(r.rung))
            out.append(r.rung);
    }
    std::stable_sort(out.begin(), out.end(), [](const QString& a, const QString& b) {
        return ladderIndex(a) < ladderIndex(b);
    });
    return out;
}

QStringList ResultsModel::allRungs() const {
    QStringList out;
    for (int d = 0; d < datasetCount(); ++d) {
        const QStringList some = rungs(d);
        for (const QString& r : some) {
            if (!out.contains(r))
                out.append(r);
        }
    }
    std::stable_sort(out.begin(), out.end(), [](const QString& a, const QString& b) {
        return ladderIndex(a) < ladderIndex(b);
    });
    return out;
}

QList<int> ResultsModel::sizes(int datasetIndex) const {
    QList<int> out;
    if (datasetIndex < 0 || datasetIndex >= m_datasets.size())
        return out;
    for (const PointResult& r : m_datasets[datasetIndex].results)
        out.append(r.n);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end()); // linear in the points
    return out;
}

QList<PointResult> ResultsModel::points(int datasetIndex, const QString& rung) const {
    QList<PointResult> out;
    if (datasetIndex < 0 || datasetIndex >= m_datasets.size())
        return out;
    for (const PointResult& r : m_datasets[datasetIndex].results) {
        if (r.rung == rung)
            out.append(r);
    }
    std::sort(out.begin(), out.end(),
              [](const PointResult& a, const PointResult& b) { return a.n < b.n; });
    return out;
}

const PointResult* ResultsModel::find(int datasetIndex, const QString& rung, int n) const {
    if (datasetIndex < 0 || datasetIndex >= m_datasets.size())
        return nullptr;
    return m_datasets[datasetIndex].find(rung, n);
}

int ResultsModel::commonSize(int datasetIndex) const {
    const QStringList rs = rungs(datasetIndex);
    const QList<int> ns = sizes(datasetIndex);
    if (ns.isEmpty())
        return 0;
    // The rungs with a time at each n, in one pass (a 100,000-point session stays linear).
    QHash<int, QSet<QString>> timed;
    for (const PointResult& p : m_datasets[datasetIndex].results)
        if (p.hasTime())
            timed[p.n].insert(p.rung);
    int best = 0;
    for (int n : ns)
        if (timed.value(n).size() == rs.size())
            best = n;
    // No size with every rung: the largest size any rung has a time at.
    return best == 0 ? ns.last() : best;
}

bool loadSessionsInto(ResultsModel* model, const QStringList& paths, bool replace, QString* error) {
    if (!model)
        return false;
    QStringList taken;
    if (!replace) {
        for (const Dataset& d : model->datasets())
            taken << d.label;
    }
    const std::optional<QList<Dataset>> loaded = loadDatasets(paths, taken, error);
    if (!loaded)
        return false;
    if (replace) {
        model->setDatasets(*loaded);
    } else {
        for (const Dataset& d : *loaded)
            model->addDataset(d);
    }
    return true;
}

} // namespace headroom::ui
