"""An independent reader of the seed document, ../shared/seed/notice.txt, for fidelity tests.

It knows nothing of data/: it reads the attachment table straight from the extracted text,
so that tests can compare what data/ says with what the source says.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEED = REPO.parent / "shared" / "seed" / "notice.txt"

_ITEM_START = re.compile(r"(?:(?<=\s)|(?<=<p>)|^)(\d{1,2})\. ")
_SPACE_NEXT_TO_WIDE = re.compile(r"\s+(?=[^\x00-\x7f])|(?<=[^\x00-\x7f])\s+")


def squash(text: str) -> str:
    """Text with every whitespace run removed: the comparison the issue asks for."""
    return re.sub(r"\s+", "", text)


def unwrap(text: str) -> str:
    """Remove line-wrap artifacts: whitespace next to a CJK (non-ASCII) character."""
    return _SPACE_NEXT_TO_WIDE.sub("", text).strip()


def _paragraphs(cell: str) -> list[str]:
    """A table cell's paragraphs: <p> blocks if there are any, else the cell itself."""
    blocks = re.findall(r"<p>(.*?)</p>", cell)
    return [b.strip() for b in blocks] if blocks else [cell.strip()]


@dataclass
class SeedRow:
    category: str
    items: dict[int, str]
    responsibility: list[str]  # paragraphs of the 责任单位 cell


def read_rows(path: Path = SEED) -> list[SeedRow]:
    """Each table row of the attachment: its category, numbered items and 责任单位 paragraphs."""
    text = path.read_text(encoding="utf-8")
    table = text.split("附件", 1)[1]
    rows: list[SeedRow] = []
    category = ""
    for line in table.splitlines():
        cells = line.split("\t")
        if len(cells) != 3 or cells[0] == "工作任务":
            continue
        if cells[0].strip():
            category = unwrap(cells[0])
        items = _split_items(" ".join(_paragraphs(cells[1])))
        rows.append(SeedRow(category, items, _paragraphs(cells[2])))
    return rows


def _split_items(cell: str) -> dict[int, str]:
    starts = list(_ITEM_START.finditer(cell))
    items = {}
    for match, following in zip(starts, starts[1:] + [None]):
        end = following.start() if following else len(cell)
        items[int(match.group(1))] = cell[match.end():end].strip()
    return items


def read_items(path: Path = SEED) -> dict[int, tuple[str, str, str]]:
    """number -> (category, item text, 责任单位 text) as printed, paragraphs joined by newline."""
    result = {}
    for row in read_rows(path):
        for number, item in row.items.items():
            result[number] = (row.category, item, "\n".join(row.responsibility))
    return result


def read_categories(path: Path = SEED) -> list[str]:
    """Category names in source order, each once (page breaks repeat them)."""
    names: list[str] = []
    for row in read_rows(path):
        if row.category not in names:
            names.append(row.category)
    return names
