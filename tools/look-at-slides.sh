#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Pictures to look at before a release (not a test: a person judges them): every chart of a
# session in every theme at slide resolutions, and the presentation mode (F11) stepped through
# in a real window under Xvfb.
#   tools/look-at-slides.sh SESSION.json OUT_DIR [path/to/headroom]
# Needs: xvfb (xvfb-run), xdotool and imagemagick (import) for the presentation screenshots;
# the exports alone need none of them.
set -euo pipefail
session=${1:?usage: tools/look-at-slides.sh SESSION.json OUT_DIR [headroom]}
out=${2:?usage: tools/look-at-slides.sh SESSION.json OUT_DIR [headroom]}
bin=${3:-$(dirname "$0")/../build/release/app/headroom}
mkdir -p "$out"
export XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-$(mktemp -d)}

for size in 1280x720 1920x1080 3840x2160; do
    for theme in light dark presentation; do
        for chart in runtime gflops roofline ladder dashboard; do
            stem="$out/$chart-$theme-$size"
            "$bin" --open "$session" --chart "$chart" --theme "$theme" \
                --width "${size%x*}" --height "${size#*x}" --png "$stem.png" --pdf "$stem.pdf" \
                >/dev/null
        done
    done
done
echo "exports: $(find "$out" -name '*.png' | wc -l) PNG and PDF pairs in $out"

if ! command -v xvfb-run >/dev/null || ! command -v xdotool >/dev/null ||
    ! command -v import >/dev/null; then
    echo "presentation screenshots skipped: install xvfb, xdotool and imagemagick"
    exit 0
fi
# The window under Xvfb; F11 starts the presentation, the arrows step through the ladder.
xvfb-run -a -s "-screen 0 1920x1080x24" bash -c '
    set -euo pipefail
    bin=$0 session=$1 out=$2
    "$bin" "$session" >/dev/null 2>&1 &
    app=$!
    wid=""
    for _ in $(seq 50); do
        wid=$(xdotool search --onlyvisible --name Headroom 2>/dev/null | head -n1) && [ -n "$wid" ] && break
        sleep 0.2
    done
    sleep 1
    xdotool windowfocus --sync "$wid" # no window manager under Xvfb: focus it for the keys
    shoot() { sleep 0.6; import -window root "$out/presentation-$1.png"; }
    shoot window
    xdotool key F11; shoot title
    xdotool key Right; shoot step1
    xdotool key Right Right Right; shoot step4
    xdotool key End Left; shoot last-rung
    xdotool key Right; shoot roofline
    xdotool key d; shoot roofline-dark
    kill $app
' "$bin" "$session" "$out"
echo "presentation screenshots in $out"
