"""ARIA rules: valid roles, attributes and values, required context, hiding and focus."""
from __future__ import annotations

import re

from . import aria
from .dom import ARIA_HIDDEN
from .registry import rule

_INTEGER = re.compile(r"^[-+]?\d+$")
_NUMBER = re.compile(r"^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$")
_IDREF_ATTRS = ("aria-labelledby", "aria-describedby", "aria-controls", "aria-owns",
                "aria-activedescendant", "aria-errormessage", "aria-details", "aria-flowto")
_NOT_OWNABLE = frozenset({"script", "style", "template", "noscript", "col", "colgroup"})
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def _unique(elements) -> list:
    """The elements without repeats, first occurrence kept."""
    seen = set()
    return [el for el in elements if not (el in seen or seen.add(el))]


def _aria_attrs(el):
    return [(n, v) for n, v in el.attrib.items() if n.startswith("aria-")]


@rule("aria-valid-attr", wcag="4.1.2", severity="error", tags=("wcag2a", "act:5f99a7"),
      message="使用了不存在的 ARIA 属性",
      hint="检查拼写，只使用 WAI-ARIA 规范定义的 aria-* 属性。")
def aria_valid_attr(page):
    for el in page.with_aria:
        for name, _ in _aria_attrs(el):
            if name not in aria.ALL_ATTRS:
                yield el, name, f"（{name}）"


_DECIMAL = re.compile(r"^[-+]?([0-9]*)\.?([0-9]*)$")


def valid_value(page, el, name: str, value: str) -> bool:
    """Whether `value` is allowed for the ARIA attribute `name` (axe-core's test: id
    references must name an element of the page, integers have a least value)."""
    kind = aria.ATTR_TYPES.get(name)
    if name in aria.ALLOW_EMPTY and not value.strip():
        return True
    lowered = value.lower()
    if kind == "bool":
        return lowered in ("true", "false")
    if kind in ("bool-undefined", "tristate", "token"):
        tokens = aria.TOKENS.get(name) or (
            {"true", "false", "undefined"} | ({"mixed"} if kind == "tristate" else set()))
        return lowered in tokens
    if kind == "tokens":
        tokens = value.split()
        return bool(tokens) and all(token in aria.TOKENS[name] for token in tokens)
    if kind == "idref":
        return page.by_id(value) is not None
    if kind == "idrefs":
        return any(page.by_id(token) is not None for token in value.split())
    if kind == "string":
        return bool(value.strip())
    if kind == "number":
        match = _DECIMAL.match(value)
        return bool(match and (match.group(1) or match.group(2)))
    if kind == "integer":
        return bool(_INTEGER.match(value)) and int(value) >= aria.MIN_VALUE.get(name, -10 ** 9)
    return True


def _reported_when_invalid(el, name: str) -> bool:
    """Whether axe-core reports an invalid value of `name` as a violation (not "needs review")."""
    if name in ("aria-describedby", "aria-labelledby", "aria-current"):
        return False
    if name == "aria-controls":
        popup = el.get("aria-haspopup")
        return (popup is None or popup == "false") and el.get("aria-expanded") != "false" \
            and el.get("aria-selected") != "false"
    if name == "aria-owns":
        return el.get("aria-expanded") != "false"
    return True


def errormessage_problem(page, el) -> str | None:
    """Why aria-errormessage does not point at a usable error message (axe-core's check), or
    None: one id, of an element in the accessibility tree that is an alert, a live region or
    also in aria-describedby."""
    value = el.get("aria-errormessage")
    invalid = el.get("aria-invalid")
    if value is None or invalid is None or invalid == "false" or not value.strip():
        return None
    tokens = value.split()
    if len(tokens) > 1:
        return "只能指向一个 id"
    target = page.by_id(tokens[0])
    if target is None:
        return None  # axe cannot tell: the message may be added later
    if not page.in_at(target):
        return "指向的元素被隐藏"
    if (target.get("role") or "").strip().lower() == "alert" or \
            target.get("aria-live") in ("assertive", "polite") or \
            tokens[0] in (el.get("aria-describedby") or "").split():
        return None
    return "指向的元素不是 role=alert 或实时区域，也不在 aria-describedby 里"


