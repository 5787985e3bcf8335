// SPDX-License-Identifier: MIT
// The window and the command line measure the same (#16): one plan run with --run (the window's
// own path, offscreen) and with --headless gives every rung's median within 0.8-1.25x of the
// other. The machine is shared and noisy, so a pair of runs may be repeated (at most three
// times), and then each point's median over the pairs is judged; a window that is
// systematically slower fails both.
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
        // Under a sanitizer the rungs' own loops are instrumented and the host's phases weigh
        // more: an ASan run on a Xeon guest (family 6 model 207) measured pairs from 0.59 to
        // 1.97 with every median over three pairs between 0.66 and 1.08. The window's slow mode
        // this guards against was 5.6x.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
        constexpr double kLow = 0.5, kHigh = 2.0;
#else
        constexpr double kLow = 0.8, kHigh = 1.25;
#endif
        QTemporaryDir dir;
        QMap<QString, QList<double>> ratios; // rung/n -> window/headless of each pair
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
                ratios[it.key()].append(ratio);
                lo = std::min(lo, ratio);
                hi = std::max(hi, ratio);
                report += QStringLiteral(" %1 %2").arg(it.key()).arg(ratio, 0, 'f', 2);
            }
            qInfo("attempt %d, window/headless:%s", attempt + 1, qPrintable(report));
            if (lo >= kLow && hi <= kHigh)
                return;
            worst = report;
        }
        // No pair agreed everywhere: a phase of the host can hit any one of them, so each point
        // is judged by its median over the three pairs. A window that is systematically slower
        // still fails.
        QString outside;
        for (auto it = ratios.cbegin(); it != ratios.cend(); ++it) {
            QList<double> r = it.value();
            std::sort(r.begin(), r.end());
            const double median = r[r.size() / 2];
            if (median < kLow || median > kHigh)
                outside += QStringLiteral(" %1 %2").arg(it.key()).arg(median, 0, 'f', 2);
        }
        QVERIFY2(outside.isEmpty(),
                 qPrintable(QStringLiteral("window/headless outside %1-%2 in three pairs:%3; "
                                           "medians outside:%4")
                                .arg(kLow)
                                .arg(kHigh)
                                .arg(worst, outside)));
    }
};

QTEST_GUILESS_MAIN(TestParity)
#include "tst_parity.moc"
