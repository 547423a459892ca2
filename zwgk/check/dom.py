"""A parsed page: the lxml tree plus what every rule asks of it (hidden state, roles, focus, ids).

Everything is computed in one walk over the tree, or lazily and cached, so that rules stay small
pure functions of the page.
"""
from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from . import aria
from .style import parse_declarations

HIDDEN, INVISIBLE, ARIA_HIDDEN, SVG, INERT, TEMPLATE = 1, 2, 4, 8, 16, 32
NOT_IN_AT = HIDDEN | INVISIBLE | ARIA_HIDDEN | TEMPLATE  # any of these: not in the a11y tree

# Elements whose content is never rendered (with scripting on, as in a browser).
NOT_RENDERED = frozenset(
    "head script style template noscript title meta link base datalist param source track".split())
# collect_ids=False: libxml2 need not hash every id (Page.ids is the checker's own index)
_PARSER_UTF8 = etree.HTMLParser(encoding="utf-8", remove_blank_text=False, collect_ids=False)
_PARSER_SNIFF = etree.HTMLParser(remove_blank_text=False, collect_ids=False)
_EMPTY_DOCUMENT = b"<html></html>"
_INTEGER = re.compile(r"^\s*[-+]?\d+\s*$")
_LABELABLE = frozenset({"button", "input", "meter", "output", "progress", "select", "textarea"})
_TEXT_INPUTS = frozenset({"text", "search", "email", "tel", "url", "password", "number"})


