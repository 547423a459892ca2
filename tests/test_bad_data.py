"""Bad data stops the build with one clear message (file, line, field, what to do) and exit 1,
before anything is written."""
from __future__ import annotations

import pytest

from project import copy_project, edit, line_of, run_build


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path / "project")


def refuse(project, expected_location: str, *phrases: str) -> str:
    """Build; assert it failed with one error naming expected_location and phrases, writing nothing."""
    result = run_build(project, "--out", "out")
    assert result.returncode == 1, result.stdout + result.stderr
    assert not (project / "out").exists()
    first_line = result.stderr.splitlines()[0]
    assert first_line.startswith(f"错误：{expected_location}"), result.stderr
    for phrase in phrases:
        assert phrase in first_line, result.stderr
    assert "Traceback" not in result.stderr
    return first_line


def test_malformed_yaml_names_file_and_line(project):
    tasks = project / "data" / "tasks.yaml"
    line = line_of(tasks, "number: 7")
    edit(tasks, "        - number: 7\n", "        - number: 7\n       text: [unclosed\n")
    refuse(project, f"data/tasks.yaml:{line + 1}:", "YAML 格式错误")


def test_missing_field(project):
    tasks = project / "data" / "tasks.yaml"
    line = line_of(tasks, "number: 30")
    text = tasks.read_text(encoding="utf-8").splitlines()[line]
    edit(tasks, text + "\n", "")
    refuse(project, f"data/tasks.yaml:{line}:", "字段 text", "缺少必填字段")


def test_misspelled_field_gets_a_suggestion(project):
    tasks = project / "data" / "tasks.yaml"
    line = line_of(tasks, "number: 30") + 1
    edit(tasks, "          text: 2021年底前政府网站", "          txet: 2021年底前政府网站")
    refuse(project, f"data/tasks.yaml:{line}:", "字段 txet", "是否应为 text")


def test_mistyped_field(project):
    tasks = project / "data" / "tasks.yaml"
    line = line_of(tasks, "number: 30")
    edit(tasks, "- number: 30\n", "- number: 三十\n")
    refuse(project, f"data/tasks.yaml:{line}:", "字段 number", "应为整数")


def test_duplicate_task_number(project):
    tasks = project / "data" / "tasks.yaml"
    first = line_of(tasks, "number: 29")
    line = line_of(tasks, "number: 30")
    edit(tasks, "- number: 30\n", "- number: 29\n")
    refuse(project, f"data/tasks.yaml:{line}:", "任务编号 29 重复", f"第{first}行")


def test_missing_task_number(project):
    tasks = project / "data" / "tasks.yaml"
    edit(tasks, "- number: 48\n", "- number: 49\n")
    refuse(project, "data/tasks.yaml:", "缺少第 48 项")


def test_duplicate_category_id(project):
    tasks = project / "data" / "tasks.yaml"
    line = line_of(tasks, "- id: market-rules")
    edit(tasks, "- id: market-rules\n", "- id: plans\n")
    refuse(project, f"data/tasks.yaml:{line}:", "字段 id", "“plans”重复")


def test_duplicate_unit_id(project):
    units = project / "data" / "units.yaml"
    line = line_of(units, "- id: audit")
    edit(units, "- id: audit\n", "- id: finance\n")
    refuse(project, f"data/units.yaml:{line}:", "字段 id", "“finance”重复")


@pytest.mark.parametrize("bad_id", ["Finance", "finance_info", "财政", "../up", "-finance"])
def test_unsafe_id(project, bad_id):
    tasks = project / "data" / "tasks.yaml"
    line = line_of(tasks, "- id: finance")
    edit(tasks, "- id: finance\n", f"- id: '{bad_id}'\n")
    refuse(project, f"data/tasks.yaml:{line}:", "字段 id", "不能用于网址")


def test_category_with_no_tasks(project):
    tasks = project / "data" / "tasks.yaml"
    edit(tasks, "- id: plans\n  name: 做好各类规划主动公开\n", "- id: empty\n  name: 空的工作任务\n  rows: []\n- id: plans\n  name: 做好各类规划主动公开\n")
    line = line_of(tasks, "rows: []")
    refuse(project, f"data/tasks.yaml:{line}:", "字段 rows", "没有任何具体要求")


