"""`build.py import`: the shipped plan from each of its documents, other layouts, bad input.

The layout tests use small EXAMPLE documents (tests/plan_examples.py), written with python-docx and
openpyxl in the test, and an example unit registry; the fidelity tests use ../shared/plans/ and the seed.
"""
from __future__ import annotations

import datetime
import subprocess
import sys
from pathlib import Path

import pytest

import seed
from plan_examples import docx_plan, write_registry, xlsx_plan
from zwgk.importer.interpret import parse_deadline, split_items, strip_heading
from zwgk.load import load_plan

REPO = Path(__file__).resolve().parents[1]
PLANS = REPO.parent / "shared" / "plans"
SHIPPED_SOURCES = [PLANS / "dinghu-2021.docx", PLANS / "dinghu-2021-lead-column.docx", PLANS / "dinghu-2021.xlsx", seed.SEED]


def run(*args: str) -> subprocess.CompletedProcess:
    """python build.py ARGS in the repository, output captured as text."""
    return subprocess.run([sys.executable, "build.py", *map(str, args)], cwd=REPO, capture_output=True, text=True, timeout=120)


def imported(source: Path, data: Path, *extra) -> subprocess.CompletedProcess:
    result = run("import", source, "--data", data, *extra)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    return result


def builds_clean(data: Path, out: Path) -> str:
    result = run("--data", data, "--out", out)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 个错误" in result.stdout
    return result.stdout


def roles(task) -> set[tuple[str, str]]:
    return {(assignment.unit.id, assignment.role) for assignment in task.assignments}


# --- the shipped plan, from each document it comes in -------------------------------------------


@pytest.fixture(scope="module")
def shipped():
    return load_plan(REPO / "data")


@pytest.mark.parametrize("source", SHIPPED_SOURCES, ids=lambda path: path.name)
def test_import_gives_the_shipped_plan(source, shipped, tmp_path):
    if not source.exists():
        pytest.skip(f"{source} is not there")
    data = tmp_path / "data"
    result = imported(source, data)
    assert "具体要求 48 项，工作任务 12 项" in result.stdout and "名录中已有 29 个，新起草 0 个" in result.stdout
    plan = load_plan(data)
    assert [task.number for task in plan.tasks] == list(range(1, 49))
    assert [c.name for c in plan.categories] == [c.name for c in shipped.categories]
    assert {unit.id for unit in plan.units} == {unit.id for unit in shipped.units}
    lead_column = "lead-column" in source.name
    for mine, theirs in zip(plan.tasks, shipped.tasks):
        assert (mine.category.name, mine.text) == (theirs.category.name, theirs.text), mine.number
        assert (mine.deadline, mine.deadline_text) == (theirs.deadline, theirs.deadline_text), mine.number
        if mine.number in (39, 40):  # their shared two-paragraph cell is kept whole, shared by both
            assert mine.shared_with == (39, 40)
            assert roles(mine) == roles(shipped.tasks[38]) | roles(shipped.tasks[39])
            continue
        assert roles(mine) == roles(theirs), mine.number
        assert mine.shared_with == theirs.shared_with, mine.number
        if not lead_column:  # a 牵头单位 column is folded back as "X牵头，…": same units, other wording
            assert mine.responsibility == theirs.responsibility, mine.number
        assert mine.requirements == ()
    if source.suffix != ".xlsx":  # the workbook holds the table alone
        assert (plan.notice.number, plan.notice.date) == (shipped.notice.number, shipped.notice.date)
        assert plan.notice.title == shipped.notice.title and plan.title == shipped.title
        assert plan.notice.report_deadline == shipped.notice.report_deadline
        assert [d.number for d in plan.notice.basis] == [d.number for d in shipped.notice.basis]
    else:
        assert plan.title == shipped.title and plan.notice.number == ""
    builds_clean(data, tmp_path / "site")


# --- layouts other offices use (EXAMPLE documents) ----------------------------------------------


