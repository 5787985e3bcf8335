// SPDX-License-Identifier: MIT
// `headroom --open S.json --chart K ...` through runChartCommand: files for every chart kind in
// every format, and clean failures (message, non-zero status) for bad sessions and options.
#include "chartcli.h"
#include "ui_export_fixtures.h"

#include <QFile>
#include <QImage>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>
#include <QXmlStreamReader>

using namespace headroom;
using namespace headroom::ui;

namespace {

struct Run {
    int status = -1;
    QString out;
    QString err;
};

Run run(const ChartRequest& o) {
    Run r;
    QTextStream out(&r.out);
    QTextStream err(&r.err);
    r.status = runChartCommand(o, &out, &err);
    out.flush();
    err.flush();
    return r;
}

QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestChartCli : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_session;

    ChartRequest options(const QString& chart) const {
        ChartRequest o;
        o.session = m_session;
        o.chart = chart;
        o.width = 1280;
        o.height = 720;
        return o;
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        m_session = m_dir.filePath(QStringLiteral("session.json"));
        QString error;
        QVERIFY2(testing::makeSession(QStringLiteral("node")).save(m_session, &error),
                 qPrintable(error));
    }

    void everyKindEveryFormat_data() {
        QTest::addColumn<QString>("chart");
        QTest::addColumn<QString>("theme");
        QTest::newRow("runtime") << QStringLiteral("runtime") << QStringLiteral("light");
        QTest::newRow("gflops") << QStringLiteral("gflops") << QStringLiteral("dark");
        QTest::newRow("roofline") << QStringLiteral("roofline") << QStringLiteral("presentation");
        QTest::newRow("ladder") << QStringLiteral("ladder") << QStringLiteral("light");
        QTest::newRow("dashboard") << QStringLiteral("dashboard") << QStringLiteral("light");
    }

