"""Read a .txt plan: a table as tab-separated text, as copied from a PDF or from Word.

A line with tabs is a table row (cells between tabs; <p>…</p> blocks are a cell's paragraphs).
Lines without tabs above the first row are the notice, below the last row 公开方式 and 抄送;
a non-empty line without tabs between rows is a row of one cell across the table (a heading).
Several numbered requirements in one cell share that cell's 责任单位.
"""
from __future__ import annotations

import re
from pathlib import Path

from .table import ImportProblem, SourceDocument, Table, clean, grid

_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.S)
_TAG = re.compile(r"</?[a-zA-Z][^>]*>")


def read_text(path: Path, choose_table) -> SourceDocument:
    lines = _decode(path).splitlines()
    table_lines = [i for i, line in enumerate(lines) if "\t" in line]
    if not table_lines:
        raise ImportProblem(
            f"{path.name} 中没有找到表格：文本文件中的表格应每行一个表格行、单元格之间用制表符（Tab）分隔。"
            "请从 Word 或 PDF 中复制整个表格粘贴为纯文本，或直接导入 .docx / .xlsx 文件。"
        )
    first, last = table_lines[0], table_lines[-1]
    width = max(len(lines[i].split("\t")) for i in table_lines)
    rows, numbers = [], []
    for index in range(first, last + 1):
        line = lines[index]
        if not line.strip():
            continue
        row_index = len(rows)
        if "\t" in line:
            rows.append([(_cell(text), (row_index, column)) for column, text in enumerate(line.split("\t"))])
        elif _PAGE_NUMBER.match(line):
            continue
        elif _HEADING.match(line) or not rows:  # a heading across the table: one cell covering every column
            rows.append([(_cell(line), (row_index, 0))] * width)
        else:  # a cell's text wrapped onto a line of its own: it continues the row above's last cell
            _continue_last_cell(rows[-1], _cell(line))
            continue
        numbers.append(index + 1)
    before = [clean(line) for line in lines[:first] if line.strip()]
    after = [clean(line) for line in lines[last + 1:] if line.strip()]
    return SourceDocument(path, choose_table([Table(grid(rows), numbers)], path), before, after)


_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十百]+\s*[、.．]|[（(]\s*[一二三四五六七八九十百]+\s*[)）]|第[一二三四五六七八九十]+部分)")
_PAGE_NUMBER = re.compile(r"^[\s\-—–·]*\d{1,3}[\s\-—–·]*$|^第\s*\d+\s*页")


def _continue_last_cell(row: list, text: str) -> None:
    filled = [position for position, (cell_text, _) in enumerate(row) if cell_text]
    if filled:
        position = filled[-1]
        cell_text, origin = row[position]
        row[position] = (cell_text + text, origin)


def _cell(text: str) -> str:
    blocks = _PARAGRAPH.findall(text)
    if blocks:
        return "\n".join(_TAG.sub("", block).strip() for block in blocks)
    return _TAG.sub("", text).strip()


def _decode(path: Path) -> str:
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportProblem(f"无法读取 {path.name}：文本编码无法识别。请用记事本或 WPS 将它另存为 UTF-8 编码的文本文件后再导入。")
