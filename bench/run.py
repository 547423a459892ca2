"""Benchmark: how the cost of building, checking, rebuilding and searching grows with the plan.

    python bench/run.py [--sizes seed,48,1000,10000,50000] [--runs 5] [--large-runs 3]
                        [--disk-dir /var/tmp] [--no-disk] [--no-search]

For each N, ../shared/bench/gen_plan.py writes a synthetic plan (deterministic) and
bench/plan_convert.py turns it into a project root (data/*.yaml plus copies of templates/,
static/ and content/); "seed" is the repository's own data/. Every measurement runs in a fresh
process, `runs` times (`large-runs` from 50,000 tasks), and the table shows the median and
the min-max, and the range of the 1-minute load average after each build (on a shared
machine, what other jobs took):

  build    python -c "build_site(OUT, '/', PROJECT)" into an absent OUT: wall time of the
           whole process (start-up and imports included), per page, and peak memory: the
           larger of the biggest process's peak RSS (getrusage, exact) and the largest sum
           of PSS over the process tree (workers included) sampled every 0.2 s
  output   size of all files written and number of HTML pages
  rebuild  one task's text edited in data/tasks.yaml, then the same build over the
           existing OUT (so it includes retiring and deleting the previous output)
  check    python build.py check OUT --format json, and HTML pages checked per second
  search   size of search/index.json (raw and gzip -9) and, from bench/search_bench.py
           over the built site in headless Chromium, the seconds from opening the search
           page until it can search and the median time of a query (until the frame is drawn)

Each size is measured with OUT on tmpfs (/dev/shm) and on disk (--disk-dir; ext4 on this
machine). The disk is written through the page cache: `sync` runs before each measured
process, not after it. Checks and searches read the tmpfs output only.
"""
from __future__ import annotations

import argparse
import datetime
import gzip
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GENERATOR = REPO.parent / "shared" / "bench" / "gen_plan.py"
TMPFS = Path("/dev/shm")
sys.path[:0] = [str(REPO / "bench")]

from plan_convert import write_project  # noqa: E402

BUILD = "import sys; from pathlib import Path; from build import build_site; print(build_site(Path(sys.argv[2]), '/', Path(sys.argv[1])))"
LARGE = 50_000  # tasks from which --large-runs applies
# Other generators on the same synthetic plans, tmpfs, this kind of 2-core machine (issue 7):
# seconds for a site of home, category, unit, task and search pages.
REFERENCE = {
    "Hugo 0.111": {48: 0.08, 1000: 0.42, 10000: 4.1, 50000: 25.5},
    "Eleventy 3": {48: 0.87, 1000: 1.8, 10000: 7.7, 50000: 34.6},
    "bare Jinja2": {48: 0.095, 1000: 0.29, 10000: 1.95, 50000: 11.8},
}


# --- measuring one process --------------------------------------------------------------------


@dataclass
class Measured:
    wall: float  # seconds
    peak_mb: float  # the whole process tree's
    cpu: float  # seconds, user + sys, of the process and every descendant it waited for
    stdout: str
    returncode: int


def _tree(pid: int) -> list[int]:
    """pid and all its descendants, as /proc lists them now."""
    found, pending = [], [pid]
    while pending:
        current = pending.pop()
        found.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as children:
                    pending.extend(int(child) for child in children.read().split())
        except OSError:
            pass  # ended meanwhile
    return found


