// SPDX-License-Identifier: MIT
#include "planeditor.h"

#include "format.h"
#include "sessionrun.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QRegularExpressionValidator>
#include <QSpinBox>

#include <algorithm>

namespace headroom::ui {

namespace {
constexpr int kMinN = 8;
constexpr int kMaxN = 16384;
} // namespace

PlanEditor::PlanEditor(QWidget* parent)
    : QWidget(parent) {
    auto* form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    m_preset = new QComboBox(this);
    m_preset->addItem(tr("Quick (about 30 s)"), QStringLiteral("quick"));
    m_preset->addItem(tr("Standard (a few minutes)"), QStringLiteral("standard"));
    m_preset->addItem(tr("Thorough (up to n = 4096)"), QStringLiteral("thorough"));
    m_preset->addItem(tr("Paper (n = 4096, slow rungs sampled)"), QStringLiteral("paper"));
    m_preset->addItem(tr("Custom"), QStringLiteral("custom"));
    form->addRow(tr("&Preset:"), m_preset);

    m_sizes = new QLineEdit(this);
    m_sizes->setPlaceholderText(QStringLiteral("128, 256, 512"));
    m_sizes->setValidator(
        new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[0-9 ,;]*")), m_sizes));
    m_sizes->setToolTip(tr("Matrix sizes n, ascending, separated by commas or spaces (%1 to %2)")
                            .arg(kMinN)
                            .arg(kMaxN));
    form->addRow(tr("&Sizes n:"), m_sizes);

    m_threads = new QSpinBox(this);
    m_threads->setRange(0, 1024);
    m_threads->setSpecialValueText(tr("one per core"));
    m_threads->setToolTip(tr("Threads of the parallel rungs; 0 = one per physical core"));
    form->addRow(tr("&Threads:"), m_threads);

    m_budget = new QDoubleSpinBox(this);
    m_budget->setRange(0.05, 3600);
    m_budget->setDecimals(2);
    m_budget->setSuffix(tr(" s"));
    m_budget->setToolTip(tr("Per rung and size: a point predicted to take longer is sampled "
                            "(a few whole rows of the full product, timed and scaled) when its "
                            "rung's rows all cost the same, else extrapolated by n\u00b3"));
    form->addRow(tr("Time &budget:"), m_budget);

    m_repetitions = new QSpinBox(this);
    m_repetitions->setRange(1, 100);
    m_repetitions->setToolTip(tr("Timed repetitions at least, after one warm-up"));
    form->addRow(tr("&Repetitions:"), m_repetitions);

    connect(m_preset, &QComboBox::activated, this, [this](int index) {
        const QString name = m_preset->itemData(index).toString();
        if (name != QLatin1String("custom"))
            setPreset(name);
    });
    connect(m_sizes, &QLineEdit::textEdited, this, &PlanEditor::fieldsEdited);
    connect(m_threads, &QSpinBox::valueChanged, this, &PlanEditor::fieldsEdited);
    connect(m_budget, &QDoubleSpinBox::valueChanged, this, &PlanEditor::fieldsEdited);
    connect(m_repetitions, &QSpinBox::valueChanged, this, &PlanEditor::fieldsEdited);
    setPreset(QStringLiteral("standard")); // #16: the default plan outgrows the L3
}

void PlanEditor::fieldsEdited() {
    if (m_loading)
        return;
    // Any edit makes the plan a custom one; the other presets stay one click away.
    Plan p = plan(m_base.rungs);
    QString name = QStringLiteral("custom");
    for (const QString& preset : {QStringLiteral("quick"), QStringLiteral("standard"),
                                  QStringLiteral("thorough"), QStringLiteral("paper")}) {
        const Plan q = Plan::preset(preset, m_caches);
        if (q.sizes == p.sizes && qFuzzyCompare(q.budgetSeconds, p.budgetSeconds) &&
            q.repetitions == p.repetitions && p.threads == 0)
            name = preset;
    }
    m_preset->setCurrentIndex(m_preset->findData(name));
    Q_EMIT changed();
}

void PlanEditor::setPreset(const QString& name) {
    setPlan(Plan::preset(name, m_caches));
}

QString PlanEditor::preset() const {
    return m_preset->currentData().toString();
}

void PlanEditor::setPlan(const Plan& plan) {
    m_base = plan;
    m_loading = true;
    QStringList sizes;
    for (int n : plan.sizes)
        sizes.append(QString::number(n));
    m_sizes->setText(sizes.join(QStringLiteral(", ")));
    m_threads->setValue(plan.threads);
    m_budget->setValue(plan.budgetSeconds);
    m_repetitions->setValue(plan.repetitions);
    m_loading = false;
    fieldsEdited();
}

void PlanEditor::setMaxThreads(int threads) {
    m_threads->setMaximum(std::max(1, threads) * 4);
}

void PlanEditor::setCaches(const EffectiveCaches& caches) {
    m_caches = caches;
    if (preset() != QLatin1String("custom"))
        setPreset(preset());
}

void PlanEditor::setMemoryBytes(qint64 bytes) {
    m_memoryBytes = bytes;
    Q_EMIT changed();
}

std::optional<QList<int>> PlanEditor::parseSizes(const QString& text, QString* error) {
    const QStringList parts =
        text.split(QRegularExpression(QStringLiteral("[\\s,;]+")), Qt::SkipEmptyParts);
    QList<int> sizes;
    for (const QString& part : parts) {
        bool ok = false;
        const int n = part.toInt(&ok);
        if (!ok || n < kMinN || n > kMaxN) {
            if (error)
                *error = tr("Size \u201c%1\u201d is not a whole number from %2 to %3.")
                             .arg(part)
                             .arg(kMinN)
                             .arg(kMaxN);
            return std::nullopt;
        }
        if (!sizes.contains(n))
            sizes.append(n);
    }
    if (sizes.isEmpty()) {
        if (error)
            *error = tr("Enter at least one matrix size.");
        return std::nullopt;
    }
    std::sort(sizes.begin(), sizes.end());
    return sizes;
}

Plan PlanEditor::plan(const QStringList& rungs) const {
    Plan p = m_base;
    p.rungs = rungs;
    if (auto sizes = parseSizes(m_sizes->text(), nullptr))
        p.sizes = *sizes;
    else
        p.sizes.clear();
    p.threads = m_threads->value();
    p.budgetSeconds = m_budget->value();
    p.repetitions = m_repetitions->value();
    return p;
}

QString PlanEditor::validate(const Plan& plan) const {
    QString error;
    if (!parseSizes(m_sizes->text(), &error))
        return error;
    if (plan.rungs.isEmpty())
        return tr("Choose at least one rung that can run here.");
    // The run's own memory check (SessionRun), against this machine's memory; the run checks
    // again against the memory available when it starts.
    if (const QString tooBig = SessionRun::checkMemory(plan, m_memoryBytes); !tooBig.isEmpty())
        return tooBig + u'.';
    if (plan.budgetSeconds <= 0)
        return tr("The time budget must be positive.");
    return {};
}

} // namespace headroom::ui
