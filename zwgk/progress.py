"""Progress (落实情况): the units' reports in data/progress.yaml -> statuses per task and per unit.

The file is optional: without it there is no Progress and the site shows no progress at all.

    as_of: 2021-11-22            # the date the reports describe; every "overdue" judgement uses it
    reports:
      - task: 30                 # the task's number
        unit: 区政数局            # any name or alias; omitted = a report on the task as a whole
        status: 推进中            # 未开始 / 推进中 / 已完成 (or not-started / in-progress / done)
        date: 2021-11-20         # reported on
        practice: ...            # 主要做法
        results: ...             # 工作成效
        problems: ...            # 存在问题
        next_steps: ...          # 下一步措施
        links:                   # evidence already published: http(s) or a path starting with /
          - {title: ..., url: https://...}

A task's status: its task-level report's, if any; otherwise the least advanced status among the
reports of its status units (its lead units; without leads, its named units that are not
collective terms; without those, the units its collective terms reach); no such report: 未报送.
"""
from __future__ import annotations

import datetime
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import ClassVar
from pathlib import Path
from urllib.parse import urlsplit

from .load import DataError, Mapping, _record, read_yaml
from .model import Plan, Task, Unit
from .pages import HOME, Page, SiteIndex

# Reported statuses, least advanced first, with their Chinese labels.
STATUSES = {"not-started": "未开始", "in-progress": "推进中", "done": "已完成"}
NOT_REPORTED = "not-reported"
STATUS_LABELS = {**STATUSES, NOT_REPORTED: "未报送"}
# The order statuses are listed in on pages and in tables: done first, not reported last.
STATUS_ORDER = ("done", "in-progress", "not-started", NOT_REPORTED)
# A shape shown next to each status's text, so that no status depends on colour alone.
STATUS_ICONS = {"done": "●", "in-progress": "◐", "not-started": "○", NOT_REPORTED: "？"}
# The four parts of a report, as the notice names them.
REPORT_PARTS = {"practice": "主要做法", "results": "工作成效", "problems": "存在问题", "next_steps": "下一步措施"}

FILE_NAME = "progress.yaml"
PROGRESS_SCHEMA = {"as_of": datetime.date, "reports": list}
REPORT_SCHEMA = {
    "task": int, "unit": str, "status": str, "date": datetime.date,
    "practice": str, "results": str, "problems": str, "next_steps": str, "links": list,
}
LINK_SCHEMA = {"title": str, "url": str}
UNSAFE_URL_CHARACTERS = re.compile(r"[\s\\<>\"'`\x00-\x1f\x7f]")


def count_statuses(statuses) -> dict[str, int]:
    counts = dict.fromkeys(STATUS_ORDER, 0)
    for status in statuses:
        counts[status] += 1
    return counts


def share(part: int, whole: int) -> int:
    """part of whole in whole percent, rounded down (so 99.6% is never shown as 100%)."""
    return part * 100 // whole if whole else 0


def bar_segments(counts: dict[str, int]) -> list[tuple[str, float, float]]:
    """(status, x, width) of the done and in-progress parts of a 100-wide bar."""
    total = sum(counts.values())
    segments, x = [], 0.0
    for status in ("done", "in-progress"):
        width = round(counts[status] * 100 / total, 2) if total else 0.0
        if width:
            segments.append((status, x, width))
        x = round(x + width, 2)
    return segments


@dataclass(frozen=True)
class Link:
    title: str
    url: str


@dataclass(frozen=True)
class Report:
    """One report: on a task by one unit, or on the task as a whole (unit None)."""

    task: int
    unit: Unit | None
    status: str  # a key of STATUSES
    date: datetime.date
    practice: str = ""
    results: str = ""
    problems: str = ""
    next_steps: str = ""
    links: tuple[Link, ...] = ()

    @property
    def parts(self) -> list[tuple[str, str]]:
        """(heading, text) of the four parts, in the notice's order, empty ones included."""
        return [(label, getattr(self, key)) for key, label in REPORT_PARTS.items()]


