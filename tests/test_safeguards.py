"""Safeguards of `python build.py`, each held through the real command: its exit status, its message and
the bytes it writes. Each test here fails when the safeguard it names is taken out (see README, Testing)."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

import readme
from project import copy_project, edit, run_build

INJECTED = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return copy_project(tmp_path_factory.mktemp("safeguards") / "project")


@pytest.fixture(scope="module")
def default_site(project):
    result = run_build(project, "--out", "out")
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "out"


# --- the exit status follows the checker's report ---------------------------------------------------


def test_build_exits_1_when_the_checker_finds_errors(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "content" / "broken-link.md").write_text(
        "---\ntitle: 测试示例页面\norder: 9\n---\n这是测试用的示例页面，链接到[不存在的页面](/no-such-page/)。\n", encoding="utf-8")
    result = run_build(project, "--out", "out")
    assert (project / "out" / "broken-link" / "index.html").is_file(), "the build itself succeeds"
    assert result.returncode == 1, result.stdout + result.stderr
    assert "no-such-page" in result.stdout
    assert re.search(r"检查完成：\d+ 个页面，[1-9]\d* 个错误。", result.stdout), result.stdout


def test_build_exits_0_when_the_checker_finds_none(project):
    result = run_build(project, "--out", "out-clean")
    assert result.returncode == 0 and re.search(r"检查完成：\d+ 个页面，0 个错误。", result.stdout), result.stdout


# --- task text reaches every page as text -------------------------------------------------------------


def test_task_text_is_escaped_on_every_page_that_shows_it(tmp_path):
    project = copy_project(tmp_path / "project")
    edit(project / "data" / "tasks.yaml", "text: 2021年底前政府网站支持互联网协议第6版。",
         f"text: 2021年底前政府网站支持{INJECTED}互联网协议第6版。")
    out = project / "out"
    result = run_build(project, "--out", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    task = next(t for t in json.loads((out / "data" / "tasks.json").read_text(encoding="utf-8"))["tasks"] if t["number"] == 30)
    assert INJECTED in task["text"], "open data keeps the text as written"
    # Every page kind of the README's table that shows a task's text: the task, its category, its units, search.
    showing = {f"tasks/{task['number']}/", f"categories/{task['category']['id']}/", "search/",
               *(f"units/{unit['id']}/" for unit in task["units"])}
    for page in showing:
        text = (out / page / "index.html").read_text(encoding="utf-8")
        assert ESCAPED in text, f"{page} does not show the task's text as text"
    for page in sorted(out.rglob("*.html")):
        document = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        inline = [script for script in document.find_all("script") if not script.get("src")]
        assert inline == [], f"{page.relative_to(out)}: the data's <script> became markup"


# --- reserved slugs -------------------------------------------------------------------------------


def generated_first_segments(site: Path) -> set[str]:
    """First path segments the site itself uses: from the README's page table and from a real build."""
    documented = {url.strip("/").split("/")[0] for url in readme.page_urls()}
    content = {path.stem for path in (readme.README.parent / "content").glob("*.md")}
    built = {path.name for path in site.iterdir() if path.is_dir() and not path.name.startswith(".")} - content
    return {segment for segment in documented | built if segment and "<" not in segment and "." not in segment}


def test_the_reserved_slugs_cover_every_generated_folder(default_site):
    segments = generated_first_segments(default_site)
    assert {"tasks", "units", "categories", "search", "data", "static", "notice"} <= segments
    from zwgk.content import RESERVED_SLUGS

    assert segments <= RESERVED_SLUGS


@pytest.mark.parametrize("slug", ["tasks", "units", "categories", "search", "data", "static", "notice"])
def test_a_content_page_may_not_take_a_reserved_slug(tmp_path, slug):
    project = copy_project(tmp_path / "project")
    (project / "content" / f"{slug}.md").write_text("---\ntitle: 测试示例\norder: 9\n---\n示例。\n", encoding="utf-8")
    result = run_build(project, "--out", "out")
    assert result.returncode == 1, result.stdout + result.stderr
    first_line = result.stderr.splitlines()[0]
    assert first_line.startswith(f"错误：content/{slug}.md"), result.stderr
    assert "重名" in first_line and f"/{slug}/" in first_line, first_line
    assert "Traceback" not in result.stderr
    assert not (project / "out").exists()


def test_an_unusable_file_name_is_refused(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "content" / "About_Us.md").write_text("---\ntitle: 测试示例\norder: 9\n---\n示例。\n", encoding="utf-8")
    result = run_build(project, "--out", "out")
    assert result.returncode == 1 and result.stderr.startswith("错误：content/About_Us.md"), result.stderr
    assert "小写英文字母" in result.stderr


# --- the README's page table ----------------------------------------------------------------------------


SITE_URL = yaml.safe_load((readme.README.parent / "data" / "site.yaml").read_text(encoding="utf-8"))["site_url"]


def test_every_page_url_of_the_readme_is_built(default_site):
    tasks = json.loads((default_site / "data" / "tasks.json").read_text(encoding="utf-8"))["tasks"]
    units = json.loads((default_site / "data" / "units.json").read_text(encoding="utf-8"))["units"]
    values = {"<number>": [str(t["number"]) for t in tasks], "<page>": [p.stem for p in (readme.README.parent / "content").glob("*.md")]}
    for url in readme.page_urls():
        if url.startswith("/categories/<id>"):
            instances = [url.replace("<id>", t["category"]["id"]) for t in tasks]
        elif url.startswith("/units/<id>"):
            instances = [url.replace("<id>", u["id"]) for u in units]
        else:
            placeholder = re.search(r"<\w+>", url)
            instances = [url.replace(placeholder.group(0), v) for v in values[placeholder.group(0)]] if placeholder else [url]
        assert instances, url
        for instance in instances:
            path = default_site / instance.lstrip("/")
            if instance.endswith("/"):
                path = path / "index.html"
            if instance == "/sitemap.xml" and not SITE_URL:
                assert not path.exists(), "the README: a sitemap only when site_url is set"
                continue
            assert path.is_file(), f"{url} -> {instance} is not in the build"