def test_unknown_unit_name(project):
    tasks = project / "data" / "tasks.yaml"
    line = line_of(tasks, "responsibility: 区政府办公室、区政数局") + 0
    edit(tasks, "responsibility: 区政府办公室、区政数局\n", "responsibility: 区政府办公室、区数据局\n")
    refuse(project, f"data/tasks.yaml:{line}:", "字段 responsibility", "“区数据局”不在单位名录中", "data/units.yaml")


def test_alias_claimed_by_two_units(project):
    units = project / "data" / "units.yaml"
    edit(units, "  name: 区税务局\n", "  name: 区税务局\n  aliases: [区卫健局]\n")
    line = line_of(units, "name: 区税务局") + 1
    refuse(project, f"data/units.yaml:{line}:", "“区卫健局”已属于", "区卫生健康局", "区税务局")


def test_unknown_collective_in_member_of(project):
    units = project / "data" / "units.yaml"
    edit(units, "  name: 区财政局\n  kind: department\n  member_of: [区政府各部门", "  name: 区财政局\n  kind: department\n  member_of: [区政府全部部门")
    refuse(project, "data/units.yaml:", "字段 member_of", "“区政府全部部门”不是名录中的统称")


def test_tasks_out_of_order(project):
    tasks = project / "data" / "tasks.yaml"
    line = line_of(tasks, "- number: 30")
    edit(tasks, "- number: 29\n", "- number: TWENTY-NINE\n")
    edit(tasks, "- number: 30\n", "- number: 29\n")
    edit(tasks, "- number: TWENTY-NINE\n", "- number: 30\n")
    refuse(project, f"data/tasks.yaml:{line}:", "字段 number", "第29项的位置不对", "编号顺序")


def test_duplicate_yaml_key_in_data(project):
    tasks = project / "data" / "tasks.yaml"
    line = line_of(tasks, "text: 2021年底前政府网站支持互联网协议第6版。") + 1
    edit(tasks, "          text: 2021年底前政府网站支持互联网协议第6版。\n",
         "          text: 2021年底前政府网站支持互联网协议第6版。\n          text: 第二个正文\n")
    refuse(project, f"data/tasks.yaml:{line}:", "键 text 重复出现")


def test_duplicate_yaml_key_in_front_matter(project):
    about = project / "content" / "about.md"
    edit(about, "order: 1\n", "order: 1\ntitle: 第二个标题\n")
    refuse(project, "content/about.md:4:", "键 title 重复出现")


def test_front_matter_syntax_error_names_its_line(project):
    about = project / "content" / "about.md"
    edit(about, "order: 1\n", "order: 1: 2\n")
    refuse(project, f"content/about.md:{line_of(about, 'order: 1: 2')}:", "YAML 格式错误", "多了一个“: ”")


def test_empty_front_matter_asks_for_a_title(project):
    about = project / "content" / "about.md"
    text = about.read_text(encoding="utf-8")
    front_end = text.index("\n---\n", 4)
    about.write_text("---\n\n" + text[front_end + 1:], encoding="utf-8")
    refuse(project, "content/about.md:2:", "字段 title", "缺少必填字段")


def test_deadline_text_must_be_words_of_the_text(project):
    tasks = project / "data" / "tasks.yaml"
    line = line_of(tasks, "text: 2021年底前政府网站支持互联网协议第6版。") + 2
    edit(tasks, "          text: 2021年底前政府网站支持互联网协议第6版。\n          deadline: 2021-12-31\n          deadline_text: 2021年底前\n",
         "          text: 2021年底前政府网站支持互联网协议第6版。\n          deadline: 2021-12-31\n          deadline_text: 2022年底前\n")
    refuse(project, f"data/tasks.yaml:{line}:", "字段 deadline_text", "第30项正文中没有“2022年底前”", "time_limit")


def test_time_limit_gives_deadline_words_that_are_not_in_the_text(project):
    """A 完成时限 column's words (time_limit) need not be in the text; the task page shows them."""
    edit(project / "data" / "tasks.yaml", "支持互联网协议第6版。\n          deadline: 2021-12-31\n          deadline_text: 2021年底前\n",
         "支持互联网协议第6版。\n          deadline: 2021-12-15\n          time_limit: 2021年12月中旬\n")
    result = run_build(project, "--out", "out")
    assert result.returncode == 0, result.stdout + result.stderr
    page = (project / "out" / "tasks" / "30" / "index.html").read_text(encoding="utf-8")
    assert '<time datetime="2021-12-15">2021年12月中旬</time>' in page


