"""Structure rules: lists, definition lists, data tables, focus order, forms, frames, spacing."""
from __future__ import annotations

import re


from . import aria
from .dom import parse_html, Page
from .registry import rule
from .style import parse_declarations

_CELL_ROLES = frozenset({"cell", "gridcell", "columnheader", "rowheader"})
_TABLE_ROLES = frozenset({"table", "grid", "treegrid"})
_SCRIPTING = frozenset({"script", "template"})


@rule("list", wcag="1.3.1", severity="error", tags=("wcag2a",),
      message="<ul>/<ol> 里直接放了 <li> 以外的元素",
      hint="列表的直接子元素只能是 <li>（以及 <script>、<template>）。")
def list_children(page):
    for el in page.tagged("ul", "ol"):
        if page.role(el) != "list" or page.explicit_role(el) or not page.in_at(el):
            continue
        for child in el:
            if child.tag == "li" and child.get("role") is None:
                continue  # the common case: a plain <li> always fits
            if not isinstance(child.tag, str) or child.tag in _SCRIPTING or \
                    not page.in_at(child):
                continue
            if page.explicit_role(child) != "listitem" and (
                    child.tag != "li" or page.explicit_role(child) is not None):
                yield el, None, f"（<{child.tag}>，第 {child.sourceline} 行）"
                break


@rule("listitem", wcag="1.3.1", severity="error", tags=("wcag2a",),
      message="<li> 不在 <ul>、<ol> 或 <menu> 里",
      hint="把 <li> 放进 <ul> 或 <ol>。")
def listitem(page):
    for el in page.tagged("li"):
        if el.get("role") is not None or not page.in_at(el):
            continue  # as axe-core: an <li> with a role is left to the ARIA rules
        parent = el.getparent()
        if parent is None:
            continue
        if parent.tag in ("ul", "ol", "menu"):
            if page.explicit_role(parent) in (None, "list") or page.presentational(parent):
                continue
        elif page.role(parent) == "list":
            continue
        yield el, None, f"（父元素是 <{parent.tag}>）"


@rule("definition-list", wcag="1.3.1", severity="error", tags=("wcag2a",),
      message="<dl> 的内容不是成组的 <dt>/<dd>",
      hint="<dl> 只放成组的 <dt>/<dd>（可以用不带 role 的 <div> 包住一组），每组先 <dt> 后 <dd>。")
def definition_list(page):
    for el in page.tagged("dl"):
        if el.get("role") is not None or not page.in_at(el):
            continue
        problem = _dl_content_problem(page, el) or _dl_order_problem(el)
        if problem:
            yield el, None, problem


def _dl_order_problem(dl) -> str | None:
    """axe-core's structured-dlitems: some <dd> must follow a <dt> when there are any."""
    seen_dt = seen_dd = False
    for child in dl:
        if child.tag == "dt":
            seen_dt = True
        elif child.tag == "dd":
            if seen_dt:
                return None
            seen_dd = True
    return "（<dd> 前面没有 <dt>）" if seen_dt or seen_dd else None


def _dl_content_problem(page, dl) -> str | None:
    """axe-core's only-dlitems: text, or an element other than <dt>/<dd> without a role (a
    role-less <div> counts by its own children), unless its role is definition/term/list."""
    def has_text(parent):
        return bool((parent.text or "").strip()) or any(
            (child.tail or "").strip() for child in parent)

    if has_text(dl):
        return "（<dl> 里直接写了文字）"
    items = []
    for child in dl:
        if not isinstance(child.tag, str):
            continue
        if child.tag == "div" and page.explicit_role(child) is None:
            if has_text(child):
                return f"（<div> 里直接写了文字，第 {child.sourceline} 行）"
            items.extend(c for c in child if isinstance(c.tag, str))
        else:
            items.append(child)
    for item in items:
        if not page.in_at(item):
            continue
        role = page.explicit_role(item)
        if (item.tag not in ("dt", "dd") or role) and role not in ("definition", "term", "list"):
            return f"（<{item.tag}>，第 {item.sourceline} 行）"
    return None


@rule("dlitem", wcag="1.3.1", severity="error", tags=("wcag2a",),
      message="<dt>/<dd> 不在 <dl> 里",
      hint="把 <dt> 和 <dd> 放进 <dl>。")
