// SPDX-License-Identifier: MIT
#include "chartpanel.h"

#include "laddertable.h"
#include "performancechart.h"
#include "report.h"
#include "resultsmodel.h"
#include "rooflinechart.h"
#include "runtimechart.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace headroom::ui {

ChartPanel* createChartPanel(ChartKind kind, ResultsModel* model, QWidget* parent) {
    switch (kind) {
    case ChartKind::Runtime:
        return new RuntimeChart(model, parent);
    case ChartKind::Gflops:
        return new PerformanceChart(model, parent);
    case ChartKind::Roofline:
        return new RooflineChart(model, parent);
    case ChartKind::Ladder:
        return new LadderTable(model, parent);
    }
    return nullptr;
}

ChartPanel::ChartPanel(ResultsModel* model, QWidget* parent)
    : QWidget(parent)
    , m_model(model)
    , m_theme(Theme::forId(ThemeId::System)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    // The controls, and the note on a line of its own beneath them (finishControls).
    m_controls = new QWidget(this);
    auto* controls = new QVBoxLayout(m_controls);
    controls->setContentsMargins(8, 4, 8, 0);
    controls->setSpacing(4);
    m_controlsRow = new QHBoxLayout;
    m_controlsRow->setSpacing(10);
    controls->addLayout(m_controlsRow);
    layout->addWidget(m_controls);
    if (m_model) {
        connect(m_model, &ResultsModel::resultChanged, this, &ChartPanel::onResult);
        connect(m_model, &ResultsModel::datasetsChanged, this, &ChartPanel::scheduleRebuild);
        connect(m_model, &QAbstractItemModel::modelReset, this, &ChartPanel::scheduleRebuild);
        connect(m_model, &QAbstractItemModel::rowsRemoved, this, &ChartPanel::scheduleRebuild);
    }
}

ChartPanel::~ChartPanel() = default;

ResultsModel* ChartPanel::model() const {
    return m_model;
}

void ChartPanel::addSizeBox(const QString& tip, bool allSizes) {
    m_allSizesChoice = allSizes;
    auto* label = new QLabel(tr("Size n:"), m_controls);
    m_sizeBox = new QComboBox(m_controls);
    m_sizeBox->setToolTip(tip);
    label->setBuddy(m_sizeBox);
    m_controlsRow->addWidget(label);
    m_controlsRow->addWidget(m_sizeBox);
    connect(m_sizeBox, &QComboBox::activated, this,
            [this](int index) { setSize(m_sizeBox->itemData(index).toInt()); });
}

void ChartPanel::addPaperBox(bool withNothing) {
    auto* paperLabel = new QLabel(tr("Compare with:"), m_controls);
    m_paperBox = new QComboBox(m_controls);
    m_paperBox->addItem(tr("Science 2020 (Table 1)"), QStringLiteral("science2020"));
    m_paperBox->addItem(tr("MIT 6.172 (2018)"), QStringLiteral("mit6172"));
    if (withNothing)
        m_paperBox->addItem(tr("nothing"), QString());
    m_paperBox->setToolTip(tr("The published times (n = 4096, 18-core Haswell) beside yours"));
    paperLabel->setBuddy(m_paperBox);
    m_controlsRow->addSpacing(12);
    m_controlsRow->addWidget(paperLabel);
    m_controlsRow->addWidget(m_paperBox);
    connect(m_paperBox, &QComboBox::activated, this,
            [this](int index) { setPaper(m_paperBox->itemData(index).toString()); });
}

void ChartPanel::finishControls(QWidget* button) {
    button->setParent(m_controls);
    m_controlsRow->addStretch(1);
    m_controlsRow->addWidget(button);
    // The note wraps across the panel's width under the controls: a slow-phase warning in front
    // of it is read whole (squeezed beside the controls it was cut after a word or two), and a
    // long note never widens the panel.
    m_note = new QLabel(m_controls);
    m_note->setObjectName(QStringLiteral("chartNote"));
    m_note->setTextFormat(Qt::PlainText);
    m_note->setWordWrap(true);
    QPalette pal = m_note->palette();
    pal.setColor(QPalette::WindowText, pal.color(QPalette::PlaceholderText));
    m_note->setPalette(pal);
    m_controls->layout()->addWidget(m_note);
}

