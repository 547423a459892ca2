"""The search page for readers who do not see it (issue 15, points 5-7): what the status message
announces, the page title, cards built by the script the same as those without it, every result
in the accessibility tree, and one search form per page."""
from __future__ import annotations

import pytest

from readers import ax_named, ax_nodes

pytestmark = pytest.mark.slow


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def search_for(page, site, query: str) -> str:
    """Open the search page, type query, and return the status once it is announced."""
    page.goto(site.url("search/"))
    page.wait_for_selector("[data-search-filters]:not([hidden])")
    page.fill("#search-q", query)
    page.press("#search-q", "Enter")
    page.wait_for_function("() => document.getElementById('search-status').textContent.startsWith('找到')")
    return page.text_content("#search-status")


def test_status_announces_the_tasks_a_unit_carries_through_collective_terms(page, site):
    status = search_for(page, site, "区教育局")
    assert status.startswith("找到 2 项任务。区教育局还通过“区政府有关部门”")
    assert "承担另外 42 项任务" in status and "全部 44 项任务" in status
    assert page.get_attribute("#search-status", "role") == "status"
    status = search_for(page, site, "区税务局")  # in no collective term: nothing to add
    assert status.endswith("项任务。") and "还通过" not in status


def test_title_says_what_was_searched_and_how_much_was_found(page, site):
    original = None
    page.goto(site.url("search/"))
    page.wait_for_selector("[data-search-filters]:not([hidden])")
    original = page.title()
    search_for(page, site, "政数局")
    assert page.title() == "“政数局”的搜索结果（16项） - " + original.split(" - ", 1)[1]
    page.fill("#search-q", "")
    page.press("#search-q", "Enter")
    page.wait_for_function("() => document.getElementById('search-status').textContent.startsWith('共')")
    assert page.title() == original
    page.select_option("#search-category", "finance")
    page.wait_for_function("() => document.title.startsWith(\"筛选结果（4项）\")")


def card(page, number: int) -> dict:
    """What a reader gets from the card of one task: its heading, text, and each term and value."""
    return page.evaluate("""number => {
        const article = document.getElementById(`task-${number}-title`).closest('article');
        return {
            heading: article.querySelector('h2').textContent,
            text: article.querySelector('.task-card__text').textContent,
            meta: [...article.querySelectorAll('dt, dd')].map(n => [n.tagName, n.textContent.replace(/\\s+/g, '')]),
            times: [...article.querySelectorAll('time')].map(t => t.getAttribute('datetime')),
        };
    }""", number)


@pytest.mark.parametrize("number", [30, 1, 25])
def test_cards_built_by_the_script_match_those_without_it(browser, site, number):
    context = browser.new_context(java_script_enabled=False)
    static_page = context.new_page()
    static_page.goto(site.url("search/"))
    without_script = card(static_page, number)
    context.close()
    context = browser.new_context()
    page = context.new_page()
    search_for(page, site, f"第{number}项")
    page.evaluate("() => document.querySelectorAll('mark').forEach(m => m.replaceWith(m.textContent))")
    with_script = card(page, number)
    context.close()
    assert with_script == without_script, (with_script, without_script)
    assert ["DT", "完成时限"] in without_script["meta"] or number == 1


def test_one_search_form_per_page(page, site):
    """One search landmark and one 搜索 button on every page, the search page and 404 included."""
    failures = []
    for page_url in site.page_urls() + [site.url("no/such/page/")]:
        page.goto(page_url)
        nodes = ax_nodes(page)
        landmarks = ax_named(nodes, "search")
        buttons = [name for name in ax_named(nodes, "button") if name == "搜索"]
        if len(landmarks) != 1 or len(buttons) != 1:
            failures.append(f"{page_url}: search landmarks {landmarks}, 搜索 buttons {len(buttons)}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("script", [True, False])
def test_every_result_is_in_the_accessibility_tree_and_has_text(browser, site, script):
    """Off-screen results too: content-visibility: auto left 40 of 48 out of the default tree."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=script)
    page = context.new_page()
    page.goto(site.url("search/"))
    if script:
        page.wait_for_selector("[data-search-filters]:not([hidden])")
    headings = [name for name in ax_named(ax_nodes(page), "heading") if name.startswith("第")]
    empty = page.eval_on_selector_all("#search-results > li", "items => items.filter(li => !li.innerText.trim()).length")
    context.close()
    assert len(headings) == 48, headings[:10]
    assert empty == 0