@rule("aria-valid-attr-value", wcag="4.1.2", severity="error", tags=("wcag2a", "act:6a7281"),
      message="ARIA 属性的值无效",
      hint="按 WAI-ARIA 规范给出允许的值，例如 true/false、整数或规定的关键词；id 引用要指向页面上存在的元素。")
def aria_valid_attr_value(page):
    for el in page.with_aria:
        if not page.in_at(el) or el.tag == "math" or \
                any(a.tag == "math" for a in el.iterancestors()):
            continue
        for name, value in _aria_attrs(el):
            if name == "aria-errormessage" or name not in aria.ATTR_TYPES:
                continue
            if valid_value(page, el, name, value) or not _reported_when_invalid(el, name):
                continue
            if value == "" and aria.ATTR_TYPES[name] != "string":
                continue  # axe asks for review of an empty value
            yield el, f'{name}="{value}"', f"（{name}=\"{value}\"）"
            break
        else:
            problem = errormessage_problem(page, el)
            if problem:
                yield el, f'aria-errormessage="{el.get("aria-errormessage")}"', f"（aria-errormessage {problem}）"


@rule("aria-roles", wcag="4.1.2", severity="error", tags=("wcag2a", "act:674b10"),
      message="role 属性没有一个有效的 ARIA 角色",
      hint="使用 WAI-ARIA 定义的非抽象角色，或删除 role 属性。")
def aria_roles(page):
    for el in page.with_role:
        value = el.get("role", "")
        if value.strip() and page.in_at(el) and page.explicit_role(el) is None:
            yield el, f'role="{value}"', f"（role=\"{value}\"）"


def attribute_role(page, el):
    """The role whose supported attributes apply to `el` (inputs without a role act as text
    fields, <summary> as a button, media as an application)."""
    role = page.role(el)
    if role is None:
        if el.tag == "input":
            return "textbox"
        if el.tag == "summary":
            return "button"
        if el.tag in ("audio", "video"):
            return "application"  # as ARIA in HTML allows
    return role


def _ignored_attr(el, name: str, value: str) -> bool:
    """Attributes axe-core lets pass on any role: a false aria-required, a false
    aria-multiline on an editable element."""
    return value == "false" and (name == "aria-required" or (
        name == "aria-multiline" and el.get("contenteditable") is not None))


def _case_problem(el) -> str | None:
    """An attribute whose value axe-core matches case-sensitively written in other letters."""
    for name, value in _aria_attrs(el):
        fallback = aria.CASE_SENSITIVE.get(name)
        if fallback is not None and value and value != value.lower() and \
                value.lower() != fallback:
            return name
    return None


@rule("aria-allowed-attr", wcag="4.1.2", severity="error", tags=("wcag2a", "act:5c01ea"),
      message="元素的角色不支持这个 ARIA 属性",
      hint="删除这个属性，或换成支持它的角色。")
def aria_allowed_attr(page):
    for el in page.with_aria:
        if not page.in_at(el):
            continue
        role = None
        found = None
        for name, value in _aria_attrs(el):
            supported = aria.SUPPORTED_ROLES.get(name)
            if supported is None:
                if el.tag in aria.ONLY_ARIA_HIDDEN and name in aria.GLOBAL_ATTRS and \
                        name != "aria-hidden" and page.explicit_role(el) is None:
                    found = (name, f"（<{el.tag}> 只能用 aria-hidden）")
                    break
                continue  # global or unknown (aria-valid-attr reports unknown ones)
            role = role or attribute_role(page, el)
            if role not in supported and not _ignored_attr(el, name, value):
                found = (name, f"（角色 {role or '无'} 不支持 {name}）")
                break
        if found is None:
            name = _case_problem(el)
            if name:
                found = (name, f"（{name}=\"{el.get(name)}\" 要用小写）")
        if found is not None:
            yield el, found[0], found[1]