void ChartPanel::setNote(const QString& text) {
    m_note->setText(text);
}

void ChartPanel::setControlsVisible(bool visible) {
    m_controls->setVisible(visible);
}

void ChartPanel::setTheme(const Theme& theme) {
    m_theme = theme;
    m_followSystem = theme.id == ThemeId::System;
    rebuild();
}

void ChartPanel::setSize(int n) {
    m_requestedSize = n;
    rebuild();
}

int ChartPanel::size() const {
    if (!m_model)
        return 0;
    if (m_requestedSize == kAllSizes)
        return kAllSizes;
    const QList<int> sizes = m_model->sizes(0);
    if (m_requestedSize > 0 && sizes.contains(m_requestedSize))
        return m_requestedSize;
    return m_model->commonSize(0);
}

void ChartPanel::setRevealedRungs(int count) {
    m_revealed = count;
    rebuild();
}

void ChartPanel::setPaper(const QString& id) {
    m_paper = id;
    rebuild();
}

QString ChartPanel::noteText() const {
    return m_note ? m_note->text() : QString();
}

void ChartPanel::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && m_followSystem) {
        m_theme = Theme::forId(ThemeId::System);
        scheduleRebuild();
    }
}

void ChartPanel::onResult(int datasetIndex, const PointResult& result) {
    Q_UNUSED(result);
    if (datasetIndex == 0)
        scheduleRebuild();
}

void ChartPanel::scheduleRebuild() {
    // Results can arrive in bursts (extrapolated points come together); one rebuild per burst.
    if (m_rebuildPending)
        return;
    m_rebuildPending = true;
    QTimer::singleShot(30, this, [this] {
        // A panel in a hidden tab of a shown window waits until it is shown (showEvent): during
        // a run only the chart in view costs the GUI thread its rebuilds.
        if (m_rebuildPending && (isVisible() || !window()->isVisible()))
            rebuild();
    });
}

void ChartPanel::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    if (m_rebuildPending)
        rebuild();
}

void ChartPanel::updateSizeChoices() {
    if (!m_sizeBox || !m_model)
        return;
    const QList<int> sizes = m_model->sizes(0);
    QList<int> current;
    for (int i = 1; i < m_sizeBox->count(); ++i)
        if (m_sizeBox->itemData(i).toInt() != kAllSizes)
            current.append(m_sizeBox->itemData(i).toInt());
    if (current != sizes || m_sizeBox->count() == 0) {
        const QSignalBlocker block(m_sizeBox);
        m_sizeBox->clear();
        m_sizeBox->addItem(tr("largest complete"), 0);
        for (int n : sizes)
            m_sizeBox->addItem(QString::number(n), n);
        if (m_allSizesChoice)
            m_sizeBox->addItem(tr("all sizes"), kAllSizes);
    }
    const int at = m_sizeBox->findData(m_requestedSize);
    const QSignalBlocker block(m_sizeBox);
    m_sizeBox->setCurrentIndex(at < 0 ? 0 : at);
    if (m_paperBox) {
        const int p = m_paperBox->findData(m_paper);
        m_paperBox->setCurrentIndex(p < 0 ? 0 : p);
    }
}

void ChartPanel::rebuild() {
    m_rebuildPending = false;
    updateSizeChoices();
    rebuildContent();
    markSlowPhase();
}

// Puts a warning in front of the note when points were timed in a slow phase of the machine.
void ChartPanel::markSlowPhase() {
    if (m_model->datasetCount() == 0)
        return;
    // One pass over the points (a session may hold 100,000): the first size timed while slow.
    const QList<PointResult>& results = m_model->dataset(0).results;
    const auto slow = std::find_if(results.cbegin(), results.cend(),
                                   [](const PointResult& p) { return p.timedWhileSlow(); });
    const QString warning = slow == results.cend() ? QString() : slowPhaseNote(results, slow->n);
    if (!warning.isEmpty())
        m_note->setText(QStringLiteral("\u26a0 ") + warning + QStringLiteral(". ") +
                        m_note->text());
}

} // namespace headroom::ui
