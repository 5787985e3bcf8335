// SPDX-License-Identifier: MIT
// The window and the command line measure the same (#16): one plan run with --run (the window's
// own path, offscreen) and with --headless gives every rung's median within 0.8-1.25x of the
// other. The machine is shared and noisy, so a pair of runs may be repeated (at most three
// times); a window that is systematically slower fails every pair.
#include "session.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace headroom;

namespace {

const QStringList kPlan = {QStringLiteral("--sizes"),
                           QStringLiteral("192,256"),
                           QStringLiteral("--rungs"),
                           QStringLiteral("naive,interchange,"
                                          "optflags,parallel,tiled,"
                                          "dac,vectorized,"
                                          "microkernel"),
                           QStringLiteral("--repetitions"),
                           QStringLiteral("5"),
                           QStringLiteral("--no-measure")};

// rung/n -> median seconds of one run of `mode` (--run or --headless).
QMap<QString, double> runOnce(const QString& mode, const QString& json, QString* log) {
    QStringList args = {mode};
    args << kPlan << QStringLiteral("--json") << json;
    if (mode == QLatin1String("--run"))
        args << QStringLiteral("--quit");
    QProcess p;
    p.start(QStringLiteral(HEADROOM_BINARY), args);
    if (!p.waitForFinished(240000) || p.exitCode() != 0) {
        *log = QString::fromUtf8(p.readAllStandardError());
        return {};
    }
    QString error;
    const auto session = Session::load(json, &error);
    QMap<QString, double> medians;
    if (!session) {
        *log = error;
        return {};
    }
    for (const PointResult& r : session->results)
        if (r.status == PointStatus::Verified)
            medians[QStringLiteral("%1/%2").arg(r.rung).arg(r.n)] = r.seconds;
    return medians;
}

} // namespace

class TestParity : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // The window's own thread stays out of the way: under 5 % of the run's wall time, recorded
    // in the session.
    void windowThreadIsQuiet() {
        QTemporaryDir dir;
        QString log;
        const QString json = dir.filePath(QStringLiteral("w.json"));
        QVERIFY2(!runOnce(QStringLiteral("--run"), json, &log).isEmpty(), qPrintable(log));
        QString error;
        const auto session = Session::load(json, &error);
        QVERIFY2(session, qPrintable(error));
        const double wall =
            session->environment.value(QStringLiteral("run_wall_seconds")).toDouble();
        const double ui =
            session->environment.value(QStringLiteral("ui_thread_cpu_seconds")).toDouble(-1);
        qInfo("window run: %.2f s wall, GUI thread %.3f s CPU, longest stall %g ms", wall, ui,
              session->environment.value(QStringLiteral("ui_max_stall_ms")).toDouble());
        QVERIFY(wall > 0);
        QVERIFY(ui >= 0);
        // The rule is for the program as shipped. Under ASan our own GUI code runs several
        // times slower while much of the timed work (OpenBLAS, Qt) is not instrumented: 6.8 %
        // was measured there, so a sanitizer build gets three times the share.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
        constexpr double kShare = 0.15;
#else
        constexpr double kShare = 0.05;
#endif
        QVERIFY2(ui <= kShare * wall, qPrintable(QStringLiteral("%1 of %2 s").arg(ui).arg(wall)));
    }

    void windowAndHeadlessAgree() {
        QTemporaryDir dir;
        QString worst;
        for (int attempt = 0; attempt < 3; ++attempt) {
            QString log;
            const auto window =
                runOnce(QStringLiteral("--run"), dir.filePath(QStringLiteral("w.json")), &log);
            QVERIFY2(!window.isEmpty(), qPrintable(log));
            const auto headless =
                runOnce(QStringLiteral("--headless"), dir.filePath(QStringLiteral("h.json")), &log);
            QVERIFY2(!headless.isEmpty(), qPrintable(log));
            QCOMPARE(window.keys(), headless.keys()); // the same points, all verified
            double lo = 1e300, hi = 0;
            QString report;
            for (auto it = window.cbegin(); it != window.cend(); ++it) {
                const double ratio = it.value() / headless.value(it.key());
                lo = std::min(lo, ratio);
                hi = std::max(hi, ratio);
                report += QStringLiteral(" %1 %2").arg(it.key()).arg(ratio, 0, 'f', 2);
            }
            qInfo("attempt %d, window/headless:%s", attempt + 1, qPrintable(report));
            if (lo >= 0.8 && hi <= 1.25)
                return;
            worst = report;
        }
        QFAIL(
            qPrintable(QStringLiteral("window/headless outside 0.8-1.25 in three pairs:") + worst));
    }
};

QTEST_GUILESS_MAIN(TestParity)
#include "tst_parity.moc"
