# SPDX-License-Identifier: MIT
# The micro-kernel rung (issue #3): correctness of every ISA path the CPU has, and dispatch.
headroom_add_test(tst_microkernel LIBS headroom_kernels TIMEOUT 240 LABELS kernels microkernel)
headroom_add_test(tst_dispatch LIBS headroom_kernels TIMEOUT 60 LABELS kernels microkernel)
headroom_add_test(tst_tuning LIBS headroom_kernels TIMEOUT 60 LABELS kernels microkernel)
