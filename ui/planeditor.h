// SPDX-License-Identifier: MIT
// The plan's limits: sizes, threads, time budget, repetitions, with the presets Quick, Standard,
// Thorough and Custom. Says why a plan cannot run instead of letting it fail later.
#pragma once

#include "plan.h"

#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace headroom::ui {

class PlanEditor : public QWidget {
    Q_OBJECT

public:
    explicit PlanEditor(QWidget* parent = nullptr);

    // The plan from the fields; `rungs` comes from the ladder panel.
    Plan plan(const QStringList& rungs) const;
    void setPlan(const Plan& plan);      // selects the matching preset, or Custom
    void setPreset(const QString& name); // "quick" | "standard" | "thorough" | "paper"
    QString preset() const;              // ... or "custom"
    void setMaxThreads(int threads);
    void setMemoryBytes(qint64 bytes); // to refuse sizes that cannot fit
    // The machine's validated caches: the standard preset's sizes are derived from them.
    void setCaches(const EffectiveCaches& caches);

    // Empty when `plan` can run; otherwise one sentence saying why not.
    QString validate(const Plan& plan) const;
    // Parses "128, 256 512" (commas or spaces); nullopt with *error when not a list of sizes.
    static std::optional<QList<int>> parseSizes(const QString& text, QString* error);

    QLineEdit* sizesEdit() const { return m_sizes; }

Q_SIGNALS:
    void changed();

private:
    void fieldsEdited();

    QComboBox* m_preset = nullptr;
    QLineEdit* m_sizes = nullptr;
    QSpinBox* m_threads = nullptr;
    QDoubleSpinBox* m_budget = nullptr;
    QSpinBox* m_repetitions = nullptr;
    Plan m_base = Plan::preset(QStringLiteral("quick")); // fields not shown come from here
    EffectiveCaches m_caches;
    qint64 m_memoryBytes = 0;
    bool m_loading = false;
};

} // namespace headroom::ui
