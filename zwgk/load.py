"""Load: the YAML files in data/ -> a validated Plan.

Every problem stops the load with one DataError that names the file, the line, the field
and what to do, before anything is written.
"""
from __future__ import annotations

import bisect
import contextlib
import datetime
import functools
import gc
import pickle
import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import cache as user_cache
from .advice import DataWarning, check_responsibility, check_task
from .model import (
    UNIT_KINDS,
    Assignment,
    BasisDocument,
    Category,
    Notice,
    Plan,
    SiteConfig,
    Task,
    Unit,
)
from .responsibility import ROLE_WORDS, Responsibility, UnknownUnitName, read_responsibility, recognised_phrases, role_word_in

SAFE_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")

TYPE_NAMES = {int: "整数", str: "文字", list: "列表", dict: "键值对", datetime.date: "日期（如 2021-12-31）"}


class DataError(Exception):
    """Bad input data: where it is and what to do about it."""

    def __init__(self, file: Path | str, line: int | None, field: str | None, message: str):
        self.file, self.line, self.field, self.message = str(file), line, field, message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        field = f" 字段 {self.field}：" if self.field else " "
        return f"{where}:{field}{self.message}"


# --- YAML with line numbers -------------------------------------------------------------


class Mapping(dict):
    """A YAML mapping that remembers the line of itself and of each key. (Slots: a plan of 50,000
    tasks has 180,000 of them; with slots, parsing it peaks 38 MB lower.)"""

    __slots__ = ("line", "key_lines")  # both set by whoever makes one (yamlparse._new_mapping)
    line: int
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


def read_yaml(path: Path, label: str, cache: LoadCache | None = None) -> Any:
    """Parse one YAML file; a syntax error becomes a DataError with its line, explained in Chinese.
    With a cache (the preview's), the file's unchanged top-level items are taken from the last load;
    without, a file parsed before by any build is taken from the user's parse cache (parsed_yaml)."""
    if cache is None:
        return parsed_yaml(path, label)
    from . import yamlparse

    return yamlparse.parse_file(read_text(path, label), label, lambda text: cache.parse(text, str(path)))


def parsed_yaml(source: Path, label: str, text: str | None = None) -> Any:
    """yamlparse.parse_file of the file `source` (or of `text`, a part of it), kept in the user's cache
    (zwgk/cache.py) by its bytes and what parsing depends on: a build whose data files did not change
    neither decodes nor parses them, nor imports PyYAML (~0.01 s at every start; 0.3 s of 0.5 for a
    plan of 10,000 tasks). A file that does not parse is never kept, so its error is reported afresh
    each time. The entry is named after the file, so that a file's earlier texts make room for its new one."""
    data = read_data(source, label) if text is None else text
    folder = user_cache.cache_dir("yaml")
    name = user_cache.key_of(str(source))[:16] + "-" + user_cache.key_of(_parser_stamp(), data)
    kept = user_cache.open_bytes(folder, name)
    if kept is not None:
        del data  # not needed to read the parse back (17 MB at 50,000 tasks), which streams from its file
        with kept:
            try:
                return _unpickle_tree(kept)
            except Exception:  # a damaged entry (pickle raises many kinds): parsed again and replaced below
                pass
        data = read_data(source, label) if text is None else text
    if text is None:
        text = decode(data, label)
    del data  # the file's bytes, once decoded
    from . import yamlparse

    value = yamlparse.parse_file(text, label)
    user_cache.write_stream(folder, name, lambda file: _pickle_tree(value, file), replaces=name[:17])
    return value


