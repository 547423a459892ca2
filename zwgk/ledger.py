"""The ledger (台账): a fill-in .xlsx sheet per unit, and its import into data/progress.yaml.

    python build.py ledger --unit UNIT [--out FILE.xlsx]    one unit's sheet (UNIT: id, full name or alias)
    python build.py ledger --all [--out DIR]                 one sheet per unit that has tasks
    python build.py ledger --import FILE.xlsx [...]          merge filled sheets into progress.yaml

The sheet lists the unit's tasks in fixed columns (locked and shaded) and has a column to fill for
each part of a report; a unit's reports already in progress.yaml are filled in, so that a unit
updates its ledger rather than starting again. Import checks every row of every file first (each
message names the file, sheet, row and column), then rewrites progress.yaml in one atomic step,
replacing the same unit's entries for the same tasks and keeping everything else, comments
included. Importing the same sheet twice changes nothing.
"""
from __future__ import annotations

import datetime
import os
import re
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from .load import DataError, load_plan, read_yaml
from .model import ROLES, Plan, Task, Unit
from .pages import SiteIndex, build_index
from .progress import (
    FILE_NAME, REPORT_PARTS, STATUSES, Progress, file_label, load_progress, parse_status,
    progress_from_record, url_problem,
)

SHEET = "台账"
HELP_SHEET = "填写说明"
FIXED = ["序号", "工作任务", "具体要求", "分工", "完成时限"]
FILL = ["落实状态", "报送日期", *REPORT_PARTS.values(), "佐证链接"]
HEADINGS = FIXED + FILL
WIDTHS = [7, 18, 50, 16, 12, 11, 13, 32, 32, 32, 32, 40]
HEADER_ROW = 2  # row 1 names the unit
FIRST_ROW = HEADER_ROW + 1
UNIT_CELL = "B1"
DATE_TEXT = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\Z")


class LedgerError(Exception):
    """A problem in a filled sheet, or with the command's arguments."""


# --- writing ----------------------------------------------------------------------------------


@dataclass
class LedgerRow:
    task: Task
    share: str  # the unit's part in the task, as the sheet shows it


def ledger_rows(unit: Unit, index: SiteIndex) -> list[LedgerRow]:
    """The unit's tasks in plan order: named ones with its roles, reached ones with the collective terms."""
    unit_tasks = index.unit_tasks[unit.id]
    rows: dict[int, LedgerRow] = {}
    for role, tasks in unit_tasks.by_role.items():
        for task in tasks:
            row = rows.setdefault(task.number, LedgerRow(task, ""))
            row.share = "、".join(filter(None, [row.share, ROLES[role]]))
    for task, collectives in unit_tasks.via_collective:
        rows[task.number] = LedgerRow(task, "作为" + "、".join(c.name for c in collectives) + "之一")
    return [rows[number] for number in sorted(rows)]


