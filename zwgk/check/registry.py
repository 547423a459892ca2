"""The rule registry: each rule is a small declaration plus one pure check function.

A check function takes a parsed page (`dom.Page`) and yields `(element_or_line, target, detail)`:
the element (or a line number) the finding belongs to, the text shown as `target` (None: a
snippet of the element), and an optional Chinese detail appended to the rule's message.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable


@dataclass(frozen=True)
class Rule:
    id: str
    type: str  # "a11y" or "link"
    wcag: str  # WCAG 2.1 success criterion, e.g. "1.1.1"; "" for best practice or link rules
    severity: str  # "error" or "warning"
    message: str  # what is wrong, in Chinese
    hint: str  # how to fix it, in Chinese
    tags: tuple[str, ...] = ()
    check: Callable[..., Iterable] | None = field(default=None, compare=False, repr=False)


RULES: dict[str, Rule] = {}


def rule(id: str, *, wcag: str, severity: str, message: str, hint: str,
         tags: tuple[str, ...] = (), type: str = "a11y"):
    """Register the decorated page check function under `id`."""
    def register(check):
        if id in RULES:
            raise ValueError(f"rule {id} registered twice")
        RULES[id] = Rule(id, type, wcag, severity, message, hint, tags, check)
        return check
    return register


def declare(id: str, *, wcag: str, severity: str, message: str, hint: str,
            tags: tuple[str, ...] = (), type: str = "link") -> Rule:
    """Register a rule whose findings are made elsewhere (links, CSS), not by a page check."""
    if id in RULES:
        raise ValueError(f"rule {id} registered twice")
    RULES[id] = Rule(id, type, wcag, severity, message, hint, tags, None)
    return RULES[id]


_PAGE_RULES: list[Rule] = []  # page_rules() once every rule is registered


def page_rules() -> list[Rule]:
    """The rules that run once per parsed page, in registration order."""
    if len(_PAGE_RULES) != sum(1 for r in RULES.values() if r.check is not None):
        _PAGE_RULES[:] = [r for r in RULES.values() if r.check is not None]
    return _PAGE_RULES


# Each rule's short Chinese name, shown beside its id in the text report
# ("图片缺少替代文字 image-alt").
TITLES = {
    "link-broken": "链接目标不存在", "link-fragment": "页内锚点不存在",
    "link-file-scheme": "链接指向本机文件", "link-mailto": "邮箱链接格式错误",
    "link-tel": "电话链接格式错误", "link-invalid": "链接地址格式错误",
    "page-unreadable": "页面无法读取", "link-external-broken": "外部链接打不开",
    "link-external-unreachable": "外部链接连接失败",
    "aria-valid-attr": "ARIA 属性名错误", "aria-valid-attr-value": "ARIA 属性值无效",
    "aria-roles": "ARIA 角色无效", "aria-allowed-attr": "角色不支持的 ARIA 属性",
    "aria-prohibited-attr": "角色禁止的 ARIA 属性", "aria-required-attr": "缺少必需的 ARIA 属性",
    "aria-required-children": "容器缺少或混入子角色", "aria-required-parent": "缺少必需的父角色",
    "aria-hidden-body": "整页对读屏软件隐藏", "aria-hidden-focus": "隐藏内容仍可聚焦",
    "presentation-role-conflict": "装饰元素仍会被读出", "nested-interactive": "控件里嵌套了控件",
    "duplicate-id-aria": "被引用的 id 重复", "duplicate-id": "id 重复",
    "color-contrast": "文字对比度不足", "html-has-lang": "页面缺少语言",
    "html-lang-valid": "页面语言代码无效", "html-xml-lang-mismatch": "页面语言前后不一致",
    "valid-lang": "语言代码无效", "document-title": "页面缺少标题",
    "meta-refresh": "页面定时刷新", "meta-refresh-no-exceptions": "页面延时刷新（AAA）",
    "meta-viewport": "禁止缩放页面", "heading-order": "标题级别跳级",
    "page-has-heading-one": "缺少一级标题", "landmark-one-main": "缺少主要内容区域",
    "bypass": "无法跳过重复内容", "image-alt": "图片缺少替代文字",
    "role-img-alt": "图片角色缺少名称", "input-image-alt": "图片按钮缺少替代文字",
    "svg-img-alt": "SVG 图片缺少名称", "area-alt": "图像热区缺少替代文字",
    "object-alt": "嵌入对象缺少名称", "link-name": "链接缺少名称", "button-name": "按钮缺少名称",
    "input-button-name": "输入按钮缺少名称", "aria-command-name": "命令控件缺少名称",
    "label": "输入框缺少标签", "select-name": "下拉框缺少标签",
    "aria-input-field-name": "输入控件缺少名称", "aria-toggle-field-name": "开关控件缺少名称",
    "frame-title": "内嵌框架缺少标题", "summary-name": "折叠摘要缺少名称",
    "empty-heading": "空标题", "list": "列表结构错误", "listitem": "列表项不在列表里",
    "definition-list": "定义列表结构错误", "dlitem": "定义项不在定义列表里",
    "td-headers-attr": "单元格 headers 指向错误", "th-has-data-cells": "表头没有数据单元格",
    "tabindex": "tabindex 大于 0", "autocomplete-valid": "自动填充字段无效",
    "frame-focusable-content": "框架内容无法用键盘进入",
    "avoid-inline-spacing": "锁定了过小的字间距",
}


def title(rule_id: str) -> str:
    """The rule's name for a clerk: its Chinese title and its id."""
    name = TITLES.get(rule_id)
    return f"{name} {rule_id}" if name else rule_id