def _pickle_tree(value: Any, file) -> None:
    """A parsed file pickled as it is written: a list (tasks.yaml's work tasks) item by item, so that
    pickle holds one item's output at a time, in fast mode, without a memo of every object pickled
    (the two: 130 MB at once for a plan of 50,000 tasks). Fast mode cannot pickle a cycle, and a
    parse has none (an alias cannot refer to its own anchor); a value that aliases share comes back
    as equal copies. (Pickling a Chinese text makes Python keep its UTF-8 form beside it: ~40 MB
    more for the rest of a build at 50,000 tasks, when the cache missed.)"""
    pickler = pickle.Pickler(file, pickle.HIGHEST_PROTOCOL)
    pickler.fast = True
    items = value if type(value) is list else [value]
    pickler.dump(len(items) if items is value else -1)
    for item in items:
        pickler.dump(item)  # each dump is written out at its end


def _unpickle_tree(file) -> Any:
    """What _pickle_tree wrote."""
    unpickler = pickle.Unpickler(file)
    count = unpickler.load()
    if count < 0:
        return unpickler.load()
    return [unpickler.load() for _ in range(count)]


@functools.cache
def _parser_stamp() -> str:
    """What a parse depends on besides the text: Python, PyYAML, and this package's parser and Mapping."""
    return user_cache.module_stamp("yaml", "zwgk.yamlparse", "zwgk.load")


def read_text(path: Path, label: str) -> str:
    """A data file's text; a missing or non-UTF-8 file is a DataError."""
    return decode(read_data(path, label), label)


def read_data(path: Path, label: str) -> bytes:
    """A data file's bytes; a missing file is a DataError."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise DataError(label, None, None, "文件不存在。请从项目仓库恢复该文件。") from None


def decode(data: bytes, label: str) -> str:
    """A data file's bytes as text, its line ends made "\n" as Python's text files make them; not
    UTF-8: a DataError."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise DataError(label, None, None, "文件不是 UTF-8 编码。请用 UTF-8 编码另存该文件。") from None
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


class LoadCache:
    """What a load keeps for the next one in a long-lived process (the preview), so that after an
    edit only what changed is parsed again: each YAML file's top-level list items, parsed, by their
    text and first line; and the unit registry (with its readings of 责任单位 texts) by units.yaml's text.

    Every entry is a pure function of its key, so a reused value is what parsing again would give."""

    def __init__(self) -> None:
        self.items: dict[str, dict[tuple[str, int], Any]] = {}  # by file path: (item text, first line) -> value
        self.registry: tuple[str, str, UnitRegistry] | None = None  # (units.yaml's path, its text, the registry)
        self.kept: dict[int, KeptCategory] = {}  # tasks.yaml's work tasks as validated, by id() of their parsed item

    def parse(self, text: str, path: str) -> Any:
        """parse_yaml(text), with the top-level items the last parse of this file made reused (yamlparse.parse_items)."""
        from .yamlparse import parse_items

        value, self.items[path] = parse_items(text, self.items.get(path, {}))
        return value

    def categories(self, entries: list, registry: UnitRegistry, ids: dict[str, int], numbers: dict[int, int], file: str) -> list[Category]:
        """The work tasks of tasks.yaml, each reused from the last load when its parsed item is the same
        object (its text and lines unchanged), the registry too, and its id and numbers are still its own."""
        kept_now: dict[int, KeptCategory] = {}
        categories = []
        for entry in entries:
            kept = self.kept.get(id(entry))
            if not (kept and kept.reusable(entry, registry, file, ids, numbers)):
                kept = _kept_category(entry, registry, ids, numbers, file)
            else:
                ids[kept.category.id] = kept.id_line
                numbers.update(kept.numbers)
                for advice in kept.advice:
                    warnings.warn(advice, stacklevel=2)  # its warnings, said again as a load would say them
            if kept.numbers is not None:
                kept_now[id(entry)] = kept
            categories.append(kept.category)
        self.kept = kept_now
        return categories