def test_sections_as_full_width_rows_lead_and_support_columns_deadline_column(tmp_path):
    registry = write_registry(tmp_path / "registry")
    header = ["序号", "工作任务", "具体要求", "牵头单位", "配合单位", "完成时限"]
    source = docx_plan(tmp_path / "示例方案.docx", [
        ["示例区2022年政务公开工作要点分工方案", None, None, None, None, None],  # title row
        header,
        ["一、以公开助力经济发展", None, None, None, None, None],
        ["1", "（一）加强市场主体信息公开。", "进一步增强政策文件透明度。", "区发改局", "区财政局、区审计局", "全年"],
        ["2", None, "开设帮扶政策专题。", "区发改局", "", "2022年6月30日前"],
        header,  # repeated on a new page
        ["二、以公开推进基层治理", None, None, None, None, None],
        ["3", "（二）推进基层政务公开", "做好基层标准目录落实。", "区政数局", "各镇人民政府、街道办事处", "三季度前"],
    ], merges=[((0, 0), (0, 5)), ((2, 0), (2, 5)), ((3, 1), (4, 1)), ((6, 0), (6, 5))])
    data = tmp_path / "data"
    report = imported(source, data, "--units", registry).stdout
    plan = load_plan(data)
    assert plan.title == "示例区2022年政务公开工作要点分工方案"
    assert [(c.section, c.name) for c in plan.categories] == [
        ("以公开助力经济发展", "加强市场主体信息公开"), ("以公开推进基层治理", "推进基层政务公开")]
    first, second, third = plan.tasks
    assert {(a.unit.name, a.role) for a in first.assignments} == {
        ("区发展和改革局", "lead"), ("区财政局", "support"), ("区审计局", "support")}
    assert (first.deadline, first.deadline_text) == (None, "全年")
    assert (second.deadline, second.deadline_text) == (datetime.date(2022, 6, 30), "2022年6月30日前")
    assert (third.deadline, third.deadline_text) == (datetime.date(2022, 9, 30), "三季度前")
    kinds = {unit.name: unit.kind for unit in plan.units}
    assert kinds["各镇人民政府"] == "collective" and kinds["街道办事处"] == "town"
    units_yaml = (data / "units.yaml").read_text(encoding="utf-8")
    assert units_yaml.count("# 待核对：") == 2 and "id: jie-dao-ban-shi-chu" in units_yaml
    assert "分为 2 个部分" in report and "新起草 2 个" in report and "表格第8行" in report
    assert "site_name: 示例区2022年政务公开工作要点专栏" in (data / "site.yaml").read_text(encoding="utf-8")
    site = tmp_path / "site"
    builds_clean(data, site)
    categories_page = (site / "categories" / "index.html").read_text(encoding="utf-8")
    assert 'id="section-1">以公开助力经济发展</h2>' in categories_page
    task_page = (site / "tasks" / "3" / "index.html").read_text(encoding="utf-8")
    assert '<a href="../../categories/index.html#section-2">以公开推进基层治理</a>' in task_page  # breadcrumbs: relative links
    assert "完成时限：<time" in task_page


