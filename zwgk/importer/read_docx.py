"""Read a .docx plan: the paragraphs around the attachment table, and the table with its real merges.

python-docx's cell iteration repeats a merged cell without saying so; the merges are read here from
the XML: w:gridSpan (a cell spanning columns), w:vMerge (restart / continue down the rows),
w:gridBefore (grid columns skipped at the start of a row).
"""
from __future__ import annotations

import zipfile
from pathlib import Path

from .table import Cell, ImportProblem, SourceDocument, Table, clean, grid, refuse_ole_file

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_docx(path: Path, choose_table) -> SourceDocument:
    """The document's paragraphs and the table `choose_table` picks among its tables."""
    body = _open(path).element.body
    blocks: list[tuple[str, object]] = []
    for child in body.iterchildren():
        if child.tag == f"{W}p":
            blocks.append(("p", paragraph_text(child)))
        elif child.tag == f"{W}tbl":
            blocks.append(("table", _table(child)))
        elif child.tag == f"{W}sdt":  # a content control: its paragraphs and tables count as the body's
            for inner in child.iter(f"{W}p", f"{W}tbl"):
                if inner.tag == f"{W}tbl":
                    blocks.append(("table", _table(inner)))
                elif not any(a.tag == f"{W}tbl" for a in inner.iterancestors()):
                    blocks.append(("p", paragraph_text(inner)))
    tables = [block for kind, block in blocks if kind == "table"]
    chosen = choose_table(tables, path)
    position = next(i for i, (kind, block) in enumerate(blocks) if block is chosen)
    table, end = _continued(chosen, blocks, position)
    before = [text for kind, text in blocks[:position] if kind == "p" and clean(text)]
    after = [text for kind, text in blocks[end:] if kind == "p" and clean(text)]
    return SourceDocument(path, table, [clean(t) for t in before], [clean(t) for t in after])


def _continued(table: Table, blocks: list, position: int) -> tuple[Table, int]:
    """The plan's table joined with the tables of the same width that follow it (a table per page or per
    section); up to two paragraphs between two of them (一、…) become rows of one cell across.
    Returns the joined table and the index of the first block after it."""
    rows, numbers = list(table.rows), list(table.row_numbers)
    last = position
    while True:
        headings, scan = [], last + 1
        while scan < len(blocks) and blocks[scan][0] == "p":
            if clean(blocks[scan][1]):
                headings.append(clean(blocks[scan][1]))
            scan += 1
        if scan >= len(blocks) or blocks[scan][1].width != table.width or len(headings) > 2:
            return Table(rows, numbers), last + 1
        for heading in headings:
            rows.append([Cell(heading, (len(rows), 0))] * table.width)
            numbers.append(numbers[-1] + 1)
        offset, base = len(rows), numbers[-1]
        following = blocks[scan][1]
        rows += [[Cell(cell.text, (cell.origin[0] + offset, cell.origin[1])) for cell in row] for row in following.rows]
        numbers += [base + n for n in following.row_numbers]
        last = scan


def _open(path: Path):
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    refuse_ole_file(path, ".docx", ".doc", "Word 或 WPS", "Word 文档（*.docx）")
    try:
        return docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise ImportProblem(
            f"无法读取 {path.name}：文件已损坏或不是有效的 .docx 文件（{type(error).__name__}）。"
            "请在 Word 或 WPS 中打开它，确认内容完整后另存为 .docx 再导入。"
        ) from None
    except Exception as error:  # lxml and zip errors of damaged files come in many kinds
        raise ImportProblem(
            f"无法读取 {path.name}：文件内容有损坏（{type(error).__name__}）。请在 Word 或 WPS 中打开并另存为 .docx 后再导入。"
        ) from None


def paragraph_text(element) -> str:
    """A w:p's text: its runs' w:t, with w:tab as a space and w:br as a new line."""
    parts = []
    for node in element.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}cr"):
        if node.tag == f"{W}t":
            parts.append(node.text or "")
        elif node.tag == f"{W}tab":
            parts.append(" ")
        else:
            parts.append("\n")
    return "".join(parts)


def _cell_text(tc) -> str:
    """The cell's paragraphs, those inside content controls included, those of a table nested in it not."""
    return "\n".join(paragraph_text(p) for p in tc.iter(f"{W}p") if next(p.iterancestors(f"{W}tc"), None) is tc)


def _table(tbl) -> Table:
    """The w:tbl as a grid of cells, vertical and horizontal merges resolved."""
    rows: list[list[tuple[str, tuple[int, int]]]] = []
    for row_index, tr in enumerate(tbl.iterchildren(f"{W}tr")):
        row: list[tuple[str, tuple[int, int]]] = []
        column = _int_val(tr.find(f"{W}trPr/{W}gridBefore"), 0)
        row += [("", (row_index, c)) for c in range(column)]
        for tc in tr.iterchildren(f"{W}tc"):
            properties = tc.find(f"{W}tcPr")
            span = _int_val(properties.find(f"{W}gridSpan") if properties is not None else None, 1)
            merge = properties.find(f"{W}vMerge") if properties is not None else None
            continues = merge is not None and merge.get(f"{W}val", "continue") == "continue"
            above = rows[-1][column] if continues and rows and column < len(rows[-1]) else None
            text, origin = above if above else (_cell_text(tc), (row_index, column))
            row += [(text, origin)] * span
            column += span
        rows.append(row)
    return Table(grid(rows), list(range(1, len(rows) + 1)))


def _int_val(element, default: int) -> int:
    try:
        return int(element.get(f"{W}val")) if element is not None else default
    except (TypeError, ValueError):
        return default