def _pss_mb(pid: int) -> float:
    """Proportional set size: the process's resident memory, pages shared with others split among them."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as rollup:
            return next(int(line.split()[1]) for line in rollup if line.startswith("Pss:")) / 1024
    except (OSError, StopIteration):
        return 0.0


def measure(argv: list[str], cwd: Path = REPO, env: dict | None = None) -> Measured:
    """Run argv; its wall time, the peak memory of its process tree and its output."""
    peak = [0.0]
    with tempfile.TemporaryFile() as stdout:
        started = time.perf_counter()
        process = subprocess.Popen(argv, cwd=cwd, env=env, stdout=stdout, stderr=subprocess.DEVNULL)
        done = threading.Event()

        def sample() -> None:
            while not done.wait(0.1):  # reading smaps_rollup costs ~1 ms per 100 MB: not more often
                peak[0] = max(peak[0], sum(_pss_mb(pid) for pid in _tree(process.pid)))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        done.set()
        sampler.join()
        stdout.seek(0)
        output = stdout.read().decode("utf-8", "replace")
    return Measured(wall, max(peak[0], usage.ru_maxrss / 1024), usage.ru_utime + usage.ru_stime, output, process.returncode)


def _sync() -> None:
    os.sync()


# --- one size -----------------------------------------------------------------------------------


@dataclass
class Row:
    """The measurements of one plan size on one storage."""

    label: str
    tasks: int
    storage: str
    pages: int = 0
    output_mb: float = 0.0
    build: list[float] = field(default_factory=list)
    peak_mb: list[float] = field(default_factory=list)
    rebuild: list[float] = field(default_factory=list)
    check: list[float] = field(default_factory=list)
    check_report: str = ""  # what the checker's JSON says: pages checked and errors found
    checked_pages: int = 0
    index_kb: tuple[float, float] | None = None
    query_ms: float | None = None
    search_ready: float | None = None  # seconds from opening the search page until it can search
    load: list[float] = field(default_factory=list)  # 1-minute load average after each build: other jobs' share


def make_project(size: str, work: Path) -> tuple[Path, int]:
    """A project root for "seed" (a copy of the repository's) or a synthetic plan of N tasks."""
    root = work / "project"
    if size == "seed":
        for part in ("data", "templates", "static", "content"):
            shutil.copytree(REPO / part, root / part)
    else:
        plan_json = work / "plan.json"
        subprocess.run([sys.executable, str(GENERATOR), size, str(plan_json)], check=True)
        write_project(json.loads(plan_json.read_text(encoding="utf-8")), root)
    tasks = (root / "data" / "tasks.yaml").read_text(encoding="utf-8").count("- number:")
    return root, tasks


def edit_one_task(root: Path, run: int) -> None:
    """Change the text of the first task in data/tasks.yaml (a different change each run)."""
    path = root / "data" / "tasks.yaml"
    lines = path.read_text(encoding="utf-8").split("\n")
    first = next(i for i, line in enumerate(lines) if line.lstrip().startswith("text:"))
    indent, text = lines[first].split("text:", 1)
    lines[first] = f"{indent}text: （修订{run}）{text.strip().removeprefix(f'（修订{run - 1}）')}"
    path.write_text("\n".join(lines), encoding="utf-8")


def output_size(out: Path) -> tuple[int, float]:
    """HTML pages and megabytes of all files under out."""
    pages, size = 0, 0
    for folder, _, files in os.walk(out):
        for name in files:
            size += os.path.getsize(os.path.join(folder, name))
            pages += name.endswith(".html")
    return pages, size / 1e6


def bench_builds(row: Row, root: Path, out: Path, runs: int) -> None:
    """Full builds into an absent folder, then rebuilds after one edit; leaves the last build in out."""
    for _ in range(runs):
        shutil.rmtree(out, ignore_errors=True)
        _sync()
        result = measure([sys.executable, "-c", BUILD, str(root), str(out)])
        if result.returncode:
            raise SystemExit(f"build of {row.label} failed:\n{result.stdout}")
        row.build.append(result.wall)
        row.peak_mb.append(result.peak_mb)
        row.load.append(os.getloadavg()[0])
    row.pages, row.output_mb = output_size(out)
    for run in range(1, runs + 1):
        edit_one_task(root, run)
        _sync()
        row.rebuild.append(measure([sys.executable, "-c", BUILD, str(root), str(out)]).wall)


def bench_check(row: Row, out: Path, runs: int) -> None:
    """The checker over the built site, in a fresh process each run."""
    for _ in range(runs):
        result = measure([sys.executable, "build.py", "check", str(out), "--format", "json"])
        row.check.append(result.wall)
        try:
            report = json.loads(result.stdout)
        except ValueError:
            row.check_report = f"no JSON report (exit {result.returncode})"
            continue
        row.checked_pages = report["pages"]
        errors = sum(finding["severity"] == "error" for finding in report["findings"])
        row.check_report = f"{report['pages']:,} pages checked, {errors:,} errors, {len(report['findings']) - errors:,} warnings"


def index_size(row: Row, out: Path) -> None:
    """Size of the search index, raw and gzip -9."""
    index = out / "search" / "index.json"
    if index.exists():
        data = index.read_bytes()
        row.index_kb = len(data) / 1024, len(gzip.compress(data, 9)) / 1024


def bench_search(row: Row, out: Path, repeat: int) -> None:
    """The median query time in Chromium, if bench/search_bench.py can run."""
    try:
        import search_bench

        timing = search_bench.time_queries(out, repeat)
    except Exception as error:  # no Chromium, no search_bench.py: the table says n/a
        print(f"  search timing skipped: {type(error).__name__}: {error}", file=sys.stderr)
        return
    row.query_ms = statistics.median(t for times in timing["times"].values() for t in times)
    row.search_ready = timing["ready_s"]


def bench_size(size: str, storages: dict[str, Path], runs: int, search: bool) -> list[Row]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="zwgk-bench-", dir=TMPFS if TMPFS.is_dir() else None) as work:
        root, tasks = make_project(size, Path(work))
        label = "seed" if size == "seed" else f"{tasks:,}"
        for storage, folder in storages.items():
            row = Row(label, tasks, storage)
            out = folder / f"site-{size}"
            print(f"  {label} tasks, {storage}: build, rebuild ...", file=sys.stderr, flush=True)
            bench_builds(row, root, out, runs)
            index_size(row, out)
            if storage == "tmpfs":
                print(f"  {label} tasks, {storage}: check ...", file=sys.stderr, flush=True)
                bench_check(row, out, runs)
                if search:
                    bench_search(row, out, repeat=3)
            shutil.rmtree(out, ignore_errors=True)
            rows.append(row)
    return rows