def test_header_cells_spanning_two_columns_and_role_phrases(tmp_path):
    """工作任务 over (section, work task) and 具体要求 over (number, text), as in many cities' tables."""
    registry = write_registry(tmp_path / "registry")
    source = docx_plan(tmp_path / "示例跨列表头.docx", [
        ["工作任务", None, "具体要求", None, "责任单位", "时限要求"],
        ["一、以公开助力经济平稳健康发展。", "（一）加强涉及市场主体的信息公开。", "1", "增强政策透明度。",
         "区政府各部门，各镇人民政府负责落实", "持续推进"],
        [None, None, "2", "开设帮扶专题。", "区财政局会同区审计局办理", "12月底前"],
        [None, "（二）优化营商环境。", "3", "畅通热线受理反馈机制，2022年底前完成。",
         "区发改局牵头，区政数局做好技术支持和指导，在工作中加强与上级单位沟通对接", ""],
    ], merges=[((0, 0), (0, 1)), ((0, 2), (0, 3)), ((1, 0), (3, 0)), ((1, 1), (2, 1))],
        before=["示例区2022年政务公开任务分解表"])
    data = tmp_path / "data"
    report = imported(source, data, "--units", registry).stdout
    plan = load_plan(data)
    assert plan.title == "示例区2022年政务公开任务分解表"
    assert [(c.section, c.name) for c in plan.categories] == [
        ("以公开助力经济平稳健康发展", "加强涉及市场主体的信息公开"), ("以公开助力经济平稳健康发展", "优化营商环境")]
    one, two, three = plan.tasks
    assert [t.text for t in plan.tasks] == ["增强政策透明度。", "开设帮扶专题。", "畅通热线受理反馈机制，2022年底前完成。"]
    assert {(a.unit.name, a.role) for a in one.assignments} == {("区政府各部门", "implement"), ("各镇人民政府", "implement")}
    assert (one.deadline, one.deadline_text) == (None, "持续推进")
    assert {(a.unit.name, a.role) for a in two.assignments} == {("区财政局", "lead"), ("区审计局", "implement")}
    assert two.deadline == datetime.date(2022, 12, 31)
    assert {(a.unit.name, a.role) for a in three.assignments} == {
        ("区发展和改革局", "lead"), ("区政务服务数据管理局", "support")}
    assert three.requirements == ("在工作中加强与上级单位沟通对接",)
    assert (three.deadline, three.deadline_text) == (datetime.date(2022, 12, 31), "2022年底前")
    assert "“在工作中加强与上级单位沟通对接” 不是单位名称" in report
    site = tmp_path / "site"
    builds_clean(data, site)
    page = (site / "tasks" / "3" / "index.html").read_text(encoding="utf-8")
    assert '<h2 id="work-requirements">工作要求</h2>' in page and "<li>在工作中加强与上级单位沟通对接</li>" in page


def test_several_numbered_requirements_in_one_cell_and_numbers_restarting(tmp_path):
    registry = write_registry(tmp_path / "registry")
    source = docx_plan(tmp_path / "示例多项一格.docx", [
        ["工作任务", "具体要求", "责任单位"],
        ["一、做好财政信息公开。", "1.推进预算公开。 2.推进决算公开。", "区财政局牵头，区审计局配合"],
        ["二、做好政策解读。", "1、规范解读流程。", "区政数局"],
    ])
    data = tmp_path / "data"
    report = imported(source, data, "--units", registry).stdout
    plan = load_plan(data)
    assert [(t.number, t.text, t.category.name) for t in plan.tasks] == [
        (1, "推进预算公开。", "做好财政信息公开"), (2, "推进决算公开。", "做好财政信息公开"), (3, "规范解读流程。", "做好政策解读")]
    assert plan.tasks[0].shared_with == (1, 2) and plan.tasks[2].shared_with == ()
    assert "表格第3行起：原表编号不是从1起连续的" in report and "已按表中顺序重新编为第1至3项" in report


def test_unnumbered_table_is_numbered_in_order(tmp_path):
    registry = write_registry(tmp_path / "registry")
    source = docx_plan(tmp_path / "示例无编号.docx", [
        ["重点任务", "工作措施", "责任部门"],
        ["规范公开", "推进预算公开。", "区财政局"],
        [None, "推进审计结果公开。", "区审计局"],
    ], merges=[((1, 0), (2, 0))])
    data = tmp_path / "data"
    report = imported(source, data, "--units", registry).stdout
    plan = load_plan(data)
    assert [(t.number, t.text) for t in plan.tasks] == [(1, "推进预算公开。"), (2, "推进审计结果公开。")]
    assert "原表没有编号，已按表中顺序编为第1至2项" in report


