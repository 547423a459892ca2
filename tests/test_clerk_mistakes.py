"""Mistakes a clerk makes while editing data/, through the real build: each one stops the build (or warns)
with the file, the line and what to do, in Chinese."""
from __future__ import annotations

import pytest

from project import copy_project, edit, line_of, run_build


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path / "project")


def refused(project) -> str:
    """Build; assert it failed without writing and without a traceback; its first error line."""
    result = run_build(project, "--out", "out")
    assert result.returncode == 1, result.stdout + result.stderr
    assert not (project / "out").exists() and "Traceback" not in result.stderr
    return result.stderr.splitlines()[0]


# --- YAML syntax: the parser's English explained -------------------------------------------------


@pytest.mark.parametrize("old, new, marker, offset, expected", [
    ("        - number: 4\n", "       - number: 4\n", "number: 4", 0, "缩进不一致"),
    ("- id: finance\n", " - id: finance\n", "id: finance", 0, "列表项的缩进不一致"),
    ("text: 主动公开全国统一的市场准入负面清单，", "text: 注意: 主动公开全国统一的市场准入负面清单，", "number: 3", 1, "改用中文冒号"),
    ("text: 主动公开全国统一的市场准入负面清单，", 'text: "主动公开全国统一的市场准入负面清单，', "number: 3", 1, "引号没有成对"),
    ("text: 主动公开全国统一的市场准入负面清单，", "text: *重点 主动公开全国统一的市场准入负面清单，", "number: 3", 1, "以 * 或 & 开头"),
    ("text: 主动公开全国统一的市场准入负面清单，", "text: @主动公开全国统一的市场准入负面清单，", "number: 3", 1, "不允许的字符"),
], ids=["item-indent", "dash-indent", "colon-in-text", "unclosed-quote", "star", "at-sign"])
def test_yaml_syntax_errors_are_explained_in_chinese(project, old, new, marker, offset, expected):
    tasks = project / "data" / "tasks.yaml"
    line = line_of(tasks, marker) + offset
    edit(tasks, old, new)
    message = refused(project)
    assert message.startswith(f"错误：data/tasks.yaml:{line}:"), message
    assert expected in message
    assert "did not" not in message and "not allowed" not in message and "found" not in message


def test_member_of_list_left_open_is_explained(project):
    units = project / "data" / "units.yaml"
    line = line_of(units, "member_of: [区政府各部门, 区政府有关部门, 区政府其他部门]")
    edit(units, "member_of: [区政府各部门, 区政府有关部门, 区政府其他部门]", "member_of: [区政府各部门, 区政府有关部门, 区政府其他部门")
    message = refused(project)
    assert message.startswith(f"错误：data/units.yaml:{line}:") and "缺少对应的“]”" in message
