"""Open data as users read it: tasks.csv header by header against the README's table, and the base URL
kept where it must stay absolute (sitemap, units.json, tasks.csv's 网址) — all through `python build.py`."""
from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ElementTree

import pytest

import readme
from project import copy_project, edit, run_build

SITE_URL = "https://www.example.gov.cn"  # an example address, set only in the test's copy of data/site.yaml
BASE = "/zwgk/2021/"

# Written by hand from the seed (full names from data/units.yaml), not from the code under test.
RELEVANT = ["各镇人民政府", "街道办事处", "区政府有关部门", "直属有关单位"]
ALL = ["各镇人民政府", "街道办事处", "区政府各部门", "直属各单位"]
KNOWN_ROLES = {
    3: {"lead": ["区发展和改革委员会", "区市场监督管理局"], "implement": RELEVANT},
    30: {"responsible": ["区政务服务数据管理局(区公共资源交易分中心)"]},
    36: {"responsible": ALL, "supervise": ["区发展和改革委员会", "区财政局", "区审计局", "区市场监督管理局"]},
    7: {"lead": ["区财政局"], "implement": RELEVANT},
}


@pytest.fixture(scope="module")
def plain_site(tmp_path_factory):
    """The shipped data built at '/', no site_url."""
    project = copy_project(tmp_path_factory.mktemp("opendata") / "project")
    result = run_build(project, "--out", "out")
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "out"


@pytest.fixture(scope="module")
def portal_site(tmp_path_factory):
    """Built with site_url set and --base-url /zwgk/2021/, as a portal would publish it."""
    project = copy_project(tmp_path_factory.mktemp("opendata-portal") / "project")
    edit(project / "data" / "site.yaml", 'site_url: ""', f'site_url: "{SITE_URL}"')
    result = run_build(project, "--out", "out", "--base-url", BASE)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "out"


