"""The build command: the pages and files it writes, and how it writes them."""
from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

import readme
from project import copy_project, edit, run_build

EXPECTED_PAGES = (
    ["", "notice/", "categories/", "units/", "search/", "about/", "accessibility/"]
    + [f"tasks/{n}/" for n in range(1, 49)]
)


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return copy_project(tmp_path_factory.mktemp("build") / "project")


@pytest.fixture(scope="module")
def site(project):
    result = run_build(project, "--out", "out")
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"已生成 \d+ 个页面到 .*，用时 [\d.]+ 秒。", result.stdout)
    return project / "out"


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_contract_url_is_written(site):
    for url in EXPECTED_PAGES:
        assert (site / url / "index.html").is_file(), url
    categories = json.loads((site / "data" / "tasks.json").read_text(encoding="utf-8"))["tasks"]
    for category_id in {task["category"]["id"] for task in categories}:
        assert (site / "categories" / category_id / "index.html").is_file()
    for unit in json.loads((site / "data" / "units.json").read_text(encoding="utf-8"))["units"]:
        assert (site / "units" / unit["id"] / "index.html").is_file()
    for name in ("404.html", "data/tasks.json", "data/tasks.csv", "data/units.json"):  # sitemap.xml: with site_url
        assert (site / name).is_file(), name


def test_page_count(site):
    # home, notice, categories index + 12, units index + 29, 48 tasks, search, 2 content pages, 404
    assert len(html_pages(site)) == 1 + 1 + 13 + 30 + 48 + 1 + 2 + 1


def test_titles_are_unique_and_each_page_has_one_h1(site):
    titles = {}
    for page in html_pages(site):
        document = soup(page)
        assert document.html["lang"] == "zh-CN"
        assert len(document.find_all("h1")) == 1, page
        title = document.title.get_text()
        assert title.strip() and title not in titles, (page, titles.get(title))
        titles[title] = page


def test_skeleton_landmarks_and_skip_link(site):
    for page in html_pages(site):
        document = soup(page)
        first_link = document.body.find("a")
        assert first_link["href"] == "#main-content" and first_link.get_text() == "跳到主要内容"
        assert document.find("main", id="main-content")
        assert document.find("header") and document.find("footer") and document.find("nav")
        form = document.find("form", attrs={"role": "search"})
        assert form["action"] in ("/search/", "search/index.html") or form["action"].endswith("../search/index.html")
        field = form.find("input", attrs={"type": "search", "name": "q"})
        assert form.find("label", attrs={"for": field["id"]})


def test_no_inline_script_no_external_request(site):
    for page in html_pages(site):
        document = soup(page)
        for script in document.find_all("script"):
            assert script.get("src") and not script.string, page
        assert not document.find(attrs={"style": True}), page
        assert not document.find_all(lambda tag: any(a.startswith("on") for a in tag.attrs)), page
        for tag in document.find_all(["script", "link", "img", "iframe"]):
            reference = tag.get("src") or tag.get("href") or ""
            assert not re.match(r"(https?:)?//", reference), (page, reference)
    for css in site.rglob("*.css"):
        assert not re.search(r"@import|url\(\s*['\"]?(https?:)?//", css.read_text(encoding="utf-8"))


def test_typical_page_is_light(site):
    assets = sum((site / "static" / name).stat().st_size for name in ("site.css", "site.js", "prefs.js"))
    for url in ["", "categories/finance/", "units/finance/", "tasks/30/"]:
        page = (site / url / "index.html").stat().st_size
        assert page + assets < 50_000, (url, page, assets)


def test_category_page_lists_its_items_in_order_with_roles(site):
    document = soup(site / "categories" / "market-rules" / "index.html")
    assert document.h1.get_text() == "做好市场规则标准和监管执法信息公开"
    cards = document.find_all("article")
    assert [card.h2.get_text() for card in cards] == [
        "第3项：主动公开全国统一的市场准入负面清单…", "第4项：及时公开建设高标准市场体系行动方案的落实举措",
        "第5项：强化行政执法信息公开…"]
    leads = [tag.parent.a.get_text() for tag in cards[0].find_all(class_="role--lead")]
    assert leads == ["区发展和改革委员会", "区市场监督管理局"]


def test_task_page(site):
    document = soup(site / "tasks" / "30" / "index.html")
    text = document.main.get_text()
    assert "2021年底前政府网站支持互联网协议第6版。" in text
    assert "完成时限：2021年底前" in text
    assert document.find("time", attrs={"datetime": "2021-12-31"})
    assert document.find("a", rel="prev")["href"] == "../../tasks/29/index.html"
    assert document.find("a", rel="next")["href"] == "../../tasks/31/index.html"
    rows = document.find("table").tbody.find_all("tr")
    assert [(row.th.get_text(), row.td.get_text()) for row in rows] == [("区政务服务数据管理局(区公共资源交易分中心)", "责任单位")]
    assert document.find("caption")


