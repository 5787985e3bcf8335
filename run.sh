#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Headroom from a fresh Debian/Ubuntu machine:
#   ./run.sh          install what is missing, build, start the app (headless ladder + charts
#                     into ./headroom-results when there is no display)
#   ./run.sh --test   install what is missing, build, run every test
# Anything after the first argument is passed to headroom (./run.sh -- --list-rungs).
set -euo pipefail
cd "$(dirname "$0")"

PACKAGES=(cmake ninja-build g++ pkg-config
          qt6-base-dev qt6-charts-dev qt6-svg-dev libqt6opengl6-dev qt6-base-dev-tools
          libhwloc-dev libcpu-features-dev libopenblas0 libblis4
          python3 default-jdk-headless
          xvfb xauth desktop-file-utils appstream dpkg-dev file poppler-utils
          clang libclang-rt-14-dev)

install_missing() {
    local missing=()
    for p in "${PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "Installing: ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

install_missing
cmake --preset release >/dev/null
cmake --build --preset release

if [ "${1:-}" = "--test" ]; then
    ctest --preset release -j2
    exit $?
fi
[ "${1:-}" = "--" ] && shift
exec ./build/release/app/headroom "$@"