# --- the table ----------------------------------------------------------------------------------

COLUMNS = ["tasks", "storage", "pages", "output MB", "build s", "ms/page", "peak MB", "rebuild s",
           "check s", "check pages/s", "index KB (gzip)", "search ready s", "query ms", "load avg"]


def spread(values: list[float], digits: int = 2) -> str:
    """'median (min–max)', or the one value."""
    if not values:
        return "–"
    median = f"{statistics.median(values):.{digits}f}"
    if len(values) == 1:
        return median
    return f"{median} ({min(values):.{digits}f}–{max(values):.{digits}f})"


def table_row(row: Row) -> list[str]:
    build = statistics.median(row.build)
    check = statistics.median(row.check) if row.checked_pages else None
    return [
        row.label, row.storage, f"{row.pages:,}", f"{row.output_mb:,.1f}", spread(row.build),
        f"{1000 * build / row.pages:.2f}", spread(row.peak_mb, 0), spread(row.rebuild), spread(row.check),
        f"{row.checked_pages / check:,.0f}" if check else "–",
        f"{row.index_kb[0]:,.0f} ({row.index_kb[1]:,.0f})" if row.index_kb else "–",
        f"{row.search_ready:.2f}" if row.search_ready is not None else "–",
        f"{row.query_ms:.1f}" if row.query_ms is not None else "–",
        f"{min(row.load):.1f}–{max(row.load):.1f}",
    ]


def markdown_table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    return "\n".join(lines + ["| " + " | ".join(cells) + " |" for cells in rows])