def test_shared_cell_is_shown_whole(site):
    document = soup(site / "tasks" / "43" / "index.html")
    paragraphs = [p.get_text() for p in document.find("blockquote").find_all("p")]
    assert paragraphs == ["各镇人民政府、街道办事处、区政府各部门、直属各单位",
                          "区政府办公室、区政数局牵头，各镇人民政府、街道办事处、区政府其他部门、直属各单位落实"]
    shared = [item.get_text() for item in document.find(class_="note").find_all("li")]
    assert [item.split("：")[0] for item in shared] == ["第41项", "第42项", "第43项", "第44项", "第45项"]
    assert shared[2].endswith("（本项）") and not document.find(class_="note").find("a", href="/tasks/43/")


def test_unit_page_separates_direct_and_collective_tasks(site):
    document = soup(site / "units" / "education" / "index.html")
    headings = [h2.get_text() for h2 in document.main.find_all("h2")]
    assert headings == ["牵头的任务（1项）", "落实的任务（1项）", "经统称承担的任务（42项）"]
    via = document.find(id="via-collective").find_parent("section")
    assert "作为区政府各部门之一" in via.get_text()
    assert "作为区政府其他部门之一" in via.get_text()
    # Item 39 names 区教育局 itself, so it is not listed again through a collective term.
    assert "../../tasks/39/index.html" not in [a["href"] for a in via.find_all("a")]


def test_units_index_groups_by_kind(site):
    document = soup(site / "units" / "index.html")
    assert [h2.get_text() for h2 in document.main.find_all("h2")] == ["区直部门及单位", "统称"]
    for table in document.find_all("table"):
        assert table.caption and table.thead.find_all("th", scope="col")


def test_home_page(site):
    text = soup(site / "index.html").main.get_text()
    for expected in ("肇庆市鼎湖区2021年政务公开工作要点分工方案", "肇鼎府办函〔2021〕38号", "2021年9月11日", "11月22日前", "48"):
        assert expected in text


def test_content_pages_join_the_navigation_in_order(site):
    labels = [a.get_text() for a in soup(site / "index.html").find("nav", attrs={"aria-label": "主导航"}).find_all("a")]
    assert labels[-2:] == ["关于本专栏", "无障碍说明"]
    assert soup(site / "about" / "index.html").h1.get_text() == "关于本专栏"


def test_tasks_json_schema(site):
    data = json.loads((site / "data" / "tasks.json").read_text(encoding="utf-8"))
    tasks = data["tasks"]
    assert [task["number"] for task in tasks] == list(range(1, 49))
    for task in tasks:
        assert set(task) >= {"number", "category", "text", "responsibility", "deadline", "units", "url"}
        assert set(task["category"]) == {"id", "name", "section"} and task["category"]["section"] is None
        assert task["requirements"] == []
        assert all(unit["role"] in {"lead", "implement", "support", "supervise", "responsible"} for unit in task["units"])
        assert task["url"] == f"/tasks/{task['number']}/"
    assert tasks[29]["deadline"] == "2021-12-31" and tasks[0]["deadline"] is None
    assert {"id": "finance", "name": "区财政局", "role": "lead"} in tasks[6]["units"]