def dlitem(page):
    for el in page.tagged("dt", "dd"):
        if page.explicit_role(el) or not page.in_at(el):
            continue
        parent = el.getparent()
        if parent is not None and parent.tag == "div" and not page.explicit_role(parent):
            parent = parent.getparent()
        if parent is None or parent.tag != "dl" or page.explicit_role(parent) not in (None, "list"):
            yield el, None, None


def _tables(page):
    """Elements with a table role, in the accessibility tree."""
    candidates = page.tagged("table") + [el for el in page.with_role if el.tag != "table"]
    return [t for t in candidates if page.role(t) in _TABLE_ROLES and page.in_at(t)]


def _owning_table(page, el):
    for anc in el.iterancestors():
        if anc.tag == "table" or page.role(anc) in _TABLE_ROLES:
            return anc
    return None


def table_rows(page, table) -> list[list]:
    """The table's rows, each a list of its cell elements."""
    if table.tag == "table":
        if not page.has_template and next(table.iterdescendants("table"), None) is None:
            # no nested table: every row is this table's (the common case). One walk in C over
            # rows and cells: a row's cells come after it and before the next row.
            rows, row, tr = [], None, None
            for el in table.iter("tr", "td", "th"):
                if el.tag == "tr":
                    row, tr = [], el
                    rows.append(row)
                elif tr is not None and el.getparent() is tr:
                    row.append(el)
            return rows
        return [[c for c in tr if c.tag in ("td", "th")] for tr in table.iter("tr")
                if next(tr.iterancestors("table"), None) is table and page.in_tree(tr)]
    rows = []
    for el in table.iterdescendants():
        if isinstance(el.tag, str) and page.role(el) == "row" and \
                _owning_table(page, el) is table:
            rows.append([c for c in el.iterdescendants() if isinstance(c.tag, str)
                         and page.role(c) in _CELL_ROLES and _row_of(page, c) is el])
    return rows


def _row_of(page, cell):
    for anc in cell.iterancestors():
        if page.role(anc) == "row" or anc.tag == "tr":
            return anc
    return None


def _span(cell, attr) -> int:
    value = cell.get(attr)
    if value is None:
        return 1
    value = value.strip()
    return max(1, min(int(value), 1000)) if value.isdigit() else 1


def table_grid(page, table) -> list[tuple]:
    """Each cell of the table with its place: (cell, row, column, width, height)."""
    key = ("grid", table)
    if key in page.memo:
        return page.memo[key]
    taken: set[tuple[int, int]] = set()  # slots covered by cells spanning rows from above
    placed = []
    for r, cells in enumerate(table_rows(page, table)):
        c = 0
        for cell in cells:
            if taken:
                while (r, c) in taken:
                    c += 1
            attrib = cell.attrib
            width = _span(cell, "colspan") if "colspan" in attrib else 1
            height = _span(cell, "rowspan") if "rowspan" in attrib else 1
            if height > 1:
                taken.update((r + dr, c + dc) for dr in range(1, height) for dc in range(width))
            placed.append((cell, r, c, width, height))
            c += width
    page.memo[key] = placed
    return placed


@rule("td-headers-attr", wcag="1.3.1", severity="error", tags=("wcag2a", "act:a25f45"),
      message="表格里单元格的 headers 属性没有指向同一表格中的表头单元格",
      hint="headers 里的每个 id 都要是同一表格中另一个表头单元格（<th>）的 id。")
def td_headers_attr(page):
    """As axe-core: the <table> is reported when one of its shown cells names in headers=""
    itself, an id that is no cell of the table, or a cell that is not a header."""
    if not page.with_headers:
        return
    for table in page.tagged("table"):
        if page.role(table) not in _TABLE_ROLES or not page.in_at(table):
            continue
        cells = [cell for row in table_rows(page, table) for cell in row]
        if not any(cell.get("headers") is not None for cell in cells):
            continue
        role_by_id = {}
        for cell in cells:
            ident = cell.get("id")
            if ident and ident not in role_by_id:
                role_by_id[ident] = page.role(cell)
        problem = None
        for cell in cells:
            headers = cell.get("headers")
            if headers is None or not headers.strip() or not page.in_at(cell):
                continue
            for ident in headers.split():
                if ident == cell.get("id"):
                    problem = f"（headers 指向单元格自己：{ident}）"
                elif ident not in role_by_id:
                    problem = f"（{ident} 不是这个表格里的单元格）"
                elif role_by_id[ident] not in ("columnheader", "rowheader"):
                    problem = f"（{ident} 不是表头单元格）"
                if problem:
                    break
            if problem:
                break
        if problem:
            yield table, None, problem


