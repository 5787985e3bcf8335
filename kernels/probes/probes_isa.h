// SPDX-License-Identifier: MIT
// The per-ISA probe kernels behind probes.h; each lives in the folder of its instruction set
// and is only called after the CPU check in probes.cpp.
#pragma once

#include <cstddef>
#include <cstdint>

namespace headroom::kernels::probes::isa {

// Peak kernels: `bits` = 64 (scalar), 128, 256 or 512; return the checksum.
double fmaAvx2Double(int bits, std::int64_t iterations);
double fmaAvx2Single(int bits, std::int64_t iterations);
double fmaAvx512Double(std::int64_t iterations);
double fmaAvx512Single(std::int64_t iterations);
double mulAddSseDouble(int bits, std::int64_t iterations);
double mulAddSseSingle(int bits, std::int64_t iterations);

double readAvx2(const double* a, std::size_t n, std::int64_t passes);
void triadAvx2(double* a, const double* b, const double* c, double s, std::size_t n,
               std::int64_t passes);
double readAvx512(const double* a, std::size_t n, std::int64_t passes);
void triadAvx512(double* a, const double* b, const double* c, double s, std::size_t n,
                 std::int64_t passes);

} // namespace headroom::kernels::probes::isa