def test_tasks_csv_opens_in_excel(site):
    raw = (site / "data" / "tasks.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == [column["column"] for column in readme.tasks_csv_columns()]  # the whole header, as documented
    assert len(rows) == 49 and [row[0] for row in rows[1:]] == [str(n) for n in range(1, 49)]
    # Role columns of known tasks, and every cell against tasks.json: tests/test_open_data.py.


def test_sitemap_lists_pages_but_not_404_at_absolute_addresses(tmp_path):
    project = copy_project(tmp_path / "project")
    edit(project / "data" / "site.yaml", 'site_url: ""', "site_url: https://www.example.gov.cn/")
    out = project / "out"
    result = run_build(project, "--out", str(out), "--base-url", "/zwgk/2021/")
    assert result.returncode == 0 and "未生成网站地图" not in result.stdout
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://www.example.gov.cn/zwgk/2021/tasks/48/</loc>" in sitemap and "404" not in sitemap
    assert sitemap.count("<loc>") == len(html_pages(out)) - 1
    assert soup(out / "index.html").footer.find("a", string="网站地图")["href"] == "sitemap.xml"


def test_without_site_url_no_sitemap_is_written_and_the_build_says_why(project, tmp_path):
    out = tmp_path / "site"
    result = run_build(project, "--out", str(out))
    assert result.returncode == 0 and not (out / "sitemap.xml").exists()
    assert "未生成网站地图 sitemap.xml：data/site.yaml 中的 site_url 为空" in result.stdout
    assert not soup(out / "index.html").footer.find("a", string="网站地图")


def test_build_is_deterministic(project, site, tmp_path):
    again = tmp_path / "again"
    assert run_build(project, "--out", str(again)).returncode == 0
    first = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


def test_internal_links_are_relative_and_the_base_url_stays_where_it_must(project, tmp_path):
    """Pages link relatively (one output works from file://, / and any sub-path); the 404 page, served
    at any depth, and the open data keep the base URL."""
    out = tmp_path / "sub"
    result = run_build(project, "--out", str(out), "--base-url", "zwgk/2021")
    assert result.returncode == 0, result.stdout + result.stderr
    for page in html_pages(out):
        document = soup(page)
        for tag in document.find_all(["a", "link", "script", "form"]):
            reference = tag.get("href") or tag.get("src") or tag.get("action")
            if page.name == "404.html":
                assert reference.startswith(("/zwgk/2021/", "#")), (page, reference)
            else:
                assert not reference.startswith("/") and "://" not in reference, (page, reference)
    task = soup(out / "tasks" / "30" / "index.html")
    assert task.find("link", rel="stylesheet")["href"] == "../../static/site.css"
    assert task.find("a", rel="next")["href"] == "../../tasks/31/index.html"
    assert soup(out / "index.html").find("form", role="search")["action"] == "search/index.html"
    tasks = json.loads((out / "data" / "tasks.json").read_text(encoding="utf-8"))["tasks"]
    assert tasks[0]["url"] == "/zwgk/2021/tasks/1/"


def test_bad_base_url_is_a_usage_error(project):
    result = run_build(project, "--out", "out-bad", "--base-url", "/a b/")
    assert result.returncode == 2 and "不是有效的网址路径" in result.stderr


def test_refuses_to_replace_a_folder_it_did_not_create(project, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    (home / "thesis.docx").write_text("important", encoding="utf-8")
    result = run_build(project, "--out", str(home))
    assert result.returncode == 1 and "拒绝覆盖" in result.stderr
    assert [p.name for p in home.iterdir()] == ["thesis.docx"]


def test_rebuild_replaces_its_own_output(project, tmp_path):
    out = tmp_path / "site"
    assert run_build(project, "--out", str(out)).returncode == 0
    (out / "stale.html").write_text("old", encoding="utf-8")
    assert run_build(project, "--out", str(out)).returncode == 0
    assert not (out / "stale.html").exists() and (out / "index.html").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [".zwgk-site-site", "site"]


def test_the_marker_stays_outside_the_published_folder(project, tmp_path):
    out = tmp_path / "site"
    assert run_build(project, "--out", str(out)).returncode == 0
    assert not [p for p in out.rglob(".*")]  # nothing hidden gets uploaded with the site
    assert "build.py" in (tmp_path / ".zwgk-site-site").read_text(encoding="utf-8")


def test_a_folder_marked_inside_by_an_earlier_version_is_replaced(project, tmp_path):
    out = tmp_path / "site"
    out.mkdir()
    (out / "index.html").write_text("old", encoding="utf-8")
    (out / ".zwgk-site").write_text("Built by zwgk; safe to replace with a new build.\n", encoding="utf-8")
    assert run_build(project, "--out", str(out)).returncode == 0
    assert not (out / ".zwgk-site").exists() and (tmp_path / ".zwgk-site-site").exists()


def test_footer_identifiers_only_when_set(tmp_path):
    project = copy_project(tmp_path / "project")
    out = project / "out"
    assert run_build(project, "--out", str(out)).returncode == 0
    assert "网站标识码" not in (out / "index.html").read_text(encoding="utf-8")
    edit(project / "data" / "site.yaml", 'site_code: ""', 'site_code: "4412030001"')
    edit(project / "data" / "site.yaml", 'icp: ""', 'icp: "粤ICP备00000000号"')
    assert run_build(project, "--out", str(out)).returncode == 0
    footer = soup(out / "index.html").footer.get_text()
    assert "网站标识码：4412030001" in footer and "ICP备案号：粤ICP备00000000号" in footer


# Data text shown as text on every page kind, in a build that exits 0: test_safeguards.py.