def _cell_role(page, cell, table_role) -> str | None:
    """A cell's role; quick for plain <td>/<th> in a table whose rows keep their roles."""
    if cell.get("role") is not None or table_role not in _TABLE_ROLES or \
            cell.tag not in ("td", "th"):
        return page.role(cell)
    if cell.tag == "td":
        return "cell" if table_role == "table" else "gridcell"
    return page.header_kind(cell)


@rule("th-has-data-cells", wcag="1.3.1", severity="error", tags=("wcag2a", "act:d0f69e"),
      message="表头单元格没有对应的数据单元格",
      hint="删掉多余的表头，或让数据单元格在它的行/列里（或用 headers 指向它）。")
def th_has_data_cells(page):
    any_headers = bool(page.with_headers)
    for table in _tables(page):
        table_role = page.role(table) if table.tag == "table" else None
        if not page.with_span and not any_headers:
            header = _unused_header_simple(page, table, table_role)
            if header is not None:
                yield table, None, f"（第 {header.sourceline} 行的表头）"
            continue
        grid = table_grid(page, table)
        referenced = set()
        # The last row holding a cell that is not a column header, per column, and the last
        # column holding a cell that is not a row header, per row (cells without headers="").
        last_row: dict[int, int] = {}
        last_column: dict[int, int] = {}
        header_cells = []
        for placed in grid:
            cell, r, c, width, height = placed
            get = cell.get
            labelledby = get("aria-labelledby")
            if labelledby:
                referenced.update(labelledby.split())  # as axe-core: that header is used
            if any_headers:
                headers = (get("headers") or "").split()
                if headers:
                    referenced.update(headers)
                    if any(page.by_id(ident) is not None for ident in headers):
                        continue  # headers that name nothing leave the cell to its row/column
            if cell.tag == "td" and get("role") is None:
                role = "cell"
            else:
                role = _cell_role(page, cell, table_role)
                if role == "columnheader" or role == "rowheader":
                    header_cells.append((placed, role))
            if width == 1 and height == 1:
                if role != "columnheader" and r > last_row.get(c, -1):
                    last_row[c] = r
                if role != "rowheader" and c > last_column.get(r, -1):
                    last_column[r] = c
                continue
            bottom, right = r + height - 1, c + width - 1
            if role != "columnheader":
                for column in range(c, c + width):
                    if bottom > last_row.get(column, -1):
                        last_row[column] = bottom
            if role != "rowheader":
                for row in range(r, r + height):
                    if right > last_column.get(row, -1):
                        last_column[row] = right
        for (cell, r, c, width, height), role in header_cells:
            scope = (cell.get("scope") or "").strip().lower()
            by_column = role == "columnheader" or (cell.tag == "th" and
                                                  scope not in ("row", "rowgroup"))
            by_row = role == "rowheader" or (cell.tag == "th" and scope not in ("col", "colgroup"))
            if by_column and any(last_row.get(col, -1) > r + height - 1
                                 for col in range(c, c + width)):
                continue
            if by_row and any(last_column.get(row, -1) > c + width - 1
                              for row in range(r, r + height)):
                continue
            if cell.get("id") in referenced or not page.in_at(cell) or \
                    not "".join(cell.itertext()).strip():
                continue  # axe-core leaves out headers without text
            yield table, None, f"（第 {cell.sourceline} 行的表头）"  # axe reports the table
            break


