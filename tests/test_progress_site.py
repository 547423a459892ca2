"""A site built with the example progress fixture (tests/fixtures/progress/progress.yaml), read in
Chromium: every page axe 0 and Nu 0 and no wider than 320 CSS px, statuses as text and shapes, the
progress pages by keyboard and without JavaScript, the status filter in the search URL."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from browser import Site, audit_page, broken_links, format_violations, format_vnu_messages, fresh_page, html_files, run_vnu, serve
from project import copy_project, run_build
from test_progress import FIXTURE

pytestmark = pytest.mark.slow

PROGRESS_PAGES = ["", "progress/", "tasks/2/", "tasks/30/", "tasks/6/", "units/data-administration/", "units/towns/",
                  "categories/plans/", "search/"]


@pytest.fixture(scope="module")
def progress_site(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("progress-site") / "project")
    shutil.copy(FIXTURE, project / "data" / "progress.yaml")
    result = run_build(project, "--out", "out")
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "out"


@pytest.fixture(scope="module")
def served(progress_site):
    with serve(progress_site, not_found_page=progress_site / "404.html") as origin:
        site = Site("progress", progress_site, progress_site, "/")
        site.origin = origin
        yield site


def test_every_page_axe_clean_and_links_resolve(served, browser):
    with fresh_page(browser) as page:
        audits = [audit_page(page, url) for url in served.page_urls()]
    assert all(audit.status == 200 for audit in audits)
    assert not any(audit.violations for audit in audits), format_violations(audits, "site with progress")
    assert not [problem for audit in audits for problem in audit.load_problems]
    assert broken_links(audits, served.origin) == []


def test_html_is_valid(progress_site):
    errors = run_vnu(html_files(progress_site))
    assert not errors, format_vnu_messages(errors, progress_site, "site with progress")


def test_no_horizontal_scrolling_at_320_css_px(served, browser):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    wide = []
    for path in PROGRESS_PAGES:
        page.goto(served.origin + "/" + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 320:
            wide.append((path, width))
    context.close()
    assert wide == []


def test_progress_page_content(served, browser):
    with fresh_page(browser) as page:
        page.goto(served.origin + "/progress/")
        assert page.locator(".site-nav a[aria-current='page']").inner_text() == "落实情况"
        overall = page.locator("#overall-heading ~ .progress-bar .progress-bar__text").inner_text()
        assert overall == "已完成 2/48（4%），推进中 2"
        table = page.locator("table.progress-counts tbody tr")
        assert [table.nth(i).inner_text().split() for i in range(4)] == [
            ["●已完成", "2项", "4%"], ["◐推进中", "2项", "4%"], ["○未开始", "2项", "4%"], ["？未报送", "42项", "87%"]]
        assert page.locator("#status-done").inner_text().endswith("（2项）")
        in_progress = page.locator("section[aria-labelledby='status-in-progress'] > ul > li > a").all_inner_texts()
        assert in_progress == ["第2项", "第30项"]
        row = page.locator("table.progress-units tr", has=page.locator("a", has_text="区司法局"))
        assert row.locator("td").all_inner_texts() == ["45", "1", "0", "1", "43"]


def test_home_overdue_list(served, browser):
    with fresh_page(browser) as page:
        page.goto(served.origin + "/")
        items = page.locator("ul.overdue-list > li").all_inner_texts()
        assert [item.split("（")[0] for item in items] == ["第26项", "第30项"]
        assert items[0].endswith("？未报送") and items[1].endswith("◐推进中")
        assert page.locator("a[href='progress/index.html']").count() >= 2  # navigation and the section (relative links)


def test_task_page_reports(served, browser):
    with fresh_page(browser) as page:
        page.goto(served.origin + "/tasks/2/")
        section = page.locator("section[aria-labelledby='progress-heading']")
        assert "本项任务：◐推进中" in section.locator("p").first.inner_text()
        report = section.locator("#report-data-administration")
        assert report.locator("h4").all_inner_texts() == ["主要做法", "工作成效", "存在问题", "下一步措施"]
        assert "明确专人负责栏目更新" in report.inner_text()
        page.goto(served.origin + "/tasks/1/")
        evidence = page.locator("#report-task a")
        assert evidence.evaluate_all("links => links.map(a => a.getAttribute('href'))") == [
            "https://www.example.gov.cn/zwgk/dongtai/", "/notice/"]
        page.goto(served.origin + "/tasks/6/")  # given only to collective terms: the units they reach
        rows = page.locator("section[aria-labelledby='progress-heading'] tbody tr")
        assert rows.count() == 17
        assert "未报送" in rows.first.inner_text()


def test_progress_by_keyboard(served, browser):
    with fresh_page(browser) as page:
        page.goto(served.origin + "/progress/")
        page.keyboard.press("Tab")  # the skip link
        page.keyboard.press("Enter")
        reached = set()
        for _ in range(200):
            page.keyboard.press("Tab")
            reached.add(page.evaluate("document.activeElement.getAttribute('href') || document.activeElement.className"))
        assert "../data/progress.csv" in reached and "../tasks/30/index.html" in reached
        assert "table-scroll" in reached  # the scrollable table can be scrolled from the keyboard


def test_statuses_without_javascript(served, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(served.origin + "/search/?status=done")
    cards = page.locator("#search-results > li")
    assert cards.count() == 48  # without JavaScript every task is listed, each with its status
    assert "落实状态\n●已完成" in cards.nth(0).inner_text()
    assert page.locator("[data-search-nojs] a[href='../progress/index.html']").count() == 1
    context.close()


def test_status_filter_in_the_url(served, browser):
    with fresh_page(browser) as page:
        page.goto(served.origin + "/search/?status=in-progress")
        page.wait_for_function("document.querySelector('#search-status').textContent.includes('2')")
        titles = page.locator("#search-results .task-card__title a").all_inner_texts()
        assert [title.split("：")[0] for title in titles] == ["第2项", "第30项"]
        assert page.locator("#search-status-filter").input_value() == "in-progress"
        page.select_option("#search-status-filter", "not-reported")
        page.wait_for_url("**status=not-reported**")
        assert page.locator("#search-results > li").count() >= 20


@pytest.mark.parametrize("pref", ["contrast", "text"])
def test_progress_pages_in_reader_modes(served, browser, pref):
    """The 高对比度 and 大字 modes, switched on with their buttons: axe 0 on the pages with progress."""
    with fresh_page(browser) as page:
        page.goto(served.origin + "/")
        page.click(f"button[data-pref='{pref}']")
        audits = [audit_page(page, served.origin + "/" + path) for path in PROGRESS_PAGES]
    assert not any(audit.violations for audit in audits), format_violations(audits, f"progress pages, {pref} mode")
