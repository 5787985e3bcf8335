// SPDX-License-Identifier: MIT
// TEMPORARY minimal implementation until topology/limits land.
#include "machine.h"
#include "machinestore.h"

#include <QThread>

namespace headroom {

double Machine::theoreticalPeakGflops() const {
    return limits ? limits->peakTheoreticalGflops : 0.0;
}
double Machine::referencePeakGflops() const {
    if (limits && limits->peakMeasuredGflops > 0)
        return limits->peakMeasuredGflops;
    return theoreticalPeakGflops();
}
QJsonObject Machine::toJson() const {
    QJsonObject o;
    o[QStringLiteral("cores")] = topology.cores;
    return o;
}
std::optional<Machine> Machine::fromJson(const QJsonObject& o, QString* error) {
    Q_UNUSED(error);
    Machine m;
    m.topology.cores = o.value(QStringLiteral("cores")).toInt();
    return m;
}
Machine liveMachine() {
    Machine m;
    m.topology.source = QStringLiteral("live");
    m.topology.cores = QThread::idealThreadCount();
    return m;
}
Machine measureLiveMachine(const QString&, const std::function<void(double, const QString&)>&,
                           const std::atomic<bool>*) {
    return liveMachine();
}
std::optional<Machine> machineFromXml(const QString&, QString* error) {
    *error = QStringLiteral("not yet");
    return std::nullopt;
}

} // namespace headroom