@rule("aria-prohibited-attr", wcag="4.1.2", severity="error", tags=("wcag2a", "act:kb1m8s"),
      message="这个角色禁止使用这个 ARIA 属性（如 aria-label、aria-roledescription）",
      hint="把说明写成可见文字，或给元素一个允许命名的角色。")
def aria_prohibited_attr(page):
    for el in page.with_aria:
        if not page.in_at(el):
            continue
        name = _prohibited_name(page, el)
        if name:
            yield el, name, f"（<{el.tag}> 上的 {name}）"
            continue
        role = page.role(el)
        # ARIA 1.2 (ACT kb1m8s), which axe-core does not check: no braille label where a
        # name is prohibited, no role description on generic or presentational elements
        extra = ["aria-braillelabel"] if role in aria.NAME_PROHIBITED else []
        if role in aria.ROLEDESCRIPTION_PROHIBITED:
            extra += ["aria-roledescription", "aria-brailleroledescription"]
        for name in extra:
            if el.get(name, "").strip():
                yield el, name, f"（角色 {role} 上的 {name}）"
                break


_AXE_NAMING_PROHIBITED_ROLES = frozenset(
    "caption code deletion emphasis insertion mark none paragraph presentation strong "
    "subscript superscript suggestion".split())
_NAMING_PROHIBITED_TAGS = frozenset(
    "abbr b bdi bdo body caption cite code data dd del div em figcaption i ins kbd label legend "
    "mark p pre q rp rt s samp small span strong sub sup time u var".split())
_HTML_TAGS = frozenset("""
a abbr address area article aside audio b base bdi bdo blockquote body br button canvas caption
cite code col colgroup data datalist dd del dfn details dialog div dl dt em embed fieldset
figcaption figure footer form h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe img input ins
kbd label legend li link main map math mark menu meta meter nav noscript object ol optgroup option
output p param picture pre progress q rp rt ruby s samp script search section select slot small
source span strong style svg sub summary sup table tbody template textarea tfoot thead time title
td th tr track u ul var video wbr""".split())
_AXE_WIDGET_ROLES = frozenset(
    "button checkbox combobox gridcell link listbox menuitem menuitemcheckbox menuitemradio "
    "option progressbar radio scrollbar searchbox slider spinbutton switch tab textbox "
    "treeitem".split())


def _prohibited_name(page, el) -> str | None:
    """aria-label or aria-labelledby where axe-core reports it as prohibited: on a role that
    prohibits naming, or, without a role, on an element HTML gives no name (span, div, a
    without href, unknown elements ...) outside a widget. Where axe only asks for review
    (the element has text, or aria-labelledby points at shown elements) this reports, as
    ACT kb1m8s does."""
    role = page.explicit_role(el)
    if role is not None:
        if role not in _AXE_NAMING_PROHIBITED_ROLES:
            return None
    elif el.tag in _HTML_TAGS and el.tag not in _NAMING_PROHIBITED_TAGS and not (
            el.tag in ("a", "area") and el.get("href") is None):
        return None
    elif _in_widget(page, el) or page.is_svg(el):
        return None
    present = [n for n in ("aria-label", "aria-labelledby") if (el.get(n) or "").strip()]
    return present[0] if present else None


def _in_widget(page, el) -> bool:
    """Whether the nearest ancestor with a role is a widget."""
    for anc in el.iterancestors():
        role = page.role(anc)
        if role is None or role == "generic" or role in aria.PRESENTATIONAL:
            continue
        return role in _AXE_WIDGET_ROLES
    return False


