"""data/ against the seed: every task, category and 责任单位 text. (Derived roles, which need no seed: test_roles.py.)"""
from __future__ import annotations

import datetime
from pathlib import Path

import pytest

import seed
from shared_inputs import require_shared
from zwgk.load import load_plan

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True, scope="module")
def seed_present():
    """Every test here compares data/ with the seed: skip without it, but fail under CI=true."""
    require_shared(seed.SEED, "the seed document")


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
