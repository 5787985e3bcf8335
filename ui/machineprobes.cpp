// SPDX-License-Identifier: MIT
#include "machineprobes.h"

#include "machinestore.h"

#include <QThread>

namespace headroom::ui {

MachineProbes::MachineProbes(QObject* parent)
    : QObject(parent) {}

MachineProbes::~MachineProbes() {
    stop();
}

void MachineProbes::measure() {
    if (m_measureThread)
        return;
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    auto cancel = m_cancel;
    // Never on the GUI thread: the probes saturate every core for seconds.
    m_measureThread = QThread::create([this, cancel] {
        const Machine machine = measureLiveMachine(
            QStringLiteral("quick"),
            [this](double fraction, const QString& what) {
                QMetaObject::invokeMethod(
                    this, [this, fraction, what] { Q_EMIT measureProgress(fraction, what); },
                    Qt::QueuedConnection);
            },
            cancel.get());
        QMetaObject::invokeMethod(
            this,
            [this, machine, cancel] {
                m_measureThread->wait();
                delete m_measureThread;
                m_measureThread = nullptr;
                Q_EMIT measured(machine, cancel->load());
            },
            Qt::QueuedConnection);
    });
    m_measureThread->start();
}

void MachineProbes::detectRungs() {
    if (m_rungsThread)
        return;
    m_rungsThread = QThread::create([this] {
        const QList<RungStatus> statuses = rungStatuses();
        QMetaObject::invokeMethod(
            this,
            [this, statuses] {
                m_rungsThread->wait();
                delete m_rungsThread;
                m_rungsThread = nullptr;
                Q_EMIT rungsDetected(statuses);
            },
            Qt::QueuedConnection);
    });
    m_rungsThread->start();
}

void MachineProbes::cancelMeasure() {
    if (m_cancel)
        m_cancel->store(true);
}

void MachineProbes::stop() {
    if (m_rungsThread) {
        m_rungsThread->wait();
        delete m_rungsThread;
        m_rungsThread = nullptr;
    }
    cancelMeasure();
    if (m_measureThread) {
        m_measureThread->wait();
        delete m_measureThread;
        m_measureThread = nullptr;
    }
}

} // namespace headroom::ui
