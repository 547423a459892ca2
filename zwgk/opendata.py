"""Open data: the plan as /data/tasks.json, /data/tasks.csv and /data/units.json, plus /sitemap.xml."""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator

from .chunks import CHUNK, Chunks, gathered, take
from .model import Plan
from .pages import Page
from .progress import NOT_REPORTED, STATUS_LABELS, Progress, Report


def tasks_records(plan: Plan, base_url: str, progress: Progress | None = None) -> Iterator[dict]:
    """One plain record per task, made as it is read: the tasks.json schema documented in the README.
    Records share their category's and units' parts (made once each): read them, do not change them."""
    categories = {id(category): {"id": category.id, "name": category.name, "section": category.section or None}
                  for category in plan.categories}
    assigned: dict[int, dict] = {}  # id(assignment) -> its part; assignments are shared (UnitRegistry.read)
    for task in plan.tasks:
        units = []
        for a in task.assignments:
            unit = assigned.get(id(a))
            if unit is None:
                unit = assigned[id(a)] = {"id": a.unit.id, "name": a.unit.name, "role": a.role}
            units.append(unit)
        yield {
            "number": task.number,
            "category": categories[id(task.category)],
            "text": task.text,
            "responsibility": task.responsibility,
            "deadline": task.deadline.isoformat() if task.deadline else None,
            "deadline_text": task.deadline_text or None,
            "shared_with": list(task.shared_with),
            "requirements": list(task.requirements),
            "units": units,
            "url": f"{base_url}tasks/{task.number}/",
            **progress_fields(progress, task.number),
        }


def units_records(plan: Plan, base_url: str) -> list[dict]:
    return [
        {"id": unit.id, "name": unit.name, "aliases": list(unit.aliases), "kind": unit.kind,
         "member_of": list(unit.member_of), "url": f"{base_url}units/{unit.id}/"}
        for unit in plan.units
    ]


def _json(value: dict) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


# tasks.csv's columns, as the README's open-data table documents them: the cell as printed, then
# the units it was split into, one column per role ("（拆分后）"), so that Excel users can tell them apart.
CSV_ROLE_COLUMNS = (
    ("牵头单位（拆分后）", "lead"),
    ("落实单位（拆分后）", "implement"),
    ("配合单位（拆分后）", "support"),
    ("监管单位（拆分后）", "supervise"),
    ("未注明分工的单位（拆分后）", "responsible"),
)
CSV_HEADER = ["编号", "工作任务", "具体要求", "责任单位（原文）", *(name for name, _ in CSV_ROLE_COLUMNS), "完成时限", "网址"]


def _json_one_record_a_line(head: dict, key: str, records: Iterable[dict]) -> Iterator[bytes]:
    """head with key: [records...] as JSON, one record a line, written as the records are made.

    Each record goes through json's C encoder (json.dumps with indent falls back to the
    pure-Python one: 3 s and 400 MB for 50,000 tasks).
    """
    return gathered(_json_pieces(head, key, records))


def _json_pieces(head: dict, key: str, records: Iterable[dict]) -> Iterator[str]:
    encode = json.JSONEncoder(ensure_ascii=False).encode  # json.dumps(value, ensure_ascii=False), one encoder for all
    opening = encode(head)[:-1]  # without its closing brace
    yield f"{opening}{', ' if head else ''}{json.dumps(key)}: ["
    separator = "\n"
    for record in records:
        yield separator + encode(record)
        separator = ",\n"
    yield "\n]}\n" if separator != "\n" else "]}\n"


def tasks_csv(plan: Plan, base_url: str, site_url: str) -> Iterator[bytes]:
    """UTF-8 with BOM so that Excel opens it; one row per task; 网址 absolute when site_url is set;
    made as it is written (from the tasks themselves: a row needs a few of a tasks.json record's fields)."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for task in plan.tasks:
        by_role: dict[str, list[str]] = {role: [] for _, role in CSV_ROLE_COLUMNS}
        for a in task.assignments:
            by_role[a.role].append(a.unit.name)
        writer.writerow([task.number, task.category.name, task.text, task.responsibility,
                         *("、".join(names) for names in by_role.values()),
                         task.deadline.isoformat() if task.deadline else "", f"{site_url}{base_url}tasks/{task.number}/"])
        if buffer.tell() > CHUNK:
            yield take(buffer)
    yield take(buffer)


def _xml_escape(text: str) -> str:
    """&, < and > as entities, as xml.sax.saxutils.escape does (which would import urllib.request: 0.02 s)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def sitemap(pages: list[Page], base_url: str, site_url: str) -> bytes:
    """A sitemap of every page but the 404 page, at absolute addresses (site_url + base_url + page)."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for page in pages:
        if page.template != "404.html":
            lines.append(f"  <url><loc>{_xml_escape(site_url + base_url + page.url)}</loc></url>")
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def open_data_files(plan: Plan, pages: list[Page], base_url: str, site_url: str,
                    progress: Progress | None = None) -> dict[str, bytes | Chunks]:
    """The open-data files, and the sitemap when the portal's address (site_url) is known (the sitemap
    protocol allows only absolute addresses); tasks.json and tasks.csv are made as they are written
    (see chunks.py)."""
    head = {"title": plan.title, "number": plan.notice.number or None, "as_of": progress.as_of.isoformat() if progress else None}
    files = {
        "data/tasks.json": Chunks(lambda: _json_one_record_a_line(head, "tasks", tasks_records(plan, base_url, progress))),
        "data/tasks.csv": Chunks(lambda: tasks_csv(plan, base_url, site_url)),
        "data/units.json": _json({"units": units_records(plan, base_url)}),
    }
    if site_url:
        files["sitemap.xml"] = sitemap(pages, base_url, site_url)
    if progress:
        files["data/progress.csv"] = progress_csv(progress, site_url + base_url)
    return files


# --- progress (落实情况) ------------------------------------------------------------------------


def progress_fields(progress: Progress | None, number: int) -> dict:
    """A task's "status" and "progress" fields: not reported and [] without progress data."""
    if progress is None:
        return {"status": NOT_REPORTED, "progress": []}
    entry = progress.tasks[number]
    return {"status": entry.status, "progress": [report_record(report) for report in entry.reports]}


def report_record(report: Report) -> dict:
    return {
        "unit": {"id": report.unit.id, "name": report.unit.name} if report.unit else None,
        "status": report.status,
        "date": report.date.isoformat(),
        "practice": report.practice,
        "results": report.results,
        "problems": report.problems,
        "next_steps": report.next_steps,
        "links": [{"title": link.title, "url": link.url} for link in report.links],
    }


def progress_csv(progress: Progress, base_url: str) -> bytes:
    """UTF-8 with BOM; one row per report, task-level reports with an empty unit; base_url with site_url in front."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["编号", "工作任务", "单位", "单位id", "落实状态", "落实状态id", "报送日期",
                     "主要做法", "工作成效", "存在问题", "下一步措施", "佐证链接", "网址"])
    for entry in progress.tasks.values():
        task = entry.task
        for report in entry.reports:
            links = "\n".join(f"{link.title} {link.url}" for link in report.links)
            writer.writerow([task.number, task.category.name, report.unit.name if report.unit else "（整项任务）",
                             report.unit.id if report.unit else "", STATUS_LABELS[report.status], report.status,
                             report.date.isoformat(), report.practice, report.results, report.problems,
                             report.next_steps, links, f"{base_url}tasks/{task.number}/"])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