@dataclass
class KeptCategory:
    """A validated work task as the last load made it, with what it added to the load's state."""

    entry: Any  # its parsed item (kept alive, so that its id is not reused)
    registry: UnitRegistry
    file: str
    category: Category
    id_line: int
    numbers: dict[int, int] | None  # its task numbers and their lines; None if some were left out (they depend on the tasks before)
    advice: list[Warning]

    def reusable(self, entry: Any, registry: UnitRegistry, file: str, ids: dict[str, int], numbers: dict[int, int]) -> bool:
        return (self.entry is entry and self.registry is registry and self.file == file and self.numbers is not None
                and self.category.id not in ids and numbers.keys().isdisjoint(self.numbers))


def _kept_category(entry: Any, registry: UnitRegistry, ids: dict[str, int], numbers: dict[int, int], file: str) -> KeptCategory:
    """_category, with the warnings it gives kept (and passed on, also when it fails)."""
    caught: list = []
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", DataWarning)
            category = _category(entry, registry, ids, numbers, file)
    finally:
        for warning in caught:
            warnings.warn(warning.message, stacklevel=3)
    explicit = all("number" in task for row in entry["rows"] for task in row["tasks"])
    return KeptCategory(entry, registry, file, category, ids[category.id],
                        {task.number: numbers[task.number] for task in category.tasks} if explicit else None,
                        [warning.message for warning in caught])


# --- field checks ---------------------------------------------------------------------------


def _record(value: Any, schema: dict[str, type], required: set[str], file: str, line: int, what: str) -> Mapping:
    """Check one YAML mapping against {field: type}: no unknown, missing or mistyped field."""
    if _well_formed(value, schema, required):
        return value
    if not isinstance(value, Mapping):
        raise DataError(file, line, None, f"{what}应是键值对（字段: 值），现在是{_type_name(value)}。请按文件开头的说明书写。")
    for key in value:
        if key not in schema:
            import difflib  # here: only a mistake needs it (~2 ms to import at every start)

            guess = difflib.get_close_matches(str(key), schema, n=1)
            hint = f"是否应为 {guess[0]}？" if guess else f"可用字段：{'、'.join(schema)}。"
            raise DataError(file, value.line_of(key), key, f"{what}中没有这个字段。{hint}")
    for key in schema:
        if key in required and key not in value:
            raise DataError(file, value.line, key, f"{what}缺少必填字段 {key}。请补上。")
    for key, expected in schema.items():
        if key in value and not _is_type(value[key], expected):
            raise DataError(
                file, value.line_of(key), key,
                f"应为{TYPE_NAMES[expected]}，现在是{_type_name(value[key])}（{value[key]!r}）。请改正。",
            )
        if expected is str and key in required and not str(value[key]).strip():
            raise DataError(file, value.line_of(key), key, f"{what}的 {key} 不能为空。请填写。")
    return value


# The type a field's value has when it is right, for the quick test below (a YAML mapping is a Mapping).
_EXACT_TYPE = {str: str, int: int, list: list, dict: Mapping, datetime.date: datetime.date}


def _well_formed(value: Any, schema: dict[str, type], required: set[str]) -> bool:
    """Whether _record has nothing to say about value: the common case, tested quickly
    (exact types only; anything else goes through the checks that explain it)."""
    if type(value) is not Mapping or not required <= value.keys():
        return False
    for key, item in value.items():
        expected = schema.get(key)
        if expected is None or type(item) is not _EXACT_TYPE[expected]:
            return False
        if expected is str and key in required and not item.strip():
            return False
    return True


def _is_type(value: Any, expected: type) -> bool:
    if expected is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if expected is datetime.date:
        return isinstance(value, datetime.date) and not isinstance(value, datetime.datetime)
    if expected is dict:
        return isinstance(value, Mapping)
    return isinstance(value, expected)


def _type_name(value: Any) -> str:
    if value is None:
        return "空值"
    for kind, name in TYPE_NAMES.items():
        if _is_type(value, kind):
            return name
    return type(value).__name__


