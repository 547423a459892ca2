"""The 无障碍说明 page (issue 15, point 9): a way to report a barrier (data/site.yaml's optional
feedback, shown only when set), the date of the last review, what works without JavaScript, and
which 适老化 tools were chosen and why."""
from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from project import copy_project, edit, run_build
from readers import ax_named, ax_nodes

# An example only: no real office's phone or email.
EXAMPLE_FEEDBACK = "区政府办公室，电话 0758-0000000（示例）"


def soup(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def built_with_feedback(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("feedback") / "project")
    edit(root / "data" / "site.yaml", 'feedback: ""', f'feedback: "{EXAMPLE_FEEDBACK}"')
    result = run_build(root, "--out", "out")
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "out"


def test_feedback_route_is_shown_on_the_statement_and_in_every_footer_when_set(built_with_feedback):
    statement = soup(built_with_feedback / "accessibility" / "index.html")
    heading = statement.find("h2", id="feedback")
    assert heading.get_text() == "反馈无障碍问题"
    assert f"无障碍问题反馈：{EXAMPLE_FEEDBACK}" in heading.find_next("p").find_next("p").get_text()
    for page in ["index.html", "tasks/30/index.html", "404.html"]:
        assert f"无障碍问题反馈：{EXAMPLE_FEEDBACK}" in soup(built_with_feedback / page).footer.get_text(), page


def test_without_feedback_the_statement_names_the_publisher_and_footers_say_nothing(built_site):
    statement = soup(built_site / "accessibility" / "index.html")
    assert "请向本专栏的主办单位肇庆市鼎湖区人民政府办公室反映" in statement.main.get_text()
    assert "无障碍问题反馈" not in statement.footer.get_text()


def test_feedback_of_the_wrong_type_is_one_clear_error(tmp_path):
    root = copy_project(tmp_path / "project")
    edit(root / "data" / "site.yaml", 'feedback: ""', "feedback: [电话]")
    result = run_build(root, "--out", "out")
    assert result.returncode == 1
    assert "data/site.yaml" in result.stderr and "feedback" in result.stderr
    assert "Traceback" not in result.stderr and not (root / "out").exists()


def test_statement_has_its_review_date_and_says_what_works_without_javascript(built_site):
    text = soup(built_site / "accessibility" / "index.html").main.get_text()
    assert re.search(r"最近一次无障碍检查：\d{4}年\d{1,2}月\d{1,2}日", text)
    assert "浏览器启用 JavaScript 时，每页顶部有“大字”和“高对比度”两个按钮" in text
    assert "不加载任何第三方脚本" in text


@pytest.mark.slow
def test_statement_read_without_javascript_matches_the_page(browser, served_root_site):
    site = served_root_site
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site.origin}{site.base_path}accessibility/")
    headings = ax_named(ax_nodes(page), "heading")
    buttons_shown = page.locator("[data-module='a11y-tools']").is_visible()
    page.goto(f"{site.origin}{site.base_path}search/")
    listed = page.locator("#search-results > li").count()
    context.close()
    assert {"不启用 JavaScript 时", "适老化工具的取舍", "反馈无障碍问题"} <= set(headings)
    assert not buttons_shown  # as the statement says: the two buttons need JavaScript
    assert listed == 48  # as it says: the search page lists every task