def reference_table(rows: list[Row]) -> str:
    """Our tmpfs build time beside the other generators' on the same plans."""
    ours = {row.tasks: statistics.median(row.build) for row in rows if row.storage == "tmpfs" and row.label != "seed"}
    header = ["tasks", "zwgk s", *[f"{name} s" for name in REFERENCE], "zwgk / Hugo", "zwgk / bare Jinja2"]
    lines = []
    for tasks, seconds in ours.items():
        known = {name: figures.get(tasks) for name, figures in REFERENCE.items()}
        lines.append([f"{tasks:,}", f"{seconds:.2f}", *[f"{v}" if v else "–" for v in known.values()],
                      f"{seconds / known['Hugo 0.111']:.2f}×" if known["Hugo 0.111"] else "–",
                      f"{seconds / known['bare Jinja2']:.2f}×" if known["bare Jinja2"] else "–"])
    return markdown_table(header, lines)


def machine() -> str:
    try:
        model = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
    except (OSError, StopIteration):
        model = platform.processor() or "CPU"
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (f"{len(os.sched_getaffinity(0))} cores ({model}), {memory:.0f} GB RAM, {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}; load average at start {os.getloadavg()[0]:.1f}")


def filesystem(path: Path) -> str:
    """The type and options of the file system that holds path, from /proc/mounts."""
    best = ("", "?", "")
    for line in open("/proc/mounts"):
        _, mount, kind, options, *_ = line.split()
        if str(path.resolve()).startswith(mount) and len(mount) >= len(best[0]):
            best = (mount, kind, options)
    discard = ", discard" if "discard" in best[2].split(",") else ""
    return f"{best[1]}{discard}"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="seed,48,1000,10000,50000", help="comma-separated: seed and/or numbers of tasks")
    parser.add_argument("--runs", type=int, default=5, help="runs of each measurement")
    parser.add_argument("--large-runs", type=int, default=3, help=f"runs from {LARGE:,} tasks")
    parser.add_argument("--disk-dir", type=Path, default=Path("/var/tmp"), help="a folder on disk for the disk runs")
    parser.add_argument("--no-disk", action="store_true", help="tmpfs only")
    parser.add_argument("--no-search", action="store_true", help="skip the Chromium search timing")
    args = parser.parse_args(argv)
    started = datetime.datetime.now(datetime.timezone.utc)
    with tempfile.TemporaryDirectory(prefix="zwgk-bench-out-", dir=TMPFS if TMPFS.is_dir() else None) as fast, \
            tempfile.TemporaryDirectory(prefix="zwgk-bench-out-", dir=args.disk_dir) as slow:
        storages = {"tmpfs": Path(fast)} if TMPFS.is_dir() else {}
        if not args.no_disk or not storages:
            storages["disk"] = Path(slow)
        rows = []
        for size in args.sizes.split(","):
            runs = args.large_runs if size != "seed" and int(size) >= LARGE else args.runs
            rows += bench_size(size, storages, runs, search=not args.no_search)
        kinds = {name: filesystem(folder) for name, folder in storages.items()}
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True).stdout.strip()
    print(f"zwgk benchmark, {started:%Y-%m-%d %H:%M} UTC, commit {commit}")
    print(f"Machine: {machine()}")
    print("Storage: " + "; ".join(f"{name} = {kind}" for name, kind in kinds.items()))
    print(f"Runs: {args.runs} ({args.large_runs} from {LARGE:,} tasks), each in a fresh process; median (min–max)\n")
    print(markdown_table(COLUMNS, [table_row(row) for row in rows]))
    print("\nChecker: " + "; ".join(f"{row.label}: {row.check_report}" for row in rows if row.check_report))
    if any(row.storage == "tmpfs" and row.label != "seed" for row in rows):
        print("\nFull build on tmpfs beside other generators on the same plans (their figures from issue 7):\n")
        print(reference_table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
