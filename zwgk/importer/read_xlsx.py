"""Read an .xlsx plan with openpyxl: the sheet that holds the table, merged ranges resolved."""
from __future__ import annotations

import datetime
import zipfile
from pathlib import Path

from .table import ImportProblem, SourceDocument, Table, grid, refuse_ole_file


def read_xlsx(path: Path, choose_table) -> SourceDocument:
    """Every sheet as a table; `choose_table` picks the one with the plan."""
    workbook = _open(path)
    tables = [_sheet_table(sheet) for sheet in workbook.worksheets]
    workbook.close()
    return SourceDocument(path, choose_table(tables, path))


def _open(path: Path):
    import openpyxl

    refuse_ole_file(path, ".xlsx", ".xls", "Excel 或 WPS 表格", "Excel 工作簿（*.xlsx）")
    try:
        return openpyxl.load_workbook(path, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as error:
        raise ImportProblem(
            f"无法读取 {path.name}：文件已损坏或不是有效的 .xlsx 文件（{type(error).__name__}）。"
            "请在 Excel 或 WPS 表格中打开它，确认内容完整后另存为 .xlsx 再导入。"
        ) from None
    except Exception as error:
        raise ImportProblem(
            f"无法读取 {path.name}：文件内容有损坏（{type(error).__name__}）。请在 Excel 或 WPS 表格中打开并另存为 .xlsx 后再导入。"
        ) from None


def _value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return f"{value.year}年{value.month}月{value.day}日"
    return str(value)


def _sheet_table(sheet) -> Table:
    """The sheet's used range as a grid; a merged range repeats its top-left value with one origin."""
    values = [[_value(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    origins = {}
    for merged in sheet.merged_cells.ranges:
        for row in range(merged.min_row, merged.max_row + 1):
            for column in range(merged.min_col, merged.max_col + 1):
                origins[(row - 1, column - 1)] = (merged.min_row - 1, merged.min_col - 1)
    rows = []
    for r, row in enumerate(values):
        cells = []
        for c in range(len(row)):
            origin = origins.get((r, c), (r, c))
            cells.append((values[origin[0]][origin[1]], origin))
        rows.append(cells)
    keep = [i for i, row in enumerate(rows) if any(text.strip() for text, _ in row)]
    return Table(grid([rows[i] for i in keep]), [i + 1 for i in keep])