def _unused_header_simple(page, table, table_role):
    """th-has-data-cells for a page without colspan, rowspan or headers="" (most pages):
    every cell fills one slot, so rows and columns are plain positions, and the rows and
    columns grow in order. The first header cell without a data cell, or None."""
    last_row: dict[int, int] = {}  # column -> last row with a cell that is no column header
    last_column = []  # row -> last column with a cell that is no row header
    header_cells = []
    roles = bool(page.with_role) or page.has_template  # else no cell has a role attribute
    for r, cells in enumerate(table_rows(page, table)):
        last = -1
        for c, cell in enumerate(cells):
            if cell.tag == "td" and (not roles or cell.get("role") is None):
                last_row[c] = r
                last = c
                continue
            role = _cell_role(page, cell, table_role)
            if role == "columnheader" or role == "rowheader":
                header_cells.append((cell, r, c, role))
            if role != "columnheader":
                last_row[c] = r
            if role != "rowheader":
                last = c
        last_column.append(last)
    referenced = None
    for cell, r, c, role in header_cells:
        scope = (cell.get("scope") or "").strip().lower()
        by_column = role == "columnheader" or (cell.tag == "th" and
                                              scope not in ("row", "rowgroup"))
        by_row = role == "rowheader" or (cell.tag == "th" and scope not in ("col", "colgroup"))
        if by_column and last_row.get(c, -1) > r:
            continue
        if by_row and last_column[r] > c:
            continue
        if referenced is None:  # headers named by a cell's aria-labelledby count as used
            referenced = {ident for row in table_rows(page, table) for other in row
                          for ident in (other.get("aria-labelledby") or "").split()}
        if cell.get("id") in referenced or not page.in_at(cell) or \
                not "".join(cell.itertext()).strip():
            continue  # axe-core leaves out headers without text
        return cell
    return None


@rule("tabindex", wcag="", severity="warning", tags=("best-practice",),
      message="tabindex 大于 0，会打乱键盘的访问顺序",
      hint='用 tabindex="0" 或 -1，按文档顺序安排焦点。')
def tabindex(page):
    for el in page.with_tabindex:
        index = page.tabindex(el)
        if index is not None and index > 0:
            yield el, f'tabindex="{el.get("tabindex")}"', None


_CONTACT = "tel tel-country-code tel-national tel-area-code tel-local tel-local-prefix " \
           "tel-local-suffix tel-extension email impp"
_FIELDS = (
    "name honorific-prefix given-name additional-name family-name honorific-suffix nickname "
    "organization-title username new-password current-password one-time-code organization "
    "street-address address-line1 address-line2 address-line3 address-level4 address-level3 "
    "address-level2 address-level1 country country-name postal-code cc-name cc-given-name "
    "cc-additional-name cc-family-name cc-number cc-exp cc-exp-month cc-exp-year cc-csc cc-type "
    "transaction-currency transaction-amount language bday bday-day bday-month bday-year sex url "
    "photo " + _CONTACT)
AUTOFILL_FIELDS = frozenset(_FIELDS.split())
CONTACT_FIELDS = frozenset(_CONTACT.split())
# Input types whose value autocomplete cannot describe (ACT 73f2c2 "fixed value").
_FIXED_VALUE_TYPES = frozenset({"button", "checkbox", "file", "image", "radio", "reset",
                                "submit", "hidden"})


# Values axe-core takes for on/off (browsers ignore them and keep autofill as it is).
_STATE_TERMS = frozenset("on off none false true disabled enabled undefined null xoff xon".split())
# Field names proposed for HTML that axe-core neither passes nor fails.
_UNDECIDED_TERMS = frozenset("text pronouns gender message content".split())


def autocomplete_problem(value: str) -> str | None:
    """Why an autocomplete value is not a valid list of autofill detail tokens, or None."""
    tokens = value.lower().split()
    if tokens and tokens[-1] == "webauthn":
        tokens = tokens[:-1]
    if tokens and tokens[0].startswith("section-"):
        tokens = tokens[1:]
    if tokens and tokens[0] in ("shipping", "billing"):
        tokens = tokens[1:]
    contact = bool(tokens) and tokens[0] in ("home", "work", "mobile", "fax", "pager")
    if contact:
        tokens = tokens[1:]
    if len(tokens) != 1 or tokens[0] not in AUTOFILL_FIELDS:
        return "不是有效的自动填充字段"
    if contact and tokens[0] not in CONTACT_FIELDS:
        return f"{tokens[0]} 不能加 home/work 等联系方式前缀"
    return None


@rule("autocomplete-valid", wcag="1.3.5", severity="error", tags=("wcag21aa", "act:73f2c2"),
      message="autocomplete 的值不是有效的自动填充字段",
      hint='使用 HTML 规定的字段名，例如 autocomplete="name"、"email"、"tel"。')