def test_deadline_text_and_time_limit_together_are_refused(project):
    edit(project / "data" / "tasks.yaml", "          deadline_text: 2021年底前\n",
         "          deadline_text: 2021年底前\n          time_limit: 2021年12月中旬\n")
    refuse(project, "data/tasks.yaml:", "字段 time_limit", "只能填写一个")


def test_deadline_without_deadline_text(project):
    tasks = project / "data" / "tasks.yaml"
    edit(tasks, "          text: 2021年底前政府网站支持互联网协议第6版。\n          deadline: 2021-12-31\n          deadline_text: 2021年底前\n",
         "          text: 2021年底前政府网站支持互联网协议第6版。\n          deadline: 2021-12-31\n")
    refuse(project, "data/tasks.yaml:", "第30项有 deadline 而没有 deadline_text", "time_limit")


def snapshot(folder) -> dict[str, bytes]:
    """Every file under folder (hidden ones too) -> its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_failed_build_leaves_previous_output_untouched(project):
    """Bad data stops the build at load time, before anything is written."""
    first = run_build(project, "--out", "out")
    assert first.returncode == 0, first.stdout + first.stderr
    before = snapshot(project / "out")
    edit(project / "data" / "units.yaml", "- id: audit\n", "- id: AUDIT\n")
    result = run_build(project, "--out", "out")
    assert result.returncode == 1 and "不能用于网址" in result.stderr
    assert snapshot(project / "out") == before
    assert not [p for p in project.iterdir() if p.name.startswith(".out.")]


# --- role words are not unit names (issue 13, point 1) ------------------------------------------


def test_role_phrase_after_a_name_is_read_not_refused(project):
    """区财政局牵头，区审计局配合 builds: 配合 is a role (support), not part of a name."""
    edit(project / "data" / "tasks.yaml", "responsibility: 区司法局\n", "responsibility: 区司法局牵头，区审计局配合\n")
    result = run_build(project, "--out", "out")
    assert result.returncode == 0, result.stderr


def test_unknown_name_with_a_role_word_is_explained(project):
    tasks = project / "data" / "tasks.yaml"
    line = line_of(tasks, "number: 37") - 2
    edit(tasks, "responsibility: 区司法局\n", "responsibility: 区审计局配合区司法局\n")
    first = refuse(project, f"data/tasks.yaml:{line}:", "字段 responsibility", "“配合”是分工用语，不是单位名称", "牵头办理")
    assert "请在 data/units.yaml 中添加" not in first


@pytest.mark.parametrize("alias", ["区审计局配合", "区审计局牵头", "区审计局（牵头）", "区审计局参与"])
def test_alias_ending_in_a_role_word_is_refused(project, alias):
    units = project / "data" / "units.yaml"
    line = line_of(units, "name: 区审计局")
    edit(units, "  name: 区审计局\n", f"  name: 区审计局\n  aliases: [{alias}]\n")
    refuse(project, f"data/units.yaml:{line + 1}:", "字段 aliases", f"“{alias}”", "不是单位名称的一部分")


def test_unit_name_ending_in_a_role_word_is_refused(project):
    units = project / "data" / "units.yaml"
    line = line_of(units, "name: 区审计局")
    edit(units, "  name: 区审计局\n", "  name: 区审计局落实\n")
    refuse(project, f"data/units.yaml:{line}:", "字段 name", "“区审计局落实”")


def test_a_build_that_fails_while_rendering_leaves_the_previous_output_byte_for_byte(project):
    """Pages are rendered as they are written: a template error part-way must not touch the old output."""
    first = run_build(project, "--out", "out")
    assert first.returncode == 0, first.stdout + first.stderr
    before = snapshot(project / "out")
    assert (project / ".zwgk-site-out").is_file() and len(before) > 100
    # New data (so that files written before the failure would differ) and a template that fails on task pages.
    edit(project / "data" / "tasks.yaml", "text: 2021年底前政府网站支持互联网协议第6版。", "text: 2021年底前政府网站支持互联网协议第6版（已修改）。")
    line = line_of(project / "templates" / "task.html", "{{ task.text }}")
    edit(project / "templates" / "task.html", "{{ task.text }}", "{{ task.txet }}")
    result = run_build(project, "--out", "out")
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stderr.startswith(f"错误：templates/task.html:{line}:"), result.stderr
    assert "txet" in result.stderr and "Traceback" not in result.stderr
    after = snapshot(project / "out")
    assert after.keys() == before.keys()
    assert [name for name in before if after[name] != before[name]] == []
    assert not [p for p in project.iterdir() if p.name.startswith(".out.")], "staging folders left behind"
