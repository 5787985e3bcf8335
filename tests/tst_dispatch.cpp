// SPDX-License-Identifier: MIT
// Dispatch of the micro-kernel: HEADROOM_ISA selects the path the CPU supports; an unsupported or
// unknown request falls back to the best available one and says so.
#include "cpu.h"
#include "microkernel.h"

#include <QTest>

#include <cstdlib>
#include <string>

using namespace headroom::kernels;

namespace {

// Sets HEADROOM_ISA for the scope of one check and restores the previous value.
class ScopedIsaEnv {
public:
    explicit ScopedIsaEnv(const char* value) {
        if (const char* old = std::getenv("HEADROOM_ISA")) {
            m_hadOld = true;
            m_old = old;
        }
        if (value)
            setenv("HEADROOM_ISA", value, 1);
        else
            unsetenv("HEADROOM_ISA");
    }
    ~ScopedIsaEnv() {
        if (m_hadOld)
            setenv("HEADROOM_ISA", m_old.c_str(), 1);
        else
            unsetenv("HEADROOM_ISA");
    }
    ScopedIsaEnv(const ScopedIsaEnv&) = delete;
    ScopedIsaEnv& operator=(const ScopedIsaEnv&) = delete;

private:
    bool m_hadOld = false;
    std::string m_old;
};

bool contains(const std::string& text, const char* part) {
    return text.find(part) != std::string::npos;
}

} // namespace

class TestDispatch : public QObject {
    Q_OBJECT

private slots:
    void noOverrideSelectsBest();
    void overrideSelectsEverySupportedPath();
    void unsupportedRequestRefused();
    void unknownRequestsReported();
    void unknownRequestFallsBack();
    void bestIsaIsSupported();
};

void TestDispatch::noOverrideSelectsBest() {
    ScopedIsaEnv env(nullptr);
    std::string note;
    QCOMPARE(selectedIsa(&note), bestIsa());
    QVERIFY2(note.empty(), note.c_str());
    const MicrokernelChoice ch = microkernelChoice(CacheInfo{});
    QCOMPARE(ch.isaId, bestIsa());
    QCOMPARE(ch.isa, std::string(isaName(bestIsa())));
}

void TestDispatch::overrideSelectsEverySupportedPath() {
    int tried = 0;
    for (Isa isa : {Isa::Generic, Isa::Avx2, Isa::Avx512}) {
        if (!isaSupported(isa))
            continue;
        ScopedIsaEnv env(isaName(isa));
        std::string note;
        QCOMPARE(selectedIsa(&note), isa);
        QVERIFY2(contains(note, "forces"), note.c_str());
        const MicrokernelChoice ch = microkernelChoice(CacheInfo{});
        QCOMPARE(ch.isaId, isa);
        QVERIFY2(contains(ch.kernelName, isaName(isa)), ch.kernelName.c_str());
        QVERIFY2(contains(ch.note, isaName(isa)), ch.note.c_str());
        ++tried;
    }
    QVERIFY(tried >= 1); // generic is always supported
}

// A CPU's features injected: AVX-512 asked of a CPU without it is refused (the micro-kernel does
// not run) with a message that says why; a path the CPU has is forced.
void TestDispatch::unsupportedRequestRefused() {
    CpuInfo avx2Only;
    avx2Only.avx = avx2Only.avx2 = avx2Only.fma = true;
    const IsaRequest r = resolveIsaRequest("avx512", avx2Only);
    QVERIFY(r.refused);
    QVERIFY(!r.forced);
    QVERIFY2(contains(r.message, "refused") && contains(r.message, "AVX-512F") &&
                 contains(r.message, "avx2"),
             r.message.c_str());
    const IsaRequest ok = resolveIsaRequest("avx2", avx2Only);
    QVERIFY(ok.forced && !ok.refused);
    QCOMPARE(ok.isa, Isa::Avx2);
    CpuInfo bare; // no SIMD beyond the baseline: only generic runs
    QVERIFY(resolveIsaRequest("avx2", bare).refused);
    QVERIFY(!resolveIsaRequest("generic", bare).refused);
    QCOMPARE(resolveIsaRequest(nullptr, bare).isa, Isa::Generic);
    QVERIFY(resolveIsaRequest("", avx2Only).message.empty());

    // This CPU: a path it lacks is refused.
    for (Isa isa : {Isa::Avx2, Isa::Avx512}) {
        if (isaSupported(isa))
            continue;
        ScopedIsaEnv env(isaName(isa));
        QVERIFY(isaRequest().refused);
    }
}

// Unknown values, the wrong case included: ignored (the best path runs) and said so.
void TestDispatch::unknownRequestsReported() {
    CpuInfo avx512;
    avx512.avx = avx512.avx2 = avx512.fma = avx512.avx512f = true;
    for (const char* value : {"AVX2", "bogus", "avx-512", " avx2"}) {
        const IsaRequest r = resolveIsaRequest(value, avx512);
        QVERIFY(!r.refused && !r.forced);
        QCOMPARE(r.isa, Isa::Avx512);
        QVERIFY2(contains(r.message, value) && contains(r.message, "not one of") &&
                     contains(r.message, "lower case"),
                 r.message.c_str());
    }
}

void TestDispatch::unknownRequestFallsBack() {
    ScopedIsaEnv env("neon9000");
    std::string note;
    QCOMPARE(selectedIsa(&note), bestIsa());
    QVERIFY2(contains(note, "neon9000") && contains(note, isaName(bestIsa())), note.c_str());
    const MicrokernelChoice ch = microkernelChoice(CacheInfo{});
    QCOMPARE(ch.isaId, bestIsa());
    QVERIFY2(contains(ch.note, "neon9000"), ch.note.c_str());
}

void TestDispatch::bestIsaIsSupported() {
    QVERIFY(isaSupported(bestIsa()));
    QVERIFY(isaSupported(Isa::Generic));
    // The best is the widest supported: nothing better than it is supported.
    if (bestIsa() == Isa::Generic)
        QVERIFY(!isaSupported(Isa::Avx2) && !isaSupported(Isa::Avx512));
    if (bestIsa() == Isa::Avx2)
        QVERIFY(!isaSupported(Isa::Avx512));
}

QTEST_GUILESS_MAIN(TestDispatch)
#include "tst_dispatch.moc"
