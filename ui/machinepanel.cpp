// SPDX-License-Identifier: MIT
#include "machinepanel.h"

#include "format.h"
#include "ladderinfo.h"
#include "roofline.h"
#include "topologyview.h"

#include <cpu.h>

#include <QFileInfo>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace headroom::ui {

namespace {

QLabel* mutedLabel(QWidget* parent) {
    auto* label = new QLabel(parent);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPalette pal = label->palette();
    pal.setColor(QPalette::WindowText, pal.color(QPalette::PlaceholderText));
    label->setPalette(pal);
    return label;
}

} // namespace

MachinePanel::MachinePanel(QWidget* parent)
    : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 10, 10, 10);
    layout->setSpacing(10);
    m_machineTitle = new QLabel(this);
    QFont title = m_machineTitle->font();
    title.setPointSizeF(title.pointSizeF() * 1.25);
    title.setBold(true);
    m_machineTitle->setFont(title);
    m_machineTitle->setWordWrap(true);
    layout->addWidget(m_machineTitle);
    m_machineInfo = new QLabel(this);
    m_machineInfo->setWordWrap(true);
    m_machineInfo->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_machineInfo);
    m_topologyView = new TopologyView(this);
    layout->addWidget(m_topologyView);
    auto* limitsBox = new QGroupBox(tr("Limits"), this);
    auto* limitsLayout = new QVBoxLayout(limitsBox);
    m_limitsInfo = new QLabel(limitsBox);
    m_limitsInfo->setWordWrap(true);
    m_limitsInfo->setTextInteractionFlags(Qt::TextSelectableByMouse);
    limitsLayout->addWidget(m_limitsInfo);
    auto* buttons = new QHBoxLayout;
    m_measureButton = new QPushButton(tr("Measure again"), limitsBox);
    m_measureButton->setToolTip(tr("Measure peak FLOP/s and bandwidth per level now (about 15 s)"));
    auto* openXml = new QPushButton(tr("Open topology XML\u2026"), limitsBox);
    openXml->setToolTip(tr("Show another machine from an hwloc XML export (lstopo --of xml)"));
    m_backToLive = new QPushButton(tr("This machine"), limitsBox);
    m_backToLive->setVisible(false);
    buttons->addWidget(m_measureButton);
    buttons->addWidget(openXml);
    buttons->addWidget(m_backToLive);
    buttons->addStretch(1);
    limitsLayout->addLayout(buttons);
    layout->addWidget(limitsBox);
    m_notes = mutedLabel(this);
    m_notes->setObjectName(QStringLiteral("machineNotes"));
    layout->addWidget(m_notes);
    layout->addStretch(1);
    connect(m_measureButton, &QPushButton::clicked, this, &MachinePanel::measureRequested);
    connect(openXml, &QPushButton::clicked, this, &MachinePanel::openTopologyRequested);
    connect(m_backToLive, &QPushButton::clicked, this, &MachinePanel::liveMachineRequested);
}

void MachinePanel::setMeasuring() {
    m_measureButton->setEnabled(false);
    m_limitsInfo->setText(tr("Measuring\u2026"));
}

void MachinePanel::setMeasureEnabled(bool enabled) {
    m_measureButton->setEnabled(enabled);
}

bool MachinePanel::showsLiveMachine() const {
    return m_backToLive->isHidden();
}

