"""Accessible name computation (W3C accname 1.2 with the HTML-AAM sources), without CSS."""
from __future__ import annotations

from . import aria
from .dom import Page, text_input

_SUBMIT_DEFAULTS = {"submit": "Submit", "reset": "Reset"}
_EMBEDDED_CONTROLS = frozenset({"textbox", "searchbox", "combobox", "listbox", "slider",
                                "spinbutton"})


def accessible_name(page: Page, el) -> str:
    """The element's accessible name, whitespace-collapsed ("" when it has none)."""
    return " ".join(_name(page, el, set(), labelledby=False, content=False, show_hidden=False)
                    .split())


def _name(page, el, seen, *, labelledby, content, show_hidden) -> str:
    if el in seen:
        return ""
    seen.add(el)
    if not show_hidden and not page.in_at(el):
        return ""
    if not labelledby:
        refs = page.id_refs(el, "aria-labelledby")
        if refs:
            text = " ".join(
                _name(page, ref, seen, labelledby=True, content=False,
                      show_hidden=show_hidden or not page.in_at(ref))
                for ref in refs)
            if text.strip():
                return text
    role = page.role(el)
    if (content or labelledby) and role in _EMBEDDED_CONTROLS:
        value = _control_value(el)
        if value is not None:
            return value
    label = el.get("aria-label")
    if label and label.strip() and not (content and role in _EMBEDDED_CONTROLS):
        return label
    if (content or labelledby) and role == "progressbar":
        return ""  # as axe-core: a progress bar gives neither its value nor its content
    if role not in aria.PRESENTATIONAL:
        native = _native_name(page, el, seen, show_hidden)
        if native is not None and native.strip():
            return native
    elif el.tag == "img":
        return ""
    if content or labelledby or role in aria.NAME_FROM_CONTENT or el.tag == "summary" or \
            (page.is_svg(el) and el.tag == "a"):
        text = _content_name(page, el, seen, show_hidden)
        if text.strip():
            return text
    title = el.get("title")
    if title and not page.is_svg(el):
        return title
    if text_input(el) or el.tag == "textarea":
        return el.get("placeholder") or ""
    return ""


def _native_name(page, el, seen, show_hidden) -> str | None:
    """The name from the host language (label, alt, caption, legend, svg title, value)."""
    tag = el.tag
    if page.is_svg(el):
        title = next((c for c in el if c.tag == "title"), None)
        if title is not None:
            return title.xpath("string()")
        return el.get("xlink:title") if tag == "a" else None
    if tag == "input":
        kind = (el.get("type") or "").strip().lower()
        if kind == "image":
            return el.get("alt") or None
        if kind in ("button", "submit", "reset"):
            value = el.get("value")
            if value is not None and value.strip():
                return value
            labelled = _label_text(page, el, seen, show_hidden)
            return labelled or _SUBMIT_DEFAULTS.get(kind)
        return _label_text(page, el, seen, show_hidden)
    if tag in ("textarea", "select", "button", "meter", "output", "progress"):
        return _label_text(page, el, seen, show_hidden)
    if tag in ("img", "area"):
        return el.get("alt")
    if tag == "fieldset":
        return _first_child_text(page, el, "legend", seen, show_hidden)
    if tag == "figure":
        return _first_child_text(page, el, "figcaption", seen, show_hidden)
    if tag == "table":
        return _first_child_text(page, el, "caption", seen, show_hidden)
    if tag == "optgroup":
        return el.get("label")
    return None


def _label_text(page, el, seen, show_hidden) -> str:
    return " ".join(_content_name(page, label, seen, show_hidden)
                    for label in page.labels(el) if show_hidden or page.in_at(label)).strip()


def content_text(page, el) -> str:
    """The text the element's content gives (its subtree text), whitespace-collapsed."""
    return " ".join(_content_name(page, el, {el}, False).split())


def labelledby_text(page, el) -> str:
    """The text of the elements aria-labelledby points at (hidden ones included)."""
    refs = page.id_refs(el, "aria-labelledby")
    return " ".join(" ".join(
        _name(page, ref, {el}, labelledby=True, content=False, show_hidden=not page.in_at(ref))
        .split()) for ref in refs).strip()


def _first_child_text(page, el, tag, seen, show_hidden):
    child = next(el.iterchildren(tag), None)
    return _content_name(page, child, seen, show_hidden) if child is not None else None


def _content_name(page, el, seen, show_hidden) -> str:
    """The name from the element's content: its text and its descendants' names."""
    parts = [el.text or ""]
    for child in el:
        if isinstance(child.tag, str):
            if child.tag in ("script", "style", "template", "noscript"):
                pass
            elif show_hidden or page.in_at(child):
                parts.append(" " + _name(page, child, seen, labelledby=False, content=True,
                                         show_hidden=show_hidden) + " ")
        parts.append(child.tail or "")
    return "".join(parts)


def _control_value(el) -> str | None:
    """The value an embedded form control contributes to its container's name."""
    tag = el.tag
    if tag == "input":
        return el.get("value") or ""
    if tag == "textarea":
        return el.text or ""
    if tag == "select":
        options = list(el.iter("option"))
        chosen = [o for o in options if o.get("selected") is not None] or options[:1]
        return " ".join((o.text or "") for o in chosen)
    return None