def _string_list(mapping: Mapping, key: str, file: str) -> tuple[str, ...]:
    values = mapping.get(key, [])
    for value in values:
        if not isinstance(value, str) or not value.strip():
            raise DataError(file, mapping.line_of(key), key, f"列表中的每一项都应是非空文字，{value!r} 不是。请改正。")
    return tuple(values)


def _check_id(value: str, seen: dict[str, int], file: str, line: int, what: str) -> None:
    if not SAFE_ID.match(value):
        raise DataError(
            file, line, "id",
            f"{what} id “{value}”不能用于网址：只能使用小写英文字母 a-z、数字 0-9 和连字符 -（不在开头或结尾）。请改为如 “finance-info” 的形式。",
        )
    if value in seen:
        raise DataError(file, line, "id", f"{what} id “{value}”重复（第{seen[value]}行已使用）。请改为唯一的 id。")
    seen[value] = line


# --- units -----------------------------------------------------------------------------------

UNIT_SCHEMA = {"id": str, "name": str, "kind": str, "aliases": list, "member_of": list, "note": str}


class UnitRegistry:
    """All units, found by full name or alias."""

    def __init__(self, units: list[Unit]):
        self.units = units
        self.by_name = {name: unit for unit in units for name in unit.names}
        self.by_id = {unit.id: unit for unit in units}
        self._readings: dict[str, Responsibility | UnknownUnitName] = {}
        # One Assignment for each unit and role, shared by every text that names them (it is frozen):
        # 450,000 assignments at 50,000 tasks are ~15,000 different ones.
        self._assignments: dict[tuple[str, str], Assignment] = {}

    def resolve(self, name: str) -> Unit | None:
        return self.by_name.get(name)

    def read(self, text: str) -> Responsibility:
        """What a 责任单位 text says with these units (read_responsibility), read once per text:
        a cell such as 各镇人民政府、街道办事处按职责分工落实 recurs in many rows."""
        reading = self._readings.get(text)
        if reading is None:
            try:
                reading = read_responsibility(text, self.by_name.get)
            except UnknownUnitName as error:
                reading = error
            else:
                shared = self._assignments
                reading.assignments = [shared.setdefault((a.unit.id, a.role), a) for a in reading.assignments]
            self._readings[text] = reading
        if isinstance(reading, UnknownUnitName):
            raise UnknownUnitName(reading.name)
        return reading


def data_file(data_dir: Path, name: str) -> str:
    """How messages name a data file: its folder's name and its own ("data/tasks.yaml")."""
    return f"{data_dir.name}/{name}"


def load_units(data_dir: Path, cache: LoadCache | None = None) -> UnitRegistry:
    path, file = data_dir / "units.yaml", data_file(data_dir, "units.yaml")
    if cache is None:
        return load_unit_file(path, file)
    text = read_text(path, file)
    if cache.registry is not None and cache.registry[:2] == (str(path), text):
        return cache.registry[2]  # unchanged: loading it again would give the same registry and no warning
    registry = load_unit_file(path, file)
    cache.registry = (str(path), text, registry)
    return registry


def load_unit_file(path: Path, file: str) -> UnitRegistry:
    """The unit registry in one YAML file; `file` is how messages name it."""
    entries = read_yaml(path, file)
    if not isinstance(entries, list) or not entries:
        raise DataError(file, None, None, "应是单位的列表（每项以“- id:”开头）。请按文件开头的说明书写。")
    ids: dict[str, int] = {}
    claimed: dict[str, tuple[str, int]] = {}  # name or alias -> (unit name, line)
    records = []
    for entry in entries:
        record = _record(entry, UNIT_SCHEMA, {"id", "name", "kind"}, file, getattr(entry, "line", 0), "单位")
        _check_id(record["id"], ids, file, record.line_of("id"), "单位")
        if record["kind"] not in UNIT_KINDS:
            raise DataError(file, record.line_of("kind"), "kind", f"单位类别“{record['kind']}”无效。请使用 {'、'.join(UNIT_KINDS)} 之一。")
        for name in (record["name"], *_string_list(record, "aliases", file)):
            _refuse_role_word(name, record, file)
            if name in claimed:
                owner, line = claimed[name]
                raise DataError(
                    file, record.line_of("aliases" if name != record["name"] else "name"), "aliases",
                    f"名称“{name}”已属于第{line}行的单位“{owner}”，不能同时指向“{record['name']}”。请只在一个单位下保留它。",
                )
            claimed[name] = (record["name"], record.line)
        records.append(record)
    collective_ids = {r["name"]: r["id"] for r in records if r["kind"] == "collective"}
    return UnitRegistry([_unit(record, collective_ids, file) for record in records])


