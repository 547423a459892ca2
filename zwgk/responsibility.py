"""Responsibility parsing: a 责任单位 text -> the units it names and the role of each.

A text is one or more paragraphs; a paragraph is clauses separated by "，" "," "。" "；";
a clause is unit names separated by "、", optionally followed by a role phrase:

    区财政局牵头，各镇人民政府、街道办事处、区政府有关部门、直属有关单位按职责分工落实
    └ lead ──────┘└ implement ──────────────────────────────────────────────────────┘

A clause with no role phrase names the units responsible (role "responsible").
"""
from __future__ import annotations

import re
from collections.abc import Callable

from .model import Assignment, Unit

# Role phrases that may end a clause, longest first so that "等部门牵头" wins over "牵头".
ROLE_PHRASES = (
    ("按照职责分工强化监管", "supervise"),
    ("按职责分工强化监管", "supervise"),
    ("按照职责分工落实", "implement"),
    ("按职责分工落实", "implement"),
    ("等部门牵头", "lead"),
    ("牵头", "lead"),
    ("落实", "implement"),
    ("负责", "implement"),
)

_CLAUSE_SEPARATORS = re.compile(r"[，,。；;]")


class UnknownUnitName(ValueError):
    """A name in a 责任单位 text that the unit registry does not know."""

    def __init__(self, name: str):
        super().__init__(name)
        self.name = name


def split_clause(clause: str) -> tuple[list[str], str]:
    """One clause -> (the unit names it lists, its role)."""
    clause = clause.strip()
    role = "responsible"
    for phrase, phrase_role in ROLE_PHRASES:
        if clause.endswith(phrase):
            clause, role = clause[: -len(phrase)], phrase_role
            break
    names = [name.strip() for name in clause.split("、")]
    return [name for name in names if name], role


def parse_responsibility(text: str, resolve: Callable[[str], Unit | None]) -> list[Assignment]:
    """Every (unit, role) a 责任单位 text names, in order of appearance, each pair once.

    `resolve` maps a name or alias to its unit; a name it does not know raises UnknownUnitName.
    """
    assignments: list[Assignment] = []
    for paragraph in text.split("\n"):
        for clause in _CLAUSE_SEPARATORS.split(paragraph):
            names, role = split_clause(clause)
            for name in names:
                unit = resolve(name)
                if unit is None:
                    raise UnknownUnitName(name)
                assignment = Assignment(unit, role)
                if assignment not in assignments:
                    assignments.append(assignment)
    return assignments
