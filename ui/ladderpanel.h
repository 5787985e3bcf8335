// SPDX-License-Identifier: MIT
// The ladder as a checklist: one row per rung with its colour, name, what changed, and why it
// cannot run here (greyed) when it is unavailable.
#pragma once

#include "ladderinfo.h"

#include <QHash>
#include <QList>
#include <QStringList>
#include <QWidget>

class QCheckBox;
class QLabel;

namespace headroom::ui {

class LadderPanel : public QWidget {
    Q_OBJECT

public:
    explicit LadderPanel(QWidget* parent = nullptr);

    void setRungs(const QList<RungStatus>& rungs);
    QStringList checkedRungs() const; // available and checked, in ladder order
    void setCheckedRungs(const QStringList& ids);
    bool isAvailable(const QString& id) const;
    QCheckBox* checkBox(const QString& id) const { return m_boxes.value(id); }

Q_SIGNALS:
    void selectionChanged();

private:
    QList<RungStatus> m_rungs;
    QHash<QString, QCheckBox*> m_boxes;
    QWidget* m_list = nullptr;
};

} // namespace headroom::ui
