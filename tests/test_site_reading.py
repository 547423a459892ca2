"""How the site reads in a real browser: small screens, zoom, the 大字 and 高对比度 buttons, system
preferences, JavaScript off, print. (axe in the reader modes is in test_site_a11y.py.)"""
from __future__ import annotations

import pytest

from browser import run_axe

pytestmark = pytest.mark.slow

SAMPLE_PAGES = ["", "categories/supervision/", "units/education/", "units/", "tasks/32/", "notice/", "search/"]


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1024, "height": 800})
    yield context.new_page()
    context.close()


def test_no_horizontal_scrolling_at_320_css_px(browser, site):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    wide = []
    for page_url in site.page_urls():
        page.goto(page_url)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 320:
            wide.append((page_url, width))
    context.close()
    assert wide == []


def test_usable_at_200_percent_zoom_with_large_text(browser, site):
    # A 1280 px window at 200% zoom lays out like a 640 CSS px viewport; 大字 enlarges text further.
    context = browser.new_context(viewport={"width": 640, "height": 400}, device_scale_factor=2)
    page = context.new_page()
    page.goto(site.url(""))
    page.click("button[data-pref='text']")
    for path in SAMPLE_PAGES:
        page.goto(site.url(path))
        assert page.evaluate("document.documentElement.classList.contains('text-large')")
        assert page.evaluate("document.documentElement.scrollWidth") <= 640, path
    context.close()


def test_reader_buttons_work_by_keyboard_and_are_remembered(page, site):
    page.goto(site.url(""))
    button = page.locator("button[data-pref='contrast']")
    assert button.get_attribute("aria-pressed") == "false"
    button.focus()
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-pressed") == "true"
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(0, 0, 0)"
    page.locator("button[data-pref='text']").focus()
    page.keyboard.press("Space")
    size = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    assert size > 16
    page.goto(site.url("tasks/1/"))
    assert page.locator("button[data-pref='contrast']").get_attribute("aria-pressed") == "true"
    assert page.locator("button[data-pref='text']").get_attribute("aria-pressed") == "true"
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(0, 0, 0)"
    page.locator("button[data-pref='contrast']").click()
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(255, 255, 255)"


def test_system_preferences_are_followed(page, site):
    page.emulate_media(contrast="more", reduced_motion="reduce")
    page.goto(site.url("tasks/1/"))
    assert page.evaluate("getComputedStyle(document.body).color") == "rgb(0, 0, 0)"
    assert run_axe(page) == []
    page.emulate_media(contrast="no-preference")
    page.reload()
    assert page.evaluate("getComputedStyle(document.body).color") != "rgb(0, 0, 0)"


def test_skip_link_is_the_first_stop_and_moves_focus_to_main(page, site):
    page.goto(site.url("categories/finance/"))
    page.keyboard.press("Tab")
    focused = page.evaluate("[document.activeElement.textContent, document.activeElement.getBoundingClientRect().top >= 0]")
    assert focused == ["跳到主要内容", True]
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"


# Focus visibility, compared focused vs unfocused for several kinds of element in each reader mode:
# test_focus_visible.py.


def test_works_with_javascript_off(browser, site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site.url("search/"))
    assert page.locator("#search-results > li").count() == 48
    assert not page.locator("[data-module='a11y-tools']").is_visible()
    page.goto(site.url("units/finance/"))
    assert page.locator("h1").text_content() == "区财政局"
    context.close()


def test_print_hides_navigation_and_tools(page, site):
    page.emulate_media(media="print")
    page.goto(site.url("tasks/7/"))
    assert not page.locator(".site-nav").is_visible()
    assert not page.locator(".search-form").is_visible()
    assert page.locator("main h1").is_visible()