def test_xlsx_section_column_merged_cells_and_work_requirements(tmp_path):
    registry = write_registry(tmp_path / "registry")
    source = xlsx_plan(tmp_path / "示例.xlsx", [
        ["序号", "类别", "重点任务", "任务内容", "责任单位和工作要求", "完成时间"],
        [1, "一、经济", "（一）财政公开", "推进预算公开。", "区财政局牵头，区审计局配合", "6月底前"],
        [2, None, None, "推进决算公开。", None, None],
        [3, "二、民生", "（二）教育公开", "公开招生信息。", "区教育局负责，同步做好招生政策解读", "2022年8月31日"],
    ], merges=["B4:B5", "C4:C5", "E4:E5"], title="示例区2022年政务公开重点任务清单", above=["附件1"])
    data = tmp_path / "data"
    report = imported(source, data, "--units", registry).stdout
    plan = load_plan(data)
    assert plan.title == "示例区2022年政务公开重点任务清单"
    assert [(c.section, c.name) for c in plan.categories] == [("经济", "财政公开"), ("民生", "教育公开")]
    assert plan.tasks[0].shared_with == (1, 2) and plan.tasks[0].deadline == datetime.date(2022, 6, 30)
    assert plan.tasks[1].deadline is None
    assert (plan.tasks[2].deadline, plan.tasks[2].deadline_text) == (datetime.date(2022, 8, 31), "2022年8月31日")
    assert plan.tasks[2].requirements == ("同步做好招生政策解读",)
    assert [(a.unit.name, a.role) for a in plan.tasks[2].assignments] == [("区教育局", "implement")]
    assert [u.name for u in plan.units if u.id not in ("finance", "audit", "departments")] == ["区教育局"]
    assert "新单位“区教育局”" in report


def test_text_with_heading_lines_and_continued_cells(tmp_path):
    registry = write_registry(tmp_path / "registry")
    source = tmp_path / "示例.txt"
    source.write_text(
        "示例区 2022 年政务公开工作要点分工方案\n\n"
        "工作任务\t具体要求\t责任单位\n"
        "一、深化重点领域公开\n"
        "做好财政 信息公开\t<p>1. 推进预算公开。</p> <p>2. 推进决算公开。</p>\t区财政局牵头，区审计局配合\n"
        "\t3. 推进审计结果公开，6月30日前完成。\t区审计局\n\n"
        "工作任务\t具体要求\t责任单位\n"
        "做好财政信息公开\t4. 推进政府债务信息公开。\t区财政局\n",
        encoding="utf-8")
    data = tmp_path / "data"
    imported(source, data, "--units", registry)
    plan = load_plan(data)
    assert plan.title == "示例区2022年政务公开工作要点分工方案"
    assert [(c.section, c.name, [t.number for t in c.tasks]) for c in plan.categories] == [
        ("深化重点领域公开", "做好财政信息公开", [1, 2, 3, 4])]
    assert plan.tasks[0].shared_with == (1, 2)
    assert plan.tasks[2].deadline == datetime.date(2022, 6, 30)


def test_second_header_row_names_the_parts_of_a_spanning_header(tmp_path):
    """责任单位 over 牵头单位 and 配合单位; the other header cells merged down over both header rows."""
    registry = write_registry(tmp_path / "registry")
    source = docx_plan(tmp_path / "示例两行表头.docx", [
        ["序号", "工作任务", "具体要求", "责任单位", None, "完成时限"],
        [None, None, None, "牵头单位", "配合单位", None],
        ["1", "做好财政信息公开", "推进预算公开。", "区财政局", "区审计局", "2022.12.31"],
        ["2", None, "推进决算公开。", "区财政局", "", "12月"],
    ], merges=[((0, 0), (1, 0)), ((0, 1), (1, 1)), ((0, 2), (1, 2)), ((0, 3), (0, 4)), ((0, 5), (1, 5)),
               ((2, 1), (3, 1))], header_rows=2)
    data = tmp_path / "data"
    imported(source, data, "--units", registry)
    plan = load_plan(data)
    first, second = plan.tasks
    assert {(a.unit.name, a.role) for a in first.assignments} == {("区财政局", "lead"), ("区审计局", "support")}
    assert first.responsibility == "区财政局牵头，区审计局配合"
    assert [(a.unit.name, a.role) for a in second.assignments] == [("区财政局", "lead")]
    assert (first.deadline, second.deadline) == (datetime.date(2022, 12, 31), datetime.date(2022, 12, 31))


