// SPDX-License-Identifier: MIT
// The tuned micro-kernel's cache: stored after a (tiny, bounded) search, used again by the next
// call, ignored when the machine's key changes or the file is damaged, and bypassed by
// HEADROOM_TUNE=model.
#include "ladderinfo.h"
#include "machinestore.h"
#include "microtune.h"

#include <microkernel.h>

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace headroom;

class TestMicrotune : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();
    void tunesStoresAndReuses();
    void changedCachesInvalidate();
    void damagedFileIgnored();
    void modelWhenAsked();

private:
    // A search bounded to its first candidate on a small product: fast, and still verified.
    QString tuneNow(const Machine& m) {
        return prepareMicrokernel(m, TuneWhen::Now, {}, nullptr, 0.0, 96);
    }
    QTemporaryDir m_cache;
    Machine m_machine;
};

void TestMicrotune::initTestCase() {
    QVERIFY(m_cache.isValid());
    qputenv("XDG_CACHE_HOME", m_cache.path().toLocal8Bit());
    qunsetenv("HEADROOM_TUNE");
    m_machine = liveMachine();
    QVERIFY(!microkernelCachePath(m_machine).isEmpty());
}

void TestMicrotune::cleanup() {
    kernels::setTunedMicrokernel(std::nullopt);
    QFile::remove(microkernelCachePath(m_machine));
}

void TestMicrotune::tunesStoresAndReuses() {
    const QString line = tuneNow(m_machine);
    QVERIFY2(line.startsWith(QLatin1String("micro-kernel: ")), qPrintable(line));
    QVERIFY2(line.contains(QLatin1String("tuned ")), qPrintable(line));
    QVERIFY(QFile::exists(microkernelCachePath(m_machine)));
    const auto tuned = kernels::tunedMicrokernel();
    QVERIFY(tuned);
    QVERIFY(tuned->how.rfind("tuned ", 0) == 0);
    // The rung, the session's environment and --list-rungs describe the tuned choice.
    QVERIFY(microkernelSummary(m_machine.caches).contains(QLatin1String("tuned ")));
    QCOMPARE(microkernelJson(m_machine.caches).value(QLatin1String("chosen_by")).toString(),
             QString::fromStdString(tuned->how));

    // The next process: nothing set, the cache gives the same choice without a search.
    kernels::setTunedMicrokernel(std::nullopt);
    const QString again = prepareMicrokernel(m_machine, TuneWhen::CachedOnly);
    QVERIFY2(again.contains(QLatin1String("tuned ")), qPrintable(again));
    const auto cached = kernels::tunedMicrokernel();
    QVERIFY(cached);
    QCOMPARE(cached->kernelName, tuned->kernelName);
    QCOMPARE(cached->kc, tuned->kc);
    QCOMPARE(cached->mc, tuned->mc);
    QCOMPARE(cached->nc, tuned->nc);
}

void TestMicrotune::changedCachesInvalidate() {
    QVERIFY(tuneNow(m_machine).startsWith(QLatin1String("micro-kernel: ")));
    kernels::setTunedMicrokernel(std::nullopt);
    Machine other = m_machine;
    other.caches.l2 *= 2; // another machine's cache sizes: the entry is not its own
    const QString line = prepareMicrokernel(other, TuneWhen::CachedOnly);
    QVERIFY2(line.contains(QLatin1String("not tuned yet")), qPrintable(line));
    QVERIFY(!kernels::tunedMicrokernel());
    QVERIFY(microkernelSummary(other.caches).contains(QLatin1String("model")));
}

void TestMicrotune::damagedFileIgnored() {
    QVERIFY(tuneNow(m_machine).startsWith(QLatin1String("micro-kernel: ")));
    kernels::setTunedMicrokernel(std::nullopt);
    const QString path = microkernelCachePath(m_machine);
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QJsonObject o = QJsonDocument::fromJson(f.readAll()).object();
    f.close();
    for (const auto& [key, value] :
         {std::pair{"kernel", QJsonValue(QStringLiteral("dgemm_bogus_1x1"))},
          std::pair{"kc", QJsonValue(-5)}, std::pair{"format", QJsonValue(17)}}) {
        QJsonObject bad = o;
        bad[QLatin1String(key)] = value;
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(QJsonDocument(bad).toJson());
        f.close();
        const QString line = prepareMicrokernel(m_machine, TuneWhen::CachedOnly);
        QVERIFY2(line.contains(QLatin1String("not tuned yet")), key);
    }
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write("{ not json");
    f.close();
    QVERIFY(prepareMicrokernel(m_machine, TuneWhen::CachedOnly).contains(u"not tuned yet"));
}

void TestMicrotune::modelWhenAsked() {
    QVERIFY(tuneNow(m_machine).startsWith(QLatin1String("micro-kernel: ")));
    qputenv("HEADROOM_TUNE", "model");
    const QString line = prepareMicrokernel(m_machine, TuneWhen::IfMissing);
    qunsetenv("HEADROOM_TUNE");
    QVERIFY2(line.contains(QLatin1String("model")), qPrintable(line));
    QVERIFY(!kernels::tunedMicrokernel());
}

QTEST_GUILESS_MAIN(TestMicrotune)
#include "tst_microtune.moc"
