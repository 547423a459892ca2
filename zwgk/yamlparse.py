"""YAML syntax: data files parsed with the line of every mapping and key (for the preview, a list
file's unchanged items taken from its last parse: parse_items), and the parser's complaints explained
in Chinese. Imported only when a file must really be parsed: a build whose
data files are in the parse cache (load.parsed_yaml) never imports PyYAML (~0.01 s at every start).
"""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import yaml

from .load import DataError, Mapping

class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """The safe loader, on libyaml's C parser where PyYAML has it (a tenth of the time)."""


def _new_mapping(mark: yaml.Mark) -> Mapping:
    mapping = Mapping()
    mapping.line = mark.line + 1
    mapping.key_lines = {}
    return mapping


def _add_key(mapping: Mapping, key: Any, value: Any, key_mark: yaml.Mark) -> None:
    if key in mapping:
        raise yaml.MarkedYAMLError(problem=f"键 {key} 重复出现", problem_mark=key_mark)
    mapping[key] = value
    mapping.key_lines[key] = key_mark.line + 1


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> Mapping:
    mapping = _new_mapping(node.start_mark)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        _add_key(mapping, key, loader.construct_object(value_node, deep=True), key_node.start_mark)
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def parse_yaml(text: str) -> Any:
    """The single YAML document in text, built straight from the parser's events.

    yaml.load would first build a tree of nodes, each with two marks, for the whole file:
    for a plan of 50,000 tasks that tree takes 400 MB, several times the data it holds.
    """
    loader = _LineLoader(text)
    try:
        loader.get_event()  # stream start
        if loader.check_event(yaml.StreamEndEvent):
            return None
        loader.get_event()  # document start
        document = _value(loader, loader.get_event(), {})
        loader.get_event()  # document end
        if not loader.check_event(yaml.StreamEndEvent):
            raise yaml.MarkedYAMLError(problem="文件中只能有一个 YAML 文档", problem_mark=loader.get_event().start_mark)
        return document
    finally:
        loader.dispose()


def parse_items(text: str, before: dict[tuple[str, int], Any]) -> tuple[Any, dict[tuple[str, int], Any]]:
    """parse_yaml(text), item by item, and the parsed top-level items by (item text, first line), for
    the next call: each item not in `before` is parsed alone, at its own lines. Anything the split
    cannot vouch for (a document that is not a plain top-level list, an item that does not parse alone
    as one item, e.g. an alias to another item's anchor) is parsed whole, and `before` kept as it was."""
    items = top_level_items(text)
    if items is None:
        return parse_yaml(text), before
    now, values = {}, []
    for key in items:
        value = before.get(key)
        if value is None:
            item, first_line = key
            try:
                parsed = parse_yaml("\n" * first_line + item)  # the padding gives its marks the file's line numbers
            except yaml.MarkedYAMLError:
                return parse_yaml(text), before  # raises the file's own error
            if not isinstance(parsed, list) or len(parsed) != 1:
                return parse_yaml(text), before
            value = parsed[0]
        now[key] = value
        values.append(value)
    return values, now


def top_level_items(text: str) -> list[tuple[str, int]] | None:
    """The file's top-level list items as (text, number of lines before it); None unless the file is a
    block list at the left margin: every line at the margin starts an item ("- …" or "-") or is a
    comment, and nothing but blank and comment lines comes before the first item. (Not "---",
    "...", "%YAML" or "key:", which would make it something else.)"""
    items: list[tuple[str, int]] = []
    start = first_line = None
    offset = 0
    for number, line in enumerate(text.split("\n")):
        first = line[:1]
        if first == "-" and (len(line) == 1 or line[1] in " \r"):
            if start is not None:
                items.append((text[start:offset], first_line))
            start, first_line = offset, number
        elif first != "#" and line.strip() and not (first in " \t" and start is not None):
            return None  # something else at the margin, or content before the first item
        offset += len(line) + 1
    if start is None:
        return None
    items.append((text[start:], first_line))
    return items


def parse_file(text: str, label: str, parse: Callable[[str], Any] = parse_yaml) -> Any:
    """parse(text) for the file `label`: a syntax error becomes a DataError with its line, explained
    in Chinese, and a text that YAML cut at " #" is refused."""
    try:
        value = parse(text)
    except yaml.MarkedYAMLError as error:
        line, message = explain_yaml_error(error)
        raise DataError(label, line, None, message) from None
    _refuse_cut_texts(text, label)
    return value


