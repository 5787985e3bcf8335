// SPDX-License-Identifier: MIT
// Fuzz target: Session::fromBytes, the loader every session file goes through (GUI and command
// line). Any bytes must give a session or an error message, never a crash, a hang or UB; and a
// session that was accepted must survive its own round trip unchanged.
#include "session.h"

#include <QJsonDocument>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const QByteArray bytes(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    QString error;
    const auto session = headroom::Session::fromBytes(bytes, &error);
    // HEADROOM_FUZZ_VERBOSE=1 says what each input was (to check that seeds are accepted).
    static const bool verbose = qEnvironmentVariableIsSet("HEADROOM_FUZZ_VERBOSE");
    if (verbose)
        std::fprintf(stderr, "  %s\n", session ? "accepted" : qPrintable(error));
    if (!session) {
        if (error.isEmpty())
            std::abort(); // a refusal must say why
        return 0;
    }
    // What was accepted is what gets saved: it must read back, and read back the same.
    const QJsonObject saved = session->toJson();
    const auto back =
        headroom::Session::fromBytes(QJsonDocument(saved).toJson(QJsonDocument::Compact), &error);
    if (!back)
        std::abort();
    if (back->toJson() != saved)
        std::abort();
    return 0;
}
