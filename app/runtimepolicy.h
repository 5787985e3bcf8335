// SPDX-License-Identifier: MIT
// The threading runtimes' behaviour as the program's choice, not the user's shell's: libgomp and
// OpenBLAS read their settings from the environment once, when they are loaded (before main), so
// the entry point sets them and re-executes itself once. The default spin-then-sleep wait of
// libgomp made whole processes measure the -O3 rungs up to 5.6x slow on a Zen 4 VM, while
// OMP_WAIT_POLICY=passive or =active made every process agree (issue #16).
#pragma once

#include <QJsonObject>
#include <QString>

namespace headroom {

// Sets the policy below in the environment and re-executes the program (through /proc/self/exe)
// when the environment does not carry it yet; returns only when no re-execution was needed or
// it failed (then the reason is kept for runtimePolicyJson()). Call first thing in main(),
// before anything loads OpenBLAS or starts an OpenMP region.
//   OMP_WAIT_POLICY=passive (HEADROOM_OMP_WAIT_POLICY=active|passive chooses), OMP_PROC_BIND=false
//   and OMP_DYNAMIC=false (Headroom pins its threads itself with hwloc, one per core),
//   OPENBLAS_THREAD_TIMEOUT=4 (OpenBLAS's idle threads sleep at once instead of spinning beside
//   the next rung). When OPENBLAS_CORETYPE is unset and OpenBLAS falls back to a kernel family
//   weaker than the CPU runs, it is set to the stronger one (see openblasCoreProvenance()).
void applyRuntimePolicy(char** argv);

// What the threading runtimes were started with in this process: each variable's value, whether
// Headroom set it, and what the user's environment had asked for when it was overridden. An
// unset OMP_WAIT_POLICY gets "omp_wait_policy_unset": what libgomp does instead, and why.
QJsonObject runtimePolicyJson();

// Where OpenBLAS's kernel family came from, for the yardstick's detail: chosen by headroom (and
// what OpenBLAS had picked by itself), OpenBLAS's own choice, or OPENBLAS_CORETYPE from the
// environment, with a warning when the CPU runs a stronger family. Empty when not loaded.
QString openblasCoreProvenance();

// One line for --list-rungs (the session keeps runtimePolicyJson()).
QString runtimePolicyText();

} // namespace headroom
