"""The search page in headless Chromium, on the site built under /zwgk/2021/ (the harder base URL).

Expected results are what a person reading data/ would expect: written out for the queries of
issue 5, and for the filters taken from the unit pages' own lookups (zwgk.pages.build_index).
"""
from __future__ import annotations

import re
import sys
import warnings
from pathlib import Path

import pytest

from browser import PageAudit, format_violations, run_axe, serve
from shared_inputs import require_shared
from zwgk.advice import DataWarning
from zwgk.load import load_plan
from zwgk.pages import build_index

REPO = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow

DATA_ADMINISTRATION = [2, 15, 18, 19, 27, 28, 29, 30, 31, 32, 41, 42, 43, 44, 45, 46]  # 区政数局's tasks
XSS = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def plan():
    return load_plan(REPO / "data")


@pytest.fixture(scope="module")
def site_index(plan):
    return build_index(plan)


class SearchPage:
    """One browser page on the search page, with what it requested and every script error."""

    def __init__(self, page, site):
        self.page, self.site = page, site
        self.url = f"{site.origin}{site.base_path}search/"
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))

    def open(self, query_string: str = "") -> None:
        """Load the search page with query_string and wait until the script shows its results."""
        self.page.goto(self.url + query_string)
        self.page.wait_for_selector("[data-search-filters]:not([hidden])")

    def search(self, query: str, category: str = "", unit: str = "") -> list[int]:
        """Set the filters and type query (results follow each keystroke); the task numbers shown."""
        self.page.select_option("#search-category", category)
        self.page.select_option("#search-unit", unit)
        self.page.fill("#search-q", query)
        return self.numbers()

    def numbers(self) -> list[int]:
        titles = self.page.eval_on_selector_all("#search-results > li h2 a", "links => links.map(a => a.textContent)")
        return [int(re.fullmatch(r"第(\d+)项：.+", title).group(1)) for title in titles]

    def status(self) -> str:
        return self.page.text_content("#search-status")

    def wait_for_status(self, text: str) -> None:
        self.page.wait_for_function("text => document.getElementById('search-status').textContent === text", arg=text)

    def marks(self, number: int) -> list[str]:
        """The marked stretches of one result, in page order."""
        return self.page.eval_on_selector_all(
            f"#search-results > li:has(#task-{number}-title) mark", "marks => marks.map(m => m.textContent)"
        )


@pytest.fixture(scope="module")
def served_site(served_subpath_site):
    return served_subpath_site


@pytest.fixture(scope="module")
def search(served_site, browser):
    context = browser.new_context()
    search_page = SearchPage(context.new_page(), served_site)
    search_page.open()
    yield search_page
    context.close()
    assert not search_page.errors, search_page.errors
    assert not search_page.dialogs, search_page.dialogs
    foreign = [url for url in search_page.requests if not url.startswith(served_site.origin + "/")]
    assert not foreign, f"requests to other servers: {foreign}"


def tasks_of_unit(plan, unit_id: str) -> list[int]:
    return [task.number for task in plan.tasks if any(a.unit.id == unit_id for a in task.assignments)]


# --- what a query finds ------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["政数局", "区政数局", "区政务服务数据管理局", "区公共资源交易分中心", "政数局\u3000"])
def test_a_unit_under_any_of_its_names(search, plan, query):
    assert tasks_of_unit(plan, "data-administration") == DATA_ADMINISTRATION
    assert search.search(query) == DATA_ADMINISTRATION


@pytest.mark.parametrize("query, expected", [
    ("30", [30]),
    ("第30项", [30]),
    ("第３０项", [30]),
    ("IPv6", [30]),
    ("ipv6", [30]),
    ("ＩＰｖ６", [30]),
    ("互联网协议第六版", [30]),
    ("12345", [18]),
    ("市民热线", [18]),
    ("  规划 ", [1, 2]),
    ("财政 公开", [8, 9, 6, 7, 32, 36]),  # both in the text; 财政 in the category; 区财政局 among the units
    ("财政 公开 财政", [8, 9, 6, 7, 32, 36]),
    ("领导信箱", [22]),
    ("区长信箱", [22]),
    ("没有这个词", []),
])
def test_query_finds_exactly(search, query, expected):
    assert search.search(query) == expected


def test_a_number_puts_that_task_first(search):
    found = search.search("4")  # task 4, then texts with a 4 in them (4%, 14, 2021 ...)
    assert found[0] == 4 and len(found) > 1
    assert found[1:] == sorted(found[1:])


