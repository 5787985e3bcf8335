// SPDX-License-Identifier: MIT
// Which rungs can run here, and why not: python3 / a JDK >= 11 on PATH, OpenBLAS compiled in.
#pragma once

#include "machine.h"

#include <gemm.h>

#include <QJsonObject>
#include <QList>
#include <QString>

namespace headroom {

struct RungStatus {
    QString id;
    QString name;
    QString whatChanged;
    QString flags;
    QString kind; // "interpreted" | "native" | "reference"
    bool available = true;
    QString reason; // why not, when unavailable
    QString detail; // e.g. interpreter version, micro-kernel chosen
};

// The cache sizes the kernels size their blocks from (negative sizes become 0, unknown).
kernels::CacheInfo kernelCaches(const EffectiveCaches& caches);

// The micro-kernel the `microkernel` rung uses on this machine with these caches: kernel name,
// ISA, MR x NR and block sizes KC/MC/NC, and how they were chosen.
QJsonObject microkernelJson(const EffectiveCaches& caches);
QString microkernelSummary(const EffectiveCaches& caches);
// The cache blocking of "tiled", "dac" and "vectorized" with these caches: as JSON for the
// session's environment, and in words for one rung ("" for the others).
QJsonObject blockingJson(const EffectiveCaches& caches);
QString blockingSummary(const QString& rung, const EffectiveCaches& caches);

// The whole ladder in order with availability on this machine (cached after the first call).
// Called by the front ends only (the command line, the window's probes and run start): the
// runner, the session run and the environment block are handed the list as a value.
QList<RungStatus> rungStatuses();
RungStatus rungStatus(const QString& id);
bool isKnownRung(const QString& id);
QStringList allRungIds(); // ladder order; from the registry, nothing is probed
// Position of a rung in the ladder (python = 0 ... openblas last); unknown ids sort after.
int ladderIndex(const QString& rungId);
// The rung's name as the seed tables name it ("C, naive"); the id itself for an unknown one.
// From the registry: formatting a table never starts an interpreter.
QString rungName(const QString& id);
// A yardstick (OpenBLAS, BLIS), not a step of the ladder.
bool isReferenceRung(const QString& id);
// A yardstick's library name for ratio lines: "OpenBLAS" for "openblas", "BLIS" for "blis".
QString referenceLibraryName(const QString& id);

} // namespace headroom
