# SPDX-License-Identifier: MIT
# Machine tests: topology (golden files over real machines' hwloc XML), limits, roofline.
# Each test gets its own cache directory so measured limits never touch the user's cache.
headroom_add_test(tst_topology LIBS headroom_core OpenMP::OpenMP_CXX TIMEOUT 120 LABELS machine
    ENV "XDG_CACHE_HOME=${CMAKE_CURRENT_BINARY_DIR}/cache-tst_topology")
headroom_add_test(tst_limits LIBS headroom_core TIMEOUT 300 LABELS machine
    ENV "XDG_CACHE_HOME=${CMAKE_CURRENT_BINARY_DIR}/cache-tst_limits")
headroom_add_test(tst_roofline LIBS headroom_core TIMEOUT 60 LABELS machine
    ENV "XDG_CACHE_HOME=${CMAKE_CURRENT_BINARY_DIR}/cache-tst_roofline")