def test_every_term_must_match_anywhere(search, plan):
    """The reference: each term in the text, the category's name, or a name or alias of a unit."""
    for query in ["财政 公开", "区政府办公室 规划", "政策 解读 区政数局", "街道 疫情"]:
        expected = sorted(
            task.number for task in plan.tasks
            if all(term in task.text or term in task.category.name
                   or any(term in name for a in task.assignments for name in a.unit.names)
                   for term in query.split())
        )
        assert sorted(search.search(query)) == expected, query


def test_a_match_in_the_text_comes_before_one_in_the_category_or_a_unit(search, plan):
    found = search.search("财政")
    in_text = [n for n in found if "财政" in plan.tasks[n - 1].text]
    in_category = [n for n in found if n not in in_text and "财政" in plan.tasks[n - 1].category.name]
    assert in_text == [8, 9] and in_category == [6, 7]
    assert found == in_text + in_category + sorted(set(found) - set(in_text) - set(in_category))


def test_matched_parts_are_marked(search):
    search.search("ipv6")
    assert search.marks(30) == ["互联网协议第6版"] * 2  # in the heading's short text and in the text
    search.search("30")
    assert search.marks(30) == ["第30项"]
    search.search("政数局")
    assert search.marks(30) == ["政数局"]  # the full name is shown, the alias that matched beside it
    assert "（区政数局）" in search.page.text_content("#search-results > li:has(#task-30-title) .unit-roles")
    search.search("规划 公开")
    category_marks, text_marks = ["规划", "公开"], ["公开", "规划", "规划", "规划", "规划", "规划", "公开"]
    heading_marks = ["公开", "规划"]  # in the short text: 主动公开国民经济和社会发展第十四个五年规划纲要…
    assert search.marks(1) == heading_marks + category_marks + text_marks
    search.search("ＩＰｖ６")
    assert search.marks(30) == ["互联网协议第6版"] * 2


def test_a_result_shows_number_category_text_and_units_and_links_to_its_task(search, plan):
    search.search("12345")
    result = search.page.locator("#search-results > li").first
    link = result.locator("h2 a")
    assert link.get_attribute("href") == "../tasks/18/index.html"  # relative: works from file:// too
    assert result.locator(".task-card__category").text_content() == plan.tasks[17].category.name
    assert result.locator(".task-card__text").text_content() == plan.tasks[17].text
    units = result.locator(".unit-roles > li > a").all_text_contents()
    assert units == [unit.name for unit, roles in build_index(plan).roles_by_task[18]]
    assert result.locator(".unit-roles .role--lead").all_text_contents() == ["牵头"]
    link.click()
    search.page.wait_for_url(f"**{search.site.base_path}tasks/18/index.html")
    assert search.page.locator("h1").text_content() == plan.tasks[17].label
    search.open()


# --- filters and the URL -----------------------------------------------------------------------


def test_category_filter_with_and_without_a_query(search, plan):
    finance = [task.number for task in plan.tasks if task.category.id == "finance"]
    assert search.search("", category="finance") == finance
    assert search.search("惠民", category="finance") == [8]
    assert search.search("惠民", category="plans") == []


def test_unit_filter_adds_tasks_reaching_the_unit_through_a_collective_term(search, site_index):
    tasks = site_index.unit_tasks["education"]
    direct = sorted({task.number for role_tasks in tasks.by_role.values() for task in role_tasks})
    via = {task.number: terms for task, terms in tasks.via_collective}
    assert direct == [32, 39] and 6 in via
    assert search.search("", unit="education") == unit_page_tasks(site_index, "education")
    notes = dict(search.page.eval_on_selector_all(
        "#search-results > li", "items => items.map(li => [li.querySelector('h2 a').textContent.split('：')[0],"
        " (li.querySelector('.search-result__via') || {}).textContent || ''])"))
    for number, terms in via.items():
        names = "、".join(f"“{term.name}”" for term in terms)
        assert notes[f"第{number}项"] == f"通过{names}涉及区教育局（未直接点名）"
    assert notes["第32项"] == notes["第39项"] == ""


def test_a_unit_named_in_the_query_offers_its_filter(search, site_index):
    """Searching 区教育局 finds the tasks that name it; the others reach it through collective terms."""
    assert search.search("区教育局") == [32, 39]
    suggestion = search.page.locator(".search-page__suggest")
    assert suggestion.text_content().startswith(
        f"区教育局还通过“区政府有关部门”、“区政府各部门”、“区政府其他部门”承担另外 {len(unit_page_tasks(site_index, 'education')) - 2} 项任务")
    suggestion.locator("a").click()
    search.page.wait_for_url(f"**{search.site.base_path}search/index.html?unit=education")
    search.page.wait_for_selector("[data-search-filters]:not([hidden])")
    assert search.numbers() == unit_page_tasks(site_index, "education")
    assert suggestion.is_hidden()
    assert search.search("区税务局") and suggestion.is_hidden()  # in no collective term
    assert search.search("constructor") == [] and suggestion.is_hidden()


