"""Search: the plan as one compact JSON index for static/search.js, written twice: as
search/index.js (a script setting window.zwgkSearchIndex, which loads from file:// too, where
browsers refuse a request for JSON) and as search/index.json (the same data, for other readers).

The index holds what a result shows and what a query is matched against, each string once:

    {"version": 1,
     "roles":      [[role, label], ...],             # the roles a result shows, bit i = roles[i]
     "categories": [[id, name], ...],
     "units":      [[id, name, [alias, ...], [collective unit index, ...]], ...],
     "tasks":      [[number, category index, text, [unit index, role bits, ...], short text,
                     [deadline as ISO date, its words] or []], ...],
     "synonyms":   [[folded term, ...], ...]}

With progress data (落实情况) the index also has "statuses": [[status id, label, shape], ...] and each
task a seventh field, the position of its overall status in "statuses", for the status filter.

Units are referred to by their position in "units"; a unit's last field lists the collective
terms (统称) it belongs to, so the unit filter can add the tasks that reach it through one of
them, as its unit page does. Matching is done on fold()ed text; search.js folds the same way.
"""
from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from .chunks import Chunks, gathered
from .load import DataError, Mapping, _record, read_yaml
from .model import ROLES, Plan
from .pages import SiteIndex
from .progress import STATUS_ICONS, STATUS_LABELS, STATUS_ORDER, Progress

SHOWN_ROLES = [role for role in ROLES if role != "responsible"]  # "responsible" is shown as no tag


def fold(text: str) -> str:
    """Text as matched: full-width ASCII as half-width, A-Z as a-z, all whitespace removed."""
    folded = []
    for char in text:
        if char.isspace():
            continue
        if "\uff01" <= char <= "\uff5e":
            char = chr(ord(char) - 0xFEE0)
        folded.append(char.lower() if "A" <= char <= "Z" else char)
    return "".join(folded)


# --- synonyms --------------------------------------------------------------------------------

SYNONYM_SCHEMA = {"terms": list, "note": str}


def load_synonyms(data_dir: Path) -> list[tuple[str, ...]]:
    """data/synonyms.yaml: groups of words that find each other, each word folded; validated."""
    file = "data/synonyms.yaml"
    entries = read_yaml(data_dir / "synonyms.yaml", file)
    if entries is None:  # only comments: no synonyms
        return []
    if not isinstance(entries, list):
        raise DataError(file, None, None, "应是同义词组的列表（每项以“- terms:”开头）。请按文件开头的说明书写。")
    claimed: dict[str, int] = {}  # folded term -> line of its group
    groups = []
    for entry in entries:
        record = _record(entry, SYNONYM_SCHEMA, {"terms"}, file, getattr(entry, "line", 0), "同义词组")
        line = record.line_of("terms")
        group = []
        for term in _terms(record, file):
            if any(char.isspace() for char in term):
                raise DataError(file, line, "terms", f"“{term}”含有空格。搜索时空格分隔不同的词，请去掉空格。")
            folded = fold(term)
            if len(folded) < 2:
                raise DataError(file, line, "terms", f"“{term}”太短：一个字会出现在太多的词里。同义词至少要两个字。")
            if folded in claimed and claimed[folded] != line:
                raise DataError(file, line, "terms", f"“{term}”已在第{claimed[folded]}行的同义词组中。请把两组合并为一组。")
            if folded not in group:
                group.append(folded)
            claimed[folded] = line
        if len(group) < 2:
            raise DataError(file, line, "terms", "同义词组至少要有两个不同的词。请补上，或删除这一组。")
        groups.append(tuple(group))
    return groups


def _terms(record: Mapping, file: str) -> list[str]:
    """The group's words, stripped; a bare number such as 12345 is read as its digits."""
    terms = []
    for term in record["terms"]:
        if isinstance(term, int) and not isinstance(term, bool):
            term = str(term)
        if not isinstance(term, str) or not term.strip():
            raise DataError(file, record.line_of("terms"), "terms", f"每个词都应是非空文字，{term!r} 不是。请改正。")
        terms.append(term.strip())
    return terms