_STR_TAG = yaml.resolver.BaseResolver.DEFAULT_SCALAR_TAG
_COLLECTION_TAGS = (None, "!", yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG)
# First characters of a plain scalar that the resolver may read as something other than text
# (null, bool, int, float, date, merge, value); a plain scalar starting otherwise is text.
_IMPLICIT_FIRST = frozenset(_LineLoader.yaml_implicit_resolvers)
_INT_TAG = "tag:yaml.org,2002:int"
_PLAIN_TAGS: dict[str, str] = {}  # a short plain scalar's resolved tag, a pure function of its text


def _value(loader: _LineLoader, event: yaml.Event, anchors: dict[str, Any]) -> Any:
    """The value that starts with event, read to its end: a scalar, a list or a Mapping.

    Dispatches on the event's exact type and reads each collection's items with one get_event
    per item: this walk runs once per event, 130,000 times for a plan of 10,000 tasks."""
    kind = type(event)
    if kind is yaml.ScalarEvent:
        value = _scalar(loader, event)
    elif kind is yaml.AliasEvent:
        if event.anchor not in anchors:
            raise yaml.MarkedYAMLError(problem=f"别名 *{event.anchor} 没有对应的锚点", problem_mark=event.start_mark)
        return anchors[event.anchor]
    elif event.tag not in _COLLECTION_TAGS:
        raise yaml.MarkedYAMLError(problem=f"不支持标签 {event.tag}", problem_mark=event.start_mark)
    elif kind is yaml.SequenceStartEvent:
        value = []
        get_event = loader.get_event
        item = get_event()
        while type(item) is not yaml.SequenceEndEvent:
            value.append(_value(loader, item, anchors))
            item = get_event()
    else:
        value = _new_mapping(event.start_mark)
        get_event = loader.get_event
        key_event = get_event()
        while type(key_event) is not yaml.MappingEndEvent:
            key = _value(loader, key_event, anchors)
            _add_key(value, key, _value(loader, get_event(), anchors), key_event.start_mark)
            key_event = get_event()
    if event.anchor:
        anchors[event.anchor] = value
    return value


def _scalar(loader: _LineLoader, event: yaml.ScalarEvent) -> Any:
    """A scalar's value: text as it stands, or what the constructor makes of a date, number, null or bool."""
    value = event.value
    if event.tag is None and (not event.implicit[0] or value[:1] not in _IMPLICIT_FIRST):
        return value  # quoted, block or plain text that no implicit resolver could claim
    if event.tag is None and len(value) <= 16:  # keys (name, text, number) and numbers recur: resolve each once
        tag = _PLAIN_TAGS.get(value)
        if tag is None:
            tag = _PLAIN_TAGS[value] = loader.resolve(yaml.ScalarNode, value, event.implicit)
    else:
        tag = loader.resolve(yaml.ScalarNode, value, event.implicit) if event.tag in (None, "!") else event.tag
    if tag == _STR_TAG:
        return value  # what the str constructor returns, without building a node for it
    if tag == _INT_TAG and value.isdecimal() and value.isascii() and (value == "0" or value[0] != "0"):
        return int(value)  # a plain decimal number (not 010, which YAML 1.1 reads as octal): what the constructor returns
    try:
        value = loader.construct_object(yaml.ScalarNode(tag, value, event.start_mark, event.end_mark, event.style))
    except ValueError:  # a date such as 2021-13-01: the resolver took it for one, the constructor cannot build it
        raise yaml.MarkedYAMLError(problem=f"“{event.value}”不是有效的日期或数值", problem_mark=event.start_mark) from None
    loader.constructed_objects.clear()  # the constructor's cache by node: it would keep every node alive
    return value

MAYBE_CUT = re.compile(r"[^\s#][ \t]+#")  # something, a space, then "#": YAML reads the rest of the line as a comment
KEY_AT_START = re.compile(r"\s*(?:-\s+)?([\w-]+):")