def _has_native_state(el, attr: str) -> bool:
    kind = (el.get("type") or "").strip().lower() if el.tag == "input" else ""
    if attr == "aria-checked":
        return kind in ("checkbox", "radio")
    if attr == "aria-valuenow":
        return kind in ("range", "number") or el.tag in ("meter", "progress")
    return False


@rule("aria-required-attr", wcag="4.1.2", severity="error", tags=("wcag2a", "act:4e8ab6"),
      message="ARIA 角色缺少必需的状态或属性",
      hint="补上这个角色必需的属性，例如 role=checkbox 要有 aria-checked。")
def aria_required_attr(page):
    for el in page.with_role:
        role = page.explicit_role(el)
        if role not in aria.REQUIRED_ATTRS or page.role(el) != role or not page.in_at(el):
            continue
        if page.implicit_role(el) == role:
            continue
        if role == "separator" and not page.focusable(el):
            continue
        if (role == "combobox" and el.get("aria-expanded") == "false") or \
                (role == "slider" and el.get("aria-valuetext")):
            continue  # as axe-core: a closed combobox, a slider that says its value in words
        for attr in aria.REQUIRED_ATTRS[role]:
            if not el.get(attr, "").strip() and not _has_native_state(el, attr):
                yield el, None, f"（role={role} 缺少 {attr}）"


def owned_elements(page, el) -> list:
    """The accessibility children of `el`: child elements (through presentational ones) and
    aria-owns targets, without hidden or unrendered ones."""
    found = []

    def collect(child):
        if child.tag in _NOT_OWNABLE or not page.in_at(child):
            return
        owner = page.owner(child)
        if owner is not None and owner is not el:
            return
        if page.presentational(child) or _wrapper(page, child):
            for grandchild in child:
                if isinstance(grandchild.tag, str):
                    collect(grandchild)
        else:
            found.append(child)

    for child in el:
        if isinstance(child.tag, str):
            collect(child)
    for child in page.id_refs(el, "aria-owns"):
        if child not in found and child is not el:
            found.append(child)
    return found


def _wrapper(page, el) -> bool:
    """A plain generic element around other elements, which the accessibility tree leaves out
    (a generic element with only text, or empty, still counts as owned)."""
    return (page.role(el) == "generic" and not page.has_global_aria(el)
            and not page.focusable(el)
            and any(isinstance(c.tag, str) and page.in_at(c) for c in el))


_IMPLICIT_CONTAINERS = ("ul", "ol", "menu", "table", "tr", "thead", "tbody", "tfoot", "select")
# Children that always fit a native container left with its own role.
_NATIVE_CHILDREN = {
    "ul": {"li"}, "ol": {"li"}, "menu": {"li"}, "tr": {"td", "th"},
    "thead": {"tr"}, "tbody": {"tr"}, "tfoot": {"tr"},
    "table": {"caption", "thead", "tbody", "tfoot", "tr", "colgroup"},
    "select": {"option", "optgroup", "hr"},
}


def _plainly_native(el, roles: bool = True) -> bool:
    """A native container without roles on it or its children, whose children all fit it.
    roles=False: the page has no role attribute in it (nor a template), none to look for."""
    fitting = _NATIVE_CHILDREN.get(el.tag)
    if fitting is None or el.get("role") is not None or el.get("aria-owns") is not None:
        return False
    if not roles:
        for child in el:
            if child.tag not in fitting and isinstance(child.tag, str):
                return False
        return True
    for child in el:
        tag = child.tag
        if tag in fitting:
            if child.get("role") is not None:
                return False
        elif isinstance(tag, str):
            return False
    return True


def _native_container_problem(page, el):
    """For a native container without a role attribute (which axe-core leaves to its list
    rules, and ACT bc4a75 does not): the first element it owns whose role does not fit."""
    if _plainly_native(el, bool(page.with_role) or page.has_template) or not page.in_at(el):
        return None
    allowed = aria.REQUIRED_OWNED.get(page.role(el))
    if allowed is None or el.get("aria-busy", "").strip().lower() == "true":
        return None
    if page.role(el) == "listbox":
        allowed = allowed | {"separator"}
    return _wrongly_owned(page, el, allowed)


