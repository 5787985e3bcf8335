// SPDX-License-Identifier: MIT
// The command line's options (the table --help prints and the man page describes) and the
// parsers of their values. Each parser sets `error` to one line naming the option and returns
// nullopt / false on bad input.
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

class QCommandLineParser;

namespace headroom {

inline constexpr int kMaxSize = 100000;

void addOptions(QCommandLineParser& parser);

// "256,512,1024" -> sizes, ascending; every item must be a whole number in 1..kMaxSize.
std::optional<QList<int>> parseSizes(const QString& text, QString* error);
// "all" or known rung ids, comma separated -> ids in ladder order.
std::optional<QStringList> parseRungs(const QString& text, QString* error);
// A whole number from `min` to `max` for --`option`.
std::optional<int> parseInt(const QString& option, const QString& text, int min, int max,
                            QString* error);
// An output file must be writable before a long run starts, not after it: the directory exists
// and a temporary file can be created in it.
bool checkWritable(const QString& option, const QString& path, QString* error);

} // namespace headroom
