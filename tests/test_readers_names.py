"""Headings and links that say what they are (issue 15, point 4): no heading or link is only a task
number; a task is named by its number and its requirement, shortened once, in Python (Task.label)."""
from __future__ import annotations

import re

import pytest

from readers import ax_named, ax_nodes
from browser import REPO
from zwgk.load import load_plan
from zwgk.model import SHORT_LIMIT, shorten

ONLY_A_NUMBER = re.compile(r"(第?\d+项?|上一项：第\d+项|下一项：第\d+项)")
OPENING, CLOSING = "（(《“【〔", "）)》”】〕"


def test_a_short_requirement_is_kept_whole_without_its_full_stop():
    assert shorten("2021年底前政府网站支持互联网协议第6版。") == "2021年底前政府网站支持互联网协议第6版"


def test_a_long_requirement_ends_at_a_clause_boundary():
    text = "加强舆情回应台账管理，认真核查已作出的承诺落实及公开情况，切实维护政府公信力。"
    assert shorten(text) == "加强舆情回应台账管理，认真核查已作出的承诺落实及公开情况…"


def test_a_long_first_clause_ends_between_list_items():
    text = "主动公开国民经济和社会发展第十四个五年规划纲要、国土空间规划、专项规划和区域规划等，做好工作。"
    assert shorten(text) == "主动公开国民经济和社会发展第十四个五年规划纲要…"


def test_no_cut_inside_brackets_or_quotation_marks():
    text = "按照《肇庆市政府系统政策解读工作细则（试行）》相关要求，健全政策解读工作机制，扩大解读范围。"
    assert shorten(text) == "按照《肇庆市政府系统政策解读工作细则（试行）》相关要求…"
    assert shorten("甲" * 5 + "《" + "乙" * 40 + "》") == "甲甲甲甲甲…"


def test_text_without_any_boundary_is_cut_at_the_limit():
    assert shorten("甲" * 50) == "甲" * (SHORT_LIMIT - 1) + "…"


def test_every_short_text_of_the_plan_fits_and_is_balanced(plan_tasks):
    for task in plan_tasks:
        short = task.short_text
        assert 0 < len(short) <= SHORT_LIMIT, (task.number, short)
        assert task.text.startswith(short.rstrip("…")), task.number
        for opening, closing in zip(OPENING, CLOSING):
            assert short.count(opening) == short.count(closing), (task.number, short)
        assert task.label == f"第{task.number}项：{short}"


@pytest.fixture(scope="module")
def plan_tasks():
    return load_plan(REPO / "data").tasks


@pytest.mark.slow
def test_no_heading_or_link_is_only_a_number_in_the_accessibility_tree(browser, served_root_site):
    """Every page, read through the tree Chromium builds by default, as a screen reader lists it."""
    site = served_root_site
    context = browser.new_context()
    page = context.new_page()
    failures, headings_seen = [], 0
    try:
        for page_url in site.page_urls():
            page.goto(page_url)
            nodes = ax_nodes(page)
            headings, links = ax_named(nodes, "heading"), ax_named(nodes, "link")
            headings_seen += len(headings)
            failures += [f"{page_url}: heading {name!r}" for name in headings if ONLY_A_NUMBER.fullmatch(name)]
            failures += [f"{page_url}: link {name!r}" for name in links if ONLY_A_NUMBER.fullmatch(name)]
        page.goto(f"{site.origin}/tasks/30/")
        first_heading = ax_named(ax_nodes(page), "heading")[0]
    finally:
        context.close()
    assert headings_seen > 200
    assert not failures, f"{len(failures)} headings or links name only a number:\n" + "\n".join(failures[:40])
    assert first_heading == "第30项：2021年底前政府网站支持互联网协议第6版"