def _wrongly_owned(page, container, allowed):
    """The first element `container` owns whose role is not allowed; a group it owns must in
    turn own only allowed roles."""
    for child in owned_elements(page, container):
        child_role = page.role(child)
        if child_role not in allowed:
            return child
        if child_role == "group":
            wrong = _wrongly_owned(page, child, allowed)
            if wrong is not None:
                return wrong
    return None


# Roles axe-core only asks to review when they own nothing at all.
_REVIEW_EMPTY = frozenset("doc-bibliography doc-endnotes grid list listbox menu menubar table "
                          "tablist tree treegrid rowgroup".split())


@rule("aria-required-children", wcag="1.3.1", severity="error", tags=("wcag2a", "act:bc4a75"),
      message="容器角色里有它不允许的子元素，或缺少必需的子元素",
      hint="容器只能直接包含规定的子角色，例如 list 里只放 listitem，表格行里只放单元格。")
def aria_required_children(page):
    """As axe-core: an element with an explicit container role may own only the roles it
    requires (or roles whose own required context it is), and must own one of them unless
    it is aria-busy or an empty list-like container (those axe only asks to review)."""
    for el in page.tagged(*_IMPLICIT_CONTAINERS):
        if el.get("role") is None:
            wrong = _native_container_problem(page, el)
            if wrong is not None:
                yield el, None, f"（<{el.tag}> 里有 <{wrong.tag}>，角色 {page.role(wrong) or '无'}）"
    for el in page.with_role:
        role = page.explicit_role(el)
        required = aria.REQUIRED_OWNED.get(role)
        if required is None or not page.in_at(el):
            continue
        owned, has_content = _axe_owned(page, el, required)
        wrong = next((node for node, node_role in owned if node_role not in required
                      and role not in aria.REQUIRED_CONTEXT.get(node_role, ())), None)
        if wrong is not None:
            yield el, None, f"（role={role} 里有 <{wrong.tag}>，角色 {page.role(wrong) or '无'}）"
        elif any(node_role in required for _, node_role in owned):
            continue
        elif el.get("aria-busy", "") == "true":
            continue
        elif role in _REVIEW_EMPTY and not has_content:
            continue
        else:
            yield el, None, f"（role={role} 缺少 {'、'.join(sorted(required))}）"


def _axe_owned(page, container, required):
    """The (element, role) pairs `container` owns as axe-core finds them: child elements and
    aria-owns targets, looking through elements without a role, global ARIA attribute or
    focus, and through the group/rowgroup roles `required` lists; and whether any text or
    element is owned at all."""
    queue = [c for c in container if isinstance(c.tag, str)]
    queue += [t for t in page.id_refs(container, "aria-owns") if t is not container]
    has_content = bool((container.text or "").strip()) or any(
        (c.tail or "").strip() for c in container)
    owned = []
    while queue:
        node = queue.pop(0)
        if not isinstance(node.tag, str) or node.tag in _NOT_OWNABLE or not page.in_at(node):
            continue
        role = page.role(node)
        if node.tag == "li" and page.explicit_role(node) is None:
            role = "listitem"  # axe-core gives <li> its role wherever it is
        elif role in aria.PRESENTATIONAL or role == "generic":
            role = None
        global_or_focus = any(name in aria.GLOBAL_ATTRS for name in node.keys()) or \
            page.axe_focusable(node)
        if (role is None and not global_or_focus) or (role in ("group", "rowgroup")
                                                      and role in required):
            queue.extend(c for c in node if isinstance(c.tag, str))
            if (node.text or "").strip() or any((c.tail or "").strip() for c in node):
                has_content = True
        else:
            has_content = True
            owned.append((node, role))
    return owned, has_content


