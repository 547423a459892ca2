"""Open data: the plan as /data/tasks.json, /data/tasks.csv and /data/units.json, plus /sitemap.xml."""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator

from .chunks import CHUNK, Chunks, take
from .model import Plan
from .pages import Page


def tasks_records(plan: Plan, base_url: str) -> Iterator[dict]:
    """One plain record per task, made as it is read: the tasks.json schema documented in the README."""
    return (
        {
            "number": task.number,
            "category": {"id": task.category.id, "name": task.category.name},
            "text": task.text,
            "responsibility": task.responsibility,
            "deadline": task.deadline.isoformat() if task.deadline else None,
            "deadline_text": task.deadline_text or None,
            "shared_with": list(task.shared_with),
            "units": [{"id": a.unit.id, "name": a.unit.name, "role": a.role} for a in task.assignments],
            "url": f"{base_url}tasks/{task.number}/",
        }
        for task in plan.tasks
    )


def units_records(plan: Plan, base_url: str) -> list[dict]:
    return [
        {"id": unit.id, "name": unit.name, "aliases": list(unit.aliases), "kind": unit.kind,
         "member_of": list(unit.member_of), "url": f"{base_url}units/{unit.id}/"}
        for unit in plan.units
    ]


def _json(value: dict) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _json_one_record_a_line(head: dict, key: str, records: Iterable[dict]) -> Iterator[bytes]:
    """head with key: [records...] as JSON, one record a line, written as the records are made.

    Each record goes through json's C encoder (json.dumps with indent falls back to the
    pure-Python one: 3 s and 400 MB for 50,000 tasks).
    """
    opening = json.dumps(head, ensure_ascii=False)[:-1]  # without its closing brace
    buffer = io.StringIO()
    buffer.write(f"{opening}{', ' if head else ''}{json.dumps(key)}: [")
    separator = "\n"
    for record in records:
        buffer.write(separator)
        buffer.write(json.dumps(record, ensure_ascii=False))
        separator = ",\n"
        if buffer.tell() > CHUNK:
            yield take(buffer)
    buffer.write("\n]}\n" if separator != "\n" else "]}\n")
    yield take(buffer)


def tasks_csv(records: Iterable[dict]) -> Iterator[bytes]:
    """UTF-8 with BOM so that Excel opens it; one row per task, units as 名称（角色）; made as it is written."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["编号", "工作任务", "具体要求", "责任单位（原文）", "牵头单位", "落实单位", "监管单位", "责任单位", "完成时限", "网址"])
    for record in records:
        by_role = {role: "、".join(u["name"] for u in record["units"] if u["role"] == role)
                   for role in ("lead", "implement", "supervise", "responsible")}
        writer.writerow([record["number"], record["category"]["name"], record["text"], record["responsibility"],
                         by_role["lead"], by_role["implement"], by_role["supervise"], by_role["responsible"],
                         record["deadline"] or "", record["url"]])
        if buffer.tell() > CHUNK:
            yield take(buffer)
    yield take(buffer)


def _xml_escape(text: str) -> str:
    """&, < and > as entities, as xml.sax.saxutils.escape does (which would import urllib.request: 0.02 s)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def sitemap(pages: list[Page], base_url: str, site_url: str) -> bytes:
    """A sitemap of every page but the 404 page; absolute when the portal's address is configured."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for page in pages:
        if page.template != "404.html":
            lines.append(f"  <url><loc>{_xml_escape(site_url + base_url + page.url)}</loc></url>")
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def open_data_files(plan: Plan, pages: list[Page], base_url: str, site_url: str) -> dict[str, bytes | Chunks]:
    """The open-data files; tasks.json and tasks.csv are made as they are written (see chunks.py)."""
    head = {"title": plan.title, "number": plan.notice.number}
    return {
        "data/tasks.json": Chunks(lambda: _json_one_record_a_line(head, "tasks", tasks_records(plan, base_url))),
        "data/tasks.csv": Chunks(lambda: tasks_csv(tasks_records(plan, base_url))),
        "data/units.json": _json({"units": units_records(plan, base_url)}),
        "sitemap.xml": sitemap(pages, base_url, site_url),
    }