def read_csv(site) -> list[dict[str, str]]:
    """tasks.csv as Excel reads it: BOM-marked UTF-8, first row the header."""
    raw = (site / "data" / "tasks.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "no BOM: Excel would read the Chinese as mojibake"
    rows = list(csv.reader(io.StringIO(raw[3:].decode("utf-8"), newline="")))
    header, body = rows[0], rows[1:]
    assert all(len(row) == len(header) for row in body)
    return [dict(zip(header, row)) for row in body]


def tasks_json(site) -> list[dict]:
    return json.loads((site / "data" / "tasks.json").read_text(encoding="utf-8"))["tasks"]


def test_csv_header_is_the_readme_table(plain_site):
    raw = (plain_site / "data" / "tasks.csv").read_bytes()
    header = next(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert header == [column["column"] for column in readme.tasks_csv_columns()]


def test_csv_original_and_split_columns_are_named_apart():
    names = [column["column"] for column in readme.tasks_csv_columns()]
    assert "责任单位（原文）" in names
    role_columns = [c["column"] for c in readme.tasks_csv_columns() if c["source"] == "units"]
    assert role_columns and all("拆分后" in name for name in role_columns)
    assert len(set(names)) == len(names)


def test_csv_has_one_split_column_per_role_in_the_roles_order():
    """tasks_csv files each unit under its role's column: a role without a column would stop the build."""
    from zwgk.model import ROLES
    from zwgk.opendata import CSV_ROLE_COLUMNS

    assert [role for _, role in CSV_ROLE_COLUMNS] == list(ROLES)


@pytest.mark.parametrize("number", sorted(KNOWN_ROLES))
def test_csv_role_columns_of_known_tasks(plain_site, number):
    row = read_csv(plain_site)[number - 1]
    assert row["编号"] == str(number)
    for column in readme.tasks_csv_columns():
        if column["source"] == "units":
            expected = "、".join(KNOWN_ROLES[number].get(column["role"], []))
            assert row[column["column"]] == expected, (number, column["column"])


def _json_value(task: dict, source: str, role: str):
    if source == "units":
        return "、".join(unit["name"] for unit in task["units"] if unit["role"] == role)
    value = task
    for part in source.split("."):
        value = value[part]
    return "" if value is None else str(value)


def test_every_csv_cell_says_what_the_readme_says(plain_site):
    """Each column holds the tasks.json field the README names for it, for all 48 tasks."""
    rows, tasks = read_csv(plain_site), tasks_json(plain_site)
    assert len(rows) == len(tasks) == 48
    for row, task in zip(rows, tasks):
        for column in readme.tasks_csv_columns():
            if column["source"] != "url":
                assert row[column["column"]] == _json_value(task, column["source"], column["role"]), (task["number"], column)


def test_csv_url_is_the_base_url_path_without_site_url(plain_site):
    rows = read_csv(plain_site)
    assert [row["网址"] for row in rows] == [f"/tasks/{n}/" for n in range(1, 49)]


def test_csv_url_is_absolute_with_site_url(portal_site):
    rows = read_csv(portal_site)
    assert [row["网址"] for row in rows] == [f"{SITE_URL}{BASE}tasks/{n}/" for n in range(1, 49)]


def test_sitemap_keeps_site_url_and_base_url(portal_site):
    locs = [loc.text for loc in ElementTree.parse(portal_site / "sitemap.xml").getroot().iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    pages = sorted(p.relative_to(portal_site).as_posix() for p in portal_site.rglob("index.html"))
    expected = sorted(SITE_URL + BASE + page.removesuffix("index.html") for page in pages)
    assert sorted(locs) == expected
    assert f"{SITE_URL}{BASE}tasks/36/" in locs and f"{SITE_URL}{BASE}" in locs


def test_units_json_urls_keep_the_base_url(portal_site):
    units = json.loads((portal_site / "data" / "units.json").read_text(encoding="utf-8"))["units"]
    assert len(units) == 29
    for unit in units:
        # Absolute with site_url or a path from the host: either way the sub-path must be in it.
        assert unit["url"] in (f"{BASE}units/{unit['id']}/", f"{SITE_URL}{BASE}units/{unit['id']}/"), unit
        assert (portal_site / "units" / unit["id"] / "index.html").is_file()


def test_tasks_json_urls_keep_the_base_url(portal_site):
    for task in tasks_json(portal_site):
        assert task["url"] in (f"{BASE}tasks/{task['number']}/", f"{SITE_URL}{BASE}tasks/{task['number']}/"), task["url"]


# --- the tasks.json table ------------------------------------------------------------------------

TYPE_CHECKS = {
    "integer": lambda value: isinstance(value, int) and not isinstance(value, bool),
    "string": lambda value: isinstance(value, str),
    "ISO date or `null`": lambda value: value is None or bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)),
    "string or `null`": lambda value: value is None or isinstance(value, str),
    "list of integers": lambda value: isinstance(value, list) and all(isinstance(v, int) for v in value),
    "list of strings": lambda value: isinstance(value, list) and all(isinstance(v, str) for v in value),
}


def _type_check(written: str):
    """A check for a README type cell; object types are written as their keys in code spans."""
    if written in TYPE_CHECKS:
        return TYPE_CHECKS[written]
    keys = re.findall(r'"(\w+)"', written)
    assert keys, f"the README's tasks.json type {written!r} is unknown to this test: teach it TYPE_CHECKS"
    if written.startswith("list of"):
        return lambda value: isinstance(value, list) and all(isinstance(v, dict) and set(v) == set(keys) for v in value)
    return lambda value: isinstance(value, dict) and set(value) == set(keys)


def test_tasks_json_fields_are_the_readme_table(plain_site):
    fields = readme.tasks_json_fields()
    for task in tasks_json(plain_site):
        assert set(task) == set(fields), task["number"]
        for name, written in fields.items():
            assert _type_check(written)(task[name]), (task["number"], name, task[name])


def test_units_roles_are_the_documented_ones(plain_site):
    meaning = next(row["meaning"] for row in readme.table("field", "type", "meaning") if "`units`" in row["field"])
    documented = set(readme.code_spans(meaning))
    used = {unit["role"] for task in tasks_json(plain_site) for unit in task["units"]}
    assert used <= documented and {"lead", "implement", "supervise", "responsible"} <= documented


def test_units_json_fields_are_the_readme_ones(plain_site):
    text = readme.README.read_text(encoding="utf-8")
    documented = re.search(r'`\{"units": \[\{([^}]*)\}\]\}`', text)
    assert documented, "the README no longer documents units.json as {\"units\": [{...}]}"
    keys = set(re.findall(r'"(\w+)"', documented.group(1)))
    for unit in json.loads((plain_site / "data" / "units.json").read_text(encoding="utf-8"))["units"]:
        assert set(unit) == keys, unit["id"]


# --- the same files in-process (quick; what the mutation run exercises) ---------------------------------


@pytest.fixture  # per test, so that a mutation run links each test to the functions it calls
def files_in_process():
    """open_data_files for the shipped plan under /zwgk/2021/ with site_url set, without a build."""
    from project import REPO
    from zwgk.content import load_content
    from zwgk.load import load_plan
    from zwgk.opendata import open_data_files
    from zwgk.pages import build_index, build_pages

    plan = load_plan(REPO / "data")
    pages = build_pages(plan, build_index(plan), load_content(REPO / "content"))
    def as_bytes(files):  # tasks.json and tasks.csv are made as they are written (zwgk/chunks.py)
        return {path: bytes(content) for path, content in files.items()}

    return pages, as_bytes(open_data_files(plan, pages, BASE, SITE_URL)), as_bytes(open_data_files(plan, pages, "/", ""))


def test_in_process_csv(files_in_process, tmp_path):
    _, portal, plain = files_in_process
    for files, url in ((portal, SITE_URL + BASE), (plain, "/")):
        (tmp_path / "data").mkdir(exist_ok=True)
        (tmp_path / "data" / "tasks.csv").write_bytes(files["data/tasks.csv"])
        (tmp_path / "data" / "tasks.json").write_bytes(files["data/tasks.json"])
        rows = read_csv(tmp_path)
        assert list(rows[0]) == [column["column"] for column in readme.tasks_csv_columns()]
        assert files["data/tasks.csv"].endswith(b"\r\n") and files["data/tasks.csv"].count(b"\r\n") == 49
        for number, roles in KNOWN_ROLES.items():
            for column in readme.tasks_csv_columns():
                if column["source"] == "units":
                    assert rows[number - 1][column["column"]] == "、".join(roles.get(column["role"], [])), (number, column)
        tasks = tasks_json(tmp_path)
        for row, task in zip(rows, tasks):
            assert row["网址"] == f"{url}tasks/{task['number']}/"
            for column in readme.tasks_csv_columns():
                if column["source"] != "url":
                    assert row[column["column"]] == _json_value(task, column["source"], column["role"])


def test_in_process_json_and_sitemap(files_in_process):
    pages, portal, plain = files_in_process
    data = json.loads(portal["data/tasks.json"])
    assert data["number"] == "肇鼎府办函〔2021〕38号" and data["title"] == "肇庆市鼎湖区2021年政务公开工作要点分工方案"
    fields = readme.tasks_json_fields()
    for task in data["tasks"]:
        assert set(task) == set(fields)
        assert all(_type_check(fields[name])(task[name]) for name in fields), task["number"]
        assert task["url"].endswith(f"{BASE}tasks/{task['number']}/")
    task30 = data["tasks"][29]
    assert (task30["deadline"], task30["deadline_text"]) == ("2021-12-31", "2021年底前")
    assert data["tasks"][0]["deadline"] is None and data["tasks"][0]["deadline_text"] is None
    assert data["tasks"][2]["shared_with"] == [3, 4, 5] and data["tasks"][29]["shared_with"] == []
    assert {"id": "finance", "name": "区财政局", "role": "lead"} in data["tasks"][6]["units"]
    assert data["tasks"][6]["category"] == {"id": "finance", "name": data["tasks"][6]["category"]["name"], "section": None}
    units = json.loads(portal["data/units.json"])["units"]
    assert all(unit["url"].endswith(f"{BASE}units/{unit['id']}/") for unit in units)
    finance = next(unit for unit in units if unit["id"] == "finance")
    assert {key: value for key, value in finance.items() if key != "url"} == {
        "id": "finance", "name": "区财政局", "aliases": [], "kind": "department",
        "member_of": ["all-departments", "relevant-departments", "other-departments"]}
    assert portal["data/tasks.json"].endswith(b"}\n") and "区财政局".encode() in portal["data/tasks.json"]
    locs = re.findall(r"<loc>([^<]*)</loc>", portal["sitemap.xml"].decode())
    expected = [SITE_URL + BASE + page.url for page in pages if not page.url.endswith(".html")]
    assert locs == expected and len(locs) == len(pages) - 1
    assert portal["sitemap.xml"].startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n')
    assert portal["sitemap.xml"].endswith(b"</urlset>\n")
