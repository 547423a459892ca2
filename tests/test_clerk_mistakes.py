"""Mistakes a clerk makes while editing data/, through the real build: each one stops the build (or warns)
with the file, the line and what to do, in Chinese."""
from __future__ import annotations

import socket
import subprocess
import sys

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


# --- text silently lost or mangled -----------------------------------------------------------


def built_with_advice(project) -> str:
    """Build; assert it succeeded; its stderr (the advice)."""
    result = run_build(project, "--out", "out")
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stderr


TASK_7 = "text: 持续深化地方政府债务信息公开，"


def test_text_cut_by_a_hash_is_refused_with_where_and_how_to_quote(project):
    tasks = project / "data" / "tasks.yaml"
    line = line_of(tasks, TASK_7)
    edit(tasks, TASK_7, "text: 持续深化地方政府债务信息公开 #重点 工作，")
    message = refused(project)
    assert message.startswith(f"错误：data/tasks.yaml:{line}: 字段 text：文字在“#重点 工作，")
    assert "网站上只会显示“持续深化地方政府债务信息公开”" in message
    assert '加英文引号，例如 "持续深化地方政府债务信息公开 #重点 工作，' in message


def test_quoted_hash_is_text(project):
    tasks = project / "data" / "tasks.yaml"
    text = (project / "data" / "tasks.yaml").read_text(encoding="utf-8")
    original = next(line for line in text.splitlines() if TASK_7 in line).strip()[len("text: "):]
    edit(tasks, f"text: {original}", f'text: "#重点：{original}"')
    assert built_with_advice(project) == ""
    assert "#重点：持续深化" in (project / "out" / "tasks" / "7" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("pasted", ["7．", "（七）", "7、"])
def test_pasted_number_at_the_start_of_a_text_is_pointed_out(project, pasted):
    tasks = project / "data" / "tasks.yaml"
    line = line_of(tasks, TASK_7)
    edit(tasks, TASK_7, f"text: {pasted}持续深化地方政府债务信息公开，")
    advice = built_with_advice(project)
    assert advice.startswith(f"提示：data/tasks.yaml:{line}: 字段 text：第7项的正文以“{pasted}”开头"), advice
    assert "请删去正文开头的编号" in advice


def test_deadline_in_the_text_without_deadline_is_pointed_out(project):
    tasks = project / "data" / "tasks.yaml"
    line = line_of(tasks, TASK_7)
    edit(tasks, TASK_7, "text: 2021年12月31日前持续深化地方政府债务信息公开，")
    advice = built_with_advice(project)
    assert advice.startswith(f"提示：data/tasks.yaml:{line}: 字段 text：第7项的正文写有期限“2021年12月31日前”，但没有填写 deadline。"), advice
    assert "deadline: 2021-12-31 和 deadline_text: 2021年12月31日前" in advice


def test_two_paragraph_cell_without_block_marker_is_pointed_out(project):
    tasks = project / "data" / "tasks.yaml"
    line = line_of(tasks, "responsibility: |-")
    edit(tasks, "responsibility: |-\n", "responsibility:\n")
    result = run_build(project, "--out", "out")
    advice, error = result.stderr.splitlines()[:2]
    assert advice.startswith(f"提示：data/tasks.yaml:{line}: 字段 responsibility：责任单位中有空格把中文隔开（“位 区”）"), advice
    assert "请写成“responsibility: |-”" in advice
    assert result.returncode == 1 and error.startswith("错误：data/tasks.yaml:")  # the joined name is no unit


def test_the_shipped_data_gets_no_advice(tmp_path):
    project = copy_project(tmp_path / "project")
    assert built_with_advice(project) == ""


# --- errors that point at the right thing ----------------------------------------------------

NEW_TASK = "        - number: 49\n          text: 新增的一项要求。\n"


def test_a_task_added_in_the_middle_is_the_one_named(project):
    tasks = project / "data" / "tasks.yaml"
    edit(tasks, "        - number: 10\n", NEW_TASK + "        - number: 10\n")
    line = line_of(tasks, "number: 49")
    message = refused(project)
    assert message.startswith(f"错误：data/tasks.yaml:{line}: 字段 number：第49项的位置不对：它写在第9项之后、第10项之前"), message
    assert "把它移到第48项之后" in message and "不写 number" in message


def test_numbers_may_be_left_out_while_drafting(project):
    tasks = project / "data" / "tasks.yaml"
    text = tasks.read_text(encoding="utf-8")
    tasks.write_text("\n".join(line for line in text.splitlines() if not line.strip().startswith("- number:") or
                               line.strip() == "- number: 1").replace("          text:", "        - text:")
                     .replace("        - number: 1\n        - text:", "        - number: 1\n          text:") + "\n",
                     encoding="utf-8")
    assert "number: 30" not in tasks.read_text(encoding="utf-8")
    assert run_build(project, "--out", "out").returncode == 0
    assert "2021年底前政府网站支持互联网协议第6版" in (project / "out" / "tasks" / "30" / "index.html").read_text(encoding="utf-8")


def test_a_duplicate_number_says_how_to_renumber(project):
    tasks = project / "data" / "tasks.yaml"
    edit(tasks, "        - number: 10\n", NEW_TASK.replace("49", "10") + "        - number: 10\n")
    assert "在中间插入新任务时，请把它之后各项的编号依次加1" in refused(project)


@pytest.mark.parametrize("field, old, new", [
    ("member_of", "member_of: [区政府各部门, 区政府有关部门, 区政府其他部门]", "member_of: [区政府各部门，区政府有关部门, 区政府其他部门]"),
    ("aliases", "aliases: [区政数局]", "aliases: [区政数局、政数局]"),
])
def test_a_list_written_with_chinese_commas_is_recognised(project, field, old, new):
    units = project / "data" / "units.yaml"
    line = line_of(units, old)
    edit(units, old, new)
    message = refused(project)
    assert message.startswith(f"错误：data/units.yaml:{line}: 字段 {field}：")
    assert "被读成了一项：方括号列表的各项之间须用英文逗号" in message
    expected = "[区政府各部门, 区政府有关部门]" if field == "member_of" else "[区政数局, 政数局]"
    assert f"请写成 {field}: {expected}" in message


def test_serve_on_a_busy_port_says_so_before_printing_an_address(project):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run([sys.executable, "build.py", "serve", "--port", str(port)], cwd=project,
                                capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr == (f"错误：无法在 127.0.0.1:{port} 上启动预览服务器（端口已被占用）。"
                             f"请用 --port 换一个端口，例如 --port {port + 1}。\n")


def test_many_advices_are_summed_up_after_the_first_twenty(project):
    tasks = project / "data" / "tasks.yaml"
    text = tasks.read_text(encoding="utf-8")
    tasks.write_text(text.replace("          text: ", "          text: 1．"), encoding="utf-8")
    advice = built_with_advice(project).splitlines()
    assert len(advice) == 21 and all(line.startswith("提示：data/tasks.yaml:") for line in advice[:20])
    assert advice[20] == "提示：另有 28 条同类提示未列出；改正上面几处后再生成，会列出其余的。"