def _skipped_in_context(page, el) -> bool:
    """An ancestor that the accessibility tree leaves out when finding a parent role."""
    role = page.role(el)
    if role is None or role in aria.PRESENTATIONAL:
        return True
    return role == "generic" and not page.has_global_aria(el) and not page.focusable(el)


def _parent_outside_groups(page, el, role, context):
    """The role found instead of a required parent ("" for none), or None when the context is
    right. As axe-core: a group in between is looked through (a listitem or treeitem in a group
    then needs the group inside a list/tree or inside another such item)."""
    owner = page.owner(el)
    node = el
    allows_group = "group" in context
    while True:
        if owner is not None:
            parent, parent_role = owner, page.role(owner)
        else:
            parent = None
            for anc in node.iterancestors():
                if not _skipped_in_context(page, anc):
                    parent = anc
                    break
                if page.owner(anc) is not None:  # a skipped ancestor that aria-owns moves
                    parent = page.owner(anc)
                    break
            parent_role = page.role(parent) if parent is not None else None
        if parent_role in context and parent_role != "group":
            return None
        if parent_role == "group" and allows_group:
            context = (context - {"group"}) | ({role} if role in ("listitem", "treeitem")
                                                 else set())
            node, owner = parent, page.owner(parent)
            continue
        return parent_role or ""


def context_role(page, el):
    """The role of the nearest accessibility ancestor (aria-owns first)."""
    owner = page.owner(el)
    if owner is not None:
        return page.role(owner)
    for anc in el.iterancestors():
        if not _skipped_in_context(page, anc):
            return page.role(anc)
    return None


@rule("aria-required-parent", wcag="1.3.1", severity="error", tags=("wcag2a", "act:ff89c9"),
      message="ARIA 角色不在它必需的父角色里",
      hint="把元素放进规定的容器，例如 role=listitem 放在 role=list 里，role=tab 放在 tablist 里。")
def aria_required_parent(page):
    for el in page.with_role:
        role = page.explicit_role(el)
        context = aria.REQUIRED_CONTEXT.get(role)
        if context is None or page.role(el) != role or not page.in_at(el):
            continue
        parent_role = _parent_outside_groups(page, el, role, context)
        if parent_role is not None:
            yield el, None, f"（role={role} 的父角色是 {parent_role or '无'}）"


@rule("aria-hidden-body", wcag="4.1.2", severity="error", tags=("wcag2a",),
      message='<body> 上有 aria-hidden="true"，整页对读屏软件不可见',
      hint='删除 <body> 上的 aria-hidden。')
def aria_hidden_body(page):
    for body in page.tagged("body"):
        if body.get("aria-hidden", "").strip().lower() == "true":
            yield body, None, None


@rule("aria-hidden-focus", wcag="4.1.2", severity="error", tags=("wcag2a", "act:6cfa84"),
      message='aria-hidden="true" 的内容里有可以用 Tab 键聚焦的元素',
      hint='把可聚焦元素移出隐藏区，或给它 tabindex="-1" / disabled，或不要用 aria-hidden。')
def aria_hidden_focus(page):
    for el in page.with_aria:
        if el.get("aria-hidden", "").strip().lower() != "true":
            continue
        parent = el.getparent()
        if parent is not None and page.flags.get(parent, 0) & ARIA_HIDDEN:
            continue
        for node in el.iter():
            if isinstance(node.tag, str) and page.in_tree(node) and page.tabbable(node):
                yield el, None, f"（可聚焦的 <{node.tag}>，第 {node.sourceline} 行）"
                break


@rule("presentation-role-conflict", wcag="1.3.1", severity="warning",
      tags=("best-practice", "act:46ca7f"),
      message="标为装饰（role=none/presentation 或 alt=\"\"）的元素仍会被读屏软件读出",
      hint="装饰元素不能有 tabindex 或全局 ARIA 属性（如 aria-label）；要么去掉它们，要么不要标为装饰。")
