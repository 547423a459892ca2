#!/usr/bin/env python3
"""This project's build beside the bare Jinja2 script (the floor), paired run by run on the same plans.

    python bench/vs_floor.py                          # 48, 1,000, 10,000, 50,000 tasks; 3 pairs each
    python bench/vs_floor.py --sizes 48,1000 --runs 5
    python bench/vs_floor.py --out-dir /var/tmp       # output on disk instead of /dev/shm

For each size, ../shared/bench/gen_plan.py writes the plan (JSON, the floor's input) and
bench/plan_convert.py turns it into a project root in our format. After one warm-up build of
ours (not counted; it fills Jinja2's bytecode cache and our parse cache, as any earlier build has), A B A B: our build
(`build_site`, no check) and the floor's, each a fresh process writing into an absent folder.
Per process: wall seconds, CPU seconds (user + sys of the whole process tree, from os.wait4),
peak memory of the whole process tree (sum of PSS over the tree, sampled every 0.1 s, or the
largest process's peak RSS when that is larger). The table gives medians; the ratios are the
medians of the pair-by-pair ratios (ours / floor), which hold when the machine's speed drifts.
"""
from __future__ import annotations

import argparse
import datetime
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FLOOR = REPO.parent / "shared" / "bench" / "floor"
sys.path[:0] = [str(REPO / "bench")]

from plan_convert import write_project  # noqa: E402
from run import BUILD, GENERATOR, machine, markdown_table, measure  # noqa: E402

DEFAULT_SIZES = "48,1000,10000,50000"
# As Python runs for anyone who has not turned it off: our modules' compiled bytecode kept in
# __pycache__ (this shared machine sets PYTHONDONTWRITEBYTECODE, which compiles them at every start).
CHILD_ENV = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


@dataclass
class Side:
    """One builder's runs at one size."""

    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    peak_mb: list[float] = field(default_factory=list)


@dataclass
class Pairing:
    tasks: int
    ours: Side = field(default_factory=Side)
    floor: Side = field(default_factory=Side)
    load: list[float] = field(default_factory=list)


def floor_copy(work: Path) -> Path:
    """The floor script with the ../common/style.css it copies at its end (absent from ../shared)."""
    shutil.copytree(FLOOR, work / "floor")
    (work / "common").mkdir()
    shutil.copyfile(REPO / "static" / "site.css", work / "common" / "style.css")
    return work / "floor" / "build.py"


def run_side(side: Side, argv: list[str], out: Path) -> None:
    """One fresh process writing into an absent out; its figures added to side."""
    shutil.rmtree(out, ignore_errors=True)
    result = measure(argv, env=CHILD_ENV)
    if result.returncode:
        raise SystemExit(f"{' '.join(argv)} failed (exit {result.returncode}):\n{result.stdout}")
    side.wall.append(result.wall)
    side.cpu.append(result.cpu)
    side.peak_mb.append(result.peak_mb)
    shutil.rmtree(out, ignore_errors=True)


def pair_size(tasks: int, runs: int, work: Path, out_dir: Path, floor_script: Path) -> Pairing:
    plan = work / f"plan-{tasks}.json"
    root = work / f"project-{tasks}"
    subprocess.run([sys.executable, str(GENERATOR), str(tasks), str(plan)], check=True)
    write_project(json.loads(plan.read_text(encoding="utf-8")), root)
    pairing = Pairing(tasks)
    ours_out, floor_out = out_dir / f"ours-{tasks}", out_dir / f"floor-{tasks}"
    ours = [sys.executable, "-c", BUILD, str(root), str(ours_out)]
    floor = [sys.executable, str(floor_script), str(plan), str(floor_out)]
    run_side(Side(), ours, ours_out)  # warm-up, not counted: fills Jinja2's bytecode cache and our parse cache
    for run in range(runs):
        print(f"  {tasks:,} tasks: pair {run + 1} of {runs}", file=sys.stderr, flush=True)
        run_side(pairing.ours, ours, ours_out)
        run_side(pairing.floor, floor, floor_out)
        pairing.load.append(os.getloadavg()[0])
    return pairing


def ratio(ours: list[float], floor: list[float]) -> str:
    return f"{statistics.median(a / b for a, b in zip(ours, floor)):.2f}×"


COLUMNS = ["tasks", "wall s", "floor wall s", "wall ratio", "CPU s", "floor CPU s", "CPU ratio",
           "peak MB", "floor peak MB", "peak ratio", "load avg"]


def table_row(pairing: Pairing) -> list[str]:
    ours, floor = pairing.ours, pairing.floor
    median = statistics.median
    return [
        f"{pairing.tasks:,}",
        f"{median(ours.wall):.2f}", f"{median(floor.wall):.2f}", ratio(ours.wall, floor.wall),
        f"{median(ours.cpu):.2f}", f"{median(floor.cpu):.2f}", ratio(ours.cpu, floor.cpu),
        f"{median(ours.peak_mb):.0f}", f"{median(floor.peak_mb):.0f}", ratio(ours.peak_mb, floor.peak_mb),
        f"{min(pairing.load):.1f}–{max(pairing.load):.1f}",
    ]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=DEFAULT_SIZES, help="comma-separated numbers of tasks")
    parser.add_argument("--runs", type=int, default=3, help="pairs per size")
    parser.add_argument("--out-dir", type=Path, default=Path("/dev/shm"), help="where the builds write (default /dev/shm)")
    args = parser.parse_args(argv)
    started = datetime.datetime.now(datetime.timezone.utc)
    start_machine = machine()
    pairings = []
    with tempfile.TemporaryDirectory(prefix="zwgk-vs-floor-", dir="/dev/shm" if Path("/dev/shm").is_dir() else None) as work, \
            tempfile.TemporaryDirectory(prefix="zwgk-vs-floor-out-", dir=args.out_dir) as out:
        floor_script = floor_copy(Path(work))
        for size in args.sizes.split(","):
            pairings.append(pair_size(int(size), args.runs, Path(work), Path(out), floor_script))
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True).stdout.strip()
    print(f"zwgk vs the bare Jinja2 floor, {started:%Y-%m-%d %H:%M} UTC, commit {commit}")
    print(f"Machine: {start_machine}")
    print(f"Output: {args.out_dir}; {args.runs} pairs per size (ours, floor, ours, floor, ...), each a fresh process;"
          " medians; ratios are medians of the pair-by-pair ratios (ours / floor)\n")
    print(markdown_table(COLUMNS, [table_row(pairing) for pairing in pairings]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