def _refuse_role_word(name: str, record: Mapping, file: str) -> None:
    """A unit name or alias that ends in a role word (区审计局配合) would publish the role as part of the name."""
    word = next((word for word in ROLE_WORDS if name.endswith(word) or name.endswith(f"（{word}）") or name.endswith(f"({word})")), "")
    if word:
        field = "name" if name == record["name"] else "aliases"
        raise DataError(
            file, record.line_of(field), field,
            f"名称“{name}”以分工用语“{word}”结尾：“{word}”说明单位承担的角色，不是单位名称的一部分。"
            f"请删去“{word}”，只写单位名称；角色写在 tasks.yaml 的责任单位文字里即可（如“区财政局牵头，区审计局配合”）。",
        )


def _unit(record: Mapping, collective_ids: dict[str, str], file: str) -> Unit:
    for alias in _string_list(record, "aliases", file):
        _refuse_chinese_commas(alias, record, "aliases", file)
    member_of = []
    for name in _string_list(record, "member_of", file):
        _refuse_chinese_commas(name, record, "member_of", file)
        if name not in collective_ids:
            raise DataError(
                file, record.line_of("member_of"), "member_of",
                f"“{name}”不是名录中的统称（kind: collective）。请填写名录中统称的全称，或先在名录中添加它。",
            )
        member_of.append(collective_ids[name])
    return Unit(
        id=record["id"], name=record["name"], kind=record["kind"],
        aliases=_string_list(record, "aliases", file), member_of=tuple(member_of),
        note=record.get("note", ""),
    )


def _refuse_chinese_commas(value: str, record: Mapping, field: str, file: str) -> None:
    """A list item holding several names joined by Chinese commas: the list was written [甲，乙]."""
    names = [name.strip() for name in re.split("[，、；]", value)]
    if len(names) > 1:
        raise DataError(
            file, record.line_of(field), field,
            f"“{value}”被读成了一项：方括号列表的各项之间须用英文逗号“,”分隔，中文逗号“，”或顿号“、”不分隔。"
            f"请写成 {field}: [{', '.join(names)}]。",
        )


# --- categories and tasks ---------------------------------------------------------------------

CATEGORY_SCHEMA = {"id": str, "name": str, "section": str, "rows": list}
ROW_SCHEMA = {"responsibility": str, "note": str, "tasks": list}
TASK_SCHEMA = {"number": int, "text": str, "deadline": datetime.date, "deadline_text": str, "time_limit": str}


def load_categories(data_dir: Path, registry: UnitRegistry, cache: LoadCache | None = None) -> list[Category]:
    file = data_file(data_dir, "tasks.yaml")
    entries = read_yaml(data_dir / "tasks.yaml", file, cache)
    if not isinstance(entries, list) or not entries:
        raise DataError(file, None, None, "应是工作任务的列表（每项以“- id:”开头）。请按文件开头的说明书写。")
    ids: dict[str, int] = {}
    numbers: dict[int, int] = {}
    if cache is None:
        categories = [_category(entry, registry, ids, numbers, file) for entry in entries]
    else:
        categories = cache.categories(entries, registry, ids, numbers, file)
    _check_numbering(numbers, file)
    return categories