# --- the index -------------------------------------------------------------------------------


ROWS_AT_ONCE = 256  # tasks encoded by one json.dumps call: its cost per call is most of a row's


def index_pieces(plan: Plan, index: SiteIndex, synonyms: list[tuple[str, ...]], progress: Progress | None = None) -> Iterator[str]:
    """The index's JSON text, in the layout the module docstring describes, a task at a time: a big
    plan's index is never whole in memory."""
    dumps = functools.partial(json.dumps, ensure_ascii=False, separators=(",", ":"))
    unit_position = {unit.id: position for position, unit in enumerate(plan.units)}
    category_position = {category.id: position for position, category in enumerate(plan.categories)}
    shown = shown_roles(index)
    head = {
        "version": 1,
        "roles": [[role, ROLES[role]] for role in shown],
        "categories": [[category.id, category.name] for category in plan.categories],
        "units": [
            [unit.id, unit.name, list(unit.aliases), [unit_position[term] for term in unit.member_of]]
            for unit in plan.units
        ],
    }
    yield dumps(head)[:-1] + ',"tasks":['
    bits_of: dict[tuple[str, ...], int] = {}  # a unit's roles in a task -> role_bits (few different ones)
    rows: list[list] = []
    separator = ""
    for task in plan.tasks:
        units = []
        for unit, roles in index.roles_by_task[task.number]:
            bits = bits_of.get(roles)
            if bits is None:
                bits = bits_of[roles] = role_bits(roles, shown)
            units += (unit_position[unit.id], bits)
        row = [task.number, category_position[task.category.id], task.text, units, task.short_text,
               [task.deadline.isoformat(), task.deadline_text] if task.deadline else []]
        if progress:
            row.append(STATUS_ORDER.index(progress.tasks[task.number].status))
        rows.append(row)
        if len(rows) == ROWS_AT_ONCE:
            yield separator + dumps(rows)[1:-1]  # the rows, comma-separated: as many dumps() joined by ","
            rows, separator = [], ","
    if rows:
        yield separator + dumps(rows)[1:-1]
    tail = {"synonyms": [list(group) for group in synonyms]}
    if progress:
        tail["statuses"] = [[status, STATUS_LABELS[status], STATUS_ICONS[status]] for status in STATUS_ORDER]
    yield "]," + dumps(tail)[1:]


def shown_roles(index: SiteIndex) -> list[str]:
    """The roles a result shows as tags: those the plan uses, "responsible" being shown as no tag."""
    return [role for role in index.roles if role in SHOWN_ROLES]


def role_bits(roles: list[str], shown: list[str] = SHOWN_ROLES) -> int:
    """The shown roles as bits: bit i set for shown[i]."""
    return sum(1 << position for position, role in enumerate(shown) if role in roles)


def search_files(plan: Plan, index: SiteIndex, data_dir: Path, progress: Progress | None = None) -> dict[str, Chunks]:
    """{"search/index.json": the index as compact UTF-8 JSON, "search/index.js": the script search.js loads},
    made as they are written (for a big site, while forked children render pages: see render.py's render_all).
    The synonyms are read here, so that a mistake in them stops the build before anything is written."""
    synonyms = load_synonyms(data_dir)

    def pieces() -> Iterator[str]:
        return index_pieces(plan, index, synonyms, progress)

    return {"search/index.json": Chunks(lambda: gathered(pieces())),
            "search/index.js": Chunks(lambda: gathered(script_pieces(pieces())))}


def script_pieces(json_pieces: Iterable[str]) -> Iterator[str]:
    """The index as a script that sets window.zwgkSearchIndex (JSON is valid JavaScript, once the
    line separators U+2028/U+2029, which older engines refuse inside strings, are escaped)."""
    yield "window.zwgkSearchIndex="
    for piece in json_pieces:
        yield piece.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    yield ";\n"
