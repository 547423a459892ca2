#!/usr/bin/env python3
"""`python build.py` on the seed (build and check, the whole process, cold), as a clerk runs it.

    python bench/seed_build.py                      # 10 runs of this checkout
    python bench/seed_build.py --vs ../other-checkout --runs 10   # paired: ours, theirs, ours, ...

Each run is a fresh process writing into a new folder on /dev/shm; wall and CPU seconds (user +
system of the whole process tree, from os.wait4). Prints medians, and with --vs the medians of
the run-by-run ratios (this checkout / the other), which hold when the machine's speed drifts.
Our modules' compiled bytecode is kept (this machine sets PYTHONDONTWRITEBYTECODE, which
compiles them at every start; nobody else's machine does).
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "bench")]

from run import measure  # noqa: E402

CHILD_ENV = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def one_run(checkout: Path, out: Path) -> tuple[float, float]:
    shutil.rmtree(out, ignore_errors=True)
    measured = measure([sys.executable, "build.py", "--out", str(out)], cwd=checkout, env=CHILD_ENV)
    if measured.returncode != 0:
        sys.exit(f"python build.py failed in {checkout} (exit {measured.returncode})")
    return measured.wall, measured.cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--vs", type=Path, help="another checkout, run in turn with this one")
    args = parser.parse_args()
    checkouts = [REPO] + ([args.vs.resolve()] if args.vs else [])
    work = Path(tempfile.mkdtemp(prefix="zwgk-seed-", dir="/dev/shm" if Path("/dev/shm").is_dir() else None))
    try:
        for checkout in checkouts:
            one_run(checkout, work / "out")  # warm-up: Jinja2's bytecode cache and our .pyc files
        runs: dict[Path, list[tuple[float, float]]] = {checkout: [] for checkout in checkouts}
        for _ in range(args.runs):
            for checkout in checkouts:
                runs[checkout].append(one_run(checkout, work / "out"))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    load = os.getloadavg()[0]
    for checkout, results in runs.items():
        walls, cpus = [wall for wall, _ in results], [cpu for _, cpu in results]
        print(f"{checkout}: python build.py on the seed, {args.runs} runs: wall {statistics.median(walls):.3f} s "
              f"({min(walls):.3f}-{max(walls):.3f}), CPU {statistics.median(cpus):.3f} s")
    if args.vs:
        ours, theirs = runs[REPO], runs[checkouts[1]]
        wall_ratio = statistics.median(a[0] / b[0] for a, b in zip(ours, theirs))
        cpu_ratio = statistics.median(a[1] / b[1] for a, b in zip(ours, theirs))
        print(f"ratio (this / --vs): wall {wall_ratio:.2f}x, CPU {cpu_ratio:.2f}x")
    print(f"load average at the end: {load:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