@dataclass(frozen=True)
class UnitStatus:
    """One unit a task is assigned to, with its report (None: not reported)."""

    unit: Unit
    report: Report | None
    via_collective: bool  # reached through a collective term rather than named

    @property
    def status(self) -> str:
        return self.report.status if self.report else NOT_REPORTED


@dataclass
class TaskProgress:
    task: Task
    status: str  # a key of STATUS_LABELS
    task_report: Report | None
    units: list[UnitStatus]  # every unit that can report on the task: named first, then reached
    overdue: bool  # deadline before as_of and not done
    basis: str = ""  # whose reports decide the status, as a reader is told

    @property
    def reports(self) -> list[Report]:
        """Every report on the task: the task-level one first, then the units' in unit order."""
        unit_reports = [entry.report for entry in self.units if entry.report]
        return ([self.task_report] if self.task_report else []) + unit_reports


@dataclass
class UnitProgress:
    """One unit's statuses: its own report's status for each task it can report on."""

    unit: Unit
    status_by_task: dict[int, str]  # task number -> status key

    @property
    def counts(self) -> dict[str, int]:
        return count_statuses(self.status_by_task.values())


@dataclass
class Progress:
    """All reports and what follows from them, computed once per build."""

    labels: ClassVar[dict[str, str]] = STATUS_LABELS  # for templates
    icons: ClassVar[dict[str, str]] = STATUS_ICONS
    order: ClassVar[tuple[str, ...]] = STATUS_ORDER
    share = staticmethod(share)
    bar_segments = staticmethod(bar_segments)

    as_of: datetime.date
    reports: list[Report]
    tasks: dict[int, TaskProgress]  # by task number, in plan order
    units: dict[str, UnitProgress]  # by unit id: units that can report (not collective terms), plan order

    @property
    def counts(self) -> dict[str, int]:
        """Tasks by overall status."""
        return count_statuses(entry.status for entry in self.tasks.values())

    @property
    def overdue(self) -> list[TaskProgress]:
        return [entry for entry in self.tasks.values() if entry.overdue]

    @property
    def by_status(self) -> list[tuple[str, list[TaskProgress]]]:
        """Tasks grouped by overall status, in STATUS_ORDER, empty groups included."""
        groups: dict[str, list[TaskProgress]] = {status: [] for status in STATUS_ORDER}
        for entry in self.tasks.values():
            groups[entry.status].append(entry)
        return list(groups.items())

    @property
    def unit_rows(self) -> list[UnitProgress]:
        """Units with at least one task to report on, in registry order."""
        return [entry for entry in self.units.values() if entry.status_by_task]

    def unit_counts(self, unit_id: str, unit_tasks) -> dict[str, int]:
        """A unit page's figures: the unit's own statuses; for a collective term, its tasks' statuses."""
        if unit_id in self.units:
            return self.units[unit_id].counts
        numbers = {task.number for tasks in unit_tasks.by_role.values() for task in tasks}
        return count_statuses(self.tasks[number].status for number in numbers)

    def status_of(self, unit_id: str, number: int) -> str:
        """The status shown for task number on a unit's page: the unit's own, or for a collective term the task's."""
        if unit_id in self.units:
            return self.units[unit_id].status_by_task.get(number, NOT_REPORTED)
        return self.tasks[number].status


# --- who can report on a task -----------------------------------------------------------------


def assigned_units(task: Task, index: SiteIndex, reached: dict[int, list[Unit]]) -> list[tuple[Unit, bool]]:
    """(unit, via a collective term) for each unit that can report on task: named units first."""
    named = [(unit, False) for unit, _ in index.roles_by_task[task.number] if unit.kind != "collective"]
    return named + [(unit, True) for unit in reached.get(task.number, [])]


def status_units(task: Task, index: SiteIndex, reached: dict[int, list[Unit]]) -> tuple[list[Unit], str]:
    """The units whose reports decide the task's status (leads, else named units, else reached ones),
    and how a reader is told which they are."""
    roles = [(unit, roles) for unit, roles in index.roles_by_task[task.number] if unit.kind != "collective"]
    leads = [unit for unit, unit_roles in roles if "lead" in unit_roles]
    if leads:
        return leads, "牵头单位"
    if roles:
        return [unit for unit, _ in roles], "责任单位"
    return reached.get(task.number, []), "经统称承担本项任务的各单位"


