#!/usr/bin/env python3
"""`python build.py` on the seed (build and check, the whole process, cold), as a clerk runs it,
paired with the floor building 48 tasks: issue 12's aim 3 asks for 0.25 s "on the machine where
the floor builds 48 tasks in about 0.1 s", so the ratio to the floor, measured in the same run,
is what carries from one machine (or hour) to another.

    python bench/seed_build.py                                   # 10 rounds
    python bench/seed_build.py --vs ../other-checkout --runs 10  # and another checkout in each round

Each round runs ours, the floor (48 tasks from ../shared/bench/gen_plan.py) and, with --vs, the
other checkout, each a fresh process writing into a new folder on /dev/shm, after one warm-up of
each (Jinja2's bytecode cache, our .pyc files: this machine sets PYTHONDONTWRITEBYTECODE, which
nobody else's does). Wall and CPU seconds of the whole process tree (os.wait4). Prints medians
and the medians of the round-by-round ratios.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "bench")]

from run import GENERATOR, measure  # noqa: E402
from vs_floor import CHILD_ENV, floor_copy  # noqa: E402


def one_run(argv: list[str], cwd: Path, out: Path) -> tuple[float, float]:
    shutil.rmtree(out, ignore_errors=True)
    measured = measure(argv, cwd=cwd, env=CHILD_ENV)
    if measured.returncode != 0:
        sys.exit(f"{' '.join(argv)} failed in {cwd} (exit {measured.returncode})")
    return measured.wall, measured.cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="rounds")
    parser.add_argument("--vs", type=Path, help="another checkout, run in each round too")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="zwgk-seed-", dir="/dev/shm" if Path("/dev/shm").is_dir() else None) as work:
        work = Path(work)
        plan = work / "plan-48.json"
        subprocess.run([sys.executable, str(GENERATOR), "48", str(plan)], check=True)
        sides = {"ours (seed, python build.py)": ([sys.executable, "build.py", "--out", str(work / "out")], REPO),
                 "floor (48 tasks)": ([sys.executable, str(floor_copy(work)), str(plan), str(work / "out")], work)}
        if args.vs:
            sides[f"{args.vs} (seed, python build.py)"] = ([sys.executable, "build.py", "--out", str(work / "out")], args.vs.resolve())
        for argv, cwd in sides.values():
            one_run(argv, cwd, work / "out")  # warm-up
        runs: dict[str, list[tuple[float, float]]] = {name: [] for name in sides}
        for _ in range(args.runs):
            for name, (argv, cwd) in sides.items():
                runs[name].append(one_run(argv, cwd, work / "out"))
    print(f"{args.runs} rounds; load average at the end {os.getloadavg()[0]:.1f}")
    for name, results in runs.items():
        walls, cpus = [wall for wall, _ in results], [cpu for _, cpu in results]
        print(f"  {name}: wall {statistics.median(walls):.3f} s ({min(walls):.3f}-{max(walls):.3f}), "
              f"CPU {statistics.median(cpus):.3f} s")
    ours, floor = runs["ours (seed, python build.py)"], runs["floor (48 tasks)"]
    wall_ratio = statistics.median(a[0] / b[0] for a, b in zip(ours, floor))
    print(f"ours / floor: wall {wall_ratio:.2f}x, CPU {statistics.median(a[1] / b[1] for a, b in zip(ours, floor)):.2f}x"
          f" -> {wall_ratio * 0.1:.3f} s where the floor takes 0.1 s")
    if args.vs:
        other = runs[f"{args.vs} (seed, python build.py)"]
        print(f"ours / {args.vs}: wall {statistics.median(a[0] / b[0] for a, b in zip(ours, other)):.2f}x, "
              f"CPU {statistics.median(a[1] / b[1] for a, b in zip(ours, other)):.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
