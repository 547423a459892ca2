"""Rules that every image, control, link, frame and heading has a non-empty accessible name."""
from __future__ import annotations

import posixpath

from . import aria
from .accname import accessible_name, content_text, labelledby_text
from .dom import NOT_IN_AT
from .registry import rule

_FIELD_INPUT_EXCLUDED = frozenset({"hidden", "button", "submit", "reset", "image"})
_INPUT_FIELD_ROLES = frozenset({"combobox", "listbox", "searchbox", "slider", "spinbutton",
                                "textbox"})
_TOGGLE_FIELD_ROLES = frozenset({"checkbox", "menuitemcheckbox", "menuitemradio", "radio",
                                 "switch", "option"})
_NATIVE_FIELDS = frozenset({"input", "select", "textarea"})
_MEDIA_EXTENSIONS = frozenset(
    ".apng .avif .bmp .gif .ico .jpeg .jpg .png .svg .tif .tiff .webp "
    ".aac .flac .m4a .mp3 .oga .ogg .opus .wav .weba "
    ".avi .m4v .mkv .mov .mp4 .mpeg .mpg .ogv .webm".split())


def _named_by_attribute(page, el) -> bool:
    """A non-empty aria-label, aria-labelledby text or title (axe-core's checks of those)."""
    return bool((el.get("aria-label") or "").strip() or (el.get("title") or "").strip()
                or (el.get("aria-labelledby") is not None and labelledby_text(page, el)))


def _axe_presentational(page, el) -> bool:
    """axe-core's presentational-role check: the element's role is none or presentation; a
    frame marked so keeps a title it has, so it counts as named, not decorative."""
    if el.tag in ("iframe", "frame") and page.explicit_role(el) in aria.PRESENTATIONAL:
        # a frame is not focusable for axe-core unless it has a tabindex
        return el.get("title") is None and page.tabindex(el) is None and \
            not page.has_global_aria(el)
    return page.role(el) in aria.PRESENTATIONAL


def _name_required(page, el) -> bool:
    """axe-core's no-explicit-name-required match: no role, a presentational one, one that
    requires a name, or a focusable element."""
    role = page.explicit_role(el)
    return role is None or role in aria.PRESENTATIONAL or role in aria.NAME_REQUIRED or \
        page.axe_focusable(el)


def _implicit_label(page, el) -> bool:
    """An enclosing <label> with text (axe-core's implicit-label check)."""
    label = next(el.iterancestors("label"), None)
    return label is not None and bool(content_text(page, label))


def _explicit_label(page, el) -> bool:
    """A <label for> this element's id that has text or is hidden (axe-core's explicit-label
    check; axe leaves a hidden label to the label rule's hidden-explicit-label)."""
    ident = el.get("id")
    if not ident:
        return False
    return any(not page.visible(label) or content_text(page, label)
               for label in page.tagged("label") if label.get("for") == ident)


def _axe_unnamed(page, elements, *checks):
    """The elements in the accessibility tree that pass none of axe-core's `checks`."""
    flags = page.flags
    for el in elements:
        if flags.get(el, 0) & NOT_IN_AT:  # page.in_at(el), inlined: links are many
            continue
        for check in checks:
            if check(page, el):
                break
        else:
            yield el, None, None


def _text(page, el) -> bool:
    text = el.text
    if text and not text.isspace():
        return True  # text of its own, the common case
    return bool(content_text(page, el))


# Elements whose name HTML gives another way than ARIA (axe-core's namingMethods): they are
# left to their own rules (link-name, button-name, image-alt, ...), not aria-command-name.
_NAMING_METHOD_TAGS = frozenset(
    "a area br button fieldset figure hr img input output select summary svg table "
    "textarea".split())


def _input_type(el) -> str:
    return (el.get("type") or "").strip().lower()


def _unnamed(page, elements, from_content=False):
    """The elements of `elements` in the accessibility tree whose accessible name is empty.

    With `from_content` (roles named by their content), an element with its own text or an
    aria-label, and no aria-labelledby, is known to have a name without computing it.
    """
    for el in elements:
        if not page.in_at(el):
            continue
        if from_content and el.get("aria-labelledby") is None:
            text = el.text
            if text and not text.isspace() or (el.get("aria-label") or "").strip():
                continue
        if not accessible_name(page, el):
            yield el, None, None


@rule("image-alt", wcag="1.1.1", severity="error", tags=("wcag2a", "act:23a2a8"),
      message="图片没有替代文本",
      hint='给 <img> 加上说明图片内容的 alt；纯装饰图片写 alt=""。')
def image_alt(page):
    for el in page.tagged("img"):
        if page.is_svg(el) or not page.in_at(el) or not _name_required(page, el):
            continue
        alt = el.get("alt")
        if alt is not None and alt and alt.isspace() and not page.presentational(el):
            yield el, None, "（alt 只有空格）"
        elif not (alt is not None or _named_by_attribute(page, el)
                  or _axe_presentational(page, el)):
            yield el, None, None


