"""The common table every reader produces and the interpreter reads: rows of cells, merges resolved."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

_SPACE_NEXT_TO_WIDE = re.compile(r"[ \t\u3000\xa0]+(?=[^\x00-\x7f])|(?<=[^\x00-\x7f])[ \t\u3000\xa0]+")


class ImportProblem(Exception):
    """The input cannot be imported: one message for the clerk (file, what was found, what to do)."""


OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # an OLE compound file: an old .doc/.xls, or an Office file with an open password


def refuse_ole_file(path: Path, suffix: str, old_suffix: str, programs: str, save_as: str) -> None:
    """A .docx/.xlsx that is an OLE file can be read by neither library: say why and how to save it."""
    with open(path, "rb") as file:
        if file.read(4) != OLE_MAGIC:
            return
    raise ImportProblem(
        f"无法读取 {path.name}：这不是 {suffix} 格式的文件，可能设置了打开密码，或是旧版 {old_suffix} 文件改了扩展名。"
        f"请在 {programs} 中打开它（如有密码先取消密码），再用“文件 → 另存为”保存为“{save_as}”后重新导入。"
    )


@dataclass(frozen=True)
class Cell:
    """One grid position of the table.

    A merged cell appears at every position it covers, with the same text and the same `origin`
    (the row and column of its top-left corner), so that rows sharing one physical cell can be told.
    """

    text: str  # paragraphs joined by "\\n", line-wrap spaces removed
    origin: tuple[int, int]


@dataclass
class Table:
    """The table as a grid: every row has the same number of cells."""

    rows: list[list[Cell]]
    row_numbers: list[int]  # each row's 1-based number in the source table ("表格第12行")

    @property
    def width(self) -> int:
        return len(self.rows[0]) if self.rows else 0


@dataclass
class SourceDocument:
    """What a reader found in a file: the paragraphs around the table, and the table."""

    path: Path
    table: Table
    before: list[str] = field(default_factory=list)  # paragraphs above the table (the notice, the title)
    after: list[str] = field(default_factory=list)  # paragraphs below it (公开方式, 抄送)


def clean(text: str) -> str:
    """A cell's or paragraph's text: line-wrap spaces next to CJK characters removed, paragraphs trimmed."""
    lines = [_SPACE_NEXT_TO_WIDE.sub("", line).strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return "\n".join(line for line in lines if line)


def grid(rows: list[list[tuple[str, tuple[int, int]]]]) -> list[list[Cell]]:
    """Rows of (text, origin) padded to one width with empty cells of their own."""
    width = max((len(row) for row in rows), default=0)
    result = []
    for row_index, row in enumerate(rows):
        cells = [Cell(clean(text), origin) for text, origin in row]
        cells += [Cell("", (row_index, column)) for column in range(len(row), width)]
        result.append(cells)
    return result
