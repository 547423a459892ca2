"""The ledger (台账): `build.py ledger` writes a fill-in .xlsx per unit; a unit fills it with openpyxl as
Excel would; `build.py ledger --import` checks every row and merges it into data/progress.yaml,
keeping the rest of the file, all or nothing, the same sheet twice changing nothing."""
from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from project import copy_project, run_build
from test_progress import FIXTURE

HEADINGS = ["序号", "工作任务", "具体要求", "分工", "完成时限", "落实状态", "报送日期",
            "主要做法", "工作成效", "存在问题", "下一步措施", "佐证链接"]


@pytest.fixture
def project(tmp_path):
    project = copy_project(tmp_path / "project")
    shutil.copy(FIXTURE, project / "data" / "progress.yaml")
    return project


def write_sheet(project: Path, unit: str, name: str = "sheet.xlsx") -> Path:
    result = run_build(project, "ledger", "--unit", unit, "--out", name)
    assert result.returncode == 0, result.stderr
    return project / name


def fill(path: Path, rows: dict[int, dict[str, object]], out: Path | None = None) -> Path:
    """Fill the rows of the given task numbers: {number: {heading: value}}, as a clerk would in Excel."""
    workbook = load_workbook(path)
    sheet = workbook["台账"]
    for row in range(3, sheet.max_row + 1):
        for heading, value in rows.get(sheet.cell(row, 1).value, {}).items():
            sheet.cell(row, HEADINGS.index(heading) + 1, value)
    workbook.save(out or path)
    return out or path


def row_of(path: Path, number: int) -> int:
    sheet = load_workbook(path)["台账"]
    return next(row for row in range(3, sheet.max_row + 1) if sheet.cell(row, 1).value == number)


def test_sheet_layout(project):
    path = write_sheet(project, "区政数局")
    workbook = load_workbook(path)
    assert workbook.sheetnames == ["台账", "填写说明"]
    sheet = workbook["台账"]
    assert sheet["B1"].value == "区政务服务数据管理局(区公共资源交易分中心)"
    assert [sheet.cell(2, column).value for column in range(1, 13)] == HEADINGS
    numbers = [sheet.cell(row, 1).value for row in range(3, sheet.max_row + 1)]
    assert len(numbers) == 45 and numbers == sorted(numbers)  # 16 named + 29 through collective terms
    assert sheet.protection.sheet
    for column in range(1, 13):
        cell = sheet.cell(3, column)
        assert cell.protection.locked is (column <= 5), HEADINGS[column - 1]
        assert (cell.fill.fgColor.rgb == "00E4E4E4") is (column <= 5)
        assert sheet.column_dimensions[cell.column_letter].width >= 7
    assert sheet.column_dimensions["C"].width >= 40  # the requirement text is readable
    validation = sheet.data_validations.dataValidation[0]
    assert validation.type == "list" and validation.formula1 == '"未开始,推进中,已完成"'
    assert str(validation.sqref) == f"F3:F{sheet.max_row}"
    # the unit's reports already in progress.yaml are filled in (task 30: 推进中, 2022-01-08)
    row = row_of(path, 30)
    assert sheet.cell(row, 6).value == "推进中" and sheet.cell(row, 7).value.date() == datetime.date(2022, 1, 8)
    assert sheet.cell(row_of(path, 2), 4).value == "责任单位"
    assert sheet.cell(row_of(path, 6), 4).value.startswith("作为") and "区政府各部门" in sheet.cell(row_of(path, 6), 4).value
    assert "下拉列表" in workbook["填写说明"]["A3"].value


def test_all_units(project, tmp_path):
    result = run_build(project, "ledger", "--all", "--out", str(tmp_path / "ledgers"))
    assert result.returncode == 0, result.stderr
    files = sorted(path.name for path in (tmp_path / "ledgers").iterdir())
    assert len(files) == 22 and "区司法局-落实情况台账.xlsx" in files


@pytest.mark.parametrize("unit, message", [("各镇人民政府", "是统称"), ("没有这个局", "没有名为“没有这个局”的单位")])
def test_unknown_or_collective_unit(project, unit, message):
    result = run_build(project, "ledger", "--unit", unit)
    assert result.returncode == 1 and message in result.stderr and "Traceback" not in result.stderr


def test_import_merges_and_keeps_the_rest(project):
    progress = project / "data" / "progress.yaml"
    before = progress.read_text(encoding="utf-8")
    path = fill(write_sheet(project, "区政数局"), {
        30: {"落实状态": "已完成", "报送日期": datetime.date(2022, 1, 9), "工作成效": "门户网站已支持 IPv6。",
             "佐证链接": "验收报告 https://www.example.gov.cn/ipv6.html\nhttps://www.example.gov.cn/b"},
        19: {"落实状态": "未开始", "报送日期": "2022年1月3日"},
    })
    result = run_build(project, "ledger", "--import", path.name)
    assert result.returncode == 0, result.stderr
    assert "新增 1 条，更新 1 条，未变 1 条" in result.stdout  # task 2 was in the file already, unchanged
    after = progress.read_text(encoding="utf-8")
    comments = [line for line in before.splitlines() if line.lstrip().startswith("#")]
    assert comments == [line for line in after.splitlines() if line.lstrip().startswith("#")]
    for kept in ("  - task: 25\n    unit: 区司法局\n", "  - task: 1\n    status: 已完成\n", "unit: 区教育局"):
        assert kept in after
    assert "区政数局\n    status: 推进中\n    date: 2022-01-08" not in after  # the old task-30 entry is replaced
    assert after.count("task: 30") == 1 and "门户网站已支持 IPv6。" in after
    assert "- title: https://www.example.gov.cn/b\n" in after  # a bare URL is its own title
    assert "as_of: 2022-01-10" in after  # no imported date is later
    # the same sheet again: nothing changes
    again = run_build(project, "ledger", "--import", path.name)
    assert again.returncode == 0 and "新增 0 条，更新 0 条，未变 3 条" in again.stdout
    assert progress.read_text(encoding="utf-8") == after
    built = run_build(project, "--out", "out")
    assert built.returncode == 0, built.stdout + built.stderr