def _reached_units(index: SiteIndex) -> dict[int, list[Unit]]:
    """Task number -> units that a collective term of the task reaches (not named themselves), in registry order."""
    reached: dict[int, list[Unit]] = defaultdict(list)
    for unit_tasks in index.unit_tasks.values():
        for task, _ in unit_tasks.via_collective:
            reached[task.number].append(unit_tasks.unit)
    return reached


# --- loading ----------------------------------------------------------------------------------


def file_label(data_dir: Path) -> str:
    """How messages name the file: data/progress.yaml for the default folder."""
    path = data_dir / FILE_NAME
    try:
        return path.resolve().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(path)


def load_progress(data_dir: Path, plan: Plan, index: SiteIndex) -> Progress | None:
    """data_dir/progress.yaml validated into a Progress; None when there is no such file."""
    path = data_dir / FILE_NAME
    if not path.is_file():
        return None
    file = file_label(data_dir)
    record = read_yaml(path, file)
    return progress_from_record(record, file, plan, index)


def progress_from_record(record, file: str, plan: Plan, index: SiteIndex) -> Progress:
    """A parsed progress.yaml (its Mapping) checked and turned into a Progress."""
    record = _record(record, PROGRESS_SCHEMA, {"as_of", "reports"}, file, getattr(record, "line", 1), "落实情况文件")
    as_of = record["as_of"]
    tasks = {task.number: task for task in plan.tasks}
    names = {name: unit for unit in plan.units for name in unit.names}
    reached = _reached_units(index)
    seen: dict[tuple[int, str], int] = {}
    reports = []
    for entry in record["reports"]:
        if not isinstance(entry, Mapping):
            entry = _record(entry, REPORT_SCHEMA, set(), file, record.line_of("reports"), "报送")  # raises
        report = _report(entry, file, as_of, tasks, names, index, reached)
        key = (report.task, report.unit.id if report.unit else "")
        if key in seen:
            who = report.unit.name if report.unit else "整项任务"
            raise DataError(file, entry.line, "unit", f"第{report.task}项已有{who}的报送（第{seen[key]}行）。每个单位对每项任务只报送一条，请合并或删除其中一条。")
        seen[key] = entry.line
        reports.append(report)
    return build_progress(as_of, reports, plan, index, reached)


def _report(entry, file: str, as_of: datetime.date, tasks: dict[int, Task], names: dict[str, Unit],
            index: SiteIndex, reached: dict[int, list[Unit]]) -> Report:
    entry = _record(entry, REPORT_SCHEMA, {"task", "status", "date"}, file, getattr(entry, "line", 0), "报送")
    number = entry["task"]
    if number not in tasks:
        raise DataError(file, entry.line_of("task"), "task", f"没有第{number}项任务（任务编号为 1 至 {max(tasks)}）。请改正任务编号。")
    unit = None
    if "unit" in entry:
        unit = _unit(entry, file, tasks[number], names, index, reached)
    status = parse_status(entry["status"])
    if status is None:
        raise DataError(file, entry.line_of("status"), "status", f"落实状态“{entry['status']}”无效。请填写 {'、'.join(STATUSES.values())} 之一。")
    if entry["date"] > as_of:
        raise DataError(file, entry.line_of("date"), "date", f"报送日期 {entry['date']} 晚于 as_of（{as_of}）。请改正日期，或把 as_of 改为报送情况截至的日期。")
    texts = {key: entry.get(key, "").strip() for key in REPORT_PARTS}
    return Report(task=number, unit=unit, status=status, date=entry["date"], links=_links(entry, file), **texts)


