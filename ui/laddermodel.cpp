// SPDX-License-Identifier: MIT
#include "laddermodel.h"

#include "compare.h"
#include "format.h"
#include "report.h"
#include "resultsmodel.h"
#include "theme.h"

#include <QColor>
#include <QFont>
#include <QHash>
#include <QLocale>
#include <QSet>

#include <algorithm>

namespace headroom::ui {

LadderModel::LadderModel(ResultsModel* results, QObject* parent)
    : QAbstractTableModel(parent)
    , m_results(results) {
    if (m_results) {
        // A new point can change every speedup below it: rebuild whole (the table is tiny).
        connect(m_results, &ResultsModel::resultChanged, this, &LadderModel::rebuild);
        connect(m_results, &ResultsModel::datasetsChanged, this, &LadderModel::rebuild);
        connect(m_results, &QAbstractItemModel::modelReset, this, &LadderModel::rebuild);
        connect(m_results, &QAbstractItemModel::rowsRemoved, this, &LadderModel::rebuild);
    }
    rebuild();
}

int LadderModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int LadderModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount + 2 * static_cast<int>(m_others.size());
}

int LadderModel::compareColumn(int datasetIndex) const {
    const qsizetype k = m_others.indexOf(datasetIndex);
    return k < 0 ? -1 : ColumnCount + 2 * static_cast<int>(k);
}

int LadderModel::size() const {
    return m_size;
}

void LadderModel::setSize(int n) {
    m_requestedSize = n;
    rebuild();
}

void LadderModel::setTheme(const Theme& theme) {
    m_theme = theme;
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
}

void LadderModel::setPaper(const QString& id) {
    m_paper = id;
    rebuild();
}

void LadderModel::setRevealedRungs(int count) {
    m_revealed = count;
    rebuild();
}

void LadderModel::setDatasetIndex(int index) {
    m_dataset = index;
    rebuild();
}

void LadderModel::rebuild() {
    QList<Row> rows;
    int size = 0;
    QList<int> others;
    QStringList otherLabels;
    if (m_results && m_dataset < m_results->datasetCount()) {
        for (int d = 0; d < m_results->datasetCount(); ++d) {
            if (d != m_dataset) {
                others.append(d);
                otherLabels.append(m_results->dataset(d).label);
            }
        }
        const QList<int> sizes = m_results->sizes(m_dataset);
        size = (m_requestedSize > 0 && sizes.contains(m_requestedSize))
                   ? m_requestedSize
                   : m_results->commonSize(m_dataset);
        // The rungs with results, in ladder order (the same rows the charts show); with compared
        // sessions, theirs too (a rung only they ran has their columns only).
        QStringList rungs = m_results->rungs(m_dataset);
        if (m_revealed >= 0 && m_revealed < rungs.size())
            rungs = rungs.mid(0, m_revealed);
        else if (m_revealed < 0)
            rungs = m_results->allRungs();
        const Dataset& ds = m_results->dataset(m_dataset);
        const double peak = ds.machine.referencePeakGflops(ds.plan.threads);
        // The speedups and ± marks come from the CLI table's computation (ladderRows), so both
        // count a reference rung the same way: beside the ladder, not a step of it.
        QList<PointResult> points;
        for (const QString& rung : std::as_const(rungs))
            if (const PointResult* p = m_results->find(m_dataset, rung, size))
                points.append(*p);
        QHash<QString, LadderRow> computed;
        for (const LadderRow& lr : ladderRows(points, size, peak))
            computed.insert(lr.result.rung, lr);
        // The paper's columns are its own table's steps (over its first row and its row
        // before), not steps between whichever of its rows this run happens to show.
        const PaperTable* paper = paperTable(m_paper);
        const SeedComparison vsPaper =
            paper ? compareWithPaper(ds.results, *paper, size, false) : SeedComparison{};
        for (const QString& rung : std::as_const(rungs)) {
            Row row;
            row.rung = rung;
            if (const PointResult* p = m_results->find(m_dataset, rung, size)) {
                row.hasPoint = true;
                row.status = static_cast<int>(p->status);
                row.message = p->message;
                row.sampled = formatSampled(*p);
                if (p->hasTime()) {
                    row.seconds = p->seconds;
                    // A failed result is not a speed: no GFLOP/s, no speedup.
                    if (p->status != PointStatus::Failed && p->seconds > 0)
                        row.gflops = p->gflops;
                }
                const LadderRow lr = computed.value(rung);
                row.absolute = lr.absoluteSpeedup;
                row.relative = lr.relativeSpeedup;
                row.relativeWithinNoise = lr.relativeWithinNoise;
                row.peakPercent = lr.percentOfPeak;
            }
            // Compared machines at the same n: their speed, and how it relates to this one's.
            for (int d : std::as_const(others)) {
                const PointResult* o = m_results->find(d, rung, size);
                const bool usable =
                    o && o->hasTime() && o->status != PointStatus::Failed && o->gflops > 0;
                row.otherGflops.append(usable ? o->gflops : 0.0);
                row.otherApprox.append(usable && o->extrapolated());
            }
            if (const SeedComparisonRow* pr = vsPaper.row(rung)) {
                row.paperSeconds = pr->paperSeconds;
                row.paperAbsolute = pr->paperAbsolute;
                row.paperRelative = pr->paperRelative; // 0 for its first row: Table 1 shows "—"
            }
            rows.append(row);
        }
    }
    beginResetModel();
    m_rows = rows;
    m_size = size;
    m_others = others;
    m_otherLabels = otherLabels;
    endResetModel();
}

