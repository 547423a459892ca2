"""color-contrast: colour pairs declared together in the site's CSS, <style> and style=""."""
from __future__ import annotations

from .css import css_rules, custom_properties, line_at, low_contrast_pairs
from .registry import rule
from .style import parse_declarations


def _detail(ratio, required, fg, bg) -> str:
    return f"（{fg} 配 {bg}，对比度 {ratio:.2f}:1，至少要 {required:g}:1）"


def stylesheet_contrast(text: str, rules):
    """(line, target, detail) for each rule block whose colour pair is too faint."""
    props = custom_properties(rules)
    for css_rule in rules:
        found = low_contrast_pairs(css_rule.declarations,
                                   props.get(css_rule.context, props[""]))
        if found:
            yield line_at(text, css_rule.offset), css_rule.selector, _detail(*found)


@rule("color-contrast", wcag="1.4.3", severity="error", tags=("wcag2aa",),
      message="文字颜色与背景颜色对比度不足",
      hint="加深文字颜色或调浅背景，普通文字对比度至少 4.5:1，大字至少 3:1。")
def color_contrast(page):
    for style in page.tagged("style"):
        text = style.text or ""
        for line, target, detail in stylesheet_contrast(text, css_rules(text)):
            yield style.sourceline + line - 1, target, detail
    for el in page.with_style:
        found = low_contrast_pairs(parse_declarations(el.get("style")), {})
        if found and page.visible(el):
            yield el, None, _detail(*found)
