#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Do fresh processes measure the same? (#16) A benchmark for a person, not a test.

Runs the same plan in N fresh headless processes (and, with --window, N window runs through
`headroom --run ... --quit` offscreen), then prints every rung's median per process, the
max/min ratio over the processes, and the window/headless ratio of the medians of medians.

  tools/process-variance.py [--runs 5] [--window] [--headroom build/release/app/headroom]
                            [-- plan options, default: --preset quick --no-measure]
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile


def run(binary, mode, plan, path):
    args = [binary, mode] + plan + ["--json", path]
    env = dict(os.environ)
    if mode == "--run":
        args.append("--quit")
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    else:
        args.append("--quiet")
    done = subprocess.run(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          text=True)
    if done.returncode != 0:
        sys.exit(f"{' '.join(args)} exited {done.returncode}:\n{done.stderr[-2000:]}")
    with open(path) as f:
        session = json.load(f)
    return {(r["rung"], r["n"]): r["seconds"] for r in session["results"]
            if r.get("status") in ("verified", "sampled")}


def table(title, runs):
    keys = sorted(set().union(*runs), key=lambda k: (k[1], k[0]))
    print(f"\n{title}: median seconds per fresh process, and max/min over them")
    print(f"{'rung':<13}{'n':>6}" + "".join(f"{'#' + str(i + 1):>11}" for i in range(len(runs)))
          + f"{'max/min':>9}")
    worst = 1.0
    for k in keys:
        vals = [r.get(k) for r in runs]
        ok = [v for v in vals if v]
        spread = max(ok) / min(ok) if ok else float("nan")
        worst = max(worst, spread)
        cells = "".join(f"{v:>11.4g}" if v else f"{'-':>11}" for v in vals)
        print(f"{k[0]:<13}{k[1]:>6}{cells}{spread:>9.2f}")
    print(f"worst max/min: {worst:.2f}")
    return keys


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--window", action="store_true")
    p.add_argument("--headroom", default=os.path.join(os.path.dirname(__file__), "..", "build",
                                                       "release", "app", "headroom"))
    p.add_argument("plan", nargs="*")
    a = p.parse_args()
    plan = a.plan or ["--preset", "quick", "--no-measure"]
    with tempfile.TemporaryDirectory() as tmp:
        headless = [run(a.headroom, "--headless", plan, os.path.join(tmp, f"h{i}.json"))
                    for i in range(a.runs)]
        keys = table("headless", headless)
        if not a.window:
            return
        window = [run(a.headroom, "--run", plan, os.path.join(tmp, f"w{i}.json"))
                  for i in range(a.runs)]
        table("window (--run)", window)
        print("\nwindow / headless, median of the per-process medians")
        for k in keys:
            h = [r[k] for r in headless if k in r]
            w = [r[k] for r in window if k in r]
            if h and w:
                print(f"{k[0]:<13}{k[1]:>6}{statistics.median(w) / statistics.median(h):>8.2f}")


if __name__ == "__main__":
    main()
