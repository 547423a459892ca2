"""Page-level rules: language, title, refresh, viewport, headings, landmarks and bypass."""
from __future__ import annotations

import re

from .lang import primary_subtag, valid_language_tag
from .registry import rule

_HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_DIGITS_AND_DOTS = re.compile(r"[\d.]*")
_REFRESH_LIMIT = 72000  # 20 hours, the WCAG 2.2.1 exception


def _html(page):
    root = page.root
    return root if root is not None and root.tag == "html" else None


@rule("html-has-lang", wcag="3.1.1", severity="error", tags=("wcag2a", "act:b5c3f8"),
      message="<html> 没有 lang 属性，读屏软件不知道用哪种语言朗读",
      hint='在 <html> 上写 lang="zh-CN"。')
def html_has_lang(page):
    html = _html(page)
    if html is not None and not (html.get("lang") or "").strip():
        yield html, None, None


@rule("html-lang-valid", wcag="3.1.1", severity="error", tags=("wcag2a", "act:bf051a"),
      message="<html> 的 lang 不是有效的语言代码",
      hint='使用 BCP 47 语言代码，例如 lang="zh-CN"。')
def html_lang_valid(page):
    html = _html(page)
    lang = (html.get("lang") or "") if html is not None else ""
    if lang and not valid_language_tag(lang.strip()):  # a lang of spaces is invalid too
        yield html, f'lang="{lang}"', f"（lang=\"{lang}\"）"


@rule("html-xml-lang-mismatch", wcag="3.1.1", severity="error", tags=("wcag2a", "act:5b7ae0"),
      message="<html> 的 lang 与 xml:lang 指的不是同一种语言",
      hint="让 lang 与 xml:lang 的主语言一致，或删除 xml:lang。")
def html_xml_lang_mismatch(page):
    html = _html(page)
    if html is None:
        return
    lang, xml_lang = (html.get("lang") or "").strip(), (html.get("xml:lang") or "").strip()
    if valid_language_tag(lang) and valid_language_tag(xml_lang) and \
            primary_subtag(lang) != primary_subtag(xml_lang):
        yield html, f'lang="{lang}" xml:lang="{xml_lang}"', None


def _has_text_in_language(page, el) -> bool:
    """Whether some text (or a text alternative) inside `el` takes its language from `el`."""
    if not page.hidden_from_all(el):
        if (el.text or "").strip():
            return True
        for attr in ("alt", "aria-label"):
            if (el.get(attr) or "").strip():
                return True
    for child in el:
        if isinstance(child.tag, str) and child.tag not in ("script", "style", "template") \
                and not (child.get("lang") or "").strip():
            if _has_text_in_language(page, child):
                return True
        if (child.tail or "").strip() and not page.hidden_from_all(el):
            return True
    return False


@rule("valid-lang", wcag="3.1.2", severity="error", tags=("wcag2aa", "act:de46e4"),
      message="lang 属性不是有效的语言代码",
      hint='使用 BCP 47 语言代码，例如 lang="en" 或 lang="zh-CN"。')
def valid_lang(page):
    for el in page.with_lang:
        if el.tag != "body" and not any(a.tag == "body" for a in el.iterancestors()):
            continue
        lang = el.get("lang") or ""
        if lang and not valid_language_tag(lang) and _has_text_in_language(page, el):
            yield el, f'lang="{lang}"', f"（lang=\"{lang}\"）"


@rule("document-title", wcag="2.4.2", severity="error", tags=("wcag2a", "act:2779a5"),
      message="页面没有标题（<title> 缺失或为空）",
      hint="在 <head> 里写 <title>，说明这个页面的主题。")
def document_title(page):
    titles = [el for el in page.tagged("title") if not page.is_svg(el)]
    if not titles:
        yield page.root, "<title>", "（缺少 <title>）"
    elif not "".join(titles[0].itertext()).strip():
        yield page.root, "<title>", "（<title> 为空）"  # axe-core reports the document


def refresh_delay(content: str) -> int | None:
    """The delay of a <meta http-equiv=refresh> content value, or None when browsers ignore it."""
    text = content.lstrip(" \t\n\f\r")
    digits = len(text) - len(text.lstrip("0123456789"))
    if digits == 0 and not text.startswith("."):
        return None
    delay = int(text[:digits]) if digits else 0
    rest = text[digits:]
    rest = rest[_DIGITS_AND_DOTS.match(rest).end():]
    if rest and rest[0] not in ";, \t\n\f\r":
        return None
    return delay


def _first_refresh(page):
    for meta in page.tagged("meta"):
        if (meta.get("http-equiv") or "").strip().lower() == "refresh":
            content = meta.get("content")
            delay = refresh_delay(content) if content is not None else None
            if delay is not None:
                return meta, delay
    return None, None


@rule("meta-refresh", wcag="2.2.1", severity="error", tags=("wcag2a", "act:bc659a"),
      message="页面会在一段时间后自动刷新或跳转",
      hint="不要用定时刷新；需要跳转时用 0 秒跳转或服务器重定向。")
def meta_refresh(page):
    meta, delay = _first_refresh(page)
    if meta is not None and 0 < delay <= _REFRESH_LIMIT:
        yield meta, None, f"（{delay} 秒）"


@rule("meta-refresh-no-exceptions", wcag="2.2.4", severity="warning",
      tags=("wcag2aaa", "act:bisz58"),
      message="页面会延时自动刷新或跳转（AAA 级要求不延时）",
      hint="去掉定时刷新，或改为立即跳转。")
