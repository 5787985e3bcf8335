// SPDX-License-Identifier: MIT
// Predictions that do not throw fast runs away (#16): the time the runner predicts for a native
// rung, from its calibration, is within 30 % of the time it then measures. A timing test: it
// runs alone (RUN_SERIAL), and a noisy machine gets three tries.
#include "ladderinfo.h"
#include "runner.h"
#include "runner_fixtures.h"

#include <QRegularExpression>
#include <QTest>

using namespace headroom;

namespace {
using testing::smallPlan;
using testing::testMachine;
} // namespace

class TestPrediction : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // The real micro-kernel at n = 1024: the prediction the runner logs is within 30 % of the
    // measured median (a noisy machine gets three tries).
    void predictionMatchesTheRunAt1024() {
        QString last;
        for (int attempt = 0; attempt < 3; ++attempt) {
            Runner r(testMachine(), rungStatuses());
            Plan plan = smallPlan({QStringLiteral("microkernel")}, {1024});
            plan.budgetSeconds = 5;
            QStringList log;
            RunnerCallbacks cb;
            cb.log = [&log](const QString& s) { log << s; };
            const QList<PointResult> res = r.run(plan, cb);
            QCOMPARE(res.size(), 1);
            QCOMPARE(res[0].status, PointStatus::Verified);
            const QRegularExpression re(
                QStringLiteral("calibrated at n = (\\d+): ([0-9.eE+-]+) s"));
            QRegularExpressionMatch m;
            for (const QString& line : std::as_const(log))
                if (const auto mm = re.match(line); mm.hasMatch())
                    m = mm;
            QVERIFY2(m.hasMatch(), qPrintable(log.join(QLatin1Char('\n'))));
            const int n0 = m.captured(1).toInt();
            QVERIFY(n0 >= 256); // climbed past the overhead-bound sizes
            const double predicted = Runner::predictSeconds(m.captured(2).toDouble(), n0, 1024);
            const double ratio = predicted / res[0].seconds;
            last = QStringLiteral("predicted %1 s from n = %2, measured %3 s")
                       .arg(predicted)
                       .arg(n0)
                       .arg(res[0].seconds);
            qInfo("%s", qPrintable(last));
            if (ratio > 1 / 1.3 && ratio < 1.3)
                return;
        }
        QFAIL(qPrintable(last));
    }
};

QTEST_GUILESS_MAIN(TestPrediction)
#include "tst_prediction.moc"
