"""Responsibility parsing: a 责任单位 text -> the units it names, the role of each, and work requirements.

A text is one or more paragraphs; a paragraph is clauses separated by "，" "," "。" "；";
a clause is unit names separated by "、" (or 以及), optionally followed by a role phrase:

    区财政局牵头，各镇人民政府、街道办事处、区政府有关部门、直属有关单位按职责分工落实
    └ lead ──────┘└ implement ──────────────────────────────────────────────────────┘

- A clause with no role phrase names the units responsible (role "responsible"), unless it is
  followed by "，" and a clause with a role phrase: lists separated by "，" share that phrase
  (区财政局，区审计局牵头 → both lead).
- "X会同Y办理" (or 负责 / 落实): X leads, Y implement.
- A name may carry its own role in brackets: 区财政局（牵头）.
- "等部门" / "等单位" after the last name is not part of it.
- A clause that names no unit (在工作中加强与上级单位沟通对接) is a work requirement (工作要求):
  kept as printed, never made into a unit.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from .model import Assignment, Unit

# Role phrases that may end a clause, longest first so that "等部门牵头" wins over "牵头".
ROLE_PHRASES = tuple(sorted((
    ("按照职责分工强化监管", "supervise"),
    ("按职责分工强化监管", "supervise"),
    ("强化监管", "supervise"),
    ("按照职责分工落实", "implement"),
    ("按职责分工落实", "implement"),
    ("按照职责分工负责", "implement"),
    ("按职责分工负责", "implement"),
    ("按职责落实", "implement"),
    ("按职责负责", "implement"),
    ("负责落实", "implement"),
    ("落实", "implement"),
    ("负责", "implement"),
    ("办理", "implement"),
    ("等部门牵头", "lead"),
    ("等单位牵头", "lead"),
    ("牵头办理", "lead"),
    ("牵头负责", "lead"),
    ("牵头落实", "lead"),
    ("牵头", "lead"),
    ("配合落实", "support"),
    ("协助落实", "support"),
    ("做好技术支持和指导", "support"),
    ("做好技术支持", "support"),
    ("等部门配合", "support"),
    ("等单位配合", "support"),
    ("配合", "support"),
    ("协助", "support"),
    ("参与", "support"),
), key=lambda pair: -len(pair[0])))

# A role written in brackets right after one name: 区财政局（牵头）.
NAME_MARKERS = {"牵头": "lead", "主办": "lead", "配合": "support", "协办": "support", "落实": "implement"}
_NAME_MARKER = re.compile(r"[（(](" + "|".join(NAME_MARKERS) + r")[）)]\Z")

# Words that only ever say what a unit does: a "name" containing one is not a unit's name.
ROLE_WORDS = ("牵头", "配合", "协助", "参与", "落实", "负责", "办理", "会同", "强化监管", "按职责")

# What the last part of a unit's name looks like (after any bracketed addition).
_UNIT_ENDINGS = re.compile(
    r"(局|委|办|室|部|院|处|中心|政府|街道|办事处|镇|乡|村|社区|单位|部门|公司|集团|队|所|站|会|委员会|"
    r"团|社|行|馆|台|厅|署|校|学校|医院|法院|检察院|机关|组织|协会|联合会|分局|支队|大队|科|股|组|网|区|"
    r"联|协|关|厂|场|园|学)\Z"
)
# Words of a sentence, not of a unit's name: "及时报送有关部门" is a work requirement even though it ends like one.
_SENTENCE_WORDS = re.compile(r"做好|加强|推进|开展|及时|确保|按照|根据|围绕|进一步|报送|认真|积极|切实|持续|沟通|对接|要求|的")
_TRAILING_BRACKETS = re.compile(r"[（(][^（()）]*[）)]\Z")
_CLAUSE_SEPARATORS = re.compile(r"([，,。；;])")
_NAME_SEPARATORS = re.compile(r"、|以及")
_COLLECTIVE_SUFFIXES = ("等部门", "等单位", "等")


class UnknownUnitName(ValueError):
    """A name in a 责任单位 text that the unit registry does not know."""

    def __init__(self, name: str):
        super().__init__(name)
        self.name = name


@dataclass(frozen=True)
class Clause:
    """One clause of a 责任单位 text: the names it lists with their roles, or a work requirement."""

    text: str
    names: tuple[tuple[str, str], ...]  # (name, role) in order
    has_role_phrase: bool


@dataclass
class Responsibility:
    """What a 责任单位 text says: who does what, and any work requirements written in it."""

    assignments: list[Assignment]
    requirements: list[str]


@functools.lru_cache(maxsize=4096)  # the same names recur in plan after plan
def looks_like_unit_name(name: str) -> bool:
    """Whether a name has the shape of a unit's name (区财政局, 各镇人民政府) rather than of a sentence."""
    core = _TRAILING_BRACKETS.sub("", name).strip()
    if not core or len(core) > 30 or _SENTENCE_WORDS.search(core):
        return False
    return bool(_UNIT_ENDINGS.search(core))


def role_word_in(name: str) -> str:
    """The first role word a name contains ("" if none): such a name is a role phrase misread as a name."""
    return next((word for word in ROLE_WORDS if word in name), "")


# ROLE_PHRASES by their last character, longest first within each: a clause is tried only
# against the phrases that end as it ends.
_PHRASES_BY_LAST: dict[str, list[tuple[str, str]]] = {}
for _phrase, _role in ROLE_PHRASES:
    _PHRASES_BY_LAST.setdefault(_phrase[-1], []).append((_phrase, _role))