def _category(entry: Any, registry: UnitRegistry, ids: dict[str, int], numbers: dict[int, int], file: str) -> Category:
    """One work task with its rows' tasks, validated; ids and numbers collect those seen so far."""
    record = _record(entry, CATEGORY_SCHEMA, {"id", "name", "rows"}, file, getattr(entry, "line", 0), "工作任务")
    _check_id(record["id"], ids, file, record.line_of("id"), "工作任务")
    category = Category(id=record["id"], name=record["name"], section=record.get("section", "").strip())
    for row in record["rows"]:
        category.tasks.extend(_row_tasks(row, category, registry, numbers, file))
    if not category.tasks:
        raise DataError(file, record.line_of("rows"), "rows", f"工作任务“{category.name}”下没有任何具体要求。请添加任务，或删除这个工作任务。")
    return category


def _row_tasks(row: Any, category: Category, registry: UnitRegistry, numbers: dict[int, int], file: str) -> list[Task]:
    row = _record(row, ROW_SCHEMA, {"responsibility", "tasks"}, file, getattr(row, "line", 0), "表格行")
    if not row["tasks"]:
        raise DataError(file, row.line_of("tasks"), "tasks", "这一行没有任何具体要求。请添加任务，或删除这一行。")
    responsibility = row["responsibility"].strip()
    check_responsibility(responsibility, file, row.line_of("responsibility"))
    try:
        reading = registry.read(responsibility)
    except UnknownUnitName as error:
        raise DataError(file, row.line_of("responsibility"), "responsibility", unknown_name_message(error.name, file)) from None
    tasks = [_task(entry, category, responsibility, reading.assignments, row.get("note", ""), numbers, file) for entry in row["tasks"]]
    shared_with = tuple(task.number for task in tasks) if len(tasks) > 1 else ()
    for task in tasks:
        task.shared_with = shared_with
        task.requirements = tuple(reading.requirements)
    return tasks


def unknown_name_message(name: str, file: str) -> str:
    """Why a name is not in the registry and what to do; a role word misread as part of a name is explained."""
    units_file = file.rsplit("/", 1)[0] + "/units.yaml"
    word = role_word_in(name)
    if word:
        return (
            f"“{name}”不是单位名称：“{word}”是分工用语，不是单位名称的一部分，不要把它加进 {units_file}。"
            f"请检查这段责任单位文字的写法：单位之间用“、”分隔，分工用语写在单位名称之后，"
            f"不同分工之间用“，”分隔（如“区财政局牵头，区审计局配合”）。能识别的分工用语有：{recognised_phrases()}；"
            f"也可在单位名称后写“（牵头）”“（配合）”。"
        )
    return f"责任单位“{name}”不在单位名录中。请在 {units_file} 中添加这个单位，或把它作为已有单位的别名（aliases）加上。"


def _task(entry: Any, category: Category, responsibility: str, assignments: list, note: str, numbers: dict[int, int], file: str) -> Task:
    record = _record(entry, TASK_SCHEMA, {"text"}, file, getattr(entry, "line", 0), "具体要求")
    number = record.get("number")
    if number is None:  # while drafting: one more than the task before it
        number = next(reversed(numbers), 0) + 1
    if number < 1:
        raise DataError(file, record.line_of("number"), "number", f"任务编号 {number} 无效：编号从 1 开始。请改正。")
    if number in numbers:
        raise DataError(file, record.line_of("number"), "number", f"任务编号 {number} 重复（第{numbers[number]}行已使用）。"
                        "请为每项任务使用唯一的编号；编号须按顺序排列，在中间插入新任务时，请把它之后各项的编号依次加1。")
    numbers[number] = record.line_of("number")
    deadline, deadline_text = record.get("deadline"), _deadline_words(record, number, file)
    if deadline is not None and not deadline_text:
        raise DataError(file, record.line, "deadline_text", f"第{number}项有 deadline 而没有 deadline_text。请填写原文中写明期限的文字（如“2021年底前”），或用 time_limit 填写“完成时限”栏的文字。")
    check_task(number, record["text"].strip(), deadline is not None, file, record.line_of("text"))
    return Task(
        number=number, text=record["text"].strip(), responsibility=responsibility, category=category,
        deadline=deadline, deadline_text=deadline_text, assignments=assignments, note=note,
    )