def meta_refresh_no_exceptions(page):
    meta, delay = _first_refresh(page)
    if meta is not None and delay > _REFRESH_LIMIT:
        yield meta, None, f"（{delay} 秒）"


def _viewport_properties(content: str) -> dict[str, str]:
    content = re.sub(r"\s*=\s*", "=", content.strip().lower())
    result = {}
    for part in re.split(r"[,;\s]+", content):
        key, _, value = part.partition("=")
        if key:
            result[key] = value
    return result


def _number(value: str) -> float | None:
    match = re.fullmatch(r"[-+]?(\d+\.?\d*|\.\d+)", value)
    return float(match.group()) if match else None


def viewport_blocks_zoom(content: str) -> str | None:
    """Why a viewport content value prevents zooming, or None when it does not."""
    props = _viewport_properties(content)
    scalable = props.get("user-scalable")
    if scalable is not None and scalable not in ("yes", "device-width", "device-height"):
        number = _number(scalable)
        if number is None or abs(number) < 1:
            return f"user-scalable={scalable}"
    maximum = props.get("maximum-scale")
    if maximum is not None and maximum not in ("device-width", "device-height"):
        number = _number(maximum)
        if number is None or 0 <= number < 2:  # keywords such as "yes" mean 1 or less
            return f"maximum-scale={maximum}"
    return None


@rule("meta-viewport", wcag="1.4.4", severity="error", tags=("wcag2aa", "act:b4f0c3"),
      message="viewport 设置禁止了用户缩放页面",
      hint="删除 user-scalable=no，maximum-scale 不要小于 2。")
def meta_viewport(page):
    for meta in page.tagged("meta"):
        content = meta.get("content")
        if (meta.get("name") or "").strip().lower() == "viewport" and content:
            reason = viewport_blocks_zoom(content)
            if reason:
                yield meta, None, f"（{reason}）"


def headings(page):
    """(element, level) for every heading in the accessibility tree, in document order."""
    found = page.memo.get("headings")
    if found is not None:
        return found
    candidates = page.tagged(*_HEADING_TAGS)
    others = {el for el in page.with_role
              if el.tag not in _HEADING_TAGS and page.explicit_role(el) == "heading"}
    if others:
        candidates = [el for el in page.elements() if el.tag in _HEADING_TAGS or el in others]
    result = []
    for el in candidates:
        if page.role(el) != "heading" or not page.in_at(el):
            continue
        level = el.get("aria-level", "").strip()
        if level.isdigit() and int(level) > 0:
            level = int(level)
        else:
            level = int(el.tag[1]) if el.tag in _HEADING_TAGS else 2
        result.append((el, level))
    page.memo["headings"] = result
    return result


@rule("heading-order", wcag="", severity="warning", tags=("best-practice",),
      message="标题级别跳级了",
      hint="标题级别每次只加深一级，例如 <h2> 之后用 <h3>，不要直接用 <h4>。")
def heading_order(page):
    previous = None
    for el, level in headings(page):
        if previous is not None and level > previous + 1:
            yield el, None, f"（从 h{previous} 跳到 h{level}）"
        previous = level


@rule("page-has-heading-one", wcag="", severity="warning", tags=("best-practice",),
      message="页面没有一级标题",
      hint="每个页面用一个 <h1> 写出页面主题。")
def page_has_heading_one(page):
    if _html(page) is not None and not any(level == 1 for _, level in headings(page)) and \
            not modal_open(page):
        yield page.root, "<h1>", None


def modal_open(page) -> bool:
    """A shown dialog (<dialog open>, role=dialog or aria-modal=true): axe-core then passes the
    page-level rules that a modal would hide the rest of the page from."""
    candidates = [el for el in page.tagged("dialog") if el.get("open") is not None]
    candidates += [el for el in page.with_aria if el.get("aria-modal") == "true"]
    candidates += [el for el in page.with_role if page.explicit_role(el) == "dialog"]
    return any(page.visible(el) for el in candidates)


def _landmarks(page, role):
    candidates = list(page.tagged("main")) + [el for el in page.with_role]
    return [el for el in candidates if page.role(el) == role and page.in_at(el)]


@rule("landmark-one-main", wcag="", severity="warning", tags=("best-practice",),
      message="页面没有主要内容区域（<main>）",
      hint="用一个 <main> 包住页面的主要内容。")
def landmark_one_main(page):
    if _html(page) is not None and not _landmarks(page, "main") and not modal_open(page):
        yield page.root, "<main>", None


@rule("bypass", wcag="2.4.1", severity="error", tags=("wcag2a",),
      message="页面没有跳过重复内容的办法（没有标题、地标区域或跳转链接）",
      hint="在页面开头加“跳到主要内容”链接，并用 <main> 和标题组织内容。")
def bypass(page):
    links = page.tagged("a")
    if not any(a.get("href") is not None for a in links) or _html(page) is None:
        return
    if headings(page) or _landmarks(page, "main") or any(
            page.role(el) in ("navigation", "banner", "contentinfo", "region", "complementary",
                              "search") for el in page.tagged("nav", "header", "footer", "aside",
                                                               "section", "search")):
        return
    for a in links:
        href = (a.get("href") or "").strip()
        if href.startswith("#") and len(href) > 1 and page.by_id(href[1:]) is not None:
            return
    yield page.root, "<body>", None