def _unit(entry: Mapping, file: str, task: Task, names: dict[str, Unit], index: SiteIndex, reached: dict[int, list[Unit]]) -> Unit:
    line, name = entry.line_of("unit"), entry["unit"].strip()
    unit = names.get(name)
    if unit is None:
        raise DataError(file, line, "unit", f"单位“{name}”不在单位名录中。请填写 data/units.yaml 中单位的全称或简称；报送整项任务的情况时删去 unit。")
    if unit.kind == "collective":
        raise DataError(file, line, "unit", f"“{unit.name}”是统称，不能报送。请由其中的各单位分别报送，或删去 unit 报送整项任务的情况。")
    if unit not in [assigned for assigned, _ in assigned_units(task, index, reached)]:
        raise DataError(file, line, "unit", f"第{task.number}项没有交给“{unit.name}”（责任单位：{task.responsibility}）。请改正任务编号或单位。")
    return unit


def parse_status(value: str) -> str | None:
    """A status as written (Chinese label or id) -> its id; None if it is neither."""
    value = value.strip()
    if value in STATUSES:
        return value
    return next((key for key, label in STATUSES.items() if label == value), None)


def _links(entry: Mapping, file: str) -> tuple[Link, ...]:
    links = []
    for item in entry.get("links", []):
        item = _record(item, LINK_SCHEMA, {"title", "url"}, file, getattr(item, "line", entry.line_of("links")), "佐证链接")
        problem = url_problem(item["url"])
        if problem:
            raise DataError(file, item.line_of("url"), "url", f"链接“{item['url']}”{problem}")
        links.append(Link(title=item["title"].strip(), url=item["url"].strip()))
    return tuple(links)


def url_problem(url: str) -> str:
    """Why url cannot be published as an evidence link ("" if it can)."""
    url = url.strip()
    if UNSAFE_URL_CHARACTERS.search(url):
        return "含有空格、引号或控制字符。请填写完整、正确的网址。"
    if url.startswith("/") and not url.startswith("//"):
        return ""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        return "不是 http(s) 网址。只能填写以 http:// 或 https:// 开头的网址，或本网站以 / 开头的路径。"
    if not parts.hostname:
        return "缺少网站域名。请填写完整的网址，如 https://www.example.gov.cn/…。"
    return ""


# --- statuses ---------------------------------------------------------------------------------


def build_progress(as_of: datetime.date, reports: list[Report], plan: Plan, index: SiteIndex,
                   reached: dict[int, list[Unit]] | None = None) -> Progress:
    """Statuses per task and per unit from validated reports."""
    reached = _reached_units(index) if reached is None else reached
    by_key = {(report.task, report.unit.id if report.unit else None): report for report in reports}
    tasks: dict[int, TaskProgress] = {}
    units = {unit.id: UnitProgress(unit, {}) for unit in plan.units if unit.kind != "collective"}
    for task in plan.tasks:
        entries = [UnitStatus(unit, by_key.get((task.number, unit.id)), via)
                   for unit, via in assigned_units(task, index, reached)]
        for entry in entries:
            units[entry.unit.id].status_by_task[task.number] = entry.status
        task_report = by_key.get((task.number, None))
        deciding, basis = status_units(task, index, reached)
        status = task_status(task_report, [by_key.get((task.number, unit.id)) for unit in deciding])
        overdue = bool(task.deadline and task.deadline < as_of and status != "done")
        tasks[task.number] = TaskProgress(task, status, task_report, entries, overdue, "整项任务的报送" if task_report else basis)
    return Progress(as_of, reports, tasks, units)


def task_status(task_report: Report | None, unit_reports: list[Report | None]) -> str:
    """The task-level report's status; else the least advanced of the given reports; else not reported."""
    if task_report:
        return task_report.status
    statuses = [report.status for report in unit_reports if report]
    if not statuses:
        return NOT_REPORTED
    order = list(STATUSES)
    return min(statuses, key=order.index)


# --- pages ------------------------------------------------------------------------------------


def progress_pages(progress: Progress | None) -> list[Page]:
    """The /progress/ page, when there is progress data."""
    if progress is None:
        return []
    return [Page("progress/", "progress.html", "落实情况", [HOME], nav_key="progress")]