def _deadline_words(record: Mapping, number: int, file: str) -> str:
    """The words that state a task's deadline: deadline_text, which must be words of its text,
    or time_limit, the plan's 完成时限 column as printed (全年, 2021年12月底前)."""
    deadline_text, time_limit = record.get("deadline_text", ""), record.get("time_limit", "")
    if deadline_text and time_limit:
        raise DataError(file, record.line_of("time_limit"), "time_limit", f"第{number}项的 deadline_text 和 time_limit 只能填写一个。期限写在正文中用 deadline_text，写在“完成时限”栏用 time_limit。")
    if deadline_text and deadline_text not in record["text"]:
        raise DataError(
            file, record.line_of("deadline_text"), "deadline_text",
            f"第{number}项正文中没有“{deadline_text}”。deadline_text 应摘自正文中写明期限的文字；期限若写在单独的“完成时限”栏，请改用 time_limit。",
        )
    return deadline_text or time_limit


def _check_numbering(numbers: dict[int, int], file: str) -> None:
    missing = sorted(set(range(1, max(numbers) + 1)) - numbers.keys())
    if missing:
        listed = "、".join(map(str, missing[:10])) + ("等" if len(missing) > 10 else "")
        raise DataError(file, None, "number", f"缺少第 {listed} 项：任务编号应从 1 起连续。请补上缺少的任务或调整编号。")
    order = sorted(numbers, key=numbers.get)
    if order != sorted(order):
        raise DataError(file, *_out_of_order(order, numbers))


def _out_of_order(order: list[int], lines: dict[int, int]) -> tuple[int, str, str]:
    """Line, field and message for the first task whose number breaks the order: a number left
    out of the longest run in order (so a task 49 added between 9 and 10 is named, not 10)."""
    # The run is found from the end, so that of two swapped tasks the second is named: the one that
    # was moved up, as a clerk who inserts a task sees it.
    in_order = {-number for number in _longest_increasing([-number for number in reversed(order)])}
    position = next(i for i, number in enumerate(order) if number not in in_order)
    number = order[position]
    where = "写在" + "、".join(filter(None, [
        f"第{order[position - 1]}项之后" if position else "",
        f"第{order[position + 1]}项之前" if position + 1 < len(order) else "",
    ]))
    if number == len(order):
        advice = f"若它是新加的任务，请把编号改成它所在位置应有的编号并把后面各项的编号依次加1，或把它移到第{number - 1}项之后。"
    else:
        advice = "请把它移到正确的位置，或改正编号。"
    return lines[number], "number", (
        f"第{number}项的位置不对：它{where}，而任务应按编号顺序从1起依次排列。{advice}"
        "起草时也可以不写 number，由网站按顺序编号（见 data/tasks.yaml 开头的说明）。"
    )


def _longest_increasing(numbers: list[int]) -> list[int]:
    """A longest increasing subsequence of numbers (patience sorting, n log n)."""
    tail_values: list[int] = []  # tail_values[k]: the smallest last number of an increasing run of length k+1
    tail_positions: list[int] = []
    previous = [-1] * len(numbers)
    for position, number in enumerate(numbers):
        k = bisect.bisect_left(tail_values, number)
        if k:
            previous[position] = tail_positions[k - 1]
        if k == len(tail_values):
            tail_values.append(number)
            tail_positions.append(position)
        else:
            tail_values[k], tail_positions[k] = number, position
    run, position = [], tail_positions[-1] if tail_positions else -1
    while position >= 0:
        run.append(numbers[position])
        position = previous[position]
    return run[::-1]