@rule("role-img-alt", wcag="1.1.1", severity="error", tags=("wcag2a", "act:23a2a8"),
      message='role="img" 的元素没有可访问名称',
      hint="用 aria-label 或 aria-labelledby 说明图片内容。")
def role_img_alt(page):
    found = [el for el in page.with_role if el.tag not in ("img", "area", "input", "object")
             and not page.is_svg(el)
             and page.role(el) in aria.IMG_ROLES]
    yield from _unnamed(page, found)


@rule("input-image-alt", wcag="1.1.1", severity="error", tags=("wcag2a", "act:59796f"),
      message='图片按钮（<input type="image">）没有替代文本',
      hint="用 alt 写明按钮的作用，例如“搜索”。")
def input_image_alt(page):
    found = [el for el in page.tagged("input") if _input_type(el) == "image"
             and _name_required(page, el)]
    yield from _axe_unnamed(page, found, lambda page, el: bool((el.get("alt") or "").strip()),
                            _named_by_attribute, _implicit_label, _explicit_label)


@rule("svg-img-alt", wcag="1.1.1", severity="error", tags=("wcag2a", "act:7d6734"),
      message="作为图片的 SVG 没有可访问名称",
      hint="在 <svg> 里第一个子元素写 <title>，或用 aria-label / aria-labelledby。")
def svg_img_alt(page):
    found = [el for el in page.with_role if page.is_svg(el) and page.explicit_role(el) in
             ("img", "image", "graphics-document", "graphics-symbol")
             and not (el.get("title") or "").strip()]  # axe-core takes a title attribute
    yield from _unnamed(page, found)


@rule("area-alt", wcag="2.4.4", severity="error", tags=("wcag2a", "act:c487ae"),
      message="图像地图的热区（<area>）没有替代文本",
      hint="给每个带 href 的 <area> 写 alt，说明链接去向。")
def area_alt(page):
    for el in page.tagged("area"):
        if el.get("href") is None or next(el.iterancestors("map"), None) is None:
            continue
        if not ((el.get("alt") or "").strip() or _named_by_attribute(page, el)):
            yield el, None, None


@rule("object-alt", wcag="1.1.1", severity="error", tags=("wcag2a", "act:8fc3b6"),
      message="嵌入的对象（<object>）没有可访问名称",
      hint="用 title、aria-label 或 aria-labelledby 说明内容；<object> 内的后备内容不算名称。")
def object_alt(page):
    for el in page.tagged("object"):
        if not _object_loads(page, el) or not page.in_at(el) or not _name_required(page, el):
            continue
        if not (_named_by_attribute(page, el) or _axe_presentational(page, el)):
            yield el, None, None


@rule("link-name", wcag="2.4.4", severity="error", tags=("wcag2a", "act:c487ae"),
      message="链接没有可访问名称（读屏软件读不出它去哪里）",
      hint="在链接里写文字；只有图片时，给图片写 alt。")
def link_name(page):
    flags = page.flags
    for el in page.tagged("a"):  # _axe_unnamed(page, links, _text, _named_by_attribute), inlined
        if el.get("href") is None or flags.get(el, 0) & NOT_IN_AT:
            continue
        text = el.text
        if text and not text.isspace():
            continue  # text of its own: the common case
        if not _text(page, el) and not _named_by_attribute(page, el):
            yield el, None, None
    # DPUB link roles on other elements (axe-core has no rule for those: ACT c487ae does)
    others = [el for el in page.with_role if el.tag not in ("a", "area")
              and page.role(el) in aria.LINK_ROLES and page.role(el) != "link"]
    yield from _unnamed(page, others, from_content=True)


@rule("button-name", wcag="4.1.2", severity="error", tags=("wcag2a", "act:97a4e1"),
      message="按钮没有可访问名称",
      hint="在 <button> 里写文字，或用 aria-label 说明按钮的作用。")
def button_name(page):
    found = [el for el in page.tagged("button") if _name_required(page, el)]
    yield from _axe_unnamed(page, found, _text, _named_by_attribute, _implicit_label,
                            _explicit_label, _axe_presentational)


@rule("input-button-name", wcag="4.1.2", severity="error", tags=("wcag2a", "act:97a4e1"),
      message="输入按钮（<input type=button/submit/reset>）没有可访问名称",
      hint="用 value 写明按钮的作用。")
def input_button_name(page):
    found = [el for el in page.tagged("input") if _input_type(el) in ("button", "submit", "reset")
             and _name_required(page, el)]
    yield from _axe_unnamed(page, found, _default_or_value, _named_by_attribute,
                            _implicit_label, _explicit_label, _axe_presentational)


def _default_or_value(page, el) -> bool:
    """A non-empty value, or a submit/reset button without one (it shows its default text)."""
    value = el.get("value")
    if value is None:
        return _input_type(el) in ("submit", "reset")
    return bool(value.strip())