QString MachinePanel::limitsText(const Machine& machine, bool measuring) {
    if (!machine.limits) {
        if (machine.topology.source == QLatin1String("xml"))
            return tr("A topology file has no measured limits.");
        return measuring ? tr("Measuring\u2026") : tr("Not measured yet.");
    }
    const Limits& l = *machine.limits;
    const QLocale locale;
    QString text = QStringLiteral("<table cellspacing='4'>");
    auto row = [&](const QString& a, const QString& b) {
        text += u"<tr><td><b>" + a + u"</b></td><td>" + b + u"</td></tr>";
    };
    row(tr("Peak (double, %1 threads)").arg(l.threads),
        tr("measured %1 \u00b7 theoretical %2")
            .arg(format::rate(l.peakMeasuredGflops, format::Rate::Gflops),
                 format::rate(l.peakTheoreticalGflops, format::Rate::Gflops)));
    for (const PeakEntry& e : l.perIsa) {
        if (e.precision != QLatin1String("double") || e.threads != l.threads)
            continue;
        row(u"\u2003" + e.isa, tr("%1 measured, %2 theoretical")
                                   .arg(format::rate(e.measuredGflops, format::Rate::Gflops),
                                        format::rate(e.theoreticalGflops, format::Rate::Gflops)));
    }
    // One ceiling per level (the best of the sweep kernels), as the roofline chart draws it.
    QStringList bw;
    const Roofline roof = rooflineFor(machine);
    for (const MemoryCeiling& m : roof.memory) {
        if (m.threads == roof.threads)
            bw.append(m.level + u' ' +
                      format::rate(m.gbytesPerS, format::Rate::GigabytesPerSecond));
    }
    if (!bw.isEmpty())
        row(tr("Bandwidth"), bw.join(QStringLiteral(" \u00b7 ")));
    if (l.clockGhz > 0)
        row(tr("Clock"), locale.toString(l.clockGhz, 'f', 2) + QStringLiteral(" GHz"));
    row(tr("Measured"), l.measuredAt + u" (" + l.setting + u')');
    text += u"</table>";
    return text;
}

void MachinePanel::showMachine(const Machine& machine, bool live, bool measuring) {
    const Topology& t = machine.topology;
    m_machineTitle->setText(t.cpuModel.isEmpty() ? tr("Unknown CPU") : t.cpuModel);
    QStringList caches;
    for (const CacheLevel& c : t.caches) {
        if (c.type == QLatin1String("instruction"))
            continue;
        caches.append(QStringLiteral("L%1 %2 \u00d7%3")
                          .arg(c.level)
                          .arg(format::bytes(c.sizeBytes))
                          .arg(c.count));
    }
    QStringList kinds;
    for (const CoreKind& k : t.coreKinds)
        kinds.append(QStringLiteral("%1 (%2 PUs)").arg(k.name).arg(k.pus));
    QString info =
        tr("<b>%1</b> \u00b7 %2 package(s), %3 cores, %4 hardware threads, %5 NUMA "
           "node(s), %6 memory")
            .arg(live ? tr("This machine") : tr("From %1").arg(QFileInfo(t.sourcePath).fileName()))
            .arg(t.packages)
            .arg(t.cores)
            .arg(t.pus)
            .arg(t.numaNodes)
            .arg(format::bytes(t.memoryBytes));
    info += u"<br><b>" + tr("Caches:") + u"</b> " + caches.join(QStringLiteral(" \u00b7 "));
    if (!t.isa.isEmpty())
        info += u"<br><b>" + tr("ISA:") + u"</b> " + t.isa.join(u' ');
    if (kinds.size() > 1)
        info += u"<br><b>" + tr("Core kinds:") + u"</b> " + kinds.join(QStringLiteral(", "));
    if (live) // the kernel, its block sizes and how they were chosen (model, tuned, forced)
        info += u"<br><b>" + tr("Micro-kernel:") + u"</b> " +
                rungStatus(QStringLiteral("microkernel")).detail.toHtmlEscaped();
    m_machineInfo->setText(info);
    m_topologyView->setTopology(t);
    m_limitsInfo->setText(limitsText(machine, measuring));
    m_measureButton->setVisible(live);
    m_backToLive->setVisible(!live);
    QStringList notes = machine.warnings;
    notes += machine.caches.notes;
    // HEADROOM_ISA refused, not understood or forcing a path: said where it is seen.
    if (const kernels::IsaRequest isa = kernels::isaRequest(); live && !isa.message.empty())
        notes.prepend(QString::fromStdString(isa.message));
    m_notes->setText(notes.join(u'\n'));
}

} // namespace headroom::ui