namespace {

// Empty cells for "no value" (the CLI table writes "-").
QVariant ratioCell(double x) {
    return x > 0 ? QVariant(format::ratio(x)) : QVariant();
}

QVariant secondsCell(double s) {
    return s > 0 ? QVariant(format::seconds(s)) : QVariant();
}

} // namespace

QVariant LadderModel::sortData(const Row& r, int column) const {
    switch (column) {
    case RungColumn:
        return ladderIndex(r.rung);
    case SecondsColumn:
        return r.seconds;
    case GflopsColumn:
        return r.gflops;
    case AbsoluteSpeedupColumn:
        return r.absolute;
    case RelativeSpeedupColumn:
        return r.relative;
    case PeakPercentColumn:
        return r.peakPercent;
    case StatusColumn:
        return r.status;
    case PaperSecondsColumn:
        return r.paperSeconds;
    case PaperAbsoluteColumn:
        return r.paperAbsolute;
    case PaperRelativeColumn:
        return r.paperRelative;
    default:
        return {};
    }
}

QVariant LadderModel::displayData(const Row& r, int column) const {
    const auto status = static_cast<PointStatus>(r.status);
    const QLocale locale;
    const bool isApprox = approx(r);
    const QString pre = isApprox ? QStringLiteral("\u2248 ") : QString();
    switch (column) {
    case RungColumn:
        return rungLabel(r.rung);
    case SecondsColumn:
        // * marks a sampled time (the status column says how many rows).
        return r.seconds > 0 ? QVariant(pre + format::seconds(r.seconds) +
                                        (r.sampled.isEmpty() ? QString() : QStringLiteral("*")))
                             : QVariant();
    case GflopsColumn:
        return r.gflops > 0 ? QVariant(pre + format::rate(r.gflops, format::Rate::Gflops))
                            : QVariant();
    case AbsoluteSpeedupColumn:
        return ratioCell(r.absolute);
    case RelativeSpeedupColumn:
        return r.relativeWithinNoise
                   ? QVariant(format::ratio(r.relative) + QStringLiteral("\u00b1"))
                   : ratioCell(r.relative);
    case PeakPercentColumn:
        return r.peakPercent > 0 ? QVariant(locale.toString(r.peakPercent, 'f', 2) + u'%')
                                 : QVariant();
    case StatusColumn:
        if (!r.hasPoint)
            return tr("not run");
        if (status == PointStatus::Failed)
            return QString(QStringLiteral("\u2717 ") + tr("failed"));
        if (status == PointStatus::Verified && !r.sampled.isEmpty())
            return QString(QStringLiteral("\u2713 ") + tr("verified, %1").arg(r.sampled));
        if (status == PointStatus::Verified)
            return QString(QStringLiteral("\u2713 ") + tr("verified"));
        return statusName(status);
    case PaperSecondsColumn:
        return secondsCell(r.paperSeconds);
    case PaperAbsoluteColumn:
        return ratioCell(r.paperAbsolute);
    case PaperRelativeColumn:
        return ratioCell(r.paperRelative);
    default:
        return {};
    }
}

