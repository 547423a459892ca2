"""Rendering shortcuts give the bytes of rendering each page on its own (zwgk/render.py).

The frame around every page (links in <head>, header, navigation, footer) is rendered once per
Page.frame and printed again on the pages that share it; links come from the |url filter. A page
rendered with a fresh shared context (nothing remembered from other pages) must come out byte for
byte as the same page rendered after all the others in one build.
"""
from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import jinja2
import markupsafe
import pytest

from zwgk.pages import Page
from zwgk.render import escape_printed, make_environment, render_page
from zwgk.site import load_site

REPO = Path(__file__).resolve().parents[1]
PROGRESS_EXAMPLE = REPO / "tests" / "fixtures" / "progress" / "progress.yaml"


@pytest.fixture(params=["seed", "with progress"])
def data_dir(request, tmp_path) -> Path:
    if request.param == "seed":
        return REPO / "data"
    data = tmp_path / "data"
    data.mkdir()
    for source in (REPO / "data").iterdir():
        (data / source.name).write_bytes(source.read_bytes())
    (data / "progress.yaml").write_bytes(PROGRESS_EXAMPLE.read_bytes())  # the example, not real reports
    return data


@pytest.mark.parametrize("base_url", ["/", "/zwgk/2021/"])
def test_pages_rendered_in_one_build_equal_pages_rendered_alone(data_dir, base_url):
    site = load_site(REPO, data_dir)
    alone = {page.output_path: render_page(make_environment(REPO / "templates", base_url), page, site.context())
             for page in site.pages}
    env, shared = make_environment(REPO / "templates", base_url), site.context()
    in_one_build = {page.output_path: render_page(env, page, shared) for page in reversed(site.pages)}
    assert in_one_build == alone
    frames = {page.frame for page in site.pages}
    assert len(shared["fragments"]) == 2 * len(frames) < 2 * len(site.pages)  # head and foot, once per frame


def test_the_frame_tells_apart_what_the_navigation_marks():
    task = Page("tasks/30/", "task.html", "第30项", nav_key="categories")
    category = Page("categories/c1/", "category.html", "c1", nav_key="categories")
    categories = Page("categories/", "categories.html", "工作任务", nav_key="categories")
    assert Page("tasks/31/", "task.html", "第31项", nav_key="categories").frame == task.frame
    assert len({task.frame, category.frame, categories.frame}) == 3
    assert categories.frame[-1] == "categories/"  # the page the navigation links to: aria-current="page"


def test_links_are_relative_to_each_page_and_absolute_on_the_404_page():
    link = make_environment(REPO / "templates", "/zwgk/").filters["url"]
    context = {"page": Page("tasks/30/", "task.html", "")}
    assert link(context, "units/u1/") == "../../units/u1/index.html"
    assert link({"page": Page("", "home.html", "")}, "units/u1/") == "units/u1/index.html"
    assert link(context, "search/?q=x") == "../../search/index.html?q=x"
    assert link({"page": Page("404.html", "404.html", "")}, "units/u1/") == "/zwgk/units/u1/"
    assert link(context, "units/u1/#roles") == "../../units/u1/index.html#roles"


class _Html:
    """Something that says how it prints in HTML, as Jinja2's Markup does."""

    def __html__(self):
        return "<b>粗</b>"


@pytest.mark.parametrize("value", ["<a href='x'>&\"</a>", "肇庆市鼎湖区", "", 30, 2.5, None,
                                   markupsafe.Markup("<em>已转义</em>"), _Html(), type("Text", (str,), {})("<i>")],
                         ids=repr)
def test_a_printed_value_reads_as_markupsafe_escapes_it(value):
    assert escape_printed(value) == str(markupsafe.escape(value))


def test_templates_print_through_escape_printed_when_compiled_and_when_read_from_the_bytecode_cache(tmp_path):
    (tmp_path / "t.html").write_text(
        "{{ v }}|{% macro m(x) %}<{{ x }}>{% endmacro %}{{ m(v) }}|{% set s %}{{ v }}{% endset %}{{ s }}|{{ n }}",
        encoding="utf-8")
    printed = "&lt;&amp;&#34;&#39;&gt;"
    compiled = make_environment(tmp_path, "/").get_template("t.html")
    from_cache_env = make_environment(tmp_path, "/")
    from_cache_env.compile = None  # the template must now come from Jinja2's bytecode cache, not be compiled
    from_cache = from_cache_env.get_template("t.html")
    for template in (compiled, from_cache):
        assert template.root_render_func.__globals__["escape"] is escape_printed
        assert template.render(v="<&\"'>", n=7) == f"{printed}|<{printed}>|{printed}|7"