# --- notice and site settings -----------------------------------------------------------------

NOTICE_SCHEMA = {
    "title": str, "number": str, "issuer": str, "date": datetime.date, "recipients": list,
    "body": list, "basis": list, "publicity": str, "cc": list, "report": dict, "plan_title": str,
}
BASIS_SCHEMA = {"title": str, "number": str}
REPORT_SCHEMA = {"deadline": datetime.date, "deadline_text": str, "content": str, "to": str}


def load_notice(data_dir: Path) -> tuple[Notice, str]:
    """The notice, and the plan's (the attachment's) title."""
    file = data_file(data_dir, "notice.yaml")
    record = read_yaml(data_dir / "notice.yaml", file)
    # Only plan_title is required: a plan imported from a table alone has no notice around it.
    record = _record(record, NOTICE_SCHEMA, {"plan_title"}, file, getattr(record, "line", 1), "通知")
    basis = tuple(
        BasisDocument(**_record(entry, BASIS_SCHEMA, set(BASIS_SCHEMA), file, record.line_of("basis"), "依据文件"))
        for entry in record.get("basis", [])
    )
    report = record.get("report")
    if report is not None:
        report = _record(report, REPORT_SCHEMA, set(REPORT_SCHEMA), file, record.line_of("report"), "报送要求")
    notice = Notice(
        title=record.get("title", ""), number=record.get("number", ""), issuer=record.get("issuer", ""),
        date=record.get("date"),
        recipients=_string_list(record, "recipients", file), body=_string_list(record, "body", file),
        basis=basis, publicity=record.get("publicity", ""), cc=_string_list(record, "cc", file),
        report_deadline=report["deadline"] if report else None,
        report_deadline_text=report["deadline_text"] if report else "",
        report_content=report["content"] if report else "", report_to=report["to"] if report else "",
    )
    return notice, record["plan_title"]


SITE_SCHEMA = {"site_name": str, "publisher": str, "site_code": str, "icp": str, "site_url": str, "feedback": str}


def load_site_config(data_dir: Path) -> SiteConfig:
    file = data_file(data_dir, "site.yaml")
    record = read_yaml(data_dir / "site.yaml", file)
    record = _record(record, SITE_SCHEMA, {"site_name"}, file, getattr(record, "line", 1), "站点设置")
    settings = {key: (value or "").strip() for key, value in record.items()}
    settings["site_url"] = settings.get("site_url", "").rstrip("/")
    return SiteConfig(**settings)


def load_plan(data_dir: Path, cache: LoadCache | None = None) -> Plan:
    """Read and validate every plan file in data_dir; with a cache (the preview), reuse what the last load parsed."""
    if not data_dir.is_dir():
        raise DataError(str(data_dir), None, None,
                        "数据文件夹不存在。请检查 --data 后的路径，或先用 python build.py import 方案文件 --data 文件夹 生成它。")
    with _plan_lifetime():
        registry = load_units(data_dir, cache)
        notice, title = load_notice(data_dir)
        categories = load_categories(data_dir, registry, cache)
        return Plan(title=title, notice=notice, categories=categories, units=registry.units)


@contextlib.contextmanager
def _plan_lifetime() -> Iterator[None]:
    """No cyclic garbage collection while the plan is read (it makes no garbage cycles), and
    the plan frozen afterwards: it lives until the build ends, so later collections, and forked
    render children (whose collections would copy every page of it), skip it. The previous
    plan's objects are unfrozen first, so that a long-lived process (the preview) can free them.
    Measured at 10,000 tasks: ~0.2 s of ~1.1 s serial CPU."""
    gc.unfreeze()
    with kept_for_the_build():
        yield


@contextlib.contextmanager
def kept_for_the_build() -> Iterator[None]:
    """No cyclic garbage collection while the block makes objects that live until the build ends and
    form no garbage cycles (the plan, its index and page list), and those objects frozen afterwards."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
    gc.freeze()