def test_every_unit_filter_lists_what_its_unit_page_lists(search, site_index):
    search.search("")
    found = search.page.evaluate("""ids => ids.map(id => {
        const select = document.getElementById("search-unit");
        select.value = id;
        select.dispatchEvent(new Event("change"));
        return Array.from(document.querySelectorAll("#search-results > li h2 a"), a => a.textContent.split("：")[0]);
    })""", list(site_index.unit_tasks))
    for unit_id, titles in zip(site_index.unit_tasks, found):
        assert titles == [f"第{n}项" for n in unit_page_tasks(site_index, unit_id)], unit_id


def unit_page_tasks(site_index, unit_id: str) -> list[int]:
    """What the unit's page lists: its own tasks and those reaching it through a collective term."""
    tasks = site_index.unit_tasks[unit_id]
    numbers = {task.number for role_tasks in tasks.by_role.values() for task in role_tasks}
    return sorted(numbers | {task.number for task, terms in tasks.via_collective})


def test_query_and_filters_combine(search, plan, site_index):
    education = unit_page_tasks(site_index, "education")
    both = [n for n in DATA_ADMINISTRATION if n in education]
    assert both == [15, 18, 19, 27, 28, 29, 31, 32, 41, 42, 43, 44, 45, 46]
    assert search.search("政数局", unit="education") == both
    platforms = [n for n in both if plan.tasks[n - 1].category.id == "platforms"]
    assert platforms == [27, 28, 29, 31]
    assert search.search("政数局", category="platforms", unit="education") == platforms


def test_query_and_filters_are_kept_in_the_url_and_restored_from_it(search):
    search.search("政数局", category="platforms", unit="education")
    search.page.wait_for_url(re.compile(r"\?q=%E6%94%BF%E6%95%B0%E5%B1%80&category=platforms&unit=education$"))
    shared = search.page.url
    search.open()
    search.page.goto(shared)
    search.page.wait_for_selector("[data-search-filters]:not([hidden])")
    assert search.page.input_value("#search-q") == "政数局"
    assert search.page.input_value("#search-category") == "platforms"
    assert search.page.input_value("#search-unit") == "education"
    assert search.numbers() == [27, 28, 29, 31]
    assert search.status() == "找到 4 项任务。"


def test_header_form_leads_to_the_results(search):
    search.page.goto(f"{search.site.origin}{search.site.base_path}units/")
    form = search.page.locator("header form[role='search']")
    assert form.get_attribute("action") == "../search/index.html"
    search.page.fill("#site-search-q", "１２３４５")
    search.page.press("#site-search-q", "Enter")
    search.page.wait_for_selector("[data-search-filters]:not([hidden])")
    assert search.numbers() == [18]


def test_unknown_filter_values_in_the_url_are_ignored(search):
    search.open("?q=%E8%A7%84%E5%88%92&unit=no-such-unit&category=%3Cb%3E&x=%E0%A4%A")
    assert search.page.input_value("#search-unit") == ""
    assert search.numbers() == [1, 2]


# --- announcing, keyboard, safety --------------------------------------------------------------


def test_count_is_announced_in_a_polite_live_region(search):
    status = search.page.locator("#search-status")
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
    search.open()
    assert search.status() == "共 48 项任务。"
    search.page.fill("#search-q", "政数局")
    search.wait_for_status("找到 16 项任务。")
    search.page.fill("#search-q", "没有这个词")
    search.wait_for_status("找到 0 项任务。可以减少或换用其他的词，或取消筛选。")


def test_keyboard_only(search):
    search.open()
    page = search.page
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "跳到主要内容"
    page.focus("#search-q")
    page.keyboard.type("公开 区教育局")
    page.keyboard.press("Enter")  # stays on the page: the results are already there
    page.wait_for_function("() => document.getElementById('search-status').textContent.startsWith('找到 2 项任务。区教育局还通过')")
    assert search.numbers() == [32, 39]
    page.keyboard.press("Tab")  # the 搜索 button
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "search-category"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "search-unit"
    page.focus("#search-q")
    page.keyboard.press("Control+a")
    page.keyboard.type("ipv6")
    for _ in range(4):
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "../tasks/30/index.html"
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{search.site.base_path}tasks/30/index.html")
    search.open()


