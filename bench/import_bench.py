"""Import benchmark (not a test): time `build.py import` on a generated table of N rows.

    python bench/import_bench.py [--rows 1000] [--repeat 5]

Writes an EXAMPLE plan (made-up requirements and units, not a real plan) as .docx, .xlsx and .txt:
sections as full-width rows every 50 rows, a work task merged over every 5 rows, a 责任单位 cell
shared by the first two requirements of each work task, numbered requirements, a deadline column. Each format is imported
`--repeat` times in a fresh `python build.py import` process (interpreter start-up and imports
included, as the clerk sees it) and in-process (`import_plan`, the work itself). The aim for
1,000 rows is under 2 s.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "tests")]

from plan_examples import write_registry  # noqa: E402
from zwgk.importer import import_plan  # noqa: E402

UNITS = ["区财政局", "区审计局", "区发改局", "区政数局"] + [f"区示例{n}局" for n in range(1, 41)]


def rows(count: int) -> list[tuple[str, str, str, str, str, str]]:
    """(section, work task, number, requirement, responsibility, deadline) per row; "" where a merge continues."""
    result = []
    for index in range(count):
        number = index + 1
        section = f"示例部分{index // 50 + 1}" if index % 50 == 0 else ""
        task = f"（{'一二三四五六七八九十'[index // 5 % 10]}）示例工作任务{index // 5 + 1}" if index % 5 == 0 else ""
        lead, other = UNITS[index % len(UNITS)], UNITS[(index * 7 + 3) % len(UNITS)]
        responsibility = "" if index % 5 == 1 else f"{lead}牵头，{other}配合，各镇人民政府按职责分工落实"
        text = f"示例具体要求第{number}项：推进某项信息公开工作，按要求及时发布、更新和解读相关信息。"
        deadline = ["全年", "6月30日前", "三季度前", "12月底前", "持续推进"][index % 5]
        result.append((section, task, str(number), text, responsibility, deadline))
    return result


HEADER = ["序号", "工作任务", "具体要求", "责任单位", "完成时限"]


def write_docx(path: Path, table_rows) -> None:
    """The table's XML written row by row (python-docx's cell merging is quadratic in the rows)."""
    from xml.sax.saxutils import escape

    from docx import Document
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    def cell(text: str, span: int = 1, merge: str | None = None) -> str:
        properties = (f'<w:gridSpan w:val="{span}"/>' if span > 1 else "") + (
            f'<w:vMerge w:val="{merge}"/>' if merge == "restart" else "<w:vMerge/>" if merge else "")
        return f"<w:tc><w:tcPr>{properties}</w:tcPr><w:p><w:r><w:t>{escape(text)}</w:t></w:r></w:p></w:tc>"

    document = Document()
    document.add_paragraph("示例区2022年政务公开工作要点分工方案")
    table = document.add_table(rows=1, cols=5)
    for column, text in enumerate(HEADER):
        table.cell(0, column).text = text
    sections = 0
    for position, (section, task, number, text, responsibility, deadline) in enumerate(table_rows):
        if section:
            sections += 1
            row = cell(f"{'一二三四五六七八九十'[(sections - 1) % 10]}、{section}", span=5)
            table._tbl.append(parse_xml(f"<w:tr {nsdecls('w')}>{row}</w:tr>"))
        following = table_rows[position + 1] if position + 1 < len(table_rows) else ("x", "x", "", "", "x", "")
        task_merge = ("restart" if not following[1] and not following[0] else None) if task else "continue"
        unit_merge = ("restart" if not following[4] and not following[0] else None) if responsibility else "continue"
        row = (cell(number) + cell(task, merge=task_merge) + cell(text)
               + cell(responsibility, merge=unit_merge) + cell(deadline))
        table._tbl.append(parse_xml(f"<w:tr {nsdecls('w')}>{row}</w:tr>"))
    document.save(path)


def write_xlsx(path: Path, table_rows) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    starts = {}
    for section, task, number, text, responsibility, deadline in table_rows:
        if section:
            sheet.append([section])
            sheet.merge_cells(start_row=sheet.max_row, start_column=1, end_row=sheet.max_row, end_column=5)
        sheet.append([int(number), task or None, text, responsibility or None, deadline])
        row = sheet.max_row
        for column, value in ((2, task), (4, responsibility)):
            if value:
                starts[column] = row
            elif column in starts and starts[column] < row:
                sheet.merge_cells(start_row=starts[column], start_column=column, end_row=row, end_column=column)
                starts.pop(column)
    workbook.save(path)


def write_text(path: Path, table_rows) -> None:
    lines = ["示例区2022年政务公开工作要点分工方案", "", "\t".join(HEADER)]
    for section, task, number, text, responsibility, deadline in table_rows:
        if section:
            lines.append(section)
        lines.append("\t".join([number, task, f"{number}. {text}", responsibility, deadline]))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def timed_command(source: Path, data: Path, registry: Path) -> float:
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "build.py", "import", str(source), "--data", str(data),
                             "--units", str(registry), "--force"], cwd=REPO, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if result.returncode:
        raise SystemExit(result.stderr)
    return elapsed


def timed_in_process(source: Path, data: Path, registry: Path) -> float:
    started = time.perf_counter()
    result = import_plan(source, data, registry, force=True, defaults=REPO / "data")
    elapsed = time.perf_counter() - started
    assert len(result.plan.tasks) > 0
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    table_rows = rows(args.rows)
    with tempfile.TemporaryDirectory(prefix="zwgk-import-bench-") as temp:
        folder = Path(temp)
        registry = write_registry(folder / "registry")
        sources = {"docx": folder / "plan.docx", "xlsx": folder / "plan.xlsx", "txt": folder / "plan.txt"}
        write_docx(sources["docx"], table_rows)
        write_xlsx(sources["xlsx"], table_rows)
        write_text(sources["txt"], table_rows)
        print(f"{args.rows} rows, {args.repeat} runs each; median (min-max) seconds; "
              f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} before the runs")
        print(f"{'format':<8}{'command':>22}{'in process':>22}{'tasks':>8}")
        for name, source in sources.items():
            data = folder / f"data-{name}"
            command = [timed_command(source, data, registry) for _ in range(args.repeat)]
            in_process = [timed_in_process(source, data, registry) for _ in range(args.repeat)]
            tasks = sum(1 for line in (data / "tasks.yaml").read_text(encoding="utf-8").splitlines() if "- number:" in line)
            print(f"{name:<8}{_stat(command):>22}{_stat(in_process):>22}{tasks:>8}")


def _stat(values: list[float]) -> str:
    return f"{statistics.median(values):.2f} ({min(values):.2f}-{max(values):.2f})"


if __name__ == "__main__":
    main()