QVariant LadderModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& r = m_rows[index.row()];
    const auto status = static_cast<PointStatus>(r.status);
    if (role == RungRole)
        return r.rung;
    if (index.column() >= ColumnCount)
        return compareData(r, index.column() - ColumnCount, role);
    if (role == SortRole)
        return sortData(r, index.column());
    if (role == Qt::DisplayRole)
        return displayData(r, index.column());
    if (role == Qt::ToolTipRole) {
        if (!r.message.isEmpty())
            return r.message;
        if (approx(r))
            return tr("extrapolated by n\u00b3 from a smaller size");
        if (!r.sampled.isEmpty())
            return tr("%1 of the full-size product, timed, verified and scaled by n / rows")
                .arg(r.sampled);
        if (index.column() == RelativeSpeedupColumn && r.relativeWithinNoise)
            return tr("This rung against the rung above is %1. The measurement does not "
                      "resolve this step.")
                .arg(withinNoiseMeaning());
        return {};
    }
    if (role == Qt::ForegroundRole) {
        if (r.hasPoint && (status == PointStatus::Failed || status == PointStatus::Error) &&
            index.column() == StatusColumn)
            return m_theme.failed;
        if (index.column() >= PaperSecondsColumn)
            return m_theme.mutedForeground;
        return {};
    }
    if (role == Qt::FontRole && r.hasPoint && status == PointStatus::Extrapolated &&
        index.column() <= PeakPercentColumn) {
        QFont f;
        f.setItalic(true);
        return f;
    }
    if (role == Qt::DecorationRole && index.column() == RungColumn) {
        return rungColor(r.rung, m_theme);
    }
    if (role == Qt::TextAlignmentRole && index.column() != RungColumn)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant LadderModel::compareData(const Row& r, int offset, int role) const {
    const int k = offset / 2;
    const bool ratioColumn = offset % 2 == 1;
    if (k >= r.otherGflops.size())
        return {};
    const double other = r.otherGflops.at(k);
    const double value = ratioColumn ? (other > 0 && r.gflops > 0 ? other / r.gflops : 0) : other;
    switch (role) {
    case SortRole:
        return value;
    case Qt::DisplayRole: {
        if (value <= 0)
            return {};
        const QString pre = r.otherApprox.at(k) ? QStringLiteral("\u2248 ") : QString();
        return QString(
            pre + (ratioColumn ? format::ratio(value) : format::rate(value, format::Rate::Gflops)));
    }
    case Qt::ForegroundRole:
        // The compared machine's colour family, as in the charts.
        return compareColor(r.rung, m_others.at(k), m_theme);
    case Qt::ToolTipRole:
        return ratioColumn ? tr("%1's GFLOP/s over this one's at n = %2")
                                 .arg(m_otherLabels.at(k))
                                 .arg(m_size)
                           : tr("%1 at n = %2").arg(m_otherLabels.at(k)).arg(m_size);
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    default:
        return {};
    }
}

bool LadderModel::approx(const Row& r) {
    return r.hasPoint && static_cast<PointStatus>(r.status) == PointStatus::Extrapolated;
}

QVariant LadderModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal)
        return QAbstractTableModel::headerData(section, orientation, role);
    const PaperTable* paper = paperTable(m_paper);
    const QString paperName =
        paper ? (paper->id == QLatin1String("mit6172") ? QStringLiteral("MIT 6.172")
                                                       : QStringLiteral("Science 2020"))
              : tr("Paper");
    if (role == Qt::ToolTipRole && section >= PaperSecondsColumn && section < ColumnCount && paper)
        return QString(paper->title + QStringLiteral(", n = ") + QString::number(paper->n) +
                       QStringLiteral(", ") + paper->machine);
    if (section >= ColumnCount && section < columnCount()) {
        const int k = (section - ColumnCount) / 2;
        const QString& label = m_otherLabels.at(k);
        if (role == Qt::ToolTipRole)
            return tr("Compared session %1 at the same n").arg(label);
        if (role != Qt::DisplayRole)
            return {};
        return (section - ColumnCount) % 2 == 0 ? tr("Speed \u2014 %1").arg(label)
                                                : tr("%1 / this").arg(label);
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case RungColumn:
        return tr("Rung");
    case SecondsColumn:
        return tr("Time, n = %1").arg(m_size);
    case GflopsColumn:
        return tr("Speed");
    case AbsoluteSpeedupColumn:
        return tr("Absolute speedup");
    case RelativeSpeedupColumn:
        return tr("Relative speedup");
    case PeakPercentColumn:
        return tr("% of peak");
    case StatusColumn:
        return tr("Check");
    case PaperSecondsColumn:
        return tr("%1 time, n = 4096").arg(paperName);
    case PaperAbsoluteColumn:
        return tr("%1 absolute").arg(paperName);
    case PaperRelativeColumn:
        return tr("%1 relative").arg(paperName);
    default:
        return {};
    }
}

QString LadderModel::toTsv(const QModelIndexList& selection) const {
    QSet<int> rows, cols;
    for (const QModelIndex& i : selection) {
        rows.insert(i.row());
        cols.insert(i.column());
    }
    QString out;
    auto useCol = [&](int c) { return cols.isEmpty() || cols.contains(c); };
    QStringList header;
    for (int c = 0; c < columnCount(); ++c) {
        if (useCol(c))
            header.append(headerData(c, Qt::Horizontal).toString());
    }
    out += header.join(u'\t') + u'\n';
    for (int r = 0; r < m_rows.size(); ++r) {
        if (!rows.isEmpty() && !rows.contains(r))
            continue;
        QStringList cells;
        for (int c = 0; c < columnCount(); ++c) {
            if (useCol(c))
                cells.append(data(index(r, c)).toString());
        }
        out += cells.join(u'\t') + u'\n';
    }
    return out;
}

} // namespace headroom::ui