def test_heading_rows_typed_into_unmerged_cells(tmp_path):
    """An .xlsx whose section and work-task rows are 一 | text and (一) | text, other cells empty."""
    registry = write_registry(tmp_path / "registry")
    source = xlsx_plan(tmp_path / "示例标题行.xlsx", [
        ["序号", "工作任务", "具体要求", "责任单位"],
        ["一", "深化重点领域公开", None, None],
        ["（一）", "财政信息公开", None, None],
        [1, None, "推进预算公开。", "区财政局"],
        ["（二）", "审计信息公开", None, None],
        [2, None, "推进审计结果公开。", "区审计局"],
        ["二", "加强平台建设", None, None],
        [3, "（三）网站建设", "完善政府网站。", "区政数局"],
    ])
    data = tmp_path / "data"
    imported(source, data, "--units", registry)
    plan = load_plan(data)
    assert [(c.section, c.name, [t.number for t in c.tasks]) for c in plan.categories] == [
        ("深化重点领域公开", "财政信息公开", [1]), ("深化重点领域公开", "审计信息公开", [2]), ("加强平台建设", "网站建设", [3])]


def test_text_lines_wrapped_out_of_their_cell_and_page_numbers(tmp_path):
    registry = write_registry(tmp_path / "registry")
    source = tmp_path / "示例换行.txt"
    source.write_text(
        "示例区2022年政务公开工作要点分工方案\n"
        "工作任务\t具体要求\t责任单位\n"
        "做好财政信息公开\t1. 推进预算公开，\t区财政局牵头，\n"
        "区审计局配合\n"
        "— 3 —\n"
        "\t2. 推进决算公开。\t区财政局\n",
        encoding="utf-8")
    data = tmp_path / "data"
    imported(source, data, "--units", registry)
    plan = load_plan(data)
    assert [t.text for t in plan.tasks] == ["推进预算公开，", "推进决算公开。"]
    assert plan.tasks[0].responsibility == "区财政局牵头，区审计局配合"


def test_notice_with_attachment_line_before_the_signature(tmp_path):
    """附件：… above the signature and date, （此件主动公开） below them, then the table's title."""
    registry = write_registry(tmp_path / "registry")
    source = docx_plan(tmp_path / "示例通知.docx", [
        ["工作任务", "具体要求", "责任单位"], ["做好公开", "1.推进预算公开。", "区财政局"],
    ], before=[
        "示例区人民政府办公室", "示府办〔2022〕5号", "示例区人民政府办公室关于印发示例区2022年政务公开工作任务分解表的通知",
        "各镇人民政府，区政府各部门：", "现将《示例区2022年政务公开工作任务分解表》印发给你们，请认真组织实施，于11月30日前将落实情况报区政府办公室。",
        "附件：示例区2022年政务公开工作任务分解表", "示例区人民政府办公室", "2022年3月1日", "（此件主动公开）",
        "示例区2022年政务公开工作任务分解表",
    ])
    data = tmp_path / "data"
    imported(source, data, "--units", registry)
    notice = load_plan(data).notice
    assert (notice.number, notice.issuer, notice.date) == ("示府办〔2022〕5号", "示例区人民政府办公室", datetime.date(2022, 3, 1))
    assert notice.recipients == ("各镇人民政府", "区政府各部门") and len(notice.body) == 1
    assert notice.publicity == "主动公开"
    assert (notice.report_deadline, notice.report_to) == (datetime.date(2022, 11, 30), "区政府办公室")
    assert load_plan(data).title == "示例区2022年政务公开工作任务分解表"


