"""Roles derived from the 责任单位 texts: parse_responsibility on its own (each role phrase, a unit named
twice, several paragraphs), and the roles of all 48 shipped tasks against expectations written by hand.
Needs no seed: these tests run everywhere."""
from __future__ import annotations

from pathlib import Path

import pytest

from zwgk.load import load_plan
from zwgk.model import Assignment, Unit
from zwgk.responsibility import UnknownUnitName, parse_responsibility

REPO = Path(__file__).resolve().parents[1]

# --- parse_responsibility, with a small example registry (example units, not real ones) ----------------

EXAMPLE_UNITS = {name: Unit(id=f"example-{n}", name=name, kind="department")
                 for n, name in enumerate(["示例甲局", "示例乙局", "示例丙局", "示例丁局"])}
A, B, C, D = EXAMPLE_UNITS.values()


def parse(text: str) -> list[tuple[str, str]]:
    return [(a.unit.name, a.role) for a in parse_responsibility(text, EXAMPLE_UNITS.get)]


# Each role phrase of the README's grammar, written out by hand.
@pytest.mark.parametrize("phrase, role", [
    ("牵头", "lead"),
    ("等部门牵头", "lead"),
    ("落实", "implement"),
    ("按职责分工落实", "implement"),
    ("按照职责分工落实", "implement"),
    ("负责", "implement"),
    ("按照职责分工强化监管", "supervise"),
    ("按职责分工强化监管", "supervise"),
    ("", "responsible"),
])
def test_each_role_phrase(phrase, role):
    assert parse(f"示例甲局、示例乙局{phrase}") == [("示例甲局", role), ("示例乙局", role)]


def test_clauses_get_their_own_roles_in_order():
    assert parse("示例甲局牵头，示例乙局、示例丙局按职责分工落实") == [
        ("示例甲局", "lead"), ("示例乙局", "implement"), ("示例丙局", "implement")]


@pytest.mark.parametrize("separator", ["，", ",", "。", "；", ";"])
def test_every_clause_separator(separator):
    assert parse(f"示例甲局牵头{separator}示例乙局落实") == [("示例甲局", "lead"), ("示例乙局", "implement")]


def test_a_unit_named_twice_with_one_role_is_listed_once():
    assert parse("示例甲局、示例甲局牵头，示例甲局牵头") == [("示例甲局", "lead")]
    assignments = parse_responsibility("示例甲局牵头\n示例甲局牵头", EXAMPLE_UNITS.get)
    assert assignments == [Assignment(A, "lead")]


def test_a_unit_named_with_two_roles_keeps_both():
    assert parse("示例甲局牵头，示例乙局、示例甲局落实") == [
        ("示例甲局", "lead"), ("示例乙局", "implement"), ("示例甲局", "implement")]


def test_two_paragraphs():
    assert parse("示例甲局、示例乙局\n示例丙局牵头，示例丁局落实") == [
        ("示例甲局", "responsible"), ("示例乙局", "responsible"), ("示例丙局", "lead"), ("示例丁局", "implement")]


def test_empty_clauses_and_spaces_are_ignored():
    assert parse(" 示例甲局 、示例乙局牵头，，示例丙局。\n") == [
        ("示例甲局", "lead"), ("示例乙局", "lead"), ("示例丙局", "responsible")]


def test_the_longest_role_phrase_wins():
    # "等部门牵头" is taken whole: the unit is 示例甲局, not "示例甲局等部门".
    assert parse("示例甲局等部门牵头") == [("示例甲局", "lead")]
    assert parse("示例甲局按照职责分工强化监管") == [("示例甲局", "supervise")]


def test_an_unknown_name_is_reported_by_name():
    with pytest.raises(UnknownUnitName) as error:
        parse("示例甲局牵头，示例戊局落实")
    assert error.value.name == "示例戊局" and str(error.value) == "示例戊局"


# --- the shipped plan ----------------------------------------------------------------------------


@pytest.fixture  # per test, so that a mutation run links each test to the loader functions it calls
def plan():
    return load_plan(REPO / "data")


# Written by hand from the seed, in the seed's own names; the test maps names through the registry.