def parse_html(data: bytes):
    """The root element of an HTML document given as bytes (UTF-8, or the encoding it declares)."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if not data.strip():
        data = _EMPTY_DOCUMENT
    try:
        data.decode("utf-8")
        parser = _PARSER_UTF8
    except UnicodeDecodeError:
        parser = _PARSER_SNIFF
    root = etree.fromstring(data, parser)
    if root is None:
        root = etree.fromstring(_EMPTY_DOCUMENT, _PARSER_UTF8)
    if b"<table" in data or b"<TABLE" in data:
        _imply_table_rows(root)
    return root


_CELLS = frozenset({"td", "th"})
_ROWS = frozenset({"tr"})


def _imply_table_rows(root):
    """Add the <tr> and <tbody> elements an HTML5 parser implies and libxml2 does not: cells
    written straight into a <table> or a row group get a row, rows straight in a <table> get
    a <tbody> (as in `<table><th>…`). The new elements take the line of their first child."""
    for table in list(root.iter("table")):
        # find() looks at direct children only, in C: most tables need nothing
        if table.find("td") is not None or table.find("th") is not None:
            _wrap_runs(table, _CELLS, "tr")
        if table.find("tr") is not None:
            _wrap_runs(table, _ROWS, "tbody")
    for group in list(root.iter("thead", "tbody", "tfoot")):
        if group.find("td") is not None or group.find("th") is not None:
            _wrap_runs(group, _CELLS, "tr")


def _wrap_runs(parent, tags, wrapper: str):
    """Move each run of consecutive children with one of `tags` (comments between them
    included) into a new `wrapper` element in its place."""
    run = []
    runs = []
    for child in parent:
        if child.tag in tags:
            run.append(child)
        elif run and not isinstance(child.tag, str):
            run.append(child)
        elif run:
            runs.append(run)
            run = []
    if run:
        runs.append(run)
    for run in runs:
        while run and not isinstance(run[-1].tag, str):
            run.pop()
        first = run[0]
        made = etree.Element(wrapper)
        made.sourceline = first.sourceline
        first.addprevious(made)
        made.extend(run)


def read_page(path: Path, rel: str) -> "Page":
    """Read and parse one HTML file."""
    return Page(parse_html(path.read_bytes()), rel)


_FLAG_TAGS = NOT_RENDERED | {"svg"}
_FLAG_ATTRIBUTES = frozenset({"hidden", "aria-hidden", "inert", "style"})
# What Page._index does with an attribute, by name (worked out once per name, then looked up)
_LISTED = "listed"  # kept in a with_* list (style also flags the element)
_ID = "id"
_ARIA = "aria"  # an aria-* attribute: the element goes in with_aria
_FLAGGING = "flagging"  # hidden, inert: the element may hide its content
_OTHER = "other"
_LISTS = frozenset({"role", "style", "lang", "tabindex", "headers", "colspan", "rowspan"})
_ACTIONS: dict[str, str] = {}


def _action(name: str) -> str:
    """What Page._index does with an attribute called `name`."""
    if name in _LISTS:
        return _LISTED
    if name == "id":
        return _ID
    if name.startswith("aria-"):
        return _ARIA
    if name in _FLAG_ATTRIBUTES:
        return _FLAGGING
    return _OTHER


class Page:
    """One parsed HTML document and the facts rules need about its elements.

    Hidden state is kept only for elements that have some (hidden, aria-hidden, in an <svg> or
    a <template>, ...): most elements have none, and a page is checked faster that way.
    """

    def __init__(self, root, rel: str = ""):
        self.rel = rel
        self.root = root
        self.flags: dict = {}  # element -> HIDDEN | INVISIBLE | ... (absent: none)
        self.memo: dict = {}  # per-page results rules share, e.g. table grids
        self._roles: dict = {}
        self._tagged: dict = {}
        self._by_tag: dict[str, list] = {}  # tag -> elements, templates included
        self._owner: dict | None = None
        self._labels: dict[str, list] | None = None
        self.has_template = False
        self.with_role, self.with_style, self.with_lang, self.with_tabindex = [], [], [], []
        self.with_headers, self.with_aria = [], []
        self.with_span = []  # elements with colspan or rowspan (listed once per attribute)
        self.ids: dict[str, list] = {}  # id -> elements in document order (templates excluded)
        self.anchor_names: set[str] = set()  # <a name="...">, also fragment targets
        # How a URL written on the page resolves ("local", "external", "ignored" or a link
        # rule id when it is broken); None when the page is checked outside a site.
        self.url_kind = None
        self._index()

    def _index(self):
        """One pass over the elements: the with_* lists, ids, and hidden state."""
        lists = {"role": self.with_role, "style": self.with_style, "lang": self.with_lang,
                 "tabindex": self.with_tabindex, "headers": self.with_headers,
                 "colspan": self.with_span, "rowspan": self.with_span}
        ids, with_aria = self.ids, self.with_aria
        flagged = []  # elements that may hide their content or mark it (svg, template)
        by_tag = self._by_tag
        actions = _ACTIONS
        for el in self.root.iter(etree.Element):
            tag = el.tag
            bucket = by_tag.get(tag)
            if bucket is None:
                by_tag[tag] = [el]
            else:
                bucket.append(el)
            flag = tag in _FLAG_TAGS
            names = el.keys()
            if names:
                aria = False
                for name in names:
                    action = actions.get(name)
                    if action is None:
                        action = actions[name] = _action(name)
                    if action is _OTHER:
                        continue
                    if action is _LISTED:
                        lists[name].append(el)
                        if name == "style":
                            flag = True
                    elif action is _ID:
                        ident = el.get("id")
                        if ident:
                            bucket = ids.get(ident)
                            if bucket is None:
                                ids[ident] = [el]
                            else:
                                bucket.append(el)
                    elif action is _ARIA:
                        if not aria:
                            aria = True
                            with_aria.append(el)
                        if name == "aria-hidden":
                            flag = True
                    else:  # _FLAGGING
                        flag = True
                if tag == "a" and el.get("name"):
                    self.anchor_names.add(el.get("name"))
            if flag:
                flagged.append(el)
        self._mark_hidden(flagged)
        if self.has_template:
            for name in ("with_role", "with_style", "with_lang", "with_tabindex",
                         "with_headers", "with_aria", "with_span"):
                setattr(self, name, self._in_tree(getattr(self, name)))
            for ident in list(ids):
                ids[ident] = self._in_tree(ids[ident])
                if not ids[ident]:
                    del ids[ident]
            self.anchor_names = {a.get("name") for a in self.tagged("a") if a.get("name")}

    def _in_tree(self, elements) -> list:
        if not self.has_template:
            return elements
        return [el for el in elements if not self.flags.get(el, 0) & TEMPLATE]

    def _mark_hidden(self, candidates):
        """Set flags on every element inside something hidden, an <svg> or a <template>."""
        flags = self.flags
        for el in candidates:
            inherited = flags.get(el, 0)
            own = _own_flags(el, inherited)
            if el.tag == "template":
                self.has_template = True
            if own == inherited:
                continue
            cleared = INVISIBLE if inherited & INVISIBLE and not own & INVISIBLE else 0
            added = own & ~inherited
            for node in el.iter():
                if node is el:
                    flags[el] = own
                else:
                    flags[node] = (flags.get(node, 0) | added) & ~cleared

    # ---- element lists
    def tagged(self, *tags) -> list:
        """Elements with one of these tag names, in document order (templates excluded)."""
        found = self._tagged.get(tags)
        if found is None:
            present = [tag for tag in tags if tag in self._by_tag]
            if len(present) == 1:
                found = self._by_tag[present[0]]
            else:  # several tags: one walk in C keeps document order (none present: none)
                found = list(self.root.iter(*present)) if present else []
            found = self._tagged[tags] = self._in_tree(found)
        return found

    def elements(self):
        """Every element in the document, templates excluded, in document order."""
        return self._in_tree(list(self.root.iter(etree.Element)))

    def by_id(self, ident: str):
        found = self.ids.get(ident)
        return found[0] if found else None

    def id_refs(self, el, attr: str) -> list:
        """The elements an IDREFS attribute points at (missing ids skipped)."""
        value = el.get(attr)
        if not value:
            return []
        return [self.ids[i][0] for i in value.split() if i in self.ids]

    # ---- hidden state
    def in_tree(self, el) -> bool:
        """Part of the document (not inside a <template>)."""
        return not self.flags.get(el, 0) & TEMPLATE

    def in_at(self, el) -> bool:
        """Included in the accessibility tree: rendered, visible and not aria-hidden."""
        return not self.flags.get(el, 0) & NOT_IN_AT

    def visible(self, el) -> bool:
        """Rendered and not visibility:hidden (aria-hidden does not matter)."""
        return not self.flags.get(el, 0) & (HIDDEN | INVISIBLE | TEMPLATE)

    def rendered(self, el) -> bool:
        return not self.flags.get(el, 0) & (HIDDEN | TEMPLATE)

    def hidden_from_all(self, el) -> bool:
        """Neither visible nor in the accessibility tree."""
        return not self.visible(el) and not self.in_at(el)

    def is_svg(self, el) -> bool:
        return bool(self.flags.get(el, 0) & SVG)

    def inert(self, el) -> bool:
        return bool(self.flags.get(el, 0) & INERT)

    # ---- focus
    def tabindex(self, el) -> int | None:
        value = el.get("tabindex")
        if value is None or not _INTEGER.match(value):
            return None
        return int(value)

    def disabled(self, el) -> bool:
        """Disabled form control (own attribute or a disabled fieldset outside its legend)."""
        if el.tag not in ("button", "input", "select", "textarea", "optgroup", "option",
                          "fieldset"):
            return False
        if el.get("disabled") is not None:
            return True
        for anc in el.iterancestors("fieldset"):
            if anc.get("disabled") is not None:
                legend = next(anc.iterchildren("legend"), None)
                if legend is None or not _is_descendant(el, legend):
                    return True
        return False

    def natively_focusable(self, el) -> bool:
        tag = el.tag
        if tag in ("a", "area"):
            return el.get("href") is not None or (
                self.is_svg(el) and el.get("xlink:href") is not None)
        if tag in ("button", "select", "textarea"):
            return not self.disabled(el)
        if tag == "input":
            return (el.get("type") or "").strip().lower() != "hidden" and not self.disabled(el)
        if tag == "iframe":
            return True
        if tag in ("audio", "video"):
            return el.get("controls") is not None
        if tag == "summary":
            return self.is_details_summary(el)
        editable = el.get("contenteditable")
        if editable is not None and editable.strip().lower() in ("", "true", "plaintext-only"):
            return True
        return False

    def focusable(self, el) -> bool:
        """Can receive focus (tabindex="-1" included)."""
        if not self.rendered(el) or not self.visible(el) or self.inert(el):
            return False
        if self.disabled(el):
            return False
        if self.tabindex(el) is not None:
            return True
        return self.natively_focusable(el)

    def axe_focusable(self, el) -> bool:
        """axe-core's idea of focusable: a link or area with href, an enabled form control or
        summary, or any element with a tabindex (frames and editable content not counted)."""
        if self.disabled(el):
            return False
        tag = el.tag
        if tag in ("a", "area"):
            if el.get("href") is not None:
                return True
        elif tag == "input":
            if (el.get("type") or "").strip().lower() != "hidden":
                return True
        elif tag in ("textarea", "select", "summary", "button"):
            return True
        return self.tabindex(el) is not None

    def tabbable(self, el) -> bool:
        """In sequential focus navigation: focusable without a negative tabindex."""
        if not self.focusable(el):
            return False
        index = self.tabindex(el)
        return index is None or index >= 0

    def is_details_summary(self, el) -> bool:
        parent = el.getparent()
        return (parent is not None and parent.tag == "details"
                and next(parent.iterchildren("summary"), None) is el)

    # ---- roles
    def explicit_role(self, el) -> str | None:
        """The first valid, non-abstract token of the role attribute."""
        value = el.get("role")
        if not value:
            return None
        for token in value.lower().split():
            if token in aria.ROLES:
                return token
        return None

    def has_global_aria(self, el) -> bool:
        """Whether a global ARIA attribute is set, one that undoes a presentational role."""
        for name in el.keys():
            if name in aria.GLOBAL_ATTRS and name not in aria.NOT_CONFLICTING:
                return True  # specified, even when empty (ACT semantic role)
        return False

    def role(self, el) -> str | None:
        """The semantic role: explicit, unless a presentational role conflicts; else implicit."""
        cached = self._roles.get(el, "")
        if cached != "":
            return cached
        role = self.explicit_role(el)
        if role in aria.PRESENTATIONAL or role is None:
            implicit = self.implicit_role(el)
            if role is None:
                role = implicit
            if role in aria.PRESENTATIONAL and (self.has_global_aria(el) or self.focusable(el)):
                role = implicit if implicit not in aria.PRESENTATIONAL else self._conflict_role(el)
        if role == "image":
            role = "img"
        self._roles[el] = role
        return role

    def _conflict_role(self, el):
        """The role of a decorative element whose presentational role is ignored."""
        if el.tag == "img":
            return "img"
        return "generic"

    def presentational(self, el) -> bool:
        return self.role(el) in aria.PRESENTATIONAL

    def implicit_role(self, el) -> str | None:
        """The role HTML-AAM gives an element without a role attribute."""
        tag = el.tag
        if self.is_svg(el):
            return _svg_role(el, self)
        simple = _IMPLICIT.get(tag, "")
        if simple != "":
            return simple
        if tag == "a" or tag == "area":
            return "link" if el.get("href") is not None else ("generic" if tag == "a" else None)
        if tag == "img":
            return "presentation" if el.get("alt") == "" else "img"
        if tag == "input":
            return _input_role(el)
        if tag == "select":
            size = el.get("size") or ""
            multiple = el.get("multiple") is not None
            return "listbox" if multiple or (size.isdigit() and int(size) > 1) else "combobox"
        if tag in ("header", "footer"):
            for anc in el.iterancestors():
                if anc.tag in ("article", "aside", "main", "nav", "section") or \
                        self.explicit_role(anc) in ("article", "complementary", "main",
                                                    "navigation", "region"):
                    return "generic"
            return "banner" if tag == "header" else "contentinfo"
        if tag == "section":
            return "region" if (el.get("aria-label", "").strip() or el.get("aria-labelledby")
                                or el.get("title", "").strip()) else "generic"
        if tag == "form":
            return "form"
        if tag == "li":
            parent = el.getparent()
            if parent is not None and parent.tag in ("ul", "ol", "menu"):
                return "none" if self.presentational(parent) else "listitem"
            return "generic"
        if tag in ("td", "th", "tr", "thead", "tbody", "tfoot"):
            return self._table_part_role(el)
        if tag == "option":
            parent = el.getparent()
            if parent is not None and parent.tag == "optgroup":
                parent = parent.getparent()
            return "option" if parent is not None and parent.tag in ("select", "datalist") \
                else None
        return None

    def table_of(self, el):
        """The nearest <table> ancestor (or the element itself), if any."""
        if el.tag == "table":
            return el
        return next(el.iterancestors("table"), None)

    def _table_part_role(self, el):
        table = self.table_of(el)
        if table is None:
            return None
        table_role = self.role(table)
        if table_role in aria.PRESENTATIONAL:
            return "none"
        if table_role not in ("table", "grid", "treegrid"):
            return "generic"
        tag = el.tag
        if tag == "tr":
            return "row"
        if tag in ("thead", "tbody", "tfoot"):
            return "rowgroup"
        if tag == "td":
            return "gridcell" if table_role != "table" else "cell"
        return self.header_kind(el)

    def header_kind(self, th) -> str:
        """columnheader or rowheader for a <th>, from its scope or its row."""
        scope = (th.get("scope") or "").strip().lower()
        if scope in ("row", "rowgroup"):
            return "rowheader"
        if scope in ("col", "colgroup"):
            return "columnheader"
        row = th.getparent()
        if row is None:
            return "columnheader"
        cells = [c for c in row if c.tag in ("td", "th")]
        if cells and cells[0] is th and any(c.tag == "td" for c in cells):
            return "rowheader"
        return "columnheader"

    # ---- labels and ownership
    def labels(self, el) -> list:
        """<label> elements of a labelable element: by for=id, then the enclosing label."""
        if el.tag not in _LABELABLE or (el.tag == "input" and
                                         (el.get("type") or "").lower() == "hidden"):
            return []
        if self._labels is None:
            self._labels = {}
            for label in self.tagged("label"):
                target = label.get("for")
                if target:
                    self._labels.setdefault(target, []).append(label)
        found = []
        ident = el.get("id")
        if ident and self.by_id(ident) is el:
            found.extend(self._labels.get(ident, ()))
        for anc in el.iterancestors("label"):
            target = anc.get("for")
            if (not target or target == ident) and anc not in found:
                if _first_labelable(anc) is el:
                    found.append(anc)
            break
        return found

    def owner(self, el):
        """The element that owns `el` with aria-owns, if any."""
        if self._owner is None:
            self._owner = {}
            for candidate in self.with_aria:
                for child in self.id_refs(candidate, "aria-owns"):
                    if child is not candidate and child not in self._owner:
                        self._owner[child] = candidate
        return self._owner.get(el)


def _own_flags(el, inherited: int) -> int:
    """The flags of an element given those it inherits from its ancestors."""
    f = inherited
    tag = el.tag
    if tag == "template":
        return f | TEMPLATE
    if tag == "svg":
        f |= SVG
    elif tag in NOT_RENDERED and not f & SVG:
        f |= HIDDEN
    attrib = el.attrib
    if "hidden" in attrib and not f & SVG:
        f |= HIDDEN
    hidden = attrib.get("aria-hidden")
    if hidden is not None and hidden.strip().lower() == "true":
        f |= ARIA_HIDDEN
    if "inert" in attrib:
        f |= INERT
    style = attrib.get("style")
    if style and ("display" in style or "visibility" in style):
        decl = parse_declarations(style)
        display = decl.get("display")
        if display and display[0].lower() == "none":
            f |= HIDDEN
        visibility = decl.get("visibility")
        if visibility:
            if visibility[0].lower() in ("hidden", "collapse"):
                f |= INVISIBLE
            elif visibility[0].lower() == "visible":
                f &= ~INVISIBLE
    return f


def _is_descendant(el, ancestor) -> bool:
    return any(a is ancestor for a in el.iterancestors())


def _first_labelable(label):
    for el in label.iterdescendants():
        if el.tag in _LABELABLE and not (el.tag == "input" and
                                         (el.get("type") or "").lower() == "hidden"):
            return el
    return None


_IMPLICIT = {
    "article": "article", "aside": "complementary", "blockquote": "blockquote",
    "button": "button", "caption": "caption", "code": "code", "datalist": "listbox",
    "del": "deletion", "s": "deletion", "details": "group", "dfn": "term", "dialog": "dialog",
    "dd": "definition", "dt": "term", "em": "emphasis", "fieldset": "group", "figure": "figure",
    "h1": "heading", "h2": "heading", "h3": "heading", "h4": "heading", "h5": "heading",
    "h6": "heading", "hgroup": "group", "hr": "separator", "html": "document",
    "ins": "insertion", "main": "main", "mark": "mark", "math": "math", "menu": "list",
    "meter": "meter", "nav": "navigation", "ol": "list", "ul": "list", "optgroup": "group",
    "output": "status", "p": "paragraph", "progress": "progressbar", "search": "search",
    "strong": "strong", "sub": "subscript", "sup": "superscript", "table": "table",
    "textarea": "textbox", "time": "time", "address": "group",
    "b": "generic", "i": "generic", "u": "generic", "span": "generic", "div": "generic",
    "small": "generic", "bdi": "generic", "bdo": "generic", "data": "generic", "q": "generic",
    "pre": "generic", "samp": "generic", "body": "generic",
    "br": None, "wbr": None, "label": None, "legend": None, "summary": None, "iframe": None,
    "video": None, "audio": None, "canvas": None, "embed": None, "object": None,
    "figcaption": None, "abbr": None, "map": None, "picture": None,
}

_INPUT_ROLES = {
    "button": "button", "image": "button", "reset": "button", "submit": "button",
    "checkbox": "checkbox", "radio": "radio", "range": "slider", "number": "spinbutton",
    "search": "searchbox", "email": "textbox", "tel": "textbox", "text": "textbox",
    "url": "textbox", "": "textbox",
}


def _input_role(el):
    kind = (el.get("type") or "").strip().lower()
    if kind in ("text", "search", "email", "tel", "url", "") and el.get("list"):
        return "combobox"
    if kind not in _INPUT_ROLES and kind not in (
            "hidden", "password", "color", "date", "datetime-local", "file", "month", "time",
            "week"):
        kind = ""  # an unknown type is a text field
    return _INPUT_ROLES.get(kind)


def _svg_role(el, page):
    """SVG-AAM roles of the SVG elements rules care about (others: none)."""
    if el.tag == "svg":
        return "graphics-document"
    if el.tag == "a":
        return "link" if (el.get("href") or el.get("xlink:href")) is not None else "group"
    return None


def text_input(el) -> bool:
    """An <input> whose value is text a user types."""
    return el.tag == "input" and ((el.get("type") or "text").strip().lower() in _TEXT_INPUTS)
