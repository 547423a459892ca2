"""Keyboard focus is visible, drawn by the site's own style (not the browser's default ring), on several
kinds of element, in each reader mode: each element's rendering focused by keyboard is compared pixel by
pixel with its rendering unfocused."""
from __future__ import annotations

import io

import pytest
from PIL import Image, ImageChops

pytestmark = pytest.mark.slow

# One element of each kind a keyboard user reaches: (description, page, CSS selector).
ELEMENTS = [
    ("skip link", "categories/finance/", "a.skip-link"),
    ("navigation link", "categories/finance/", "nav a[href$='units/index.html']"),
    ("search field", "categories/finance/", "form[role='search'] input[type='search']"),
    ("search button", "categories/finance/", "form[role='search'] button"),
    ("reader-mode button", "categories/finance/", "button[data-pref='text']"),
    ("link in the main content", "categories/finance/", "main article a"),
]
MODES = {"default": [], "high contrast": ["contrast"], "large text": ["text"]}
MARGIN = 10  # CSS px around the element: an outline or ring is drawn outside its box


@pytest.fixture(scope="module")
def site(served_root_site):
    return served_root_site


def luminance(pixel) -> float:
    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4
    red, green, blue = pixel[:3]
    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


def contrast(a, b) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def tab_to(page, selector: str) -> None:
    """Press Tab from the top of the page until the element has keyboard focus."""
    page.evaluate("document.activeElement && document.activeElement.blur()")
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement === document.querySelector(s)", selector):
            return
    pytest.fail(f"{selector} cannot be reached with Tab", pytrace=False)


def clip_around(box_a, box_b) -> dict:
    left = max(0, min(box_a["x"], box_b["x"]) - MARGIN)
    top = max(0, min(box_a["y"], box_b["y"]) - MARGIN)
    right = max(box_a["x"] + box_a["width"], box_b["x"] + box_b["width"]) + MARGIN
    bottom = max(box_a["y"] + box_a["height"], box_b["y"] + box_b["height"]) + MARGIN
    return {"x": left, "y": top, "width": right - left, "height": bottom - top}


STYLE = "e => { const s = getComputedStyle(e); return [s.outlineStyle, s.outlineWidth, s.backgroundColor, s.boxShadow]; }"


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("name, path, selector", ELEMENTS, ids=[e[0] for e in ELEMENTS])
def test_focus_is_visible(browser, site, mode, name, path, selector):
    context = browser.new_context(viewport={"width": 1024, "height": 800})
    page = context.new_page()
    try:
        page.goto(f"{site.origin}{site.base_path}{path}")
        for preference in MODES[mode]:
            page.click(f"button[data-pref='{preference}']")
        page.reload()
        element = page.locator(selector).first
        element.scroll_into_view_if_needed()
        page.mouse.move(0, 0)
        unfocused_box, unfocused_style = element.bounding_box(), element.evaluate(STYLE)
        tab_to(page, selector)
        focused_box, focused_style = element.bounding_box(), element.evaluate(STYLE)
        clip = clip_around(unfocused_box, focused_box)
        focused = Image.open(io.BytesIO(page.screenshot(clip=clip))).convert("RGB")
        page.evaluate("document.activeElement.blur()")
        unfocused = Image.open(io.BytesIO(page.screenshot(clip=clip))).convert("RGB")
    finally:
        context.close()
    assert focused_style[0] != "auto", f"{name} ({mode}): only the browser's default focus ring"
    own_style = (focused_style[0] == "solid" and float(focused_style[1].removesuffix("px")) >= 2) \
        or focused_style[2] != unfocused_style[2] or focused_style[3] not in ("none", unfocused_style[3])
    assert own_style, f"{name} ({mode}): no outline of 2 px or more, no background or shadow change: {focused_style}"
    changed = ImageChops.difference(focused, unfocused).getbbox()
    assert changed, f"{name} ({mode}): focused and unfocused look the same"
    width, height = focused.size
    visible = sum(1 for x in range(width) for y in range(height)
                  if contrast(focused.getpixel((x, y)), unfocused.getpixel((x, y))) >= 3)
    # An indicator at least as large as a 1 px line around the element, each pixel contrasting 3:1 with what it covers.
    perimeter = 2 * (focused_box["width"] + focused_box["height"]) * page_scale(focused, clip)
    assert visible >= perimeter, f"{name} ({mode}): {visible} pixels change with 3:1 contrast, fewer than the {perimeter:.0f} of a 1 px outline"


def page_scale(image, clip) -> float:
    return image.size[0] / clip["width"]
