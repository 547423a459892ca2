"""The preview's load cache (zwgk.load.LoadCache): after any edit it gives what a load without it
gives (values, line numbers, errors, warnings), while parsing again only the items that changed."""
from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from project import REPO, copy_project, edit

from zwgk.load import DataError, LoadCache, load_plan
from zwgk.yamlparse import parse_yaml

SEED_TASKS = (REPO / "data" / "tasks.yaml").read_text(encoding="utf-8")


def with_lines(value):
    """value with every mapping's line and key lines, for comparing two parses exactly."""
    if isinstance(value, dict):
        return value.line, sorted(value.key_lines.items()), [(key, with_lines(item)) for key, item in value.items()]
    if isinstance(value, list):
        return [with_lines(item) for item in value]
    return type(value).__name__, value


def outcome(parse, text):
    try:
        return with_lines(parse(text))
    except Exception as error:  # the error itself is what must be the same
        return type(error).__name__, str(error)


# Edits of the seed's tasks.yaml, among them every way the item split could go wrong.
EDITS = {
    "unchanged": lambda text: text,
    "text": lambda text: text.replace("text: ", "text: 改", 1),
    "item added": lambda text: text.replace("\n- ", "\n- x: 1\n  y: 2\n- ", 1),
    "comment line added": lambda text: text.replace("\n- ", "\n# 示例注释（测试用）\n- ", 1),
    "quote left open across items": lambda text: text.replace("text: ", 'text: "未结束\n- ', 1),
    "alias to another item's anchor": lambda text: text.replace("- id:", "- &a id:", 1).replace("\n- ", "\n- *a\n- ", 2),
    "document start": lambda text: "---\n" + text,
    "document end": lambda text: text + "\n...\n",
    "tab before an item": lambda text: text.replace("\n- ", "\n\t- ", 1),
    "flow list left open": lambda text: text.replace("\n- ", "\n  [1,\n- ", 1),
    "block text": lambda text: text.replace("text: ", "text: |\n    一段\n", 1),
    "dash without space": lambda text: text.replace("\n- ", "\n-bad\n- ", 1),
    "empty item": lambda text: text.replace("\n- ", "\n-\n- ", 1),
    "duplicate key": lambda text: text.replace("  name: ", "  name: 甲\n  name: ", 1),
}


@pytest.mark.parametrize("name", EDITS)
def test_cached_parse_gives_the_value_lines_or_error_of_a_whole_parse(name):
    cache = LoadCache()
    assert outcome(lambda text: cache.parse(text, "tasks.yaml"), SEED_TASKS) == outcome(parse_yaml, SEED_TASKS)
    edited = EDITS[name](SEED_TASKS)
    expected = outcome(parse_yaml, edited)
    assert outcome(lambda text: cache.parse(text, "tasks.yaml"), edited) == expected  # after the last load
    assert outcome(lambda text: cache.parse(text, "tasks.yaml"), edited) == expected  # all from the cache


def test_only_the_edited_item_is_parsed_again():
    cache = LoadCache()
    before = cache.parse(SEED_TASKS, "tasks.yaml")
    after = cache.parse(SEED_TASKS.replace("依法规范开展政府信息公开工作考核", "依法规范开展政府信息公开工作年度考核"), "tasks.yaml")
    changed = [position for position, (old, new) in enumerate(zip(before, after)) if old is not new]
    assert len(before) == len(after) == 12 and len(changed) == 1
    assert "年度考核" in str(after[changed[0]]) and "年度考核" not in str(before[changed[0]])
    # a line added after the first item moves every later item: those are parsed again, at their new lines
    second = SEED_TASKS.index("\n- ", SEED_TASKS.index("\n- ") + 1)
    moved = cache.parse(SEED_TASKS[:second] + "\n# 示例注释（测试用）" + SEED_TASKS[second:], "tasks.yaml")
    assert all(new is not old for new, old in zip(moved[1:], before[1:]))
    assert [item.line for item in moved[1:]] == [item.line + 1 for item in before[1:]]


def plan_outcome(data: Path, cache: LoadCache | None):
    """What load_plan gives: every task's fields and the warnings, or the error."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            plan = load_plan(data, cache)
            result = [(task.number, task.text, task.category.id, task.deadline, task.shared_with, task.requirements,
                       [(assignment.unit.id, assignment.role) for assignment in task.assignments]) for task in plan.tasks]
        except DataError as error:
            result = str(error)
    return result, [str(warning.message) for warning in caught]


DATA_EDITS = [
    ("units.yaml", "  name: 区财政局\n", "  name: 肇庆市鼎湖区财政局\n  aliases: [区财政局]\n"),
    ("tasks.yaml", "text: 依法规范", "text: 50．依法规范"),  # a pasted number: a warning
    ("tasks.yaml", "加强数据互联互通工作", "加强数据的互联互通工作"),  # another work task: the warning's is reused
    ("tasks.yaml", "\n- id:", "\n# 示例注释（测试用）\n- id:"),  # every later line moves: the warning too
    ("tasks.yaml", "区财政局", "示例不存在的局", 1),  # an unknown unit: an error naming its line
    ("tasks.yaml", "示例不存在的局", "区财政局", 1),
    ("units.yaml", "  name: 肇庆市鼎湖区财政局\n  aliases: [区财政局]\n", "  name: 区财政局\n"),
]


def test_a_load_with_the_cache_gives_what_a_load_without_it_gives(tmp_path):
    data = copy_project(tmp_path / "project") / "data"
    cache = LoadCache()
    assert plan_outcome(data, cache) == plan_outcome(data, None)
    for file, old, new, *count in DATA_EDITS:
        edit(data / file, old, new, *count)
        expected = plan_outcome(data, None)
        assert plan_outcome(data, cache) == expected, (file, new)
    assert any("50．" in warning for warning in plan_outcome(data, None)[1])


def test_the_unit_registry_is_reused_while_units_yaml_is_unchanged(tmp_path):
    data = copy_project(tmp_path / "project") / "data"
    cache = LoadCache()
    first = load_plan(data, cache)
    edit(data / "tasks.yaml", "依法规范开展政府信息公开工作考核", "依法规范开展政府信息公开工作年度考核")
    second = load_plan(data, cache)
    assert second.units is first.units
    edit(data / "units.yaml", "  name: 区财政局\n", "  name: 肇庆市鼎湖区财政局\n  aliases: [区财政局]\n")
    third = load_plan(data, cache)
    assert third.units is not first.units and "肇庆市鼎湖区财政局" in {unit.name for unit in third.units}


def test_unchanged_work_tasks_are_reused_with_their_warnings(tmp_path):
    data = copy_project(tmp_path / "project") / "data"
    edit(data / "tasks.yaml", "text: 依法规范", "text: 50．依法规范")  # a warning in a later work task
    cache = LoadCache()
    first, warned = plan_outcome(data, cache), plan_outcome(data, None)[1]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        before = load_plan(data, cache).categories
        edit(data / "tasks.yaml", "加强数据互联互通工作", "加强数据的互联互通工作")  # in the first work task
        after = load_plan(data, cache).categories
    assert after[0] is not before[0] and all(new is old for new, old in zip(after[1:], before[1:]))
    assert plan_outcome(data, cache)[1] == warned and any("50．" in warning for warning in warned)
    assert first[0] != plan_outcome(data, cache)[0]  # the edit is seen
