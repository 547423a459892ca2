"""The loader's refusals in-process (quick; what the mutation run exercises): each bad edit of a copy of
data/ gives one DataError naming the file, the line, the field and what to do. The same refusals
through `python build.py`, with exit status and nothing written: test_bad_data.py."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from project import REPO, line_of
from zwgk.load import DataError, load_plan, load_site_config

T30 = "          text: 2021年底前政府网站支持互联网协议第6版。\n"
AUDIT = "- id: audit\n  name: 区审计局\n  kind: department\n"

# name: (file, old, new, text on the expected line (or None: no line), field, phrase)
CASES = {
    "unknown field": ("tasks.yaml", T30, T30.replace("text", "txet"), "txet:", "txet", "是否应为 text"),
    "unknown field, no close match": ("tasks.yaml", T30, T30 + "          colour: red\n", "colour:", "colour", "可用字段"),
    "missing field": ("tasks.yaml", T30, "", "- number: 30", "text", "缺少必填字段 text"),
    "mistyped number": ("tasks.yaml", "- number: 30\n", "- number: '30'\n", "- number: '30'", "number", "应为整数"),
    "boolean is no number": ("tasks.yaml", "- number: 30\n", "- number: true\n", "- number: true", "number", "应为整数"),
    "empty text": ("tasks.yaml", T30, "          text: ' '\n", "text: ' '", "text", "不能为空"),
    "number below 1": ("tasks.yaml", "- number: 1\n", "- number: 0\n", "- number: 0", "number", "编号从 1 开始"),
    "duplicate number": ("tasks.yaml", "- number: 30\n", "- number: 29\n", None, "number", "任务编号 29 重复"),
    "missing number": ("tasks.yaml", "- number: 48\n", "- number: 50\n", None, "number", "缺少第 48、49 项"),
    "deadline without text": ("tasks.yaml", "          deadline_text: 2021年底前\n", "", None, "deadline_text", "有 deadline 而没有 deadline_text"),
    "deadline_text not in text": ("tasks.yaml", T30 + "          deadline: 2021-12-31\n          deadline_text: 2021年底前\n",
                                  T30 + "          deadline: 2021-12-31\n          deadline_text: 2022年底前\n",
                                  "deadline_text: 2022年底前", "deadline_text", "正文中没有“2022年底前”"),
    "datetime is no date": ("tasks.yaml", "          deadline: 2021-12-31\n", "          deadline: 2021-12-31 10:00:00\n",
                            "deadline: 2021-12-31 10:00:00", "deadline", "应为日期"),
    "duplicate key": ("tasks.yaml", T30, T30 + "          text: 又一个\n", "text: 又一个", None, "键 text 重复出现"),
    "unknown unit": ("tasks.yaml", "responsibility: 区政府办公室、区政数局\n", "responsibility: 区政府办公室、区数据局\n",
                     "responsibility: 区政府办公室、区数据局", "responsibility", "“区数据局”不在单位名录中"),
    "bad category id": ("tasks.yaml", "- id: finance\n", "- id: Finance\n", "- id: Finance", "id", "不能用于网址"),
    "duplicate category id": ("tasks.yaml", "- id: market-rules\n", "- id: plans  # 示例：重复\n", "示例：重复", "id", "“plans”重复"),
    "empty rows": ("tasks.yaml", "- id: plans\n", "- id: empty\n  name: 空\n  rows: []\n- id: plans\n", "rows: []", "rows", "没有任何具体要求"),
    "row without tasks": ("tasks.yaml", "    - responsibility: 区政府办公室、区政数局\n", "    - responsibility: 区政府办公室\n      tasks: []\n    - responsibility: 区政府办公室、区政数局\n",
                          "tasks: []", "tasks", "这一行没有任何具体要求"),
    "not a list": ("tasks.yaml", "- id: plans\n", "oops: 1\n- id: plans\n", None, None, "YAML 格式错误"),
    "unsupported tag": ("tasks.yaml", T30, "          text: !!set {a}\n", "!!set", None, "不支持标签"),
    "unconstructable tag": ("tasks.yaml", T30, "          text: !!python/name:os.system 1\n", "!!python", None, "YAML 格式错误"),
    "unknown alias": ("tasks.yaml", T30, "          text: *nowhere\n", "*nowhere", None, "没有对应的锚点"),
    "bad unit kind": ("units.yaml", AUDIT, AUDIT.replace("department", "office"), "kind: office", "kind", "单位类别“office”无效"),
    "duplicate unit id": ("units.yaml", "- id: audit\n", "- id: finance  # 示例：重复\n", "示例：重复", "id", "“finance”重复"),
    "alias claimed twice": ("units.yaml", AUDIT, AUDIT + "  aliases: [区卫健局]  # 示例：已被占用\n", "示例：已被占用", "aliases", "“区卫健局”已属于"),
    "empty alias": ("units.yaml", AUDIT, AUDIT + "  aliases: ['']\n", "aliases: ['']", "aliases", "非空文字"),
    "unknown collective": ("units.yaml", "  member_of: [区政府各部门, 区政府有关部门, 区政府其他部门]\n", "  member_of: [区政府全部部门]\n",
                           "member_of: [区政府全部部门]", "member_of", "不是名录中的统称"),
    "notice field missing": ("notice.yaml", "plan_title: 肇庆市鼎湖区2021年政务公开工作要点分工方案\n", "", None, "plan_title", "缺少必填字段 plan_title"),
    "site field unknown": ("site.yaml", 'icp: ""\n', 'icp: ""\nsite_ulr: ""\n', "site_ulr", "site_ulr", "是否应为 site_url"),
}


@pytest.fixture
def data(tmp_path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(REPO / "data", target)
    return target


@pytest.mark.parametrize("name", CASES)
def test_bad_data_is_refused_with_file_line_and_field(data, name):
    file, old, new, line_text, field, phrase = CASES[name]
    path = data / file
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DataError) as raised:
        load_plan(data) if file != "site.yaml" else load_site_config(data)
    error = raised.value
    assert error.file == f"data/{file}"
    if line_text is not None:
        assert error.line == line_of(path, line_text), str(error)
    assert error.field == field, str(error)
    assert phrase in error.message, str(error)
    assert str(error).startswith(f"data/{file}:{error.line}:" if error.line else f"data/{file}:")


def test_two_yaml_documents_are_refused(data):
    path = data / "tasks.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "---\n- id: more\n", encoding="utf-8")
    with pytest.raises(DataError, match="只能有一个 YAML 文档"):
        load_plan(data)


def test_a_missing_file_is_named(data):
    (data / "notice.yaml").unlink()
    with pytest.raises(DataError, match="文件不存在") as raised:
        load_plan(data)
    assert raised.value.file == "data/notice.yaml"


def test_a_file_not_in_utf8_is_named(data):
    (data / "units.yaml").write_bytes("- id: x\n  name: 区审计局\n".encode("gbk"))
    with pytest.raises(DataError, match="UTF-8") as raised:
        load_plan(data)
    assert raised.value.file == "data/units.yaml"


def test_site_settings_are_trimmed(data):
    path = data / "site.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('site_url: ""', 'site_url: " https://www.example.gov.cn/ "'), encoding="utf-8")
    site = load_site_config(data)
    assert site.site_url == "https://www.example.gov.cn" and site.icp == "" and site.site_name.strip() == site.site_name


def test_anchors_and_aliases_are_read(data):
    path = data / "tasks.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(T30, "          text: &t 2021年底前政府网站支持互联网协议第6版。\n", 1), encoding="utf-8")
    plan = load_plan(data)
    assert plan.tasks[29].text == "2021年底前政府网站支持互联网协议第6版。"


def test_the_shipped_data_loads(data):
    plan = load_plan(data)
    assert [task.number for task in plan.tasks] == list(range(1, 49))
    assert plan.tasks[29].shared_with == () and plan.tasks[2].shared_with == (3, 4, 5)


@pytest.mark.parametrize("text, line, phrase", [
    ("site_name: [unclosed\n", 1, "方括号列表没有结束"),  # the parser notices at the end; the message points where it opened
    ("- site_name\n", 1, "站点设置应是键值对"),
    ("publisher: 示例\n", 1, "站点设置缺少必填字段 site_name"),
])
def test_bad_site_settings(data, text, line, phrase):
    (data / "site.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as raised:
        load_site_config(data)
    assert (raised.value.file, raised.value.line) == ("data/site.yaml", line) and phrase in raised.value.message, str(raised.value)


def _renumber(data, mapping: dict[int, int]) -> None:
    path = data / "tasks.yaml"
    text = path.read_text(encoding="utf-8")
    for old in mapping:
        text = text.replace(f"- number: {old}\n", f"- number: TEMP{old}\n", 1)
    for old, new in mapping.items():
        text = text.replace(f"- number: TEMP{old}\n", f"- number: {new}\n", 1)
    path.write_text(text, encoding="utf-8")


def test_tasks_out_of_order_name_the_task_and_its_line(data):
    line = line_of(data / "tasks.yaml", "- number: 30")
    _renumber(data, {29: 30, 30: 29})
    with pytest.raises(DataError) as raised:
        load_plan(data)
    error = raised.value
    assert (error.file, error.line, error.field) == ("data/tasks.yaml", line, "number")
    assert error.message == ("第29项的位置不对：它写在第30项之后、第31项之前，而任务应按编号顺序从1起依次排列。"
                             "请把它移到正确的位置，或改正编号。起草时也可以不写 number，由网站按顺序编号（见 data/tasks.yaml 开头的说明）。")


@pytest.mark.parametrize("mapping, listed", [
    ({1: 49}, "缺少第 1 项"),
    ({48: 60}, "缺少第 48、49、50、51、52、53、54、55、56、57等 项"),
    ({48: 58}, "缺少第 48、49、50、51、52、53、54、55、56、57 项"),
])
def test_missing_numbers_are_listed(data, mapping, listed):
    _renumber(data, mapping)
    with pytest.raises(DataError) as raised:
        load_plan(data)
    assert (raised.value.file, raised.value.line, raised.value.field) == ("data/tasks.yaml", None, "number")
    assert raised.value.message.startswith(listed + "：任务编号应从 1 起连续。"), raised.value.message
