"""The README's tables, read as the contracts they are: tests take their lists from here, not from a copy.

A table is found by the text of its header row; each row becomes {header: cell} with the
cells as written (backticks kept), so a test can pick the code spans it needs.
"""
from __future__ import annotations

import re
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def table(*headers: str, readme: Path = README) -> list[dict[str, str]]:
    """The rows of the one README table whose header row is exactly headers."""
    lines = readme.read_text(encoding="utf-8").splitlines()
    found = []
    for position, line in enumerate(lines):
        if _cells(line) == list(headers) and position + 1 < len(lines) and set(lines[position + 1]) <= set("|-: "):
            rows = []
            for row in lines[position + 2:]:
                if not row.startswith("|"):
                    break
                rows.append(dict(zip(headers, _cells(row))))
            found.append(rows)
    assert len(found) == 1, f"README.md has {len(found)} tables headed {' | '.join(headers)}, not one"
    assert found[0], f"the README table headed {' | '.join(headers)} is empty"
    return found[0]


def _cells(line: str) -> list[str]:
    line = line.strip()
    if not (line.startswith("|") and line.endswith("|")):
        return []
    return [cell.strip() for cell in re.split(r"(?<!\\)\|", line[1:-1])]


def code_spans(cell: str) -> list[str]:
    """The `code` spans of a cell, in order."""
    return re.findall(r"`([^`]+)`", cell)


def page_urls() -> list[str]:
    """Every URL pattern of the README's page table, e.g. '/tasks/<number>/', '/data/tasks.csv'."""
    return [url for row in table("URL", "what") for url in code_spans(row["URL"])]


def tasks_json_fields() -> dict[str, str]:
    """tasks.json's documented fields: name -> type as written."""
    return {code_spans(row["field"])[0]: row["type"] for row in table("field", "type", "meaning")}


def tasks_csv_columns() -> list[dict[str, str]]:
    """tasks.csv's documented columns in order: {"column": name, "source": tasks.json field, "role": role or ""}."""
    columns = []
    for row in table("column", "content"):
        spans = code_spans(row["content"])
        role = re.search(r"role `(\w+)`", row["content"])
        columns.append({"column": code_spans(row["column"])[0], "source": spans[0] if spans else "",
                        "role": role.group(1) if role else ""})
    return columns
