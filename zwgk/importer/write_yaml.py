"""Write an imported plan as YAML in the format and style of the hand-made data/*.yaml files."""
from __future__ import annotations

import datetime
import json
import re

import yaml

from ..model import Unit
from .interpret import ImportedPlan

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_PLAIN_CJK = re.compile(r"[\u4e00-\u9fff][^\n]*(?<=\S)\Z")


def scalar(value) -> str:
    """A YAML scalar: plain where YAML reads it back unchanged, else double-quoted."""
    if isinstance(value, (int, datetime.date)) and not isinstance(value, bool):
        return str(value)
    text = str(value)
    if _PLAIN_CJK.match(text) and ": " not in text and " #" not in text:
        return text  # starts with a CJK character, one line: YAML reads it back as it is (the common case)
    if text and "\n" not in text and " #" not in text and text == text.strip():
        try:
            if yaml.load(f"k: {text}", Loader=_Loader) == {"k": text}:
                return text
        except yaml.YAMLError:
            pass
    return json.dumps(text, ensure_ascii=False)


def flow_list(values) -> str:
    """[a, b, c] when every item is plain-safe inside a flow list, else a quoted form."""
    items = []
    for value in values:
        text = scalar(value)
        if any(mark in text for mark in ",[]{}") and not text.startswith('"'):
            text = json.dumps(str(value), ensure_ascii=False)
        items.append(text)
    return "[" + ", ".join(items) + "]"


def block(key: str, text: str, indent: str) -> str:
    """key: value, or a |- block for a value of several lines."""
    if "\n" in text:
        lines = "\n".join(f"{indent}  {line}" for line in text.split("\n"))
        return f"{indent}{key}: |-\n{lines}\n"
    return f"{indent}{key}: {scalar(text)}\n"


TASKS_HEADER = """\
# The attachment table of {source}: 《{title}》.
# Imported by `python build.py import` from {file}; check it against the document before publishing.
#
# A list of work tasks (工作任务, "categories") in source order. Each has
#   id:      stable ASCII id used in URLs (/categories/<id>/): only a-z, 0-9 and "-"
#   name:    the 工作任务 as printed
#   section: optional, the section (一、…) this work task stands under, without its enumerator
#   rows:    the table's rows; a row is one 责任单位 cell and the requirements printed beside it
#     responsibility: the 责任单位 cell as printed; a cell of several paragraphs has one per line
#     note:           optional, shown to readers: what to know about this cell
#     tasks:          the numbered requirements (具体要求) of the row
#       number:        1, 2, ... unique across the plan
#       text:          the requirement as printed, without its number
#       deadline:      optional ISO date, where the text or the deadline column states a deadline
#       deadline_text: the words of the text that state it (required with deadline, unless
#                      time_limit gives them)
#       time_limit:    instead of deadline_text, the 完成时限 column's words as printed, when they
#                      are not in the text; alone when no date is stated (全年, 持续推进)
# Units and roles are derived from the responsibility text through units.yaml.
"""


def tasks_yaml(plan: ImportedPlan, category_ids: list[str], file_name: str) -> str:
    source = plan.notice.get("number") or file_name
    out = [TASKS_HEADER.format(source=source, title=plan.plan_title, file=file_name)]
    for category, category_id in zip(plan.categories, category_ids):
        out.append(f"- id: {category_id}\n")
        out.append(f"  name: {scalar(category.name)}\n")
        if category.section:
            out.append(f"  section: {scalar(category.section)}\n")
        out.append("  rows:\n")
        for row in category.rows:
            if row.note:
                out.append(f"    - note: {scalar(row.note)}\n")
                out.append(block("responsibility", row.responsibility, "      "))
            else:
                out.append(block("- responsibility", row.responsibility, "    "))
            out.append("      tasks:\n")
            for task in row.tasks:
                out.append(f"        - number: {task.number}\n")
                out.append(f"          text: {scalar(task.text)}\n")
                if task.deadline:
                    out.append(f"          deadline: {task.deadline.isoformat()}\n")
                if task.deadline_text:
                    field = "deadline_text" if task.deadline_text in task.text else "time_limit"
                    out.append(f"          {field}: {scalar(task.deadline_text)}\n")
    return "".join(out)


