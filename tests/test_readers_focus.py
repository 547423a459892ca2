"""Focus in every colour mode (issue 15, points 1-3): every focusable element shows where focus is,
focused text keeps 4.5:1 against what is rendered behind it, and the current page and pressed
buttons are marked by more than weight, in forced colours (Windows high contrast) too."""
from __future__ import annotations

import pytest

from readers import MODES, ax_nodes, changed_pixels, contrast, page_in_mode, survey_focus

pytestmark = pytest.mark.slow

# One page of each kind; the colour modes change only the stylesheet, shared by every page of a kind.
PAGES = ["", "notice/", "categories/", "categories/supervision/", "units/", "units/education/", "tasks/30/",
         "search/", "accessibility/", "404.html"]


@pytest.mark.parametrize("mode", sorted(MODES))
def test_focused_text_keeps_4_5_to_1_in_every_mode(browser, site, mode):
    failures, checked = [], 0
    with page_in_mode(browser, site, mode) as page:
        for path in PAGES:
            page.goto(site.url(path))
            for element in survey_focus(page):
                checked += 1
                if not element["focusVisible"]:
                    failures.append(f"/{path} {element['tag']} {element['name']!r}: focus not shown as keyboard focus")
                for pair in element["pairs"]:
                    ratio = contrast(pair["text"], pair["background"])
                    if ratio < 4.5:
                        failures.append(f"/{path} {element['tag']} {element['name']!r}: focused text "
                                        f"{pair['text'][:3]} on {pair['background'][:3]} is {ratio:.2f}:1")
    assert checked > 100, f"only {checked} focusable elements found"
    assert not failures, f"{mode}:\n" + "\n".join(failures)


@pytest.mark.parametrize("width", [1280, 375])  # at 375 px the 菜单 control too
def test_every_focused_element_has_an_outline_in_forced_colors(browser, site, width):
    # Forced colours drop backgrounds and box shadows: only an outline (or border) survives.
    failures, checked = [], 0
    with page_in_mode(browser, site, "forced-colors", width=width) as page:
        for path in PAGES:
            page.goto(site.url(path))
            for element in survey_focus(page):
                checked += 1
                where = f"/{path} {element['tag']} {element['name']!r}"
                if element["outlineStyle"] == "none" or element["outlineWidth"] < 2:
                    failures.append(f"{where}: no outline when focused")
                elif contrast(element["outlineColor"], element["parentBackground"]) < 3:
                    failures.append(f"{where}: outline {element['outlineColor'][:3]} on "
                                    f"{element['parentBackground'][:3]} below 3:1")
    assert checked > 100
    assert not failures, "\n".join(failures)


FOCUS_SAMPLES = [".site-header__name a", ".site-nav__list a", ".breadcrumbs a", "main a", "button[data-pref]",
                 "input[type=search]"]


@pytest.mark.parametrize("selector", FOCUS_SAMPLES)
def test_focus_changes_what_is_drawn_in_forced_colors(browser, site, selector):
    # The screenshots of a focused and an unfocused element (and a margin around it) must differ.
    with page_in_mode(browser, site, "forced-colors") as page:
        page.goto(site.url("categories/"))
        page.keyboard.press("Shift")
        element = page.locator(selector).first
        box = element.bounding_box()
        clip = {"x": max(box["x"] - 8, 0), "y": max(box["y"] - 8, 0), "width": box["width"] + 16, "height": box["height"] + 16}
        before = page.screenshot(clip=clip)
        element.evaluate("el => el.focus({focusVisible: true})")
        after = page.screenshot(clip=clip)
    perimeter = 2 * (box["width"] + box["height"])
    assert changed_pixels(before, after) >= perimeter, f"focus on {selector} barely changes the picture"


# Takes weight away, so that only other markers remain.
NO_BOLD = "* { font-weight: normal !important; }"


def test_current_page_is_marked_by_more_than_weight_in_forced_colors(browser, site):
    with page_in_mode(browser, site, "forced-colors") as page:
        page.goto(site.url("units/"))
        page.add_style_tag(content=NO_BOLD)
        current = page.locator(".site-nav__list a[aria-current]")
        box = current.bounding_box()
        clip = {"x": box["x"], "y": box["y"], "width": box["width"], "height": box["height"] + 4}
        marked = page.screenshot(clip=clip)
        current.evaluate("el => el.removeAttribute('aria-current')")
        unmarked = page.screenshot(clip=clip)
    assert changed_pixels(marked, unmarked) >= box["width"] * 2, "the current page is not marked"


@pytest.mark.parametrize("mode", ["normal", "forced-colors", "high-contrast"])
def test_pressed_buttons_are_marked_by_more_than_weight(browser, site, mode):
    with page_in_mode(browser, site, mode) as page:
        page.goto(site.url("units/"))
        page.add_style_tag(content=NO_BOLD)
        for pref in ("text", "contrast"):
            button = page.locator(f"button[data-pref='{pref}']")
            button.evaluate("el => el.setAttribute('aria-pressed', 'false')")
            box = button.bounding_box()
            clip = {"x": box["x"] - 2, "y": box["y"] - 2, "width": box["width"] + 60, "height": box["height"] + 4}
            unpressed = page.screenshot(clip=clip)
            button.evaluate("el => el.setAttribute('aria-pressed', 'true')")
            pressed = page.screenshot(clip=clip)
            assert changed_pixels(unpressed, pressed) >= box["width"] * 2, f"pressed {pref} button not marked in {mode}"


def test_tick_of_a_pressed_button_is_not_read_out(browser, site):
    with page_in_mode(browser, site, "normal") as page:
        page.goto(site.url("units/"))
        page.locator("button[data-pref='text']").click()
        buttons = [node for node in ax_nodes(page) if node.get("role", {}).get("value") == "button"
                   and node.get("name", {}).get("value", "").endswith("大字")]
    assert len(buttons) == 1
    assert buttons[0]["name"]["value"] == "大字"
    pressed = {prop["name"]: prop["value"]["value"] for prop in buttons[0].get("properties", [])}
    assert pressed.get("pressed") == "true"
