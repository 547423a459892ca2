"""Progress (落实情况): data/progress.yaml validated, statuses per task and per unit, and a site
without progress data unchanged. The reports used are the example fixture in tests/fixtures/progress/."""
from __future__ import annotations

import datetime
import json
import shutil
from pathlib import Path

import pytest

from project import REPO, copy_project, edit, line_of, run_build
from zwgk.load import DataError, load_plan
from zwgk.pages import build_index
from zwgk.progress import NOT_REPORTED, load_progress, task_status, url_problem, Report

FIXTURE = REPO / "tests" / "fixtures" / "progress" / "progress.yaml"


@pytest.fixture(scope="module")
def plan_and_index():
    plan = load_plan(REPO / "data")
    return plan, build_index(plan)


def progress_from(tmp_path: Path, text: str, plan_and_index):
    (tmp_path / "progress.yaml").write_text(text, encoding="utf-8")
    return load_progress(tmp_path, *plan_and_index)


@pytest.fixture(scope="module")
def progress(tmp_path_factory, plan_and_index):
    folder = tmp_path_factory.mktemp("progress-data")
    shutil.copy(FIXTURE, folder / "progress.yaml")
    return load_progress(folder, *plan_and_index)


def test_no_file_means_no_progress(tmp_path, plan_and_index):
    assert load_progress(tmp_path, *plan_and_index) is None


def test_fixture_statuses(progress):
    statuses = {number: entry.status for number, entry in progress.tasks.items()}
    assert statuses[1] == "done"  # task-level report
    assert statuses[2] == "in-progress"  # 已完成 and 推进中 from two named units: the least advanced
    assert statuses[25] == "done"  # the lead reported
    assert statuses[30] == "in-progress"
    assert statuses[6] == "not-started"  # only collective terms named: a unit they reach decides
    assert statuses[37] == "not-started"  # status given as its id
    assert statuses[3] == NOT_REPORTED
    assert [progress.tasks[n].basis for n in (1, 2, 25, 6)] == ["整项任务的报送", "责任单位", "牵头单位", "经统称承担本项任务的各单位"]
    assert progress.counts == {"done": 2, "in-progress": 2, "not-started": 2, NOT_REPORTED: 42}
    assert progress.as_of == datetime.date(2022, 1, 10)


def test_overdue_is_judged_against_as_of(progress, tmp_path, plan_and_index):
    # 25, 26 and 30 are due 2021-12-31: 25 is done, 26 not reported, 30 in progress
    assert [entry.task.number for entry in progress.overdue] == [26, 30]
    earlier = FIXTURE.read_text(encoding="utf-8").replace("as_of: 2022-01-10", "as_of: 2021-12-31")
    earlier = earlier.replace("date: 2022-01-0", "date: 2021-12-1")
    assert progress_from(tmp_path, earlier, plan_and_index).overdue == []


def test_unit_statuses(progress):
    data_administration = progress.units["data-administration"]
    assert data_administration.status_by_task[2] == "in-progress"
    assert data_administration.status_by_task[30] == "in-progress"
    assert data_administration.counts["in-progress"] == 2
    # tasks reached through a collective term count too: 16 direct + 29 through 区政府各部门 etc.
    assert len(data_administration.status_by_task) == 45
    assert progress.units["education"].status_by_task[6] == "not-started"
    assert progress.status_of("towns", 2) == progress.tasks[2].status  # a collective term shows the task's


def test_lead_reports_decide_over_other_units(tmp_path, plan_and_index):
    # task 3: leads 区发改局 and 区市场监管局; 区教育局 reaches it through 区政府有关部门
    progress = progress_from(tmp_path, """as_of: 2021-12-01
reports:
  - {task: 3, unit: 区发改局, status: 已完成, date: 2021-11-01}
  - {task: 3, unit: 区市场监管局, status: 推进中, date: 2021-11-01}
  - {task: 3, unit: 区教育局, status: 未开始, date: 2021-11-01}
  - {task: 4, unit: 区教育局, status: 已完成, date: 2021-11-01}
""", plan_and_index)
    assert progress.tasks[3].status == "in-progress"
    assert progress.tasks[4].status == NOT_REPORTED  # only a non-lead reported


def test_task_level_report_wins(tmp_path, plan_and_index):
    progress = progress_from(tmp_path, """as_of: 2021-12-01
reports:
  - {task: 2, status: 已完成, date: 2021-11-01}
  - {task: 2, unit: 区政府办公室, status: 未开始, date: 2021-11-01}
""", plan_and_index)
    assert progress.tasks[2].status == "done"
    assert [report.unit for report in progress.tasks[2].reports][0] is None