def write_ledger(path: Path, unit: Unit, plan: Plan, index: SiteIndex, progress: Progress | None) -> int:
    """Write unit's fill-in sheet to path; return the number of task rows."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.worksheet.datavalidation import DataValidation

    rows = ledger_rows(unit, index)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET
    fixed_fill = PatternFill("solid", fgColor="E4E4E4")
    wrap = Alignment(wrap_text=True, vertical="top")
    sheet["A1"], sheet[UNIT_CELL] = "填报单位", unit.name
    sheet["A1"].font = sheet[UNIT_CELL].font = Font(bold=True, size=12)
    sheet["D1"] = f"《{plan.title}》落实情况台账（灰色列为方案原文，请勿修改；请填写白色列）"
    for column, heading in enumerate(HEADINGS, 1):
        cell = sheet.cell(HEADER_ROW, column, heading)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        cell.fill = fixed_fill if heading in FIXED else PatternFill("solid", fgColor="FFF2CC")
        sheet.column_dimensions[cell.column_letter].width = WIDTHS[column - 1]
    reports = _unit_reports(unit, progress)
    for offset, row in enumerate(rows):
        number = FIRST_ROW + offset
        task = row.task
        values = [task.number, task.category.name, task.text, row.share, task.deadline_text or "—"]
        values += _filled_values(reports.get(task.number))
        for column, value in enumerate(values, 1):
            cell = sheet.cell(number, column, value)
            cell.alignment = wrap
            if column <= len(FIXED):
                cell.fill = fixed_fill
            else:
                cell.protection = Protection(locked=False)
        sheet.cell(number, HEADINGS.index("报送日期") + 1).number_format = "yyyy-mm-dd"
    last = FIRST_ROW + len(rows) - 1
    status_column = _letter(HEADINGS.index("落实状态") + 1)
    choices = DataValidation(
        type="list", formula1='"' + ",".join(STATUSES.values()) + '"', allow_blank=True,
        showErrorMessage=True, errorTitle="落实状态", error="请从下拉列表中选择：" + "、".join(STATUSES.values()),
        showInputMessage=True, promptTitle="落实状态", prompt="请选择 " + "、".join(STATUSES.values()) + " 之一",
    )
    choices.add(f"{status_column}{FIRST_ROW}:{status_column}{max(last, FIRST_ROW)}")
    sheet.add_data_validation(choices)
    sheet.freeze_panes = f"C{FIRST_ROW}"
    sheet.protection.sheet = True  # the fixed columns are locked; the fill-in cells are not
    sheet.protection.formatColumns = sheet.protection.formatRows = False  # widths and heights may change
    _help_sheet(workbook.create_sheet(HELP_SHEET), unit)
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return len(rows)


def _letter(column: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(column)


def _unit_reports(unit: Unit, progress: Progress | None) -> dict:
    if progress is None:
        return {}
    return {report.task: report for report in progress.reports if report.unit and report.unit.id == unit.id}


def _filled_values(report) -> list:
    if report is None:
        return [None] * len(FILL)
    links = "\n".join(link.url if link.title == link.url else f"{link.title} {link.url}" for link in report.links)
    return [STATUSES[report.status], report.date, *(getattr(report, key) or None for key in REPORT_PARTS), links or None]


def _help_sheet(sheet, unit: Unit) -> None:
    from openpyxl.styles import Alignment, Font

    lines = [
        f"{unit.name}落实情况台账：填写说明",
        "1. 在“台账”工作表中，灰色的列（序号、工作任务、具体要求、分工、完成时限）是方案原文，已锁定，请勿修改。",
        "2. 每项任务填写一行：落实状态（从下拉列表选择 未开始、推进中 或 已完成）、报送日期（如 2021-11-20）、"
        "主要做法、工作成效、存在问题、下一步措施。",
        "3. 佐证链接：已在门户网站发布的佐证材料，每行一条，写作“标题 网址”，或只写网址；"
        "网址须以 http:// 或 https:// 开头，或是以 / 开头的本站路径。",
        "4. 尚未报送的任务整行留空即可；已填写的行必须选择落实状态并填写报送日期。",
        "5. 请不要增删行或列，也不要修改第1、2行。填好后交区政府办公室（政务信息股）导入：",
        "   python build.py ledger --import 本文件.xlsx",
    ]
    for number, line in enumerate(lines, 1):
        cell = sheet.cell(number, 1, line)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.column_dimensions["A"].width = 110


# --- reading ----------------------------------------------------------------------------------


@dataclass
class SheetReport:
    """One filled row: a report as progress.yaml holds it, and where it came from."""

    task: int
    unit: Unit
    fields: dict  # status (Chinese label), date, practice ... links, as written to YAML
    where: str  # file, sheet and row, for messages


def read_ledger(path: Path, plan: Plan, index: SiteIndex) -> list[SheetReport]:
    """The filled rows of one sheet, each checked; a LedgerError names file, sheet, row and column."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    name = path.name
    try:
        workbook = load_workbook(path, data_only=True)
    except FileNotFoundError:
        raise LedgerError(f"{path}：文件不存在。请检查文件名。") from None
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise LedgerError(f"{name}：不是有效的 Excel（.xlsx）文件。请用“ledger --unit”生成的台账填写后导入。") from None
    if SHEET not in workbook.sheetnames:
        raise LedgerError(f"{name}：没有名为“{SHEET}”的工作表。请用“ledger --unit”生成的台账填写，不要改工作表名称。")
    sheet = workbook[SHEET]
    unit = _sheet_unit(sheet, name, plan)
    for column, heading in enumerate(HEADINGS, 1):
        if (sheet.cell(HEADER_ROW, column).value or "") != heading:
            raise LedgerError(_where(name, HEADER_ROW, column) + f"表头应为“{heading}”。请不要修改、增删第{HEADER_ROW}行的列。")
    allowed = {row.task.number: row.task.text for row in ledger_rows(unit, index)}
    reports, seen = [], {}
    for number in range(FIRST_ROW, sheet.max_row + 1):
        values = [sheet.cell(number, column).value for column in range(1, len(HEADINGS) + 1)]
        report = _row_report(values, number, name, unit, allowed, seen)
        if report:
            reports.append(report)
    return reports


