"""The plan as plain dataclasses: what the loader builds and every later stage reads."""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field

# Roles a unit can hold for a task, in display order, with their Chinese labels.
ROLES = {
    "lead": "牵头",
    "implement": "落实",
    "support": "配合",
    "supervise": "强化监管",
    "responsible": "责任单位",
}

# Kinds of unit in the registry, in display order, with their Chinese labels.
UNIT_KINDS = {
    "department": "区直部门及单位",
    "town": "镇人民政府、街道办事处",
    "collective": "统称",
}


@dataclass(frozen=True)
class Unit:
    """One responsible unit, named once under its full name."""

    id: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    member_of: tuple[str, ...] = ()  # ids of the collective terms that include this unit
    note: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Assignment:
    """A unit's role in one task, as derived from the 责任单位 text."""

    unit: Unit
    role: str


@dataclass
class Task:
    """One numbered requirement (具体要求) of the plan."""

    number: int
    text: str
    responsibility: str  # the 责任单位 cell as printed in the source (paragraphs separated by "\n")
    category: Category
    deadline: datetime.date | None = None
    deadline_text: str = ""
    assignments: list[Assignment] = field(default_factory=list)
    shared_with: tuple[int, ...] = ()  # numbers of all tasks printed with the same 责任单位 cell
    note: str = ""
    requirements: tuple[str, ...] = ()  # work requirements (工作要求) written in the 责任单位 cell

    @property
    def responsibility_paragraphs(self) -> list[str]:
        return self.responsibility.split("\n")


@dataclass
class Category:
    """One work task (工作任务): a heading that groups requirements."""

    id: str
    name: str
    tasks: list[Task] = field(default_factory=list)
    section: str = ""  # the section (一、…) above this work task, without its enumerator; "" when none


@dataclass(frozen=True)
class BasisDocument:
    title: str
    number: str


@dataclass(frozen=True)
class Notice:
    """The covering notice (通知) that issues the plan; an imported table alone leaves fields empty."""

    title: str = ""
    number: str = ""
    issuer: str = ""
    date: datetime.date | None = None
    recipients: tuple[str, ...] = ()
    body: tuple[str, ...] = ()
    basis: tuple[BasisDocument, ...] = ()
    publicity: str = ""
    cc: tuple[str, ...] = ()
    report_deadline: datetime.date | None = None
    report_deadline_text: str = ""
    report_content: str = ""
    report_to: str = ""


@dataclass
class Plan:
    """The whole plan: notice, categories with their tasks, and the unit registry."""

    title: str
    notice: Notice
    categories: list[Category]
    units: list[Unit]

    @property
    def tasks(self) -> list[Task]:
        return [task for category in self.categories for task in category.tasks]


@dataclass(frozen=True)
class SiteConfig:
    """Settings of the portal that publishes the column (data/site.yaml)."""

    site_name: str
    publisher: str = ""
    site_code: str = ""  # 网站标识码
    icp: str = ""  # ICP备案号
    site_url: str = ""  # the portal's address, e.g. https://www.example.gov.cn, for absolute sitemap URLs
