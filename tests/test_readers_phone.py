"""Phones (issue 15, point 8): a compact header (the menu behind 菜单, working without JavaScript;
search and the reader buttons in one row; the h1 within 220 px of the top at 375 px), role
badges that do not wrap, and the header search's example text not cut off at 1280 px."""
from __future__ import annotations

import pytest

from browser import run_axe
from readers import ax_named, ax_nodes

pytestmark = pytest.mark.slow

NAV_LINKS = 7  # 首页 通知原文 工作任务 责任单位 搜索 关于本专栏 无障碍说明


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 375, "height": 900})
    yield context.new_page()
    context.close()


@pytest.fixture
def phone_without_script(browser):
    context = browser.new_context(viewport={"width": 375, "height": 900}, java_script_enabled=False)
    yield context.new_page()
    context.close()


def test_h1_within_220_px_of_the_top_at_375_px_on_every_page(phone, site):
    low = []
    for page_url in site.page_urls():
        phone.goto(page_url)
        top = phone.evaluate("document.querySelector('h1').getBoundingClientRect().top")
        if top > 220:
            low.append(f"{page_url}: h1 at {top:.0f} px")
    assert not low, "\n".join(low)


@pytest.mark.parametrize("width", [320, 375])
def test_search_and_reader_buttons_share_one_row(browser, site, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(site.url("tasks/30/"))
    tops = page.eval_on_selector_all(
        ".site-tools input, .site-tools button", "nodes => nodes.map(n => n.getBoundingClientRect())")
    width_used = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert len(tops) == 4  # the search box, 搜索, 大字, 高对比度
    centres = [box["y"] + box["height"] / 2 for box in tops]
    assert max(centres) - min(centres) < 4, centres
    assert width_used <= width


def test_menu_folds_behind_a_control_that_works_without_javascript(phone_without_script, site):
    page = phone_without_script
    page.goto(site.url("units/"))
    toggle = page.locator(".site-nav summary")
    assert toggle.is_visible() and toggle.text_content().strip() == "菜单"
    assert page.locator(".site-nav a").first.is_hidden()
    toggle.focus()
    page.keyboard.press("Enter")
    links = page.locator(".site-nav a")
    assert links.count() == NAV_LINKS and all(links.nth(i).is_visible() for i in range(NAV_LINKS))
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "首页"
    page.keyboard.press("Enter")
    page.wait_for_url(site.url("index.html"))  # links name the file (they work from a disk too)
    assert page.locator("h1").text_content().startswith("肇庆市鼎湖区")


def test_menu_control_says_whether_it_is_open(phone, site):
    phone.goto(site.url("units/"))
    toggle = phone.locator(".site-nav summary")
    assert toggle.get_attribute("aria-expanded") is None  # a <summary>: the browser reports the state
    expanded = [n for n in ax_nodes(phone) if n.get("name", {}).get("value") == "菜单"]
    assert {p["name"]: p["value"]["value"] for p in expanded[0]["properties"]}.get("expanded") is False
    toggle.click()
    expanded = [n for n in ax_nodes(phone) if n.get("name", {}).get("value") == "菜单"]
    assert {p["name"]: p["value"]["value"] for p in expanded[0]["properties"]}.get("expanded") is True


@pytest.mark.parametrize("script", [True, False])
def test_menu_always_shown_on_a_wide_screen(browser, site, script):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=script)
    page = context.new_page()
    page.goto(site.url("units/"))
    visible = page.eval_on_selector_all(".site-nav a", "links => links.filter(a => a.checkVisibility()).length")
    toggle_hidden = page.locator(".site-nav summary").is_hidden()
    names = ax_named(ax_nodes(page), "link")
    page.keyboard.press("Tab")  # skip link
    page.keyboard.press("Tab")  # site name
    for _ in range(5 if script else 3):  # the search box and button (and the two reader buttons)
        page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    context.close()
    assert visible == NAV_LINKS and toggle_hidden
    assert {"首页", "通知原文", "无障碍说明"} <= set(names)
    assert focused == "首页"


def test_menu_and_header_pass_axe_at_375_px_open_and_closed(phone, site):
    audits = []
    for path in ["", "tasks/30/", "search/"]:
        phone.goto(site.url(path))
        closed = run_axe(phone)
        phone.click(".site-nav summary")
        audits += [(path, "closed", closed), (path, "open", run_axe(phone))]
    failures = [f"/{path} menu {state}: {v['id']} {v['nodes'][0]['target']}" for path, state, found in audits for v in found]
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("width", [320, 375, 1280])
def test_role_badges_do_not_wrap(browser, site, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    wrapped = []
    for path in ["tasks/30/", "tasks/13/", "categories/supervision/", "search/"]:
        page.goto(site.url(path))
        wrapped += page.eval_on_selector_all(".role", """badges => badges
            .filter(b => b.getBoundingClientRect().height > 1.5 * parseFloat(getComputedStyle(b).lineHeight))
            .map(b => b.textContent)""")
    context.close()
    assert not wrapped, wrapped


@pytest.mark.parametrize("width", [1280, 375])
def test_header_search_example_text_fits_its_box(browser, site, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(site.url(""))
    box = page.locator("#site-search-q")
    example = box.get_attribute("placeholder")
    box.fill(example)  # the same font as the placeholder: it fits if the text does not scroll
    widths = box.evaluate("input => [input.scrollWidth, input.clientWidth]")
    context.close()
    assert example.startswith("如：")
    assert widths[0] <= widths[1], f"{example!r} needs {widths[0]} px, the box has {widths[1]}"
