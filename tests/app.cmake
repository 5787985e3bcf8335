# SPDX-License-Identifier: MIT
# Tests of the core: statistics, runner, sessions, interpreted rungs, command line.
headroom_add_test(tst_stats LIBS headroom_core)
headroom_add_test(tst_runner LIBS headroom_core TIMEOUT 900)
headroom_add_test(tst_sampling LIBS headroom_core TIMEOUT 120)
headroom_add_test(tst_session LIBS headroom_core)
headroom_add_test(tst_sessionrun LIBS headroom_core TIMEOUT 120)
headroom_add_test(tst_runplanning LIBS headroom_core)
headroom_add_test(tst_pointdata LIBS headroom_core)
headroom_add_test(tst_plan LIBS headroom_core)
headroom_add_test(tst_filewrite LIBS headroom_core)
headroom_add_test(tst_report LIBS headroom_core)
headroom_add_test(tst_seedcompare LIBS headroom_core)
headroom_add_test(tst_format LIBS headroom_core)
headroom_add_test(tst_compareratio LIBS headroom_core)
headroom_add_test(tst_cli LIBS headroom_core TIMEOUT 900)
add_dependencies(tst_cli headroom)
headroom_add_test(tst_runlock LIBS headroom_core TIMEOUT 300)
add_dependencies(tst_runlock headroom)
# Timing comparison: alone on the machine (RUN_SERIAL), never beside another test.
headroom_add_test(tst_parity LIBS headroom_core TIMEOUT 900)
add_dependencies(tst_parity headroom)
set_tests_properties(tst_parity PROPERTIES RUN_SERIAL TRUE)
# Loads the machine on purpose: alone (RUN_SERIAL), so that it slows no other test's timing.
headroom_add_test(tst_baseline LIBS headroom_core TIMEOUT 300)
set_tests_properties(tst_baseline PROPERTIES RUN_SERIAL TRUE)
# The traffic model, checked against valgrind's counts on a small driver of the scalar rungs.
add_executable(intensity_driver intensity_driver.cpp)
target_link_libraries(intensity_driver PRIVATE headroom_kernels)
headroom_add_test(tst_intensity LIBS headroom_core TIMEOUT 300)
target_compile_definitions(tst_intensity PRIVATE
    HEADROOM_INTENSITY_DRIVER="$<TARGET_FILE:intensity_driver>")
add_dependencies(tst_intensity headroom intensity_driver)
headroom_add_test(tst_microtune LIBS headroom_core TIMEOUT 120 LABELS microkernel)
# A timing test (prediction against measurement): alone on the machine.
headroom_add_test(tst_prediction LIBS headroom_core TIMEOUT 300)
set_tests_properties(tst_prediction PROPERTIES RUN_SERIAL TRUE)
