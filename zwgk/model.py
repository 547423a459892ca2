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

    @property
    def path(self) -> str:
        """The unit's page below the base URL; templates link to it with |url."""
        return f"units/{self.id}/"


@dataclass(frozen=True)
class Assignment:
    """A unit's role in one task, as derived from the 责任单位 text."""

    unit: Unit
    role: str


@dataclass(slots=True)  # tens of thousands of them: no __dict__ each
class Task:
    """One numbered requirement (具体要求) of the plan."""

    number: int
    text: str
    responsibility: str  # the 责任单位 cell as printed in the source (paragraphs separated by "\n")
    category: Category
    deadline: datetime.date | None = None
    deadline_text: str = ""
    assignments: list[Assignment] = field(default_factory=list)  # may be shared with the row's other tasks: never changed
    shared_with: tuple[int, ...] = ()  # numbers of all tasks printed with the same 责任单位 cell
    note: str = ""
    requirements: tuple[str, ...] = ()  # work requirements (工作要求) written in the 责任单位 cell
    # The requirement in a few words, for headings and links (see shorten()), worked out once when
    # the task is made: its label is printed on its own page, its neighbours', its work task's and
    # its units' pages, and a forked render child that worked it out would hold a private copy.
    short_text: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.short_text = shorten(self.text)

    @property
    def responsibility_paragraphs(self) -> list[str]:
        return self.responsibility.split("\n")

    @property
    def shared_tasks(self) -> list[Task]:
        """The tasks printed with the same 责任单位 cell, this one included: rows lie within a category."""
        return [task for task in self.category.tasks if task.number in self.shared_with]

    @property
    def path(self) -> str:
        """The task's page below the base URL; templates link to it with |url."""
        return f"tasks/{self.number}/"

    @property
    def shortened(self) -> bool:
        """Whether short_text leaves words out (then pages show the whole text beside it)."""
        return self.short_text.endswith("…")

    @property
    def label(self) -> str:
        """What a heading or link to the task says: 「第30项：政府网站支持互联网协议第6版」."""
        return f"第{self.number}项：{self.short_text}"


SHORT_LIMIT = 30  # characters of a short text, the ellipsis included
CLAUSE_ENDS = "，。；：,;:！？!?"  # a short text ends at one of these
LIST_BREAKS = "、"  # or, failing that, between the items of a list
OPENING, CLOSING = "（(《“‘【〔[", "）)》”’】〕]"


def shorten(text: str, limit: int = SHORT_LIMIT) -> str:
    """text without its final full stop if that fits in limit characters; else the longest run of
    whole clauses that fits, with "…"; else the longest run of list items (、), else a cut; never
    inside brackets or quotation marks."""
    text = text.strip()
    whole = text.rstrip("。.")
    if len(whole) <= limit:
        return whole
    room = limit - 1  # for the ellipsis
    cut = _last_break(text, room, CLAUSE_ENDS) or _last_break(text, room, LIST_BREAKS) or _outside_brackets(text, room)
    return text[:cut] + "…"


def _last_break(text: str, room: int, marks: str) -> int:
    """The end of the longest start of text, at most room long, that stops before one of marks
    outside any brackets (0 if there is none)."""
    depth, best = 0, 0
    for position, char in enumerate(text[: room + 1]):
        if char in OPENING:
            depth += 1
        elif char in CLOSING:
            depth = max(depth - 1, 0)
        elif char in marks and depth == 0 and position > 0:
            best = position
    return best


def _outside_brackets(text: str, room: int) -> int:
    """room, or the position of the bracket still open there, if that leaves some text."""
    opened = []
    for position, char in enumerate(text[:room]):
        if char in OPENING:
            opened.append(position)
        elif char in CLOSING and opened:
            opened.pop()
    return opened[0] if opened and opened[0] > 0 else room


@dataclass
class Category:
    """One work task (工作任务): a heading that groups requirements."""

    id: str
    name: str
    tasks: list[Task] = field(default_factory=list)
    section: str = ""  # the section (一、…) above this work task, without its enumerator; "" when none

    @property
    def path(self) -> str:
        """The work task's page below the base URL; templates link to it with |url."""
        return f"categories/{self.id}/"


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
    feedback: str = ""  # where readers report an accessibility barrier (an office's phone or email)
