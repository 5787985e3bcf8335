# SPDX-License-Identifier: MIT
# Hardening (#8): bad input through the real binary, faults (kill -9 during a save, random
# cancels, a planted wrong kernel), and the fuzz targets' regression inputs replayed as a test.
headroom_add_test(tst_hardening_cli LIBS headroom_core TIMEOUT 1200 LABELS hardening)
add_dependencies(tst_hardening_cli headroom)
# The kill loop runs 40 child processes; under a sanitizer that is longer than QTest's 5 min.
headroom_add_test(tst_hardening_faults LIBS headroom_ui TIMEOUT 1800 LABELS "hardening;threading"
    ENV QTEST_FUNCTION_TIMEOUT=1500000)

# The fuzz targets (tests/fuzz): replayed over their seed corpus and every committed crash input
# in every build; built as libFuzzer binaries only with clang and -DHEADROOM_FUZZ=ON.
add_subdirectory(fuzz)

# The second round (#20): outputs that never destroy, inputs that cannot exhaust, messages.
headroom_add_test(tst_hardening_io LIBS headroom_ui TIMEOUT 600 LABELS hardening)
add_dependencies(tst_hardening_io headroom)
target_compile_definitions(tst_hardening_io PRIVATE HEADROOM_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