    void everyKindEveryFormat() {
        QFETCH(QString, chart);
        QFETCH(QString, theme);
        ChartRequest o = options(chart);
        o.theme = theme;
        o.png = m_dir.filePath(chart + QStringLiteral(".png"));
        o.svg = m_dir.filePath(chart + QStringLiteral(".svg"));
        o.pdf = m_dir.filePath(chart + QStringLiteral(".pdf"));
        const Run r = run(o);
        QVERIFY2(r.status == 0, qPrintable(r.err));
        QVERIFY(r.err.isEmpty());
        QCOMPARE(r.out.count(QLatin1String("wrote ")), 3);

        const QImage png(o.png);
        QCOMPARE(png.size(), QSize(1280, 720));
        QVERIFY2(testing::hasContent(png), qPrintable(testing::describeContent(png)));

        QXmlStreamReader xml(readAll(o.svg));
        int elements = 0;
        while (!xml.atEnd()) {
            if (xml.readNext() == QXmlStreamReader::StartElement)
                ++elements;
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QVERIFY(elements > 20);

        const QByteArray pdf = readAll(o.pdf);
        QVERIFY(pdf.startsWith("%PDF-"));
        QVERIFY(pdf.size() > 2000);
    }

    void slideResolution() {
        ChartRequest o = options(QStringLiteral("runtime"));
        o.width = 3840;
        o.height = 2160;
        o.png = m_dir.filePath(QStringLiteral("runtime-4k.png"));
        const Run r = run(o);
        QVERIFY2(r.status == 0, qPrintable(r.err));
        QCOMPARE(QImage(o.png).size(), QSize(3840, 2160));
    }

    void compareOverlay() {
        // Two machines in one chart: the compared session's label is in the title and legend,
        // its bars are drawn (more coloured pixels than the single-machine chart), and a bad
        // compared file fails before anything is written.
        const QString other = m_dir.filePath(QStringLiteral("other.json"));
        QVERIFY(testing::makeSession(QStringLiteral("laptop"), 3.0).save(other, nullptr));
        ChartRequest o = options(QStringLiteral("runtime"));
        o.compare = {other};
        o.n = 512;
        o.png = m_dir.filePath(QStringLiteral("compare.png"));
        o.svg = m_dir.filePath(QStringLiteral("compare.svg"));
        Run r = run(o);
        QVERIFY2(r.status == 0, qPrintable(r.err));
        const QByteArray svg = readAll(o.svg);
        QVERIFY(svg.contains("node vs laptop"));
        QVERIFY(svg.contains("laptop"));
        ChartRequest single = options(QStringLiteral("runtime"));
        single.n = 512;
        single.png = m_dir.filePath(QStringLiteral("single.png"));
        QCOMPARE(run(single).status, 0);
        auto coloured = [](const QImage& image) {
            int count = 0;
            for (int y = 0; y < image.height(); y += 2)
                for (int x = 0; x < image.width(); x += 2) {
                    const QColor c = image.pixelColor(x, y);
                    count += c.saturation() > 80 && c.value() > 60;
                }
            return count;
        };
        QVERIFY(coloured(QImage(o.png)) > coloured(QImage(single.png)) * 1.3);

        ChartRequest bad = o;
        bad.compare = {m_dir.filePath(QStringLiteral("nope.json"))};
        bad.png = m_dir.filePath(QStringLiteral("bad-compare.png"));
        bad.svg.clear();
        r = run(bad);
        QCOMPARE(r.status, 1);
        QVERIFY2(r.err.contains(QStringLiteral("nope.json")), qPrintable(r.err));
        QVERIFY(!QFile::exists(bad.png));
    }

    void failsCleanly_data() {
        QTest::addColumn<QString>("what");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("message");
        QTest::newRow("missing session")
            << QStringLiteral("missing") << 1 << QStringLiteral("no such file");
        QTest::newRow("corrupt session")
            << QStringLiteral("corrupt") << 1 << QStringLiteral("JSON");
        QTest::newRow("empty session") << QStringLiteral("empty") << 1 << QStringLiteral("empty");
        QTest::newRow("no results")
            << QStringLiteral("noresults") << 1 << QStringLiteral("no measured results");
        QTest::newRow("unknown chart")
            << QStringLiteral("chart") << 2 << QStringLiteral("unknown chart 'pie'");
        QTest::newRow("unknown theme")
            << QStringLiteral("theme") << 2 << QStringLiteral("unknown theme");
        QTest::newRow("no output")
            << QStringLiteral("nooutput") << 2 << QStringLiteral("nothing to write");
        QTest::newRow("bad size") << QStringLiteral("size") << 2 << QStringLiteral("--width");
        QTest::newRow("unwritable")
            << QStringLiteral("unwritable") << 1 << QStringLiteral("cannot write");
    }

    void failsCleanly() {
        QFETCH(QString, what);
        QFETCH(int, status);
        QFETCH(QString, message);
        ChartRequest o = options(QStringLiteral("runtime"));
        o.png = m_dir.filePath(what + QStringLiteral(".png"));
        auto write = [&](const QByteArray& bytes) {
            o.session = m_dir.filePath(what + QStringLiteral(".json"));
            QFile f(o.session);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(bytes);
        };
        if (what == QLatin1String("missing")) {
            o.session = m_dir.filePath(QStringLiteral("nope.json"));
        } else if (what == QLatin1String("corrupt")) {
            write(readAll(m_session).left(300));
        } else if (what == QLatin1String("empty")) {
            write({});
        } else if (what == QLatin1String("noresults")) {
            Session s = testing::makeSession(QStringLiteral("x"));
            s.results.clear();
            o.session = m_dir.filePath(QStringLiteral("noresults.json"));
            QVERIFY(s.save(o.session, nullptr));
        } else if (what == QLatin1String("chart")) {
            o.chart = QStringLiteral("pie");
        } else if (what == QLatin1String("theme")) {
            o.theme = QStringLiteral("neon");
        } else if (what == QLatin1String("nooutput")) {
            o.png.clear();
        } else if (what == QLatin1String("size")) {
            o.width = 0;
        } else if (what == QLatin1String("unwritable")) {
            o.png = m_dir.filePath(QStringLiteral("no/such/dir/x.png"));
        }
        const Run r = run(o);
        QCOMPARE(r.status, status);
        QVERIFY2(r.err.contains(message, Qt::CaseInsensitive), qPrintable(r.err));
        QVERIFY(r.err.startsWith(QLatin1String("headroom: ")));
        QVERIFY(r.out.isEmpty());
        QVERIFY(!QFile::exists(o.png));
    }
};

QTEST_MAIN(TestChartCli)
#include "tst_chart_cli.moc"
