"""Content pages name the plan's title and figures as placeholders, so that a new plan needs no edit
outside data/ (issue 13, point 6). Through the real build."""
from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from project import REPO, copy_project, edit, line_of, run_build


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path / "project")


def page_text(project, path: str) -> str:
    return BeautifulSoup((project / "out" / path).read_text(encoding="utf-8"), "html.parser").get_text()


def test_nothing_a_placeholder_holds_is_written_outside_data():
    """The title, 文号, issuer and figures come from placeholders; the year too in the site name and the
    about page (another page may quote a task as an example, which names its own date)."""
    for path in sorted((REPO / "content").glob("*.md")) + [REPO / "data" / "site.yaml"]:
        text = path.read_text(encoding="utf-8")
        for figure in ("政务公开工作要点分工方案", "12项", "48项", "肇鼎府办函", "鼎湖区人民政府办公室印发"):
            assert figure not in text, (path.name, figure)
    for path in (REPO / "content" / "about.md", REPO / "data" / "site.yaml"):
        assert "2021" not in path.read_text(encoding="utf-8"), path.name


def test_a_new_plan_shows_on_the_content_pages_and_the_site_name(project):
    notice = project / "data" / "notice.yaml"
    edit(notice, "鼎湖区2021年政务公开", "鼎湖区2022年政务公开", count=-1)
    edit(notice, "肇鼎府办函〔2021〕38号", "肇鼎府办函〔2022〕7号", count=-1)
    tasks = project / "data" / "tasks.yaml"
    edit(tasks, "        - number: 48\n", "        - number: 48\n          text: 新增的第四十九项。\n        - number: 49\n", )
    result = run_build(project, "--out", "out")
    assert result.returncode == 0, result.stdout + result.stderr
    about = page_text(project, "about/index.html")
    assert "本专栏公开《肇庆市鼎湖区2022年政务公开工作要点分工方案》的全部内容" in about
    assert "（肇鼎府办函〔2022〕7号）" in about and "方案分为12项工作任务" in about
    assert "2021" not in about
    assert "鼎湖区2022年政务公开工作要点专栏" in page_text(project, "index.html")


def test_values_are_inserted_as_text(project):
    edit(project / "data" / "notice.yaml", "plan_title: 肇庆市鼎湖区2021年政务公开工作要点分工方案",
         "plan_title: 肇庆市鼎湖区2021年*政务*公开<b>工作</b>要点分工方案")
    assert run_build(project, "--out", "out").returncode == 0
    html = (project / "out" / "about" / "index.html").read_text(encoding="utf-8")
    assert "《肇庆市鼎湖区2021年*政务*公开&lt;b&gt;工作&lt;/b&gt;要点分工方案》" in html
    assert "<b>" not in html and "<em>政务</em>" not in html


def test_an_unknown_placeholder_stops_the_build_with_file_and_line(project):
    about = project / "content" / "about.md"
    line = line_of(about, "{{ counts.categories }}")
    edit(about, "{{ counts.categories }}", "{{ counts.category }}")
    result = run_build(project, "--out", "out")
    assert result.returncode == 1 and not (project / "out").exists()
    message = result.stderr.splitlines()[0]
    assert message.startswith(f"错误：content/about.md:{line}: 不认识的占位符“{{{{ counts.category }}}}”。可用的有："), message
    assert "{{ counts.categories }}" in message and "Traceback" not in result.stderr


def test_an_unknown_placeholder_in_site_yaml_names_its_line(project):
    site = project / "data" / "site.yaml"
    line = line_of(site, "site_name:")
    edit(site, "site_name: 鼎湖区{{ plan.year }}", "site_name: 鼎湖区{{ plan.yaer }}")
    result = run_build(project, "--out", "out")
    assert result.returncode == 1
    assert result.stderr.startswith(f"错误：data/site.yaml:{line}: 不认识的占位符“{{{{ plan.yaer }}}}”")
