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


def page_rules() -> list[Rule]:
    """The rules that run once per parsed page, in registration order."""
    return [r for r in RULES.values() if r.check is not None]
