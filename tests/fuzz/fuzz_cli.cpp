// SPDX-License-Identifier: MIT
// Fuzz target: the command-line parser (parseCommandLine), with all its validation and nothing
// run. The input is the argument list, one argument per line. Any arguments must give a command
// or a one-message refusal; an accepted headless command must only hold values the runner can
// take (the parser is the only gate in front of it).
#include "cli.h"
#include "ladderinfo.h"

#include <QCoreApplication>

#include <cmath>
#include <cstdint>
#include <cstdlib>

namespace {
void check(bool ok) {
    if (!ok)
        std::abort();
}
} // namespace

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv) {
    // QCommandLineParser's help text reads the application's arguments, as in the real app.
    static QCoreApplication app(*argc, *argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const QString text =
        QString::fromUtf8(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    QStringList arguments{QStringLiteral("headroom")};
    arguments += text.split(QLatin1Char('\n'));
    QString error;
    const auto command = headroom::parseCommandLine(arguments, &error);
    if (!command) {
        check(!error.isEmpty());
        return 0;
    }
    using Kind = headroom::ParsedCommand::Kind;
    const bool headless = command->kind == Kind::Headless ||
                          (command->kind == Kind::Gui && command->headlessError.isEmpty());
    if (headless) {
        const headroom::Plan& plan = command->headless.plan;
        check(!plan.sizes.isEmpty() && !plan.rungs.isEmpty());
        for (qsizetype i = 0; i < plan.sizes.size(); ++i) {
            check(plan.sizes[i] >= 1 && plan.sizes[i] <= 100000);
            check(i == 0 || plan.sizes[i - 1] < plan.sizes[i]);
        }
        for (const QString& id : plan.rungs)
            check(headroom::isKnownRung(id));
        check(plan.threads >= 0 && plan.threads <= 4096);
        check(std::isfinite(plan.budgetSeconds) && plan.budgetSeconds > 0);
        check(plan.repetitions >= 1 && plan.repetitions <= 1000);
    }
    if (command->kind == Kind::Chart) {
        const headroom::ChartRequest& c = command->chart;
        check(!c.session.isEmpty());
        check(c.width >= 16 && c.width <= 16384 && c.height >= 16 && c.height <= 16384);
        check(!c.png.isEmpty() || !c.svg.isEmpty() || !c.pdf.isEmpty());
    }
    if (command->kind == Kind::DescribeMachine)
        check(command->format == QLatin1String("text") || command->format == QLatin1String("json"));
    return 0;
}
