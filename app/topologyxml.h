// SPDX-License-Identifier: MIT
// A look at an hwloc XML file before hwloc parses it. hwloc 2.9's XML importer leaks the objects
// it built when the file ends early (LeakSanitizer shows it with a plain init/set_xml/load/
// destroy program, so it is not ours) and dereferences missing bitmaps in objects that lack the
// sets hwloc's own exporter always writes (SEGV in hwloc_bitmap_set/or). Both are refused here
// with a readable message; whatever still fails inside hwloc is reported by loadXmlTopology.
#pragma once

#include <QString>

namespace headroom {

// True when `path` is a regular, readable, well-formed XML file whose root is <topology>, and
// every <object> with a cpuset also carries complete_cpuset, nodeset and complete_nodeset.
// Otherwise false and *error names the path and the first problem (with its line).
bool checkTopologyXml(const QString& path, QString* error);

// hwloc topology handles created by Headroom and not yet destroyed (the process-wide live one
// included). Tests compare it before and after a failed import to catch a handle we leak.
int hwlocHandlesAlive();

} // namespace headroom