def _where(file: str, row: int, column: int) -> str:
    return f"{file} 工作表“{SHEET}” 第{row}行 {_letter(column)}列（{HEADINGS[column - 1]}）："


def _sheet_unit(sheet, file: str, plan: Plan) -> Unit:
    value = str(sheet[UNIT_CELL].value or "").strip()
    unit = next((u for u in plan.units if value in (u.id, *u.names)), None)
    if unit is None or unit.kind == "collective":
        raise LedgerError(f"{file} 工作表“{SHEET}” 单元格 {UNIT_CELL}（填报单位）：“{value}”不是名录中能报送的单位。请填写单位全称，或重新生成台账。")
    return unit


def _row_report(values: list, row: int, file: str, unit: Unit, allowed: dict[int, str], seen: dict[int, int]) -> SheetReport | None:
    fill = values[len(FIXED):]
    if all(_text(value) == "" for value in fill):
        return None
    column = HEADINGS.index
    number = values[0]
    if isinstance(number, float) and number.is_integer():
        number = int(number)
    if not isinstance(number, int) or number not in allowed:
        raise LedgerError(_where(file, row, 1) + f"“{_text(number)}”不是{unit.name}承担的任务编号。请不要修改灰色的列。")
    if _text(values[2]) != allowed[number]:
        raise LedgerError(_where(file, row, 1) + f"第{number}项与这一行的具体要求不一致。灰色的列不能修改：请重新生成台账，把填写的内容复制到对应的行。")
    if number in seen:
        raise LedgerError(_where(file, row, 1) + f"第{number}项在第{seen[number]}行已填写。每项任务只填一行，请合并。")
    seen[number] = row
    status = parse_status(_text(values[column("落实状态")]))
    if status is None:
        raise LedgerError(_where(file, row, column("落实状态") + 1) + f"“{_text(values[column('落实状态')])}”无效。请从下拉列表选择 {'、'.join(STATUSES.values())} 之一。")
    date = _date(values[column("报送日期")])
    if date is None:
        raise LedgerError(_where(file, row, column("报送日期") + 1) + f"“{_text(values[column('报送日期')])}”不是日期。请填写报送日期，如 2021-11-20。")
    fields = {"status": STATUSES[status], "date": date}
    for key, heading in REPORT_PARTS.items():
        if _text(values[column(heading)]):
            fields[key] = _text(values[column(heading)])
    links = _sheet_links(values[column("佐证链接")], file, row)
    if links:
        fields["links"] = links
    return SheetReport(number, unit, fields, f"{file} 第{row}行")


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    return str(value).strip()


def _date(value) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    match = DATE_TEXT.match(_text(value))
    if not match:
        return None
    try:
        return datetime.date(*map(int, match.groups()))
    except ValueError:
        return None


def _sheet_links(value, file: str, row: int) -> list[dict]:
    links = []
    column = HEADINGS.index("佐证链接") + 1
    for line in _text(value).splitlines():
        line = line.strip()
        if not line:
            continue
        title, _, url = line.rpartition(" ")
        title, url = (title.strip() or url), url.strip()
        problem = url_problem(url)
        if problem:
            raise LedgerError(_where(file, row, column) + f"链接“{url}”{problem}每行写一条：“标题 网址”或只写网址。")
        links.append({"title": title, "url": url})
    return links


# --- merging into progress.yaml ---------------------------------------------------------------

HEADER = """# Progress reports (落实情况), written by `python build.py ledger --import` and editable by hand.
#
#   as_of:   the date the reports describe (a task is overdue if its deadline is before as_of
#            and it is not 已完成); an import moves it to the latest 报送日期 it brings
#   reports: one entry per unit and task: task (number), unit (full name or alias; omitted = the
#            task as a whole), status (未开始 / 推进中 / 已完成), date (reported on), practice (主要做法),
#            results (工作成效), problems (存在问题), next_steps (下一步措施), links (title, url)
"""


class _Dumper(yaml.SafeDumper):
    """Block style, Chinese as is, several lines as a literal block."""


def _represent_text(dumper: yaml.SafeDumper, value: str):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_text)


def entry_text(report: SheetReport, indent: str) -> str:
    """One report as a YAML list item, indented under `reports:`."""
    record = {"task": report.task, "unit": report.unit.name, **report.fields}
    text = yaml.dump([record], Dumper=_Dumper, allow_unicode=True, sort_keys=False, default_flow_style=False, width=1000)
    return "".join(indent + line if line.strip() else line for line in text.splitlines(keepends=True))