def test_a_table_per_section_with_headings_between_them(tmp_path):
    """Word documents often hold the plan as several tables of the same columns, 一、… paragraphs between."""
    from docx import Document

    registry = write_registry(tmp_path / "registry")
    document = Document()
    document.add_paragraph("示例区2022年政务公开工作要点分工方案")
    parts = [("一、深化重点领域公开", [("1", "做好财政信息公开", "推进预算公开。", "区财政局")]),
             ("二、加强平台建设", [("2", "做好网站建设", "完善政府网站。", "区政数局"), ("3", "", "规范政务新媒体。", "区政数局")])]
    for heading, lines in parts:
        document.add_paragraph(heading)
        table = document.add_table(rows=1 + len(lines), cols=4)
        for column, text in enumerate(["序号", "重点任务", "具体工作任务", "责任单位"]):
            table.cell(0, column).text = text
        for r, line in enumerate(lines, 1):
            for column, text in enumerate(line):
                table.cell(r, column).text = text
    document.add_paragraph("公开方式：主动公开")
    source = tmp_path / "示例分表.docx"
    document.save(source)
    data = tmp_path / "data"
    imported(source, data, "--units", registry)
    plan = load_plan(data)
    assert [(c.section, c.name, [t.number for t in c.tasks]) for c in plan.categories] == [
        ("深化重点领域公开", "做好财政信息公开", [1]), ("加强平台建设", "做好网站建设", [2, 3])]
    assert plan.title == "示例区2022年政务公开工作要点分工方案"
    assert plan.notice.publicity == "主动公开"


# --- pieces --------------------------------------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("2021年底前将文件集中公开。", (datetime.date(2021, 12, 31), "2021年底前")),
    ("12月底前完成。", (datetime.date(2022, 12, 31), "12月底前")),
    ("三季度前上线。", (datetime.date(2022, 9, 30), "三季度前")),
    ("6月30日前报送。", (datetime.date(2022, 6, 30), "6月30日前")),
    ("建立2022年政务公开台账。", (None, "")),
    ("要求听取1次汇报。", (None, "")),
])
def test_deadline_in_the_text(text, expected):
    assert parse_deadline(text, 2022) == expected


def test_deadline_column_words_without_a_date():
    assert parse_deadline("长期坚持", 2022, from_column=True) == (None, "长期坚持")


def test_numbered_items_in_one_cell():
    assert split_items("30.2021年底前完成。") == [(30, "2021年底前完成。")]
    assert split_items("1.5倍的要求。") == [(None, "1.5倍的要求。")]
    assert split_items("3. 甲。 4. 乙。5、丙") == [(3, "甲。"), (4, "乙。"), (5, "丙")]


@pytest.mark.parametrize("text, name", [("一、紧扣大局深化公开。", "紧扣大局深化公开"), ("（一）加强公开。", "加强公开"),
                                        ("(二)优化服务", "优化服务"), ("1.做好财政信息公开", "做好财政信息公开")])
def test_heading_enumerators_are_not_part_of_the_name(text, name):
    assert strip_heading(text) == name


# --- bad input -----------------------------------------------------------------------------------


def refused(tmp_path, source: Path, *phrases: str, data: Path | None = None) -> str:
    data = data or tmp_path / "data"
    result = run("import", source, "--data", data)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("错误：") and "没有写入任何文件" in result.stderr
    for phrase in phrases:
        assert phrase in result.stderr, result.stderr
    assert not data.exists() or data.name == "kept"
    assert not list(data.parent.glob(".data.import-*"))
    return result.stderr


@pytest.mark.parametrize("suffix, program", [(".doc", "Word"), (".wps", "WPS 文字"), (".et", "WPS 表格"),
                                             (".xls", "Excel"), (".pdf", "Word 或 WPS")])
def test_other_formats_say_how_to_save_as_docx_or_xlsx(tmp_path, suffix, program):
    source = tmp_path / f"方案{suffix}"
    source.write_bytes(b"\xd0\xcf\x11\xe0 not read")
    refused(tmp_path, source, f"不能直接导入 方案{suffix}", ".docx", ".xlsx", f"请用 {program} 打开它", "另存为")


def test_corrupt_docx(tmp_path):
    source = tmp_path / "坏.docx"
    source.write_bytes(b"PK\x03\x04 this is not a whole zip file")
    refused(tmp_path, source, "坏.docx", "已损坏")


@pytest.mark.parametrize("name", ["加密.docx", "加密.xlsx"])
def test_password_protected_office_file(tmp_path, name):
    source = tmp_path / name
    source.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)  # what an encrypted Office file starts with
    refused(tmp_path, source, name, "密码", "另存为")


@pytest.mark.parametrize("name", ["空.docx", "空.xlsx", "空.txt"])
def test_empty_file(tmp_path, name):
    source = tmp_path / name
    source.write_bytes(b"")
    refused(tmp_path, source, name, "空文件")


