// SPDX-License-Identifier: MIT
// CPU features, detected once (cpu_features where available), plus the HEADROOM_ISA override.
#pragma once

#include <string>
#include <vector>

namespace headroom::kernels {

enum class Isa { Generic, Avx2, Avx512 };

struct CpuInfo {
    std::string vendor; // "GenuineIntel", "AuthenticAMD", ...
    std::string brand;  // "AMD EPYC 7763 64-Core Processor"
    int family = 0, model = 0, stepping = 0;
    std::string uarch; // cpu_features' micro-architecture name, "" unknown
    bool sse2 = false, avx = false, avx2 = false, fma = false;
    bool avx512f = false, avx512dq = false, avx512vl = false, avx512bw = false;
    std::vector<std::string> features; // lower-case names of the detected features, for display
    // Data caches from CPUID leaf 4 / 0x8000001D (per instance, bytes); 0 unknown.
    long long cpuidL1d = 0, cpuidL2 = 0, cpuidL3 = 0;
};

// Detected once, thread-safe.
const CpuInfo& cpuInfo();

// The best ISA the CPU (and OS) supports for the micro-kernel.
Isa bestIsa();

// What HEADROOM_ISA asks for, judged against a CPU's features (injected, so that tests can ask
// for AVX-512 on a CPU without it).
struct IsaRequest {
    Isa isa = Isa::Generic; // the ISA to use: the forced one, else the CPU's best
    bool forced = false;    // a valid request this CPU can run
    bool refused = false;   // a valid request this CPU cannot run: the micro-kernel must not run
    std::string message;    // one line for the console and the window; empty when unset
};
IsaRequest resolveIsaRequest(const char* value, const CpuInfo& cpu);
// resolveIsaRequest(getenv("HEADROOM_ISA"), cpuInfo()).
IsaRequest isaRequest();

// The ISA to use: bestIsa(), or HEADROOM_ISA=avx512|avx2|generic when the CPU supports it.
// An unsupported or unknown request falls back to bestIsa() and sets *note to say so (callers
// that run the micro-kernel check isaRequest().refused first).
Isa selectedIsa(std::string* note = nullptr);
bool isaSupported(Isa isa);
bool isaSupportedBy(Isa isa, const CpuInfo& cpu);
const char* isaName(Isa isa); // "avx512" | "avx2" | "generic"

} // namespace headroom::kernels
