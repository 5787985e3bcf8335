#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# CI hardening stages (#8), run by .ci/run after the main Release build and tests:
#   1. ASan+UBSan build, the WHOLE ctest suite (leak checking on);
#   2. TSan build, the threading tests (runner, RunJob cancel/fault tests, GUI main window run);
#   3. libFuzzer targets (session loader, command-line parser) built with clang, each run for a
#      bounded time over the seed corpus of real session files.
# Each stage is timed. A failing stage does not stop the others: every stage runs, each test
# failure is listed, and the summary (time and result per stage) is printed at the end, even on
# failure; the script then exits non-zero if any stage failed.
#
# Environment knobs: HARDENING_STAGES (default "asan tsan fuzz"), FUZZ_SECONDS (per target,
# default 60), JOBS (default: nproc), HARDENING_BUILD_ROOT (default build/).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
export DEBIAN_FRONTEND=noninteractive

STAGES=${HARDENING_STAGES:-asan tsan fuzz}
FUZZ_SECONDS=${FUZZ_SECONDS:-60}
JOBS=${JOBS:-$(nproc)}
BUILD_ROOT=${HARDENING_BUILD_ROOT:-$ROOT/build}
declare -a TIMES=()
declare -a FAILED=()

# stage_time NAME SECONDS [RESULT]: one summary row; a RESULT other than "ok" marks the run failed.
stage_time() {
    local result=${3:-ok}
    TIMES+=("$(printf '%-28s %4d min %02d s  %s' "$1" $(($2 / 60)) $(($2 % 60)) "$result")")
    [ "$result" = ok ] || FAILED+=("$1")
}
print_times() {
    echo "== hardening stage times =="
    for t in "${TIMES[@]}"; do echo "  $t"; done
    if ((${#FAILED[@]})); then echo "== failed stages: ${FAILED[*]} =="; fi
}
trap print_times EXIT
# build_stage NAME DIR NINJA-ARGS...: false (and the stage marked failed) when the build fails.
build_stage() {
    local name=$1 dir=$2 start=$SECONDS
    shift 2
    if ninja -C "$dir" -j"$JOBS" "$@"; then
        stage_time "$name" $((SECONDS - start))
    else
        stage_time "$name" $((SECONDS - start)) "FAILED"
        return 1
    fi
}
# run_tests NAME DIR CTEST-ARGS...: the whole selection runs; each failing test is named.
run_tests() {
    local name=$1 dir=$2 start=$SECONDS rc=0
    shift 2
    ctest --test-dir "$dir" --output-on-failure "$@" || rc=$?
    if [ "$rc" -ne 0 ]; then
        echo "== $name: failing tests =="
        sed 's/^/  /' "$dir/Testing/Temporary/LastTestsFailed.log" 2>/dev/null || true
        stage_time "$name" $((SECONDS - start)) "FAILED"
    else
        stage_time "$name" $((SECONDS - start))
    fi
}

# --- tools: clang + its sanitizer/fuzzer runtimes, libomp for clang's OpenMP, ccache ---------
start=$SECONDS
need=()
for pkg in clang libclang-rt-14-dev libomp-dev ccache llvm; do
    dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if ((${#need[@]})); then
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO=sudo
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
fi
stage_time "tools" $((SECONDS - start))

LAUNCHER=()
if command -v ccache >/dev/null; then
    LAUNCHER=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
    export CCACHE_DIR=${CCACHE_DIR:-$BUILD_ROOT/.ccache}
    export CCACHE_MAXSIZE=${CCACHE_MAXSIZE:-5G}
fi
# llvm-symbolizer gives the sanitizer reports file:line.
SYMBOLIZER=$(command -v llvm-symbolizer || ls /usr/lib/llvm-*/bin/llvm-symbolizer 2>/dev/null | head -n1 || true)
export QT_QPA_PLATFORM=offscreen

configure() { # dir, extra cmake args...
    local dir=$1
    shift
    cmake -S "$ROOT" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "${LAUNCHER[@]}" "$@" >/dev/null
}

# --- 1. ASan + UBSan: everything, every test ------------------------------------------------
if [[ " $STAGES " == *" asan "* ]]; then
    dir=$BUILD_ROOT/asan-h
    configure "$dir" -DHEADROOM_SANITIZE=ON
    if build_stage "asan+ubsan build" "$dir"; then
        # detect_leaks=1: a leak fails the test. Third-party leaks are suppressed narrowly and each
        # entry says why (.ci/lsan.supp). UBSan halts on the first report (-fno-sanitize-recover).
        ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:strict_string_checks=1:detect_stack_use_after_return=1:check_initialization_order=1${SYMBOLIZER:+:external_symbolizer_path=$SYMBOLIZER}" \
        LSAN_OPTIONS="suppressions=$ROOT/.ci/lsan.supp:print_suppressions=0" \
        UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1" \
            run_tests "asan+ubsan tests (all)" "$dir" -j"$JOBS" --timeout 3000
    fi
fi

# --- 2. TSan: the threading tests --------------------------------------------------------------
# GCC's libgomp is not built with TSan: its barriers and task queues synchronise through
# futexes TSan cannot see, so every OpenMP parallel region would be reported as a race. The
# tests run with OMP_THREAD_LIMIT=1: each parallel region then runs on its calling thread (the
# num_threads clauses cannot exceed the limit), libgomp starts no threads, and TSan checks what
# it can check soundly: the app's own threads (RunJob's QThread, the cancel flag from another
# thread, queued signals into the GUI). The OpenMP kernels' parallel correctness is covered by
# result verification in the Release and ASan runs. .ci/tsan.supp holds the remaining
# uninstrumented-library entries, one comment each.
# The GUI test is not in this list: Debian's Qt is not built with TSan, and Qt hands values between
# threads through its own futex-based event queue, which TSan cannot see, so every queued signal
# carrying implicitly shared data is reported as a race (seen on tst_ui_mainwindow). The GUI's
# threading is covered by tst_ui_mainwindow in the Release and ASan runs (results never produced on
# the GUI thread) and the worker's by the tests below.
TSAN_TESTS='^(tst_runner|tst_hardening_faults)$'
if [[ " $STAGES " == *" tsan "* ]]; then
    dir=$BUILD_ROOT/tsan-h
    configure "$dir" -DHEADROOM_TSAN=ON
    if build_stage "tsan build" "$dir" headroom tst_runner tst_hardening_faults; then
        OMP_THREAD_LIMIT=1 HEADROOM_HARDENING_KILLS=10 \
        TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:die_after_fork=0:suppressions=$ROOT/.ci/tsan.supp${SYMBOLIZER:+:external_symbolizer_path=$SYMBOLIZER}" \
            run_tests "tsan tests (threading)" "$dir" -R "$TSAN_TESTS" --timeout 3000
    fi
fi

# --- 3. libFuzzer: bounded runs over the seed corpus -------------------------------------------
if [[ " $STAGES " == *" fuzz "* ]]; then
    dir=$BUILD_ROOT/fuzz
    # The libraries get coverage instrumentation (fuzzer-no-link) and ASan+UBSan; the fuzz
    # binaries link libFuzzer's main.
    CC=clang CXX=clang++ configure "$dir" -DHEADROOM_SANITIZE=ON -DHEADROOM_FUZZ=ON \
        -DCMAKE_C_FLAGS=-fsanitize=fuzzer-no-link -DCMAKE_CXX_FLAGS=-fsanitize=fuzzer-no-link
    FUZZ_TARGETS=(session cli chart)
    build_stage "fuzz build (clang)" "$dir" "${FUZZ_TARGETS[@]/#/fuzz_}" || FUZZ_TARGETS=()
    for target in "${FUZZ_TARGETS[@]}"; do
        start=$SECONDS
        # The chart target (rendering whatever the loader accepts) starts from the session seeds.
        seeds=$target
        [ "$target" = chart ] && seeds=session
        work=$dir/fuzz-work/$target
        mkdir -p "$work/corpus" "$work/artifacts"
        set +e
        ASAN_OPTIONS="detect_leaks=1${SYMBOLIZER:+:external_symbolizer_path=$SYMBOLIZER}" \
        LSAN_OPTIONS="suppressions=$ROOT/.ci/lsan.supp" \
        UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1" \
            "$dir/tests/fuzz/fuzz_$target" -max_total_time="$FUZZ_SECONDS" -timeout=20 \
            -rss_limit_mb=4096 -max_len=65536 -print_final_stats=1 \
            -dict="$ROOT/tests/fuzz/$seeds.dict" \
            -artifact_prefix="$work/artifacts/" "$work/corpus" "$ROOT/tests/fuzz/corpus/$seeds" \
            2>"$work/log.txt"
        rc=$?
        set -e
        grep -E '^(#[0-9]+ *DONE|stat::number_of_executed_units|stat::new_units_added)' "$work/log.txt" || true
        echo "fuzz_$target: exit $rc; $(find "$work/corpus" -type f | wc -l) new corpus inputs"
        if [ "$rc" -ne 0 ]; then
            stage_time "fuzz $target (${FUZZ_SECONDS} s)" $((SECONDS - start)) "FAILED (exit $rc)"
            tail -n 60 "$work/log.txt"
            echo "fuzz_$target found a crash: commit the input from $work/artifacts/ under" \
                 "tests/fuzz/regressions/$target/ (replayed by the fuzz_${target}_replay test) and fix it."
        else
            stage_time "fuzz $target (${FUZZ_SECONDS} s)" $((SECONDS - start))
        fi
    done
fi
if ((${#FAILED[@]})); then
    echo "hardening: ${#FAILED[@]} stage(s) failed"
    exit 1
fi
echo "hardening: all stages passed"