def _strip_role_phrase(clause: str) -> tuple[str, str | None]:
    for phrase, role in _PHRASES_BY_LAST.get(clause[-1:], ()):
        if clause.endswith(phrase) and len(clause) > len(phrase):
            return clause[: -len(phrase)], role
    return clause, None


def _names(listed: str, role: str) -> list[tuple[str, str]]:
    """A list of names separated by 、 (or 以及) -> [(name, role)], bracketed roles applied."""
    result = []
    parts = [piece.strip() for part in _NAME_SEPARATORS.split(listed) for piece in _split_etc(part)]
    for position, part in enumerate(parts):
        if position == len(parts) - 1:
            for suffix in _COLLECTIVE_SUFFIXES:
                if part.endswith(suffix) and len(part) > len(suffix) + 1:
                    part = part[: -len(suffix)]
                    break
        marker = _NAME_MARKER.search(part) if part.endswith(("）", ")")) else None
        if marker:
            result.append((part[: marker.start()].strip(), NAME_MARKERS[marker.group(1)]))
        elif part:
            result.append((part, role))
    return [(name, name_role) for name, name_role in result if name]


_ETC_THEN_TERM = re.compile(r"(?<=.)等(?=[^、]*(?:部门|单位|机构)\Z)")


def _split_etc(part: str) -> list[str]:
    """"市住建局等政府各有关部门" names two: 市住建局 and 政府各有关部门."""
    if "等" not in part:
        return [part]
    pieces = _ETC_THEN_TERM.split(part.strip(), maxsplit=1)
    return pieces if len(pieces) == 2 and len(pieces[0]) > 1 and len(pieces[1]) > 3 else [part]


def split_clause(clause: str) -> tuple[list[str], str]:
    """One clause -> (the unit names it lists, its role). Kept for callers that need no detail."""
    parsed = parse_clause(clause)
    roles = [role for _, role in parsed.names]
    return [name for name, _ in parsed.names], roles[-1] if roles else "responsible"


@functools.lru_cache(maxsize=16384)  # a pure function of its text, and the same clauses recur (区财政局牵头)
def parse_clause(clause: str) -> Clause:
    """One clause -> its names and roles."""
    text = clause.strip()
    body = text[1:] if text.startswith("由") else text
    body, role = _strip_role_phrase(body)
    if "会同" in body:
        leader, partners = body.split("会同", 1)
        names = _names(leader, "lead") + _names(partners, role or "implement")
        return Clause(text, tuple(names), True)
    return Clause(text, tuple(_names(body, role or "responsible")), role is not None)


def split_responsibility(text: str) -> list[list[Clause]]:
    """The text's paragraphs, each a list of clauses, with 、-lists joined by "，" sharing a role phrase."""
    paragraphs = []
    for paragraph in text.split("\n"):
        pieces = _CLAUSE_SEPARATORS.split(paragraph)
        clauses: list[tuple[Clause, str]] = []  # (clause, the separator after it)
        for position in range(0, len(pieces), 2):
            separator = pieces[position + 1] if position + 1 < len(pieces) else ""
            if pieces[position].strip():
                clauses.append((parse_clause(pieces[position]), separator))
        paragraphs.append(_share_roles(clauses))
    return paragraphs


def _share_roles(clauses: list[tuple[Clause, str]]) -> list[Clause]:
    """A clause without a role phrase, followed by "，" and a clause with one, takes that clause's role."""
    result = [clause for clause, _ in clauses]
    for position in range(len(clauses) - 2, -1, -1):
        clause, separator = clauses[position]
        following = result[position + 1]
        if clause.has_role_phrase or separator not in "，," or not following.has_role_phrase or "会同" in following.text:
            continue
        role = following.names[0][1] if following.names else None
        if role and all(name_role == "responsible" for _, name_role in clause.names):
            result[position] = Clause(clause.text, tuple((name, role) for name, _ in clause.names), True)
    return result


def read_responsibility(text: str, resolve: Callable[[str], Unit | None], keep_unknown: bool = False) -> Responsibility:
    """Every (unit, role) a 责任单位 text names, in order of appearance, each pair once, and its work requirements.

    `resolve` maps a name or alias to its unit. A clause whose unknown names do not look like unit
    names is a work requirement; an unknown name that looks like a unit's raises UnknownUnitName,
    or with keep_unknown makes its clause a work requirement too.
    """
    assignments: list[Assignment] = []
    listed: set[tuple[str, str]] = set()  # the (unit id, role) pairs in assignments: a unit's id names it alone
    requirements: list[str] = []
    for paragraph in split_responsibility(text):
        for clause in paragraph:
            units = [(resolve(name), name, role) for name, role in clause.names]
            unknown = [name for unit, name, _ in units if unit is None]
            if not clause.names or keep_unknown and unknown or any(not looks_like_unit_name(name) for name in unknown):
                requirements.append(clause.text)
                continue
            if unknown:
                raise UnknownUnitName(unknown[0])
            for unit, _, role in units:
                if (unit.id, role) not in listed:
                    listed.add((unit.id, role))
                    assignments.append(Assignment(unit, role))
    return Responsibility(assignments, requirements)


def parse_responsibility(text: str, resolve: Callable[[str], Unit | None]) -> list[Assignment]:
    """Every (unit, role) a 责任单位 text names, in order of appearance, each pair once.

    `resolve` maps a name or alias to its unit; a name it does not know raises UnknownUnitName
    (unless its clause is a work requirement, which names no unit).
    """
    return read_responsibility(text, resolve).assignments


def recognised_phrases() -> str:
    """The role phrases the grammar reads, for messages to clerks."""
    return "、".join(dict.fromkeys(phrase for phrase, _ in sorted(ROLE_PHRASES, key=lambda pair: len(pair[0]))))