def presentation_role_conflict(page):
    """As axe-core: an element marked decorative (role none/presentation exactly, or
    <img alt="">) that has a role of its own in Chromium, and is focusable or has a global
    ARIA attribute."""
    decorative = [el for el in page.with_role
                  if el.get("role").strip().lower() in aria.PRESENTATIONAL]
    decorative += [el for el in page.tagged("img") if el.get("alt") == ""]
    for el in _unique(decorative):
        if not page.in_at(el) or not _chromium_role(page, el):
            continue
        if page.axe_focusable(el) or any(name in aria.GLOBAL_ATTRS for name in el.keys()):
            yield el, None, None


# Elements Chromium gives a role that HTML-AAM does not.
_CHROMIUM_ROLES = frozenset(
    "audio canvas dl embed iframe label li meter object summary svg video".split())


def _chromium_role(page, el) -> bool:
    """Whether Chromium gives the element a role of its own (not a plain generic)."""
    return el.tag in _CHROMIUM_ROLES or page.implicit_role(el) not in (None, "generic")


@rule("nested-interactive", wcag="4.1.2", severity="error", tags=("wcag2a", "act:307n5z"),
      message="交互控件里嵌套了可聚焦的元素",
      hint="不要在按钮、复选框、标签页等控件里放链接或其他控件；把它们并列摆放。")
def nested_interactive(page):
    for el in _unique(page.with_role + page.tagged("button")):
        if page.role(el) not in aria.CHILDREN_PRESENTATIONAL or not page.in_at(el):
            continue
        for node in el.iterdescendants():
            if isinstance(node.tag, str) and page.in_tree(node) and _focusable_widget(page, node):
                yield el, None, f"（里面可聚焦的 <{node.tag}>，第 {node.sourceline} 行）"
                break


def _focusable_widget(page, el) -> bool:
    """As axe-core counts nested controls: a focusable element (tabindex="-1" too) with a
    widget role; a focusable <span tabindex="0"> without a role does not count."""
    return page.role(el) in _AXE_WIDGET_ROLES and page.rendered(el) and not page.inert(el) \
        and page.axe_focusable(el)


def _referenced_ids(page) -> set[str]:
    """Ids that ARIA attributes or <label for> refer to."""
    if "referenced ids" in page.memo:
        return page.memo["referenced ids"]
    referenced = page.memo["referenced ids"] = set()
    for el in page.with_aria:
        for attr in _IDREF_ATTRS:
            value = el.get(attr)
            if value:
                referenced.update(value.split())
    for label in page.tagged("label"):
        if label.get("for"):
            referenced.add(label.get("for"))
    return referenced


@rule("duplicate-id-aria", wcag="4.1.2", severity="error", tags=("wcag2a", "act:3ea0c8"),
      message="ARIA 或 <label for> 引用的 id 在页面上重复",
      hint="让每个 id 在页面上唯一，否则标签和说明会指错元素。")
def duplicate_id_aria(page):
    referenced = _referenced_ids(page)
    for ident, elements in page.ids.items():
        if len(elements) > 1 and ident in referenced:
            yield elements[0], f'id="{ident}"', f"（id=\"{ident}\" 出现 {len(elements)} 次）"


@rule("duplicate-id", wcag="4.1.1", severity="warning", tags=("wcag2a", "act:3ea0c8"),
      message="id 在页面上重复（跳转到 #id 的链接只会到第一个）",
      hint="让每个 id 在页面上唯一。")
def duplicate_id(page):
    referenced = _referenced_ids(page)
    for ident, elements in page.ids.items():
        if len(elements) > 1 and ident not in referenced:
            yield elements[0], f'id="{ident}"', f"（id=\"{ident}\" 出现 {len(elements)} 次）"