def merge_reports(text: str | None, reports: list[SheetReport], unit_ids: dict[str, str], file: str) -> tuple[str, dict[str, int]]:
    """progress.yaml's new text with reports merged in, and counts of added, updated and unchanged entries.

    unit_ids maps every unit name and alias to its id, to match entries that name a unit otherwise."""
    if text is None:
        text = HEADER + f"as_of: {max(r.fields['date'] for r in reports).isoformat()}\nreports:\n"
    root = _parse(text, file)
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    entries = root["reports"] or []  # None: "reports:" with nothing under it yet (a new file)
    spans = _entry_spans(lines, entries, unit_ids)
    reports_line = root.line_of("reports") - 1
    if not entries and lines[reports_line].split("#")[0].strip() != "reports:":
        lines[reports_line] = "reports:\n"  # e.g. "reports: []": the entries follow as a block
    indent = re.match(r"\s*", lines[spans[0][1]]).group() if spans else "  "
    counts = {"added": 0, "updated": 0, "unchanged": 0}
    replacements: dict[int, str] = {}
    added = []
    for report in reports:
        new = entry_text(report, indent)
        span = next((s for s in spans if s[0] == (report.task, report.unit.id)), None)
        if span is None:
            added.append(new)
            counts["added"] += 1
        elif _same_report(span[3], report, unit_ids):
            counts["unchanged"] += 1  # the entry stays as written, by hand or by an earlier import
        else:
            counts["updated"] += 1
            replacements[span[1]] = new
    end = spans[-1][2] if spans else reports_line + 1
    output = []
    skip_until = -1
    for number, line in enumerate(lines):
        if number == end:
            output.extend(added)
        if number in replacements:
            output.append(replacements[number])
            skip_until = next(s[2] for s in spans if s[1] == number)
        if number < skip_until:
            continue
        output.append(line)
    if end >= len(lines):
        output.extend(added)
    new_text = _move_as_of("".join(output), root, reports)
    return new_text, counts


