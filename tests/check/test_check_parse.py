"""The checker's parser builds tables as a browser's HTML5 parser does, keeping source lines."""
from __future__ import annotations

from checkhelpers import findings
from zwgk.check.dom import parse_html


def test_cells_straight_in_a_table_get_their_implied_row_and_row_group():
    root = parse_html(b"<table>\n<th>name</th>\n<td>value</td>\n</table>")
    table = next(root.iter("table"))
    (tbody,) = list(table)
    (row,) = list(tbody)
    assert (tbody.tag, row.tag) == ("tbody", "tr")
    assert [c.tag for c in row] == ["th", "td"]
    assert [c.sourceline for c in row] == [2, 3]
    assert tbody.sourceline == row.sourceline == 2


def test_rows_in_a_row_group_and_cells_in_a_row_group():
    root = parse_html(b"<table><tr><td>1</td></tr><tr><td>2</td></tr></table>"
                      b"<table><tbody><td>3</td><!-- c --><td>4</td></tbody></table>")
    first, second = root.iter("table")
    assert [child.tag for child in first] == ["tbody"]
    assert len(first[0]) == 2
    (tbody,) = list(second)
    assert [child.tag for child in tbody] == ["tr"]
    assert [c.text for c in tbody[0] if c.tag == "td"] == ["3", "4"]


def test_implied_rows_give_no_required_children_finding(tmp_path):
    found = findings(tmp_path, {"index.html": "<table>\n<th>名称</th>\n<td>数值</td>\n</table>"})
    assert [f.rule for f in found if f.type == "a11y"] == []