def _refuse_cut_texts(text: str, label: str) -> None:
    """Refuse a value that YAML cut at " #" (the rest of the line taken as a comment) when the value or
    the cut-off part is Chinese: a clerk wrote it as text. Quoted and block (|-) values keep their "#"."""
    if not (" #" in text or "\t#" in text) or not MAYBE_CUT.search(text):  # the quick test first: 0.1 s at 10,000 tasks
        return
    lines = text.splitlines()
    for event in yaml.parse(text, Loader=_LineLoader):
        if not isinstance(event, yaml.ScalarEvent) or event.style:
            continue
        line = lines[event.end_mark.line]
        rest = line[event.end_mark.column:]
        cut = rest.lstrip()
        if not cut.startswith("#") or cut == rest:
            continue
        if event.value.isascii() and (cut.isascii() or rest.startswith("  ")):
            continue  # an id, number or date with a comment after it (two spaces then "#": the usual style)
        key = KEY_AT_START.match(line)
        whole = (event.value + rest).strip()
        quoted = f'"{whole}"' if '"' not in whole else f"'{whole}'"
        shown = f"网站上只会显示“{event.value}”" if event.value else "这一项成了空的"
        raise DataError(
            label, event.end_mark.line + 1, key.group(1) if key else None,
            f"文字在“{cut[:12]}”处被截断：YAML 把空格后的“#”及其后的内容当作注释，{shown}。"
            f"如果“#”是文字的一部分，请给整段文字加英文引号，例如 {quoted}；如果是注释，请把它移到单独的一行。",
        )


# What the YAML parser's messages (libyaml's and PyYAML's words) mean for whoever edits data/:
# (words of the problem, whether the line where the construct started is the one to look at, explanation).
YAML_PROBLEMS = [
    ("expected '-' indicator", False, "列表项的缩进不一致：这一行应与上面的“- ”对齐。请检查行首的空格数。"),
    ("mapping values are not allowed", False,
     "这一行多了一个“: ”（英文冒号加空格在 YAML 中表示“字段: 值”）。文字中需要冒号时，请改用中文冒号“：”，或给整段文字加英文双引号。"),
    ("mapping keys are not allowed", False, "这一行的“? ”被当作了 YAML 符号。请给整段文字加英文双引号。"),
    ("did not find expected key", False,
     "缩进不一致，或一段文字后面多了内容：同一层的字段须左端对齐；引号括起的文字后面不能再有文字。请检查这一行及上一行。"),
    ("could not find expected ':'", True, "缺少冒号：字段名后面应有英文冒号和空格（如“text: ……”），或上一行的文字换行时缩进不够。请检查这一行及下一行。"),
    ("cannot start any token", False,
     "这一行有 YAML 不允许的字符：行首的 Tab 制表符（请改用空格缩进），或以 @、` 开头的文字（请给整段文字加英文双引号）。"),
    ("tab character", False, "这一行用了 Tab 制表符缩进。请改用空格缩进。"),
    ("while scanning a quoted scalar", True, "引号没有成对：从这一行开始的引号没有结束。请补上结束的引号，或删去多余的引号。"),
    ("unknown escape character", False, "英文双引号里的反斜杠“\\”被当作转义符。请改用单引号括起这段文字，或把“\\”写成“\\\\”。"),
    ("alphabetic or numeric character", False,
     "以 * 或 & 开头的文字被当作 YAML 符号。请给整段文字加英文双引号，例如 text: \"*重点……\"。"),
    ("expected ',' or ']'", True, "方括号列表没有结束：从这一行开始的“[”缺少对应的“]”，或列表项之间缺少英文逗号。中文逗号“，”不分隔列表项。"),
    ("expected ',' or '}'", True, "花括号没有结束：从这一行开始的“{”缺少对应的“}”。文字中需要花括号时，请给整段文字加英文双引号。"),
    ("comment or line break", False, "“|”或“>”后面不能直接写文字。请换行并缩进后再写。"),
    ("directive", False, "以 % 开头的行被当作 YAML 指令。请给这段文字加英文双引号。"),
    ("unexpected end of stream", False, "文件意外结束：可能有未结束的引号或括号。请检查文件末尾附近。"),
]


def explain_yaml_error(error: yaml.MarkedYAMLError) -> tuple[int | None, str]:
    """The line to look at and what the parser's complaint means, in Chinese."""
    words = f"{error.problem or ''} {error.context or ''}"
    for key, from_start, explanation in YAML_PROBLEMS:
        if key in words:
            mark = (error.context_mark if from_start else None) or error.problem_mark or error.context_mark
            return (mark.line + 1 if mark else None), f"YAML 格式错误：{explanation}"
    mark = error.problem_mark or error.context_mark
    problem = error.problem or "无法解析"
    if problem.isascii():  # a message of the parser this table does not know yet: shown, but as the parser's
        problem = f"解析器提示“{problem}”"
    return (mark.line + 1 if mark else None), f"YAML 格式错误（{problem}）。请检查这一行及上一行的缩进、冒号和引号。"
