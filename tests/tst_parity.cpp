// SPDX-License-Identifier: MIT
// The window and the command line measure the same (#16): one plan run with --run (the window's
// own path, offscreen) and with --headless gives every rung's median within 0.8-1.25x of the
// other. The machine is shared and noisy, so a pair of runs may be repeated (at most five
// times), and from the third on each point's best time over the window processes is compared
// with its best over the headless ones; a window that is systematically slower fails both.
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
        // On that guest fresh processes of one mode disagreed by up to 1.6x (two of three
        // release pairs had parallel/256 at 0.69 and 0.79): five pairs at most.
        constexpr int kMostPairs = 5;
        QTemporaryDir dir;
        // rung/n -> the median seconds of each window and each headless process
        QMap<QString, QList<double>> windowSeconds, headlessSeconds;
        auto best = [](const QList<double>& v) { return *std::min_element(v.begin(), v.end()); };
        QString worst, outside;
        for (int attempt = 0; attempt < kMostPairs; ++attempt) {
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
                windowSeconds[it.key()].append(it.value());
                headlessSeconds[it.key()].append(headless.value(it.key()));
                lo = std::min(lo, ratio);
                hi = std::max(hi, ratio);
                report += QStringLiteral(" %1 %2").arg(it.key()).arg(ratio, 0, 'f', 2);
            }
            qInfo("attempt %d, window/headless:%s", attempt + 1, qPrintable(report));
            if (lo >= kLow && hi <= kHigh)
                return;
            worst = report;
            // From the third pair on: each point's best time over the window processes against
            // its best over the headless ones. A phase of the host only ever slows a process,
            // and on this guest it slowed three of five pairs at once: in one CI run the -O0
            // and -O3 serial rungs, which no window can slow, came out at 1.68 and 1.83 in one
            // pair and the medians over five pairs still had parallel/192 at 1.43. A window
            // that is slower in every process shows in its best time too.
            if (attempt < 2)
                continue;
            outside.clear();
            for (auto it = windowSeconds.cbegin(); it != windowSeconds.cend(); ++it) {
                const double ratio = best(it.value()) / best(headlessSeconds.value(it.key()));
                if (ratio < kLow || ratio > kHigh)
                    outside += QStringLiteral(" %1 %2").arg(it.key()).arg(ratio, 0, 'f', 2);
            }
            qInfo("after %d pairs, best times outside:%s", attempt + 1, qPrintable(outside));
            if (outside.isEmpty())
                return;
        }
        QFAIL(qPrintable(QStringLiteral("window/headless outside %1-%2 in %3 pairs (last:%4); "
                                        "best times of the processes outside:%5")
                             .arg(kLow)
                             .arg(kHigh)
                             .arg(kMostPairs)
                             .arg(worst, outside)));
    }
};

QTEST_GUILESS_MAIN(TestParity)
#include "tst_parity.moc"
