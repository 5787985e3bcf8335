#!/bin/sh
# SPDX-License-Identifier: MIT
# CI step: the kernels library must compile for aarch64 (the portable micro-kernel path, no x86
# instruction-set folders). Builds only kernels/, through packaging/cross, with Debian's cross
# compiler; installs g++-aarch64-linux-gnu with apt if it is missing.
#   .ci/cross-aarch64.sh [build-dir]     (default: build-aarch64 in the repository)
set -eu
repo=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$repo/build-aarch64}

if ! command -v aarch64-linux-gnu-g++ >/dev/null 2>&1; then
    echo "installing the aarch64 cross compiler"
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    $sudo apt-get update -q
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q g++-aarch64-linux-gnu
fi
generator=""
command -v ninja >/dev/null 2>&1 && generator="-G Ninja"

# shellcheck disable=SC2086 # $generator is empty or two words
cmake -S "$repo/packaging/cross" -B "$build" $generator \
    --toolchain "$repo/packaging/aarch64-toolchain.cmake" -DCMAKE_BUILD_TYPE=Release
cmake --build "$build" --target headroom_kernels --parallel "${JOBS:-2}"

# The library must hold aarch64 code only: an x86 object would mean the ISA folders leaked in.
lib=$(find "$build" -name 'libheadroom_kernels.a' | head -n 1)
[ -n "$lib" ] || { echo "libheadroom_kernels.a not built" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && aarch64-linux-gnu-ar x "$lib")
bad=0
for obj in "$tmp"/*.o; do
    machine=$(aarch64-linux-gnu-readelf -h "$obj" | sed -n 's/^ *Machine: *//p')
    case "$machine" in
        AArch64) ;;
        *) echo "not aarch64: $(basename "$obj"): $machine" >&2; bad=1 ;;
    esac
    case "$(basename "$obj")" in
        *avx*|*sse*) echo "x86 ISA object in the aarch64 build: $(basename "$obj")" >&2; bad=1 ;;
    esac
done
[ "$bad" -eq 0 ] || exit 1
echo "aarch64 kernels OK: $lib ($(find "$tmp" -name "*.o" | wc -l) objects)"