OFFICE, DATA = "区政府办公室", "区政数局"
RELEVANT = ["各镇人民政府", "街道办事处", "区政府有关部门", "直属有关单位"]
ALL = ["各镇人民政府", "街道办事处", "区政府各部门", "直属各单位"]
OTHERS = ["各镇人民政府", "街道办事处", "区政府其他部门", "直属各单位"]
ITEM_32_LEADS = [
    "区发展和改革委员会", "区教育局", "市公安局鼎湖分局", "区民政局", "区司法局", "区财政局", "区人力资源和社会保障局",
    "市自然资源局鼎湖分局", "市生态环境局鼎湖分局", "区住房和城乡建设局", "区农业农村局", "区文化旅游体育局", "区卫生健康局",
    "区应急管理局", "区市场监督管理局", "区城市管理和综合执法局", "区政务服务数据管理局(区公共资源交易分中心)", "区税务局",
]


def _expected_roles() -> dict[int, dict[str, list[str]]]:
    def lead_then(leads, role="implement", rest=RELEVANT):
        return {"lead": leads, role: rest}

    expected = {
        1: {"implement": [OFFICE, *RELEVANT]},
        2: {"responsible": [OFFICE, DATA]},
        7: lead_then(["区财政局"]),
        15: lead_then([DATA]),
        20: lead_then(["区委宣传部(网信办)"]),
        22: lead_then([OFFICE]),
        25: lead_then(["区司法局"], rest=ALL),
        27: lead_then([DATA]),
        30: {"responsible": [DATA]},
        32: {"lead": ITEM_32_LEADS, "responsible": RELEVANT},
        33: {"responsible": RELEVANT},
        36: {"responsible": ALL, "supervise": ["区发改局", "区财政局", "区审计局", "区市场监管局"]},
        37: {"responsible": ["区司法局"]},
        38: {"responsible": ["区司法局", OFFICE]},
        39: {"implement": ["区发改局", "区教育局", "区生态环境局", "区住建局", "区交通局", "区卫健局", "区城管局"]},
    }
    for number in (3, 4, 5):
        expected[number] = lead_then(["区发改局", "区市场监管局"])
    for number in (8, 9):
        expected[number] = lead_then(["区财政局"])
    for number in (10, 11, 12):
        expected[number] = lead_then(["区卫健局"])
    for number in (18, 19):
        expected[number] = lead_then([DATA])
    for number in (28, 29, 31, 46):
        expected[number] = lead_then([OFFICE, DATA], rest=OTHERS)
    for number in (41, 42, 43, 44, 45):
        expected[number] = {"responsible": ALL, "lead": [OFFICE, DATA], "implement": OTHERS}
    for number in (6, 13, 14, 16, 17, 21, 23, 24, 26, 34, 35, 40, 47, 48):
        expected[number] = {"responsible": ALL}
    return expected


EXPECTED_ROLES = _expected_roles()


def test_expectations_cover_every_task():
    assert sorted(EXPECTED_ROLES) == list(range(1, 49))


@pytest.mark.parametrize("number", range(1, 49))
def test_derived_roles(plan, number):
    by_name = {name: unit for unit in plan.units for name in unit.names}
    expected = {
        (by_name[name].id, role) for role, names in EXPECTED_ROLES[number].items() for name in names
    }
    derived = {(a.unit.id, a.role) for a in plan.tasks[number - 1].assignments}
    assert derived == expected


def test_every_unit_is_used_or_is_a_collective(plan):
    used = {a.unit.id for task in plan.tasks for a in task.assignments}
    unused = [unit.name for unit in plan.units if unit.id not in used]
    assert unused == []


def test_aliases_resolve_to_full_names(plan):
    by_name = {name: unit.name for unit in plan.units for name in unit.names}
    assert by_name["区发改局"] == "区发展和改革委员会"
    assert by_name["区卫健局"] == "区卫生健康局"
    assert by_name["区政数局"] == "区政务服务数据管理局(区公共资源交易分中心)"
    assert by_name["区住建局"] == "区住房和城乡建设局"
    assert by_name["区城管局"] == "区城市管理和综合执法局"
    assert by_name["区市场监管局"] == by_name["区市市场监管局"] == "区市场监督管理局"
    assert by_name["区生态环境局"] == "市生态环境局鼎湖分局"
    assert by_name["区交通局"] == "区交通运输局"


def test_collective_membership(plan):
    units = {unit.name: unit for unit in plan.units}
    all_departments = units["区政府各部门"].id
    assert all_departments in units["区教育局"].member_of
    assert all_departments not in units["市公安局鼎湖分局"].member_of
    assert all(unit.kind == "collective" for name, unit in units.items() if name in ALL + RELEVANT + OTHERS)
