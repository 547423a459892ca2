"""bench/run.py at tiny sizes: it runs and prints the table it promises (no timing is asserted)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

from run import COLUMNS, GENERATOR  # noqa: E402
from shared_inputs import require_shared  # noqa: E402


def table_rows(output: str, header_start: str) -> tuple[list[str], list[list[str]]]:
    """The header and body rows of the Markdown table whose header starts with header_start."""
    lines = output.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"| {header_start}"))
    rows = []
    for line in lines[start + 2:]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip("|").split("|")])
    return [cell.strip() for cell in lines[start].strip("|").split("|")], rows


def test_benchmark_prints_one_row_per_size_and_storage():
    require_shared(GENERATOR, "the plan generator")  # a skip on a laptop, a failure under CI=true
    result = subprocess.run(
        [sys.executable, "bench/run.py", "--sizes", "48,200", "--runs", "1", "--no-search"],
        cwd=REPO, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    header, rows = table_rows(result.stdout, "tasks | storage")
    assert header == COLUMNS
    storages = ["tmpfs", "disk"] if Path("/dev/shm").is_dir() else ["disk"]
    assert [(row[0], row[1]) for row in rows] == [(size, storage) for size in ("48", "200") for storage in storages]
    for row in rows:
        assert len(row) == len(COLUMNS)
        assert int(row[2].replace(",", "")) > 48  # pages: every task has one, plus the list pages
        assert float(row[COLUMNS.index("build s")]) > 0
    assert "Machine:" in result.stdout and "Storage:" in result.stdout
    if "tmpfs" in storages:
        _, reference = table_rows(result.stdout, "tasks | zwgk s")
        assert [row[0] for row in reference] == ["48", "200"]


def test_floor_comparison_prints_pairs_and_ratios():
    require_shared(GENERATOR, "the plan generator")  # and the floor beside it: a skip on a laptop, a failure under CI=true
    result = subprocess.run(
        [sys.executable, "bench/vs_floor.py", "--sizes", "48", "--runs", "1"],
        cwd=REPO, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    from vs_floor import COLUMNS as FLOOR_COLUMNS

    header, rows = table_rows(result.stdout, "tasks | wall s")
    assert header == FLOOR_COLUMNS
    assert [row[0] for row in rows] == ["48"]
    cells = dict(zip(header, rows[0]))
    for name in ("wall s", "floor wall s", "CPU s", "floor CPU s", "peak MB", "floor peak MB"):
        assert float(cells[name]) > 0, name
    for name in ("wall ratio", "CPU ratio", "peak ratio"):
        assert cells[name].endswith("×") and float(cells[name][:-1]) > 0, name
