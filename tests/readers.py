"""Helpers for the reader tests (tests/test_readers_*.py): the colour modes a reader can be in,
contrast computed from the colours Chromium renders, screenshots compared pixel by pixel, and the
accessibility tree as Chromium builds it by default (CDP, without --force-renderer-accessibility)."""
from __future__ import annotations

import contextlib
import io
from typing import Iterator

from PIL import Image, ImageChops

# Each colour mode a reader can be in: the browser context's options and the site's own setting
# (localStorage, as the 大字 / 高对比度 buttons leave it).
MODES = {
    "normal": ({}, {}),
    "large-text": ({}, {"zwgk-text": "large"}),
    "high-contrast": ({}, {"zwgk-contrast": "high"}),
    "prefers-contrast": ({"contrast": "more"}, {}),
    "forced-colors": ({"forced_colors": "active"}, {}),
}


@contextlib.contextmanager
def page_in_mode(browser, site, mode: str, width: int = 1280, height: int = 900, **options) -> Iterator:
    """A page of a new context in the given colour mode, with the site's settings stored for site."""
    context_options, storage = MODES[mode]
    context = browser.new_context(viewport={"width": width, "height": height}, **context_options, **options)
    try:
        page = context.new_page()
        if storage:
            page.goto(site.origin + site.base_path)
            page.evaluate("items => { for (const [k, v] of Object.entries(items)) localStorage.setItem(k, v); }", storage)
        yield page
    finally:
        context.close()


# In-page script: every visible focusable element, focused as by the keyboard, with what a reader
# sees of it. Text colours are read from each element that holds text (the element or a child);
# backgrounds are the first opaque background up the tree (semi-transparent ones blended in).
FOCUS_SURVEY = r"""
() => {
  const parse = c => { const m = c.match(/[\d.]+/g).map(Number); return [m[0], m[1], m[2], m.length > 3 ? m[3] : 1]; };
  const blend = (top, below) => [0, 1, 2].map(i => top[i] * top[3] + below[i] * (1 - top[3])).concat([1]);
  const background = el => {
    const layers = [];
    for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
      const c = parse(getComputedStyle(node).backgroundColor);
      if (c[3] > 0) layers.push(c);
      if (c[3] >= 1) break;
    }
    let result = [255, 255, 255, 1];  // the canvas behind everything
    for (const layer of layers.reverse()) result = blend(layer, result);
    return result;
  };
  const describe = el => (el.textContent.trim() || el.getAttribute('aria-label') || el.getAttribute('placeholder') || el.outerHTML).slice(0, 40);
  const selector = 'a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])';
  const found = [];
  for (const el of document.querySelectorAll(selector)) {
    if (!el.checkVisibility({visibilityProperty: true})) continue;
    el.focus({focusVisible: true});
    if (document.activeElement !== el) continue;
    const style = getComputedStyle(el);
    const texts = [el, ...el.querySelectorAll('*')].filter(node =>
      node.checkVisibility() && [...node.childNodes].some(child => child.nodeType === 3 && child.textContent.trim()));
    found.push({
      name: describe(el),
      tag: el.tagName.toLowerCase(),
      focusVisible: el.matches(':focus-visible'),
      pairs: texts.map(node => ({ text: parse(getComputedStyle(node).color), background: background(node) })),
      background: background(el),
      parentBackground: background(el.parentElement),
      outlineStyle: style.outlineStyle,
      outlineWidth: parseFloat(style.outlineWidth),
      outlineColor: parse(style.outlineColor),
    });
    el.blur();
  }
  return found;
}
"""


def luminance(rgb) -> float:
    """WCAG relative luminance of an sRGB colour given as 0-255 channels."""
    def channel(value: float) -> float:
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(v) for v in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one, other) -> float:
    """WCAG contrast ratio of two colours (alpha of the first blended over the second)."""
    if len(one) > 3 and one[3] < 1:
        one = [one[i] * one[3] + other[i] * (1 - one[3]) for i in range(3)]
    lighter, darker = sorted((luminance(one), luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def survey_focus(page) -> list[dict]:
    """What FOCUS_SURVEY finds on the loaded page (a key press first, so that focus is shown as by keyboard)."""
    page.keyboard.press("Shift")
    return page.evaluate(FOCUS_SURVEY)


def changed_pixels(before: bytes, after: bytes) -> int:
    """How many pixels differ between two PNG screenshots of the same size."""
    one, other = Image.open(io.BytesIO(before)).convert("RGB"), Image.open(io.BytesIO(after)).convert("RGB")
    assert one.size == other.size, f"screenshots differ in size: {one.size} and {other.size}"
    difference = ImageChops.difference(one, other).convert("L").point(lambda value: 255 if value > 24 else 0)
    return difference.histogram()[255]


def ax_nodes(page) -> list[dict]:
    """The page's accessibility tree as Chromium builds it by default (no forced accessibility mode)."""
    session = page.context.new_cdp_session(page)
    try:
        session.send("Accessibility.enable")
        return session.send("Accessibility.getFullAXTree")["nodes"]
    finally:
        session.detach()


def ax_named(nodes: list[dict], role: str) -> list[str]:
    """The names of the tree's nodes of one role (e.g. 'heading', 'link'), in tree order, ignored ones left out."""
    return [node.get("name", {}).get("value", "") for node in nodes
            if not node.get("ignored") and node.get("role", {}).get("value") == role]
