// SPDX-License-Identifier: MIT
#include "topologyxml.h"

#include <QFile>
#include <QFileInfo>
#include <QXmlStreamReader>

namespace headroom {

namespace {

// Real exports are a few hundred KiB; a multi-megabyte file is not a topology we should parse.
constexpr qint64 kMaxTopologyBytes = 64LL << 20;

bool fail(QString* error, const QString& path, const QString& what) {
    *error = QStringLiteral("%1: %2").arg(path, what);
    return false;
}

// The sets hwloc's exporter writes on every object that has a cpuset (hwloc 1.x and 2.x).
QString missingSet(const QXmlStreamAttributes& attrs) {
    if (!attrs.hasAttribute(QLatin1String("cpuset")))
        return {};
    for (const char* name : {"complete_cpuset", "nodeset", "complete_nodeset"})
        if (!attrs.hasAttribute(QLatin1String(name)))
            return QString::fromLatin1(name);
    return {};
}

bool checkContent(QFile& f, const QString& path, QString* error) {
    QXmlStreamReader xml(&f);
    bool sawRoot = false;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        if (!sawRoot) {
            if (xml.name() != QLatin1String("topology"))
                return fail(error, path,
                            QStringLiteral("not an hwloc topology XML file (the root element is "
                                           "<%1>, not <topology>)")
                                .arg(xml.name().toString().left(40)));
            sawRoot = true;
            continue;
        }
        if (xml.name() != QLatin1String("object"))
            continue;
        const QString missing = missingSet(xml.attributes());
        if (!missing.isEmpty())
            return fail(error, path,
                        QStringLiteral("line %1: an <object> has a cpuset but no %2, which "
                                       "hwloc's exporter always writes; not importing it")
                            .arg(xml.lineNumber())
                            .arg(missing));
    }
    if (xml.hasError()) {
        if (!sawRoot)
            return fail(error, path,
                        QStringLiteral("not an hwloc topology XML file (no <topology> element)"));
        return fail(error, path,
                    QStringLiteral("damaged XML at line %1 (%2); the file may be truncated")
                        .arg(xml.lineNumber())
                        .arg(xml.errorString()));
    }
    if (!sawRoot)
        return fail(error, path,
                    QStringLiteral("not an hwloc topology XML file (no <topology> element)"));
    return true;
}

} // namespace

bool checkTopologyXml(const QString& path, QString* error) {
    const QFileInfo fi(path);
    if (!fi.exists())
        return fail(error, path, QStringLiteral("no such file"));
    if (!fi.isFile())
        return fail(error, path, QStringLiteral("not a regular file"));
    if (fi.size() > kMaxTopologyBytes)
        return fail(error, path,
                    QStringLiteral("%1 bytes is too large for a topology XML file (limit %2 MiB)")
                        .arg(fi.size())
                        .arg(kMaxTopologyBytes >> 20));
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return fail(error, path, QStringLiteral("cannot read (%1)").arg(f.errorString()));
    return checkContent(f, path, error);
}

} // namespace headroom