def _parse(text: str, file: str):
    from .yamlparse import parse_yaml

    try:
        root = parse_yaml(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        raise DataError(file, mark.line + 1 if mark else None, None, f"YAML 格式错误（{error.problem}）。请先改正这个文件再导入。") from None
    if not hasattr(root, "line_of"):
        raise DataError(file, None, None, "应包含 as_of 和 reports 两项。请先改正这个文件再导入。")
    return root


def _entry_spans(lines: list[str], entries: list, unit_ids: dict[str, str]) -> list[tuple]:
    """((task, unit id), first line, end line, entry) of each entry of reports, 0-based, end exclusive,
    without the comments and blank lines that end it (they belong to what follows)."""
    spans = []
    for entry in entries:
        start = entry.line - 1
        while start > 0 and not lines[start].lstrip().startswith("-"):
            start -= 1
        dash = len(lines[start]) - len(lines[start].lstrip())
        end = start + 1
        while end < len(lines) and (_blank(lines[end]) or len(lines[end]) - len(lines[end].lstrip()) > dash):
            end += 1
        while end > start + 1 and _blank(lines[end - 1]):
            end -= 1
        spans.append(((entry.get("task"), unit_ids.get(str(entry.get("unit", "")).strip())), start, end, entry))
    return spans


def _same_report(entry, report: SheetReport, unit_ids: dict[str, str]) -> bool:
    """Whether an entry already in the file says what report says (names, spelling of the status, order aside)."""
    def normal(record) -> dict:
        status = record.get("status")
        return {
            "unit": unit_ids.get(str(record.get("unit", "")).strip()),
            "status": parse_status(status) if isinstance(status, str) else status,
            "date": record.get("date"),
            **{key: str(record.get(key) or "").strip() for key in REPORT_PARTS},
            "links": [(str(link.get("title", "")).strip(), str(link.get("url", "")).strip())
                      for link in record.get("links") or [] if hasattr(link, "get")],
        }
    return normal(entry) == normal({"unit": report.unit.name, **report.fields})


def _blank(line: str) -> bool:
    return not line.strip() or line.lstrip().startswith("#")


def _move_as_of(text: str, root, reports: list[SheetReport]) -> str:
    """as_of moved forward to the latest report date imported, if that is later."""
    latest = max(report.fields["date"] for report in reports)
    current = root.get("as_of")
    if isinstance(current, datetime.date) and current >= latest:
        return text
    lines = text.splitlines(keepends=True)
    number = root.line_of("as_of") - 1
    lines[number] = re.sub(r"^(as_of:\s*)[^\s#]*", lambda m: m.group(1) + latest.isoformat(), lines[number])
    return "".join(lines)


def import_ledgers(paths: list[Path], data_dir: Path) -> tuple[Path, dict[str, int]]:
    """Check every filled sheet, merge them into data_dir/progress.yaml atomically; return it and the counts."""
    plan = load_plan(data_dir)
    index = build_index(plan)
    reports: list[SheetReport] = []
    seen: dict[tuple[int, str], str] = {}
    for path in paths:
        for report in read_ledger(path, plan, index):
            key = (report.task, report.unit.id)
            if key in seen:
                raise LedgerError(f"{report.where}：{report.unit.name}对第{report.task}项的报送在 {seen[key]} 中也有。请只导入其中一份。")
            seen[key] = report.where
            reports.append(report)
    target = data_dir / FILE_NAME
    file = file_label(data_dir)
    if not reports:
        raise LedgerError("所导入的台账中没有填写任何一行（落实状态和报送日期都为空）。没有改动任何文件。")
    old_text = target.read_text(encoding="utf-8") if target.is_file() else None
    if old_text is not None:  # the file as it is must be valid first, and is reported as the build reports it
        progress_from_record(read_yaml(target, file), file, plan, index)
    unit_ids = {name: unit.id for unit in plan.units for name in unit.names}
    new_text, counts = merge_reports(old_text, reports, unit_ids, file)
    progress_from_record(_parse(new_text, file), file, plan, index)  # the result must be valid as a whole
    if new_text != old_text:
        _write_atomically(target, new_text)
    return target, counts


def _write_atomically(path: Path, text: str) -> None:
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as file:
            file.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


# --- command line -----------------------------------------------------------------------------


def find_unit(plan: Plan, value: str) -> Unit:
    value = value.strip()
    unit = next((u for u in plan.units if value in (u.id, *u.names)), None)
    if unit is None:
        raise LedgerError(f"没有名为“{value}”的单位。请填写 data/units.yaml 中单位的 id、全称或简称。")
    if unit.kind == "collective":
        raise LedgerError(f"“{unit.name}”是统称，没有自己的台账。请为其中的各单位分别生成。")
    return unit


def ledger_file_name(unit: Unit) -> str:
    return f"{unit.name}-落实情况台账.xlsx"


def main(argv: list[str], root: Path) -> int:
    """`build.py ledger ...`: write sheets or import filled ones. Exit 0, or 1 with one message."""
    from .cli import ChineseParser

    parser = ChineseParser(prog="python build.py ledger", description="生成或导入落实情况台账（Excel）。")
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--unit", metavar="单位", help="为这个单位生成台账：单位 id、全称或简称")
    action.add_argument("--all", action="store_true", help="为每个承担任务的单位各生成一份台账")
    action.add_argument("--import", dest="imports", nargs="+", type=Path, metavar="台账.xlsx", help="导入填好的台账")
    parser.add_argument("--out", type=Path, metavar="位置", help="台账保存位置：--unit 时为 .xlsx 文件，--all 时为文件夹（默认当前文件夹）")
    parser.add_argument("--data", type=Path, default=root / "data", metavar="文件夹", help="数据文件夹（默认 data/）")
    args = parser.parse_args(argv)
    try:
        if args.imports:
            target, counts = import_ledgers(args.imports, args.data)
            print(f"已导入 {sum(counts.values())} 条报送到 {file_label(args.data)}：新增 {counts['added']} 条，更新 {counts['updated']} 条，未变 {counts['unchanged']} 条。")
            return 0
        plan = load_plan(args.data)
        index = build_index(plan)
        progress = load_progress(args.data, plan, index)
        if args.unit:
            unit = find_unit(plan, args.unit)
            out = args.out or Path(ledger_file_name(unit))
            if out.suffix.lower() != ".xlsx":
                raise LedgerError(f"--out {out}：台账文件名应以 .xlsx 结尾。")
            rows = write_ledger(out, unit, plan, index, progress)
            print(f"已生成{unit.name}的台账 {out}（{rows} 项任务）。")
            return 0
        folder = args.out or Path(".")
        units = [unit for unit in plan.units if unit.kind != "collective" and ledger_rows(unit, index)]
        for unit in units:
            write_ledger(folder / ledger_file_name(unit), unit, plan, index, progress)
        print(f"已在 {folder} 生成 {len(units)} 个单位的台账。")
        return 0
    except (DataError, LedgerError) as error:
        print(f"错误：{error}", file=sys.stderr)
        print("没有改动任何文件。", file=sys.stderr)
        return 1
