#!/bin/sh
# SPDX-License-Identifier: MIT
# Re-renders the committed hicolor PNGs from headroom.svg. They are committed (not rendered at
# build time) so that building the package needs no SVG renderer; run this after editing the SVG.
set -eu
cd "$(dirname "$0")"
command -v rsvg-convert >/dev/null || { echo "rsvg-convert missing: apt-get install librsvg2-bin" >&2; exit 1; }
for size in 16 22 24 32 48 64 128 256 512; do
    rsvg-convert --width "$size" --height "$size" headroom.svg --output "headroom-$size.png"
done
