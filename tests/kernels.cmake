# SPDX-License-Identifier: MIT
# Kernel tests: every rung against the reference, the verification itself, the test matrices.
headroom_add_test(tst_rungs LIBS headroom_kernels TIMEOUT 300 LABELS kernels)
headroom_add_test(tst_verify LIBS headroom_kernels TIMEOUT 120 LABELS kernels)
headroom_add_test(tst_matrix LIBS headroom_kernels TIMEOUT 120 LABELS kernels)
headroom_add_test(tst_median LIBS headroom_kernels TIMEOUT 60 LABELS kernels)