def test_task_status_rule():
    def report(status):
        return Report(task=1, unit=None, status=status, date=datetime.date(2021, 1, 1))
    assert task_status(None, []) == NOT_REPORTED
    assert task_status(None, [None, None]) == NOT_REPORTED
    assert task_status(None, [report("done"), None, report("in-progress")]) == "in-progress"
    assert task_status(report("not-started"), [report("done")]) == "not-started"


@pytest.mark.parametrize("url, safe", [
    ("https://www.example.gov.cn/a", True), ("http://example.org", True), ("/zwgk/x.html", True),
    ("javascript:alert(1)", False), ("JAVASCRIPT:alert(1)", False), ("data:text/html,x", False),
    ("//evil.example/x", False), ("https://", False), ("ftp://example.org/x", False),
    ("https://example.org/a b", False), ("/a\"onmouseover=x", False), ("tasks/1/", False),
])
def test_url_rule(url, safe):
    assert (url_problem(url) == "") is safe


BAD_REPORTS = [
    # (entry line 3 on, field named in the message, a phrase of the message)
    ("  - {task: 99, unit: 区政数局, status: 已完成, date: 2021-11-01}", "task", "没有第99项任务"),
    ("  - {task: 2, unit: 区外星局, status: 已完成, date: 2021-11-01}", "unit", "不在单位名录中"),
    ("  - {task: 2, unit: 区教育局, status: 已完成, date: 2021-11-01}", "unit", "第2项没有交给“区教育局”"),
    ("  - {task: 2, unit: 各镇人民政府, status: 已完成, date: 2021-11-01}", "unit", "是统称"),
    ("  - {task: 2, unit: 区政数局, status: 完成了, date: 2021-11-01}", "status", "落实状态“完成了”无效"),
    ("  - {task: 2, unit: 区政数局, status: 已完成, date: 2021-13-01}", None, "不是有效的日期"),
    ("  - {task: 2, unit: 区政数局, status: 已完成, date: 2022-11-01}", "date", "晚于 as_of"),
    ("  - {task: 2, unit: 区政数局, status: 已完成, date: 2021-11-01, links: [{title: x, url: 'javascript:alert(1)'}]}", "url", "不是 http(s) 网址"),
    ("  - {task: 2, unit: 区政数局, status: 已完成, date: 2021-11-01, note: x}", "note", "没有这个字段"),
]


@pytest.mark.parametrize("entry, field, phrase", BAD_REPORTS)
def test_bad_report_is_refused_with_line_and_field(tmp_path, plan_and_index, entry, field, phrase):
    with pytest.raises(DataError) as caught:
        progress_from(tmp_path, f"as_of: 2021-12-01\nreports:\n{entry}\n", plan_and_index)
    error = caught.value
    assert (error.line, error.field) == (3, field), str(error)
    assert phrase in error.message and error.file.endswith("progress.yaml")


def test_duplicate_report_names_the_first(tmp_path, plan_and_index):
    with pytest.raises(DataError) as caught:
        progress_from(tmp_path, """as_of: 2021-12-01
reports:
  - {task: 2, unit: 区政数局, status: 已完成, date: 2021-11-01}
  - {task: 2, unit: 区政务服务数据管理局(区公共资源交易分中心), status: 推进中, date: 2021-11-01}
""", plan_and_index)
    assert caught.value.line == 4 and "第3行" in caught.value.message


def test_missing_as_of(tmp_path, plan_and_index):
    with pytest.raises(DataError) as caught:
        progress_from(tmp_path, "reports: []\n", plan_and_index)
    assert caught.value.field == "as_of"


def test_build_refuses_bad_progress_and_writes_nothing(tmp_path):
    project = copy_project(tmp_path / "project")
    progress_file = project / "data" / "progress.yaml"
    shutil.copy(FIXTURE, progress_file)
    edit(progress_file, "unit: 区司法局\n    status: not-started", "unit: 区司法局\n    status: 差不多")
    line = line_of(progress_file, "status: 差不多")
    result = run_build(project, "--out", "out")
    assert result.returncode == 1
    assert not (project / "out").exists()
    assert result.stderr.startswith(f"错误：data/progress.yaml:{line}: 字段 status：")
    assert "Traceback" not in result.stderr