def notice_yaml(plan: ImportedPlan, file_name: str) -> str:
    """The notice's fields that the document holds, commented like data/notice.yaml."""
    notice = plan.notice
    what = f"The covering notice {notice['number']}" if notice.get("number") else "The covering notice"
    out = [f"# {what}, imported by `python build.py import` from {file_name}.\n"]
    if not notice.get("title"):
        out.append("# The document holds no notice around the table: only the plan's title is known.\n"
                   "# Fields that may be added: title, number, issuer, date, recipients, body, basis,\n"
                   "# publicity, cc, report (see data/notice.yaml of the project for their form).\n")
    for key in ("title", "number", "issuer"):
        if notice.get(key):
            out.append(f"{key}: {scalar(notice[key])}\n")
    if notice.get("date"):
        out.append(f"date: {notice['date'].isoformat()}\n")
    if notice.get("recipients"):
        out.append("# 主送: the addressees, as the salutation lists them\n")
        out.append(f"recipients: {flow_list(notice['recipients'])}\n")
    if notice.get("body"):
        out.append("body:\n")
        out += [f"  - {scalar(paragraph)}\n" for paragraph in notice["body"]]
    if notice.get("basis"):
        out.append("# The documents the plan implements\nbasis:\n")
        for document in notice["basis"]:
            out.append(f"  - title: {scalar(document['title'])}\n    number: {scalar(document['number'])}\n")
    if notice.get("publicity"):
        out.append(f"# 公开方式\npublicity: {scalar(notice['publicity'])}\n")
    if notice.get("cc"):
        out.append(f"# 抄送\ncc: {flow_list(notice['cc'])}\n")
    if notice.get("report"):
        report = notice["report"]
        out.append("# What every unit must report, by when and to whom (from the body)\nreport:\n")
        out.append(f"  deadline: {report['deadline'].isoformat()}\n")
        out.append(f"  deadline_text: {scalar(report['deadline_text'])}\n")
        out.append(f"  content: {scalar(report['content'])}\n")
        out.append(f"  to: {scalar(report['to'])}\n")
    out.append(f"# The attachment's title\nplan_title: {scalar(plan.plan_title)}\n")
    return "".join(out)


UNITS_HEADER = """\
# The unit registry of this plan: every responsible unit named in tasks.yaml, once, under its full name.
# Known units were taken from {registry}; units it does not know were drafted by
# `python build.py import` at the end of this file, each marked "# 待核对" (to be checked).
#
#   id:        stable ASCII id used in URLs (/units/<id>/): only a-z, 0-9 and "-"
#   name:      the full name
#   kind:      department (区直部门及单位) | town (镇人民政府、街道办事处) | collective (统称)
#   aliases:   short names and other spellings found in the plan; each resolves to this unit
#   member_of: the collective terms (by name) that include this unit
#   note:      optional, shown to readers: how a name was decided
"""


def unit_entry(unit: Unit, collective_names: dict[str, str], comment: str = "") -> str:
    out = [f"# 待核对：{comment}\n"] if comment else []
    out.append(f"- id: {unit.id}\n  name: {scalar(unit.name)}\n  kind: {unit.kind}\n")
    if unit.aliases:
        out.append(f"  aliases: {flow_list(unit.aliases)}\n")
    if unit.member_of:
        out.append(f"  member_of: {flow_list(collective_names[i] for i in unit.member_of)}\n")
    if unit.note:
        out.append(f"  note: {scalar(unit.note)}\n")
    return "".join(out)


def units_yaml(known: list[Unit], drafted: list[tuple[Unit, str]], collective_names: dict[str, str], registry: str) -> str:
    out = [UNITS_HEADER.format(registry=registry), "\n"]
    out += [unit_entry(unit, collective_names) + "\n" for unit in known]
    if drafted:
        out.append("\n# --- drafted on import: not in the registry; check name, kind and member_of (待核对) ---\n")
        out += [unit_entry(unit, collective_names, comment) + "\n" for unit, comment in drafted]
    return "".join(out).rstrip("\n") + "\n"