def test_unit_select_works_by_keyboard(search):
    search.open()
    search.page.focus("#search-unit")
    search.page.keyboard.press("ArrowDown")  # the first unit: 区政府办公室
    search.wait_for_status(f"找到 {len(search.numbers())} 项任务。")
    assert search.page.input_value("#search-unit") == "government-office"


def test_typing_with_an_input_method_waits_for_the_characters(search):
    search.open()
    shown = search.numbers()
    search.page.evaluate("""() => {
        const input = document.getElementById("search-q");
        input.dispatchEvent(new CompositionEvent("compositionstart"));
        input.value = "zheng";
        input.dispatchEvent(new Event("input"));
    }""")
    assert search.numbers() == shown
    search.page.evaluate("""() => {
        const input = document.getElementById("search-q");
        input.value = "政数局";
        input.dispatchEvent(new CompositionEvent("compositionend"));
    }""")
    assert search.numbers() == DATA_ADMINISTRATION


@pytest.mark.parametrize("how", ["typed", "url"])
def test_markup_in_a_query_is_only_text(search, how):
    if how == "typed":
        search.open()
        search.page.fill("#search-q", XSS)
    else:
        search.open("?q=" + XSS.replace(" ", "+").replace("<", "%3C").replace(">", "%3E").replace("=", "%3D"))
    assert search.page.input_value("#search-q") == XSS
    assert search.page.locator("main img").count() == 0
    assert search.numbers() == []
    search.wait_for_status("找到 0 项任务。可以减少或换用其他的词，或取消筛选。")
    assert not search.dialogs


def test_no_axe_violations_with_results_shown(search):
    search.open("?q=%E6%94%BF%E6%95%B0%E5%B1%80&unit=education")
    assert len(search.numbers()) == 14 and search.page.locator("mark").count() > 0
    assert search.page.locator(".search-result__via").count() > 0
    violations = run_axe(search.page)
    assert not violations, format_violations([PageAudit(search.page.url, 200, violations)], "search page with results")


def test_requests_only_files_of_the_site_and_one_index(browser, served_site):
    context = browser.new_context()
    search_page = SearchPage(context.new_page(), served_site)
    search_page.open("?q=IPv6")
    assert search_page.numbers() == [30]
    context.close()
    site = served_site.origin + served_site.base_path
    assert [url for url in search_page.requests if not url.startswith(site)] == []
    assert search_page.requests.count(f"{site}search/index.js") == 1
    assert f"{site}static/search.js" in search_page.requests


def test_without_javascript_every_task_is_listed(browser, served_site, plan):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{served_site.origin}{served_site.base_path}search/?q=%E8%A7%84%E5%88%92")
    assert page.locator("#search-results > li").count() == len(plan.tasks)
    assert page.locator("[data-search-nojs]").is_visible()
    assert not page.locator("[data-search-filters]").is_visible()
    context.close()



# --- many tasks --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def large_site(tmp_path_factory):
    """The search page and index for 250 generated tasks (bench/search_bench.py), served at '/'."""
    sys.path.insert(0, str(REPO / "bench"))
    import search_bench

    require_shared(search_bench.GENERATOR, "the plan generator")  # a skip on a laptop, a failure under CI=true
    with warnings.catch_warnings():  # the generated texts name deadlines they do not fill in: advice, not the test's
        warnings.simplefilter("ignore", DataWarning)
        site_dir, _, _ = search_bench.make_site(250, tmp_path_factory.mktemp("large"))
    with serve(site_dir) as origin:
        yield origin


def test_many_results_come_a_page_at_a_time(browser, large_site):
    origin = large_site
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{origin}/search/")
    page.wait_for_selector("[data-search-filters]:not([hidden])")
    assert page.text_content("#search-status") == "共 250 项任务。"
    assert page.locator("#search-results > li").count() == 50
    more = page.locator("[data-search-more] button")
    assert more.text_content() == "显示更多结果（已显示 50 项，还有 200 项）"
    more.focus()
    page.keyboard.press("Enter")
    assert page.locator("#search-results > li").count() == 100
    assert page.evaluate("document.activeElement.getAttribute('href')") == "../tasks/51/index.html"
    page.fill("#search-q", "第200项")
    assert page.eval_on_selector_all("#search-results h2 a", "links => links.map(a => a.textContent.split('：')[0])") == ["第200项"]
    assert more.is_hidden()
    context.close()


def test_without_javascript_many_tasks_are_not_all_listed(browser, large_site):
    origin = large_site
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{origin}/search/")
    assert page.locator("#search-results > li").count() == 0
    assert page.locator("[data-search-nojs] a").all_text_contents() == ["按工作任务", "按责任单位"]
    context.close()