def test_document_without_a_table(tmp_path):
    from docx import Document

    source = tmp_path / "无表格.docx"
    document = Document()
    document.add_paragraph("示例通知正文")
    document.save(source)
    refused(tmp_path, source, "无表格.docx", "没有找到表格")


def test_text_without_a_table(tmp_path):
    source = tmp_path / "无表格.txt"
    source.write_text("示例通知正文\n没有表格\n", encoding="utf-8")
    refused(tmp_path, source, "无表格.txt", "没有找到表格", "制表符")


def test_table_without_a_requirement_column(tmp_path):
    source = docx_plan(tmp_path / "无要求列.docx", [["序号", "单位", "联系人"], ["1", "区财政局", "示例"]])
    refused(tmp_path, source, "无要求列.docx", "没有找到“具体要求”列", "序号 / 单位 / 联系人")


def test_workbook_without_a_requirement_column(tmp_path):
    source = xlsx_plan(tmp_path / "无要求列.xlsx", [["序号", "单位"], [1, "区财政局"]])
    refused(tmp_path, source, "无要求列.xlsx", "没有找到“具体要求”列")


def test_table_without_a_responsibility_column(tmp_path):
    source = docx_plan(tmp_path / "无责任单位列.docx", [["序号", "具体要求"], ["1", "推进预算公开。"]])
    refused(tmp_path, source, "无责任单位列.docx", "没有找到“责任单位”列", "序号 / 具体要求")


def test_responsibility_column_naming_no_unit(tmp_path):
    source = docx_plan(tmp_path / "无单位.docx", [["工作任务", "具体要求", "责任单位"], ["做好公开", "推进预算公开。", "牵头"]])
    refused(tmp_path, source, "无单位.docx", "没有识别出任何单位")


def test_missing_file(tmp_path):
    refused(tmp_path, tmp_path / "没有这个文件.docx", "找不到文件")


def test_non_empty_folder_is_kept_without_force_and_replaced_with_it(tmp_path):
    registry = write_registry(tmp_path / "registry")
    source = docx_plan(tmp_path / "示例.docx", [["工作任务", "具体要求", "责任单位"], ["做好公开", "1.推进预算公开。", "区财政局"]])
    data = tmp_path / "kept"
    data.mkdir()
    (data / "mine.txt").write_text("keep me", encoding="utf-8")
    result = run("import", source, "--data", data, "--units", registry)
    assert result.returncode == 1 and "已有内容" in result.stderr and "--force" in result.stderr
    assert (data / "mine.txt").read_text(encoding="utf-8") == "keep me"
    imported(source, data, "--units", registry, "--force")
    assert sorted(p.name for p in data.iterdir()) == ["notice.yaml", "site.yaml", "synonyms.yaml", "tasks.yaml", "units.yaml"]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_usage_error_exits_2(tmp_path):
    result = run("import", tmp_path / "示例.docx")  # no --data
    assert result.returncode == 2 and "--data" in result.stderr and "Traceback" not in result.stderr


def test_bad_registry_is_named(tmp_path):
    source = docx_plan(tmp_path / "示例.docx", [["工作任务", "具体要求", "责任单位"], ["做好公开", "1.推进预算公开。", "区财政局"]])
    registry = tmp_path / "units.yaml"
    registry.write_text("- id: Bad Id\n  name: 区财政局\n  kind: department\n", encoding="utf-8")
    result = run("import", source, "--data", tmp_path / "data", "--units", registry)
    assert result.returncode == 1 and "单位名录有问题" in result.stderr and f"{registry}:1" in result.stderr
    assert not (tmp_path / "data").exists()


def test_build_with_a_missing_data_folder_says_so(tmp_path):
    result = run("--data", tmp_path / "没有导入", "--out", tmp_path / "site")
    assert result.returncode == 2 and "找不到文件夹" in result.stderr and "build.py import" in result.stderr  # a usage error
    assert not (tmp_path / "site").exists() and "Traceback" not in result.stderr