@rule("aria-command-name", wcag="4.1.2", severity="error", tags=("wcag2a", "act:97a4e1",
                                                                  "act:m6b1q3"),
      message='role="link"、"button" 或 "menuitem" 的元素没有可访问名称',
      hint="在元素里写文字，或用 aria-label / aria-labelledby。")
def aria_command_name(page):
    found = [el for el in page.with_role if el.tag not in _NAMING_METHOD_TAGS
             and el.get("role").strip().lower() in ("link", "button", "menuitem")]
    yield from _axe_unnamed(page, found, _text, _named_by_attribute)


@rule("label", wcag="4.1.2", severity="error", tags=("wcag2a", "act:e086e5"),
      message="表单输入框没有标签",
      hint='用 <label for="…"> 关联可见标签，或用 aria-label / aria-labelledby。')
def label(page):
    found = [el for el in page.tagged("input", "textarea")
             if _input_type(el) not in _FIELD_INPUT_EXCLUDED and not page.presentational(el)]
    yield from _unnamed(page, found)


@rule("select-name", wcag="4.1.2", severity="error", tags=("wcag2a", "act:e086e5"),
      message="下拉选择框（<select>）没有标签",
      hint='用 <label for="…"> 关联可见标签，或用 aria-label。')
def select_name(page):
    found = [el for el in page.tagged("select") if not page.presentational(el)]
    yield from _unnamed(page, found)


@rule("aria-input-field-name", wcag="4.1.2", severity="error", tags=("wcag2a", "act:e086e5"),
      message="自定义输入控件没有可访问名称",
      hint="用 aria-label 或 aria-labelledby 给控件命名。")
def aria_input_field_name(page):
    found = [el for el in page.with_role if el.tag not in _NATIVE_FIELDS
             and page.role(el) in _INPUT_FIELD_ROLES]
    yield from _unnamed(page, found)


@rule("aria-toggle-field-name", wcag="4.1.2", severity="error", tags=("wcag2a", "act:e086e5"),
      message="自定义开关或选择控件没有可访问名称",
      hint="在控件里写文字，或用 aria-label / aria-labelledby。")
def aria_toggle_field_name(page):
    found = [el for el in page.with_role if el.tag not in _NAMING_METHOD_TAGS
             and el.get("role").strip().lower() in _TOGGLE_FIELD_ROLES]
    yield from _axe_unnamed(page, found, _text, _named_by_attribute)


def _object_loads(page, el) -> bool:
    """Whether an <object> shows its data rather than its fallback content (axe-core asks
    the browser): it has data, and the data is not a file of the site that is missing; a
    missing image, audio or video still counts (ACT 8fc3b6 judges those by their type)."""
    data = (el.get("data") or "").strip()
    if not data:
        return False
    if page.url_kind is None or page.url_kind(data) in ("local", "external", "ignored"):
        return True
    has_fallback = (el.text or "").strip() or any(
        isinstance(c.tag, str) or (c.tail or "").strip() for c in el)
    return not has_fallback or _embeds_media(el)


def _embeds_media(el) -> bool:
    """Whether an <object> shows an image, audio or video, judged by type or file extension."""
    kind = (el.get("type") or "").strip().lower()
    if kind:
        return kind.split("/")[0] in ("image", "audio", "video")
    data = (el.get("data") or "").split("#")[0].split("?")[0]
    return posixpath.splitext(data)[1].lower() in _MEDIA_EXTENSIONS


@rule("frame-title", wcag="4.1.2", severity="error", tags=("wcag2a", "act:cae760"),
      message="内嵌框架（<iframe>）没有可访问名称",
      hint="给 <iframe> 加 title，说明其中的内容。")
def frame_title(page):
    for el in page.tagged("iframe", "frame"):
        index = page.tabindex(el)
        if (index is not None and index < 0) or not page.in_at(el):
            continue
        if not (_named_by_attribute(page, el) or _axe_presentational(page, el)):
            yield el, None, None


@rule("summary-name", wcag="4.1.2", severity="error", tags=("wcag2a", "act:2t702h"),
      message="折叠区的摘要（<summary>）没有可访问名称",
      hint="在 <summary> 里写出折叠内容的标题。")
def summary_name(page):
    found = [el for el in page.tagged("summary") if page.is_details_summary(el)]
    yield from _axe_unnamed(page, found, _text, _named_by_attribute)


@rule("empty-heading", wcag="1.3.1", severity="error", tags=("wcag2a", "act:ffd0e9"),
      message="标题是空的",
      hint="给标题写上文字，或删除这个空标题。")
def empty_heading(page):
    found = [el for el in page.tagged("h1", "h2", "h3", "h4", "h5", "h6")
             if page.role(el) == "heading"]
    found += [el for el in page.with_role if el.tag not in
              ("h1", "h2", "h3", "h4", "h5", "h6") and page.role(el) == "heading"]
    yield from _unnamed(page, found, from_content=True)

