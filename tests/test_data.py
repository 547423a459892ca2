"""data/ against the seed: every task, category and 责任单位 text, and the roles derived from it."""
from __future__ import annotations

import datetime
from pathlib import Path

import pytest

import seed
from zwgk.load import load_plan

REPO = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(not seed.SEED.exists(), reason=f"the seed is not at {seed.SEED}")


@pytest.fixture(scope="module")
def plan():
    return load_plan(REPO / "data")


def test_twelve_categories_in_source_order(plan):
    assert [category.name for category in plan.categories] == seed.read_categories()
    assert len(plan.categories) == 12


def test_every_task_number_once_in_order(plan):
    assert [task.number for task in plan.tasks] == list(range(1, 49))


@pytest.mark.parametrize("number", range(1, 49))
def test_task_equals_the_seed(plan, number):
    category, text, responsibility = seed.read_items()[number]
    task = plan.tasks[number - 1]
    assert task.category.name == category
    assert seed.squash(task.text) == seed.squash(text)
    if number in (39, 40):  # one cell, two paragraphs: one paragraph to each item
        responsibility = responsibility.split("\n")[number - 39]
    assert seed.squash(task.responsibility) == seed.squash(responsibility)


def test_texts_have_no_wrap_artifacts(plan):
    for task in plan.tasks:
        assert task.text == seed.unwrap(task.text), task.number


def test_deadlines_where_the_text_states_one(plan):
    with_deadline = {task.number: (task.deadline, task.deadline_text) for task in plan.tasks if task.deadline}
    end_of_2021 = (datetime.date(2021, 12, 31), "2021年底前")
    assert with_deadline == {25: end_of_2021, 26: end_of_2021, 30: end_of_2021}


def test_cells_shared_by_several_items(plan):
    shared = {task.number: task.shared_with for task in plan.tasks if task.shared_with}
    groups = {(3, 4, 5), (8, 9), (10, 11, 12), (16, 17), (18, 19), (41, 42, 43, 44, 45), (47, 48)}
    assert set(shared.values()) == groups
    assert all(number in shared[number] for number in shared)
    cell = plan.tasks[40].responsibility.split("\n")
    assert len(cell) == 2 and all(plan.tasks[n - 1].responsibility.split("\n") == cell for n in range(41, 46))


def test_notice(plan):
    notice = plan.notice
    assert notice.number == "肇鼎府办函〔2021〕38号"
    assert notice.issuer == "肇庆市鼎湖区人民政府办公室"
    assert notice.date == datetime.date(2021, 9, 11)
    assert notice.title == "肇庆市鼎湖区人民政府办公室关于印发肇庆市鼎湖区2021年政务公开工作要点分工方案的通知"
    assert [(d.number) for d in notice.basis] == ["粤府办〔2021〕17号", "肇府办函〔2021〕79号"]
    assert notice.report_deadline == datetime.date(2021, 11, 22)
    assert notice.report_to == "区政府办公室（政务信息股）"
    assert notice.publicity == "主动公开"
    assert len(notice.cc) == 10 and notice.cc[-1] == "各人民团体"
    assert plan.title == "肇庆市鼎湖区2021年政务公开工作要点分工方案"
    source = seed.squash(seed.SEED.read_text(encoding="utf-8"))
    for paragraph in notice.body:
        assert seed.squash(paragraph) in source


# --- derived roles ---------------------------------------------------------------------------
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