def test_site_without_progress_is_unchanged(tmp_path):
    """Every file of a build without progress.yaml is the same as the last commit's build, but tasks.json,
    which gains as_of null and each task's status "not-reported" and progress [] (the documented schema)."""
    project = copy_project(tmp_path / "project")
    baseline = tmp_path / "baseline"
    assert run_build(project, "--out", str(baseline)).returncode == 0
    with_progress = tmp_path / "with"
    shutil.copy(FIXTURE, project / "data" / "progress.yaml")
    assert run_build(project, "--out", str(with_progress)).returncode == 0
    (project / "data" / "progress.yaml").unlink()
    again = tmp_path / "again"
    assert run_build(project, "--out", str(again)).returncode == 0
    assert _tree(baseline) == _tree(again)
    assert _tree(baseline) != _tree(with_progress)
    # against the pages before progress existed: the templates without progress print what they printed
    old = json.loads((baseline / "data" / "tasks.json").read_text(encoding="utf-8"))
    assert old["as_of"] is None
    assert all(task["status"] == NOT_REPORTED and task["progress"] == [] for task in old["tasks"])
    assert not (baseline / "progress").exists() and not (baseline / "data" / "progress.csv").exists()
    for page in baseline.rglob("*.html"):  # no trace of progress markup on any page
        html = page.read_text(encoding="utf-8")
        assert "progress" not in html and "落实状态" not in html and 'class="status' not in html, page
    assert b"statuses" not in (baseline / "search" / "index.json").read_bytes()


def _tree(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def test_search_index_statuses(progress, plan_and_index):
    from zwgk.search import index_pieces

    plain = json.loads("".join(index_pieces(*plan_and_index, [])))
    assert "statuses" not in plain and all(len(task) == 6 for task in plain["tasks"])
    data = json.loads("".join(index_pieces(*plan_and_index, [], progress)))
    assert [status[0] for status in data["statuses"]] == ["done", "in-progress", "not-started", "not-reported"]
    by_number = {task[0]: data["statuses"][task[6]][0] for task in data["tasks"]}
    assert by_number[2] == "in-progress" and by_number[1] == "done" and by_number[3] == "not-reported"


@pytest.fixture(scope="module")
def progress_build(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("progress-build") / "project")
    shutil.copy(FIXTURE, project / "data" / "progress.yaml")
    result = run_build(project, "--out", "out", "--base-url", "/zwgk/2021/")
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "out"


def test_tasks_json_carries_progress(progress_build):
    data = json.loads((progress_build / "data" / "tasks.json").read_text(encoding="utf-8"))
    assert data["as_of"] == "2022-01-10"
    tasks = {task["number"]: task for task in data["tasks"]}
    assert tasks[2]["status"] == "in-progress" and tasks[3]["status"] == "not-reported" and tasks[3]["progress"] == []
    assert [report["unit"]["id"] for report in tasks[2]["progress"]] == ["government-office", "data-administration"]
    assert tasks[2]["progress"][1] == {
        "unit": {"id": "data-administration", "name": "区政务服务数据管理局(区公共资源交易分中心)"},
        "status": "in-progress", "date": "2021-12-21", "practice": "", "results": "",
        "problems": "（示例）部分栏目更新不及时。", "next_steps": "（示例）明确专人负责栏目更新。", "links": []}
    assert tasks[1]["progress"][0]["unit"] is None
    assert tasks[1]["progress"][0]["links"][1] == {"title": "（示例）通知原文", "url": "/notice/"}


def test_progress_csv(progress_build):
    import csv
    import io

    raw = (progress_build / "data" / "progress.csv").read_bytes()
    assert raw.startswith("\ufeff".encode("utf-8"))
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == ["编号", "工作任务", "单位", "单位id", "落实状态", "落实状态id", "报送日期",
                       "主要做法", "工作成效", "存在问题", "下一步措施", "佐证链接", "网址"]
    assert len(rows) == 1 + 7  # one row per report of the fixture
    first = rows[1]
    assert first[:7] == ["1", "做好各类规划主动公开", "（整项任务）", "", "已完成", "done", "2022-01-05"]
    assert first[11].splitlines() == ["（示例）工作动态栏目 https://www.example.gov.cn/zwgk/dongtai/", "（示例）通知原文 /notice/"]
    assert first[12] == "/zwgk/2021/tasks/1/"


def test_navigation_links_progress_only_with_data(progress_build):
    home = (progress_build / "index.html").read_text(encoding="utf-8")
    assert '<a href="progress/index.html">落实情况</a>' in home
    assert not (progress_build / "sitemap.xml").exists(), "no sitemap without site_url"
