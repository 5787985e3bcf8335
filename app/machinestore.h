// SPDX-License-Identifier: MIT
// Where the app gets its Machine from: the live topology plus limits cached per machine (CPU
// model + topology hash) in the user's cache directory, or an hwloc XML file.
#pragma once

#include "machine.h"

#include <QString>

#include <atomic>
#include <functional>
#include <optional>

namespace headroom {

// The live machine: topology detected now (fast), limits from the cache when present (no
// measuring here, so callers never block on it). Never fails: on hwloc failure it returns what
// it can with a warning.
Machine liveMachine();

// Measures the live machine's limits now ("quick" <= 15 s on 2 cores, or "thorough"), stores
// them in the cache and returns the machine with them. progress(fraction 0..1, what).
Machine measureLiveMachine(const QString& setting,
                           const std::function<void(double, const QString&)>& progress = {},
                           const std::atomic<bool>* cancel = nullptr);

// A machine from an hwloc XML export (no limits: a file cannot be measured).
std::optional<Machine> machineFromXml(const QString& path, QString* error);

} // namespace headroom
