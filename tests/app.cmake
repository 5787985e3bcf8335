# SPDX-License-Identifier: MIT
# Tests of the core: statistics, runner, sessions, interpreted rungs, command line.
headroom_add_test(tst_stats LIBS headroom_core)
headroom_add_test(tst_runner LIBS headroom_core TIMEOUT 900)
headroom_add_test(tst_session LIBS headroom_core)
headroom_add_test(tst_report LIBS headroom_core)
headroom_add_test(tst_cli LIBS headroom_core TIMEOUT 900)
add_dependencies(tst_cli headroom)
headroom_add_test(tst_microtune LIBS headroom_core TIMEOUT 120 LABELS microkernel)