@pytest.fixture
def parallel(monkeypatch):
    """render_all sharing pages with forked children for any number of pages (it forks only for a big site)."""
    import zwgk.render

    monkeypatch.setattr(zwgk.render, "PARALLEL_FROM", 1)
    monkeypatch.setattr(zwgk.render, "CHUNK_PAGES", 4)
    monkeypatch.setattr(zwgk.render.os, "sched_getaffinity", lambda pid: {0, 1})  # two cores, as CI has
    return zwgk.render.render_all


def _pages_and_sink(tmp_path):
    from zwgk.write import file_writer

    site = load_site(REPO, REPO / "data")
    pages = [page for page in site.pages if page.template == "task.html"]
    return site, pages, file_writer(str(tmp_path / "out"))


def _written_by(sink):
    """sink, also writing which process wrote each file (FILE.pid)."""
    def write(path, content):
        sink(path, content)
        sink(path + ".pid", str(os.getpid()).encode())
    return write


def test_a_child_renders_pages_while_this_process_writes_the_other_files(parallel, tmp_path):
    site, pages, sink = _pages_and_sink(tmp_path)
    parallel(make_environment(REPO / "templates", "/"), pages, site.context(), _written_by(sink),
             meanwhile=lambda: (time.sleep(1), sink("data/other.txt", str(os.getpid()).encode())))
    out = tmp_path / "out"
    assert int((out / "data" / "other.txt").read_text()) == os.getpid()
    writers = {int((out / (page.output_path + ".pid")).read_text()) for page in pages}
    assert writers and os.getpid() not in writers  # the child rendered every page while this process slept
    alone = make_environment(REPO / "templates", "/")
    for page in pages:
        assert (out / page.output_path).read_bytes() == render_page(alone, page, site.context())


def test_pages_of_a_child_that_dies_are_rendered_here(parallel, tmp_path, monkeypatch):
    import zwgk.render

    site, pages, sink = _pages_and_sink(tmp_path)
    parent, real_render_page, rendered = os.getpid(), zwgk.render.render_page, []

    def dying_render_page(env, page, shared):
        rendered.append(page)
        if os.getpid() != parent and len(rendered) == 6:
            os._exit(3)  # killed in its second chunk, after it sent the first
        return real_render_page(env, page, shared)

    monkeypatch.setattr(zwgk.render, "render_page", dying_render_page)
    parallel(make_environment(REPO / "templates", "/"), pages, site.context(), _written_by(sink),
             meanwhile=lambda: time.sleep(1))
    writers = [int((tmp_path / "out" / (page.output_path + ".pid")).read_text()) for page in pages]
    assert writers.count(os.getpid()) == len(pages) - 4  # all but the child's one reported chunk


def test_a_template_error_in_a_child_is_raised_in_the_building_process(parallel, tmp_path):
    site, pages, sink = _pages_and_sink(tmp_path)
    templates = tmp_path / "templates"
    shutil.copytree(REPO / "templates", templates)
    task_template = templates / "task.html"
    task_template.write_text(task_template.read_text(encoding="utf-8").replace(
        "{% block main %}", "{% block main %}{{ page.data_missing_here }}", 1), encoding="utf-8")
    with pytest.raises(jinja2.UndefinedError, match="data_missing_here"):
        parallel(make_environment(templates, "/"), pages, site.context(), sink, meanwhile=lambda: time.sleep(1))


def test_a_failure_of_the_other_files_is_raised_in_the_building_process(parallel, tmp_path):
    site, pages, sink = _pages_and_sink(tmp_path)

    def fail() -> None:
        raise OSError("磁盘已满")

    with pytest.raises(OSError, match="磁盘已满"):
        parallel(make_environment(REPO / "templates", "/"), pages, site.context(), sink, meanwhile=fail)
