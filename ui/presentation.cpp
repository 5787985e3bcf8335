// SPDX-License-Identifier: MIT
#include "presentation.h"

#include "chartpanel.h"
#include "format.h"
#include "resultsmodel.h"

#include <QAction>
#include <QCloseEvent>
#include <QKeyEvent>
#include <QLabel>
#include <QLocale>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QScreen>
#include <QStackedWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace headroom::ui {

namespace {

// Rungs with a time at n, in ladder order, with the first one's seconds as the baseline.
struct Ladder {
    QStringList rungs;
    int n = 0;
};

} // namespace

Theme presentationTheme(bool dark) {
    Theme t = Theme::forId(ThemeId::Presentation);
    if (dark) {
        // High contrast for dark rooms: white on black, the dark theme's lighter accents.
        const Theme d = Theme::forId(ThemeId::Dark);
        t.dark = true;
        t.background = Qt::black;
        t.foreground = Qt::white;
        t.mutedForeground = QColor(0xd0, 0xd0, 0xd0);
        t.grid = QColor(0x40, 0x40, 0x40);
        t.accent = d.accent;
        t.failed = d.failed;
        t.peak = Qt::white;
    }
    return t;
}

PresentationWindow::PresentationWindow(ResultsModel* model, QWidget* parent)
    : QWidget(parent, Qt::Window)
    , m_model(model) {
    setWindowTitle(QStringLiteral("Headroom — presentation"));
    setFocusPolicy(Qt::StrongFocus);
    setAutoFillBackground(true);

    m_big = new QLabel(this);
    m_big->setObjectName(QStringLiteral("presentationBig"));
    m_big->setAlignment(Qt::AlignCenter);
    m_caption = new QLabel(this);
    m_caption->setObjectName(QStringLiteral("presentationCaption"));
    m_caption->setAlignment(Qt::AlignCenter);
    m_caption->setWordWrap(true);
    m_hint = new QLabel(QStringLiteral("→ / Space next   ← back   D light/dark   Esc leave"), this);
    m_hint->setAlignment(Qt::AlignRight);

    m_runtime = createChartPanel(ChartKind::Runtime, model, this);
    m_roofline = createChartPanel(ChartKind::Roofline, model, this);
    for (ChartPanel* p : {m_runtime, m_roofline})
        p->setControlsVisible(false);
    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_runtime);
    m_stack->addWidget(m_roofline);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(32, 16, 32, 12);
    layout->addWidget(m_big);
    layout->addWidget(m_caption);
    layout->addWidget(m_stack, 1);
    layout->addWidget(m_hint);

    if (model) {
        // Results that arrive while presenting (a live run) extend the ladder.
        connect(model, &ResultsModel::datasetsChanged, this, &PresentationWindow::refresh);
        connect(model, &ResultsModel::resultChanged, this, &PresentationWindow::refresh);
    }
    applyTheme();
    setStep(0);
}

int PresentationWindow::stepCount() const {
    return (m_model ? static_cast<int>(m_model->rungs(0).size()) : 0) + 2;
}

int PresentationWindow::revealedRungs() const {
    return std::min(m_step, stepCount() - 2);
}

bool PresentationWindow::rooflineShown() const {
    return m_step == stepCount() - 1;
}

int PresentationWindow::size() const {
    return m_runtime->size();
}

void PresentationWindow::setDark(bool dark) {
    m_dark = dark;
    applyTheme();
}

void PresentationWindow::setStep(int step) {
    m_step = std::clamp(step, 0, stepCount() - 1);
    refresh();
}

void PresentationWindow::start() {
    setStep(0);
    // Without a window manager (a bare X server, some kiosks) full screen is only a request; the
    // screen's geometry makes it real.
    if (const QScreen* s = screen())
        setGeometry(s->geometry());
    showFullScreen();
    raise();
    activateWindow();
    setFocus();
}

QString PresentationWindow::bigText() const {
    return m_big->text();
}

QString PresentationWindow::captionText() const {
    return m_caption->text();
}

void PresentationWindow::applyTheme() {
    const Theme theme = presentationTheme(m_dark);
    QPalette pal = palette();
    pal.setColor(QPalette::Window, theme.background);
    pal.setColor(QPalette::WindowText, theme.foreground);
    setPalette(pal);
    m_big->setFont(theme.font(3.2, true));
    m_caption->setFont(theme.font(1.3));
    m_hint->setFont(theme.font(0.55));
    QPalette muted = m_hint->palette();
    muted.setColor(QPalette::WindowText, theme.mutedForeground);
    m_hint->setPalette(muted);
    m_runtime->setTheme(theme);
    m_roofline->setTheme(theme);
}

