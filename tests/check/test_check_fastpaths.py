"""The checker's fast paths for common pages give the same findings as its general code.

Each fast path is taken only when a page lacks some markup (no colspan/rowspan, no nested
table, ...); these tests run a rule both ways on the same pages and compare.
"""
from __future__ import annotations

import pytest

from checkhelpers import FIXTURES
from zwgk.check.dom import Page, parse_html
from zwgk.check.links import Resolver, _join, document_url, remove_dot_segments
from zwgk.check.rules_structure import table_rows, th_has_data_cells

TABLE_PAGES = sorted(p for p in (FIXTURES / "rules").glob("*/*.html")
                     if b"<table" in p.read_bytes() or b'role="table"' in p.read_bytes())
EXAMPLE_TABLES = [  # made-up tables, not real data
    "<table><tr><th>甲</th><th>乙</th></tr><tr><td>1</td><td>2</td></tr></table>",
    "<table><tr><th>甲</th><th>乙</th></tr></table>",  # headers without data
    "<table><tr><th scope=row>甲</th></tr><tr><th scope=row>乙</th><td>2</td></tr></table>",
    "<table><tr><td>1</td><th scope=col>甲</th></tr><tr><td>2</td><td>3</td></tr></table>",
    "<table><tr><th id=h>甲</th></tr><tr><td aria-labelledby=h>1</td></tr></table>",
    "<table><tr><th role=cell>甲</th><td role=columnheader>乙</td></tr></table>",
    "<table role=presentation><tr><th>甲</th></tr></table>",
    "<table><tr><td>1</td><!-- 注释 --><script></script><td>2</td></tr><tr><td>3</td></tr></table>",
    "<table><tr><form><td>1</td></form><th>甲</th></tr><tbody><tr></tr><tr><th>乙</th></tr></tbody></table>",
    "<table><caption>表</caption><tr><th>甲</th><td><table><tr><th>乙</th></tr></table></td></tr></table>",
]


def _run(page: Page) -> list[tuple[int, str]]:
    return [(where.sourceline, detail) for where, _, detail in th_has_data_cells(page)]


def _cases():
    for path in TABLE_PAGES:
        yield pytest.param(path.read_bytes(), id=f"{path.parent.name}/{path.name}")
    for n, html in enumerate(EXAMPLE_TABLES):
        yield pytest.param(f"<html lang=zh><body>{html}</body></html>".encode(), id=f"example-{n}")


@pytest.mark.parametrize("data", list(_cases()))
def test_th_has_data_cells_without_spans_matches_the_grid(data):
    simple_page = Page(parse_html(data))
    general_page = Page(parse_html(data))
    general_page.with_span.append(general_page.root)  # as if a cell spanned: the full grid
    assert _run(simple_page) == _run(general_page)


def test_the_fast_path_is_taken_and_finds_headers_without_data():
    page = Page(parse_html(b"<html lang=zh><body>" + EXAMPLE_TABLES[1].encode() + b"</body></html>"))
    assert not page.with_span and not page.with_headers
    assert _run(page) == [(1, "（第 1 行的表头）")]


@pytest.mark.parametrize("data", list(_cases()))
def test_rows_of_a_table_are_its_rows_child_cells(data):
    """table_rows' walk over rows and cells gives each row's td and th children, as a row by row
    look at the children does."""
    page = Page(parse_html(data))
    for table in page.tagged("table"):
        expected = [[c for c in tr if c.tag in ("td", "th")] for tr in table.iter("tr")
                    if next(tr.iterancestors("table")) is table]
        assert table_rows(page, table) == expected


def test_rows_of_a_table_with_a_nested_table_leave_the_inner_rows_out():
    root = parse_html(EXAMPLE_TABLES[-1].encode())
    page = Page(root)
    outer, inner = root.iter("table")
    assert [[c.text for c in row] for row in table_rows(page, outer)] == [["甲", None]]
    assert [[c.text for c in row] for row in table_rows(page, inner)] == [["乙"]]


FOLDERS = ["/", "/a/", "/a/b/", "/.well-known/x/", "/zwgk/2021/tasks/31/"]
RELATIVE = ["x", "../x", "../../x", "../../../../../../x", "./x", "../", "..", "../.", "a/../b",
            "../a/./b/../c", ".../x", "..x/y", "../..", "%2E%2E/x", "../%E4%BB%BB%E5%8A%A1/",
            "..//x", "../x/.."]


def _with_dots_removed(path: str) -> str:
    return remove_dot_segments(path) if "/." in path else path


@pytest.mark.parametrize("folder", FOLDERS)
def test_joining_leading_parent_segments_matches_remove_dot_segments(folder):
    for relative in RELATIVE:
        assert _with_dots_removed(_join(folder, relative)) == \
            _with_dots_removed(folder + relative), relative


def test_a_path_reached_from_many_folders_resolves_as_from_a_fresh_resolver():
    files = {"index.html", "tasks/1/index.html", "tasks/2/index.html", "units/u1/index.html"}
    dirs = {"tasks", "tasks/1", "tasks/2", "units", "units/u1"}
    shared = Resolver("/", files, dirs)
    for page in ("tasks/1/index.html", "tasks/2/index.html", "units/u1/index.html", "index.html"):
        base = document_url(page, "/")
        for url in ("../../tasks/2/index.html", "../../tasks/3/", "../2/", "../../", "../..",
                    "tasks/1/", "/tasks/1/index.html#x", "./index.html", "../../index.html?q=1",
                    "../../units/u1", "../../units/u9/index.html"):
            assert shared.locate(url, base) == Resolver("/", files, dirs).locate(url, base), \
                (page, url)
