"""Small example plan documents for the import tests, written with python-docx and openpyxl.

Every unit, task and notice here is an EXAMPLE made up for the tests: not a real plan.
"""
from __future__ import annotations

from pathlib import Path

EXAMPLE_REGISTRY = """\
# An EXAMPLE unit registry for the import tests (not real units).
- id: finance
  name: 区财政局
  kind: department
  member_of: [区政府各部门]
- id: audit
  name: 区审计局
  kind: department
  member_of: [区政府各部门]
- id: development-reform
  name: 区发展和改革局
  kind: department
  aliases: [区发改局]
  member_of: [区政府各部门]
- id: data-administration
  name: 区政务服务数据管理局
  kind: department
  aliases: [区政数局]
  member_of: [区政府各部门]
- id: departments
  name: 区政府各部门
  kind: collective
"""


def write_registry(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "units.yaml"
    path.write_text(EXAMPLE_REGISTRY, encoding="utf-8")
    return path


def docx_plan(path: Path, rows: list[list[str | None]], merges=(), before=(), after=(), header_rows: int = 1) -> Path:
    """A .docx with paragraphs, then one table: rows of texts (None inside a merge), merges as ((r, c), (r, c))."""
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = Document()
    for text in before:
        document.add_paragraph(text)
    width = max(len(row) for row in rows)
    table = document.add_table(rows=len(rows), cols=width)
    for (r1, c1), (r2, c2) in merges:
        table.cell(r1, c1).merge(table.cell(r2, c2))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text is not None:
                cell = table.cell(r, c)
                paragraphs = text.split("\n")
                cell.paragraphs[0].text = paragraphs[0]
                for paragraph in paragraphs[1:]:
                    cell.add_paragraph(paragraph)
    for r in range(header_rows):  # header row repeated on each page, as offices mark it
        properties = table.rows[r]._tr.get_or_add_trPr()
        properties.append(OxmlElement("w:tblHeader"))
        properties[-1].set(qn("w:val"), "true")
    for text in after:
        document.add_paragraph(text)
    document.save(path)
    return path


def xlsx_plan(path: Path, rows: list[list[object]], merges=(), title: str | None = None, above=()) -> Path:
    """An .xlsx with lines `above` (附件1), an optional title row merged across, then rows; merges as "A3:A5"."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "分工方案"
    for line in above:
        sheet.append([line])
    if title:
        sheet.append([title])
        sheet.merge_cells(start_row=sheet.max_row, start_column=1, end_row=sheet.max_row,
                          end_column=max(len(row) for row in rows))
    for row in rows:
        sheet.append(row)
    for cells in merges:
        sheet.merge_cells(cells)
    workbook.save(path)
    return path