void PresentationWindow::refresh() {
    if (m_step > stepCount() - 1)
        m_step = stepCount() - 1;
    const QStringList rungs = m_model ? m_model->rungs(0) : QStringList();
    const int revealed = revealedRungs();
    m_runtime->setRevealedRungs(revealed);
    m_stack->setCurrentWidget(rooflineShown() ? m_roofline : m_runtime);
    const int n = m_runtime->size();
    const QLocale en(QLocale::English);

    const bool anyTime =
        m_model && m_model->datasetCount() > 0 &&
        std::any_of(m_model->dataset(0).results.cbegin(), m_model->dataset(0).results.cend(),
                    [](const PointResult& p) { return p.hasTime() && p.seconds > 0; });
    if (!anyTime) {
        // Before the first run: no "0.000 GFLOP/s" headline, but what to do.
        m_big->setText(QStringLiteral("Nothing to present yet"));
        m_caption->setText(QStringLiteral("Run the ladder, or open a saved session "
                                          "(File \u25b8 Open); Esc leaves"));
    } else if (rooflineShown()) {
        // How close the best verified rung came to the machine's peak.
        const Dataset& d = m_model->dataset(0);
        double best = 0;
        QString bestRung;
        for (const PointResult& r : d.results) {
            if (r.verified() && r.gflops > best) {
                best = r.gflops;
                bestRung = r.rung;
            }
        }
        const double peak = d.machine.referencePeakGflops(d.plan.threads);
        m_big->setText(peak > 0 && best > 0
                           ? en.toString(100.0 * best / peak, 'f', 1) + QStringLiteral(" % of peak")
                           : format::rate(best, format::Rate::Gflops));
        m_caption->setText(
            best > 0 ? QStringLiteral("Roofline — best: %1, %2")
                           .arg(rungLabel(bestRung), format::rate(best, format::Rate::Gflops))
                     : QStringLiteral("Roofline"));
    } else if (revealed == 0) {
        const Dataset& d = m_model->dataset(0);
        m_big->setText(QStringLiteral("Plenty of room at the top"));
        QStringList parts;
        if (!d.machine.topology.cpuModel.isEmpty())
            parts << d.machine.topology.cpuModel;
        if (n > 0)
            parts
                << QStringLiteral("matrix multiply, n = %1, double precision").arg(en.toString(n));
        m_caption->setText(parts.join(QStringLiteral(" — ")));
    } else {
        const QString rung = rungs.value(revealed - 1);
        const PointResult* r = m_model->find(0, rung, n);
        // The baseline: the first rung with a time at n (python when it is there).
        const PointResult* base = nullptr;
        for (const QString& id : rungs) {
            const PointResult* p = m_model->find(0, id, n);
            if (p && p->hasTime() && p->seconds > 0) {
                base = p;
                break;
            }
        }
        if (!r || !r->hasTime() || r->seconds <= 0) {
            m_big->setText(QStringLiteral("—"));
            m_caption->setText(QStringLiteral("%1: no time at n = %2%3")
                                   .arg(rungLabel(rung), en.toString(n),
                                        r && !r->message.isEmpty()
                                            ? QStringLiteral(" (") + r->message + QLatin1Char(')')
                                            : QString()));
        } else if (r->status == PointStatus::Failed) {
            m_big->setText(QStringLiteral("failed verification"));
            m_caption->setText(rungLabel(rung) + QStringLiteral(": its result was wrong, so its "
                                                                "time does not count"));
        } else {
            m_big->setText(format::ratio(base ? base->seconds / r->seconds : 0));
            QString caption = rungLabel(rung) + QStringLiteral(" — ") +
                              format::seconds(r->seconds) + QStringLiteral(", ") +
                              format::rate(r->gflops, format::Rate::Gflops);
            if (r->extrapolated())
                caption += QStringLiteral(" (extrapolated)");
            m_caption->setText(caption);
        }
    }
    keepFocus();
}

void PresentationWindow::keepFocus() {
    // The chart views would take the arrow keys for scrolling; the window steps instead.
    const QList<QWidget*> children = findChildren<QWidget*>();
    for (QWidget* w : children)
        w->setFocusPolicy(Qt::NoFocus);
}

void PresentationWindow::keyPressEvent(QKeyEvent* event) {
    switch (event->key()) {
    case Qt::Key_Right:
    case Qt::Key_Space:
    case Qt::Key_PageDown:
    case Qt::Key_Down:
    case Qt::Key_Return:
    case Qt::Key_Enter:
        next();
        break;
    case Qt::Key_Left:
    case Qt::Key_PageUp:
    case Qt::Key_Up:
    case Qt::Key_Backspace:
        previous();
        break;
    case Qt::Key_Home:
        setStep(0);
        break;
    case Qt::Key_End:
        setStep(stepCount() - 1);
        break;
    case Qt::Key_D:
        setDark(!m_dark);
        break;
    case Qt::Key_F11:
        if (isFullScreen())
            showNormal();
        else
            showFullScreen();
        break;
    case Qt::Key_Escape:
        close();
        break;
    default:
        QWidget::keyPressEvent(event);
        return;
    }
    event->accept();
}

void PresentationWindow::closeEvent(QCloseEvent* event) {
    Q_EMIT left();
    QWidget::closeEvent(event);
}

void startPresentation(QWidget* window, ResultsModel* model) {
    auto* presentation = new PresentationWindow(model);
    presentation->setAttribute(Qt::WA_DeleteOnClose);
    QObject::connect(presentation, &PresentationWindow::left, window, [window] {
        window->show();
        window->activateWindow();
    });
    window->hide();
    presentation->start();
}

} // namespace headroom::ui