def test_import_creates_the_file_and_moves_as_of(project):
    (project / "data" / "progress.yaml").unlink()
    path = fill(write_sheet(project, "区司法局"), {37: {"落实状态": "推进中", "报送日期": "2021-11-21"}})
    assert run_build(project, "ledger", "--import", path.name).returncode == 0
    text = (project / "data" / "progress.yaml").read_text(encoding="utf-8")
    assert "as_of: 2021-11-21\nreports:\n  - task: 37\n    unit: 区司法局\n    status: 推进中\n" in text
    later = fill(path, {37: {"报送日期": "2021-11-25"}})
    assert run_build(project, "ledger", "--import", later.name).returncode == 0
    assert "as_of: 2021-11-25\n" in (project / "data" / "progress.yaml").read_text(encoding="utf-8")


BAD_ROWS = [
    ({"落实状态": "差不多"}, "F", "落实状态", "“差不多”无效"),
    ({"落实状态": "推进中", "报送日期": "下周"}, "G", "报送日期", "不是日期"),
    ({"主要做法": "只写了做法"}, "F", "落实状态", "无效"),
    ({"落实状态": "推进中", "报送日期": "2021-11-01", "佐证链接": "点我 javascript:alert(1)"}, "L", "佐证链接", "不是 http(s) 网址"),
    ({"序号": 99, "落实状态": "推进中", "报送日期": "2021-11-01"}, "A", "序号", "不是区司法局承担的任务编号"),
    ({"序号": 3, "落实状态": "推进中", "报送日期": "2021-11-01"}, "A", "序号", "与这一行的具体要求不一致"),
]


@pytest.mark.parametrize("values, column, heading, phrase", BAD_ROWS)
def test_bad_row_is_refused_and_nothing_is_written(project, values, column, heading, phrase):
    progress = project / "data" / "progress.yaml"
    before = progress.read_bytes()
    good = fill(write_sheet(project, "区政数局", "good.xlsx"), {19: {"落实状态": "推进中", "报送日期": "2021-11-01"}})
    bad = write_sheet(project, "区司法局", "bad.xlsx")
    row = row_of(bad, 38)
    fill(bad, {38: values})  # a task it has not reported on
    result = run_build(project, "ledger", "--import", good.name, bad.name)
    assert result.returncode == 1, result.stdout
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"错误：bad.xlsx 工作表“台账” 第{row}行 {column}列（{heading}）："), first
    assert phrase in first and "Traceback" not in result.stderr
    assert progress.read_bytes() == before  # the good sheet was not merged either


def test_not_a_workbook(project):
    (project / "notes.xlsx").write_text("not a workbook", encoding="utf-8")
    result = run_build(project, "ledger", "--import", "notes.xlsx")
    assert result.returncode == 1 and "不是有效的 Excel" in result.stderr


@pytest.mark.slow
def test_round_trip_read_in_chromium(tmp_path, browser):
    from browser import audit_page, format_violations, fresh_page, serve

    project = copy_project(tmp_path / "project")  # no progress.yaml yet: the office starts from nothing
    sheet = fill(write_sheet(project, "区政数局"), {30: {
        "落实状态": "推进中", "报送日期": datetime.date(2021, 11, 20), "主要做法": "（示例）制定 IPv6 改造方案。",
        "存在问题": "（示例）部分系统尚未改造。", "佐证链接": "（示例）改造方案 https://www.example.gov.cn/ipv6"}})
    assert run_build(project, "ledger", "--import", sheet.name).returncode == 0
    built = run_build(project, "--out", "out")
    assert built.returncode == 0, built.stdout + built.stderr
    site = project / "out"
    with serve(site, not_found_page=site / "404.html") as origin, fresh_page(browser) as page:
        audit = audit_page(page, origin + "/tasks/30/")
        assert not audit.violations, format_violations([audit], "task 30 after import")
        report = page.locator("#report-data-administration")
        assert "◐推进中" in report.inner_text() and "2021年11月20日" in report.inner_text()
        assert "（示例）部分系统尚未改造。" in report.inner_text()
        assert report.locator("a").get_attribute("href") == "https://www.example.gov.cn/ipv6"
        page.goto(origin + "/")
        assert "已完成 0/48（0%），推进中 1" in page.locator(".progress-bar__text").first.inner_text()


def test_import_refuses_when_progress_yaml_is_already_wrong(project):
    path = fill(write_sheet(project, "区政数局"), {19: {"落实状态": "推进中", "报送日期": "2021-11-01"}})
    progress = project / "data" / "progress.yaml"  # broken by hand after the sheet went out
    progress.write_text(progress.read_text(encoding="utf-8").replace("status: not-started", "status: 快了"), encoding="utf-8")
    before = progress.read_bytes()
    result = run_build(project, "ledger", "--import", path.name)
    assert result.returncode == 1 and result.stderr.startswith("错误：data/progress.yaml:")
    assert "落实状态“快了”无效" in result.stderr and progress.read_bytes() == before