def autocomplete_valid(page):
    for el in page.tagged("input", "select", "textarea"):
        value = (el.get("autocomplete") or "").strip()
        if not value or value.lower() in _STATE_TERMS:
            continue
        if el.get("readonly") is not None or \
                (el.get("aria-readonly") or "").strip().lower() == "true" or \
                (el.get("aria-disabled") or "").strip().lower() == "true":
            continue  # as axe-core: nothing a user fills in
        if el.tag == "input" and (el.get("type") or "").strip().lower() in _FIXED_VALUE_TYPES:
            continue
        if page.disabled(el) or page.hidden_from_all(el):
            continue
        if not page.tabbable(el) and page.role(el) not in aria.WIDGET_ROLES:
            continue  # a static element: nothing to fill in
        problem = autocomplete_problem(value)
        if problem and value.split()[-1].lower() not in _UNDECIDED_TERMS:
            yield el, f'autocomplete="{value}"', f"（{problem}）"


@rule("frame-focusable-content", wcag="2.1.1", severity="error", tags=("wcag2a", "act:akn7bn"),
      message='tabindex="-1" 的内嵌框架里有可聚焦内容，键盘用户进不去',
      hint='删除 <iframe> 上的负 tabindex。')
def frame_focusable_content(page):
    for el in page.tagged("iframe"):
        index = page.tabindex(el)
        srcdoc = el.get("srcdoc")
        if index is None or index >= 0 or not srcdoc or not page.visible(el) or \
                page.inert(el) or _tiny(el):
            continue
        inner = Page(parse_html(srcdoc.encode("utf-8")))
        if any(inner.tabbable(node) for node in inner.elements()):
            yield el, None, None


def _tiny(el) -> bool:
    """A frame one pixel wide or high shows nothing."""
    for attr in ("width", "height"):
        value = (el.get(attr) or "").strip()
        if value.isdigit() and int(value) <= 1:
            return True
    return False


_SPACING = (("letter-spacing", 0.12), ("word-spacing", 0.16))
_LENGTH = re.compile(r"^([-+]?(?:\d+\.?\d*|\.\d+))(em|px|rem|pt|)$")


def font_size_px(page, el) -> float:
    """The font size from inline styles of the element and its ancestors (16px default)."""
    chain = [el] + list(el.iterancestors())
    size = 16.0
    for node in reversed(chain):
        style = node.get("style")
        if not style or "font-size" not in style:
            continue
        value = parse_declarations(style).get("font-size")
        match = _LENGTH.match(value[0].strip().lower()) if value else None
        if match:
            number, unit = float(match.group(1)), match.group(2)
            size = {"em": number * size, "rem": number * 16, "pt": number * 4 / 3}.get(
                unit, number)
    return size


def _spacing_em(page, el, value: str) -> float | None:
    """The spacing in em, or None when it is inherited or cannot be judged without layout."""
    value = value.strip().lower()
    if value in ("normal", "initial"):
        return 0.0
    match = _LENGTH.match(value)
    if not match:
        return None
    number, unit = float(match.group(1)), match.group(2)
    if unit == "em":
        return number
    if unit == "" and number != 0:
        return None
    px = {"rem": number * 16, "pt": number * 4 / 3}.get(unit, number)
    return px / font_size_px(page, el)


def _has_text_children(el) -> bool:
    """Whether the element has text node children that are not only whitespace."""
    if el.text and not el.text.isspace():
        return True
    return any(child.tail and not child.tail.isspace() for child in el)


@rule("avoid-inline-spacing", wcag="1.4.12", severity="error",
      tags=("wcag21aa", "act:24afc2", "act:9e45ec"),
      message="行内样式用 !important 锁定了过小的字间距或词间距，用户无法调大",
      hint="不要在 style 里用 !important 设置 letter-spacing / word-spacing，或把值设为不小于 0.12em / 0.16em。")
def avoid_inline_spacing(page):
    for el in page.with_style:
        if not page.visible(el):
            continue
        decl = parse_declarations(el.get("style"))
        for prop, minimum in _SPACING:
            value = decl.get(prop)
            if value is None or not value[1]:
                continue
            em = _spacing_em(page, el, value[0])
            if em is not None and em < minimum - 1e-9 and _has_text_children(el):
                yield el, f"{prop}: {value[0]} !important", f"（{prop}: {value[0]}）"



