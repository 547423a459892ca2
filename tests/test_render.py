"""Rendering shortcuts give the bytes of rendering each page on its own (zwgk/render.py).

The frame around every page (links in <head>, header, navigation, footer) is rendered once per
Page.frame and printed again on the pages that share it; links come from the |url filter. A page
rendered with a fresh shared context (nothing remembered from other pages) must come out byte for
byte as the same page rendered after all the others in one build.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from zwgk.pages import Page
from zwgk.render import make_environment, render_page
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


@pytest.fixture
def parallel(monkeypatch):
    """render_all's worker processes for any number of pages (it forks them only for a big site)."""
    import zwgk.render

    monkeypatch.setattr(zwgk.render, "PARALLEL_FROM", 1)
    return zwgk.render.render_all


def _pages_and_sink(tmp_path):
    from zwgk.write import file_writer

    site = load_site(REPO, REPO / "data")
    pages = [page for page in site.pages if page.template == "task.html"]
    return site, pages, file_writer(str(tmp_path / "out"))


def test_the_other_files_are_written_by_a_process_of_their_own_beside_the_workers(parallel, tmp_path):
    site, pages, sink = _pages_and_sink(tmp_path)
    parallel(make_environment(REPO / "templates", "/"), pages, site.context(), sink,
             meanwhile=lambda: sink("data/other.txt", str(os.getpid()).encode()))
    assert int((tmp_path / "out" / "data" / "other.txt").read_text()) != os.getpid()
    assert len(list((tmp_path / "out" / "tasks").iterdir())) == len(pages)


def test_a_failure_of_the_other_files_is_raised_in_the_building_process(parallel, tmp_path):
    site, pages, sink = _pages_and_sink(tmp_path)

    def fail() -> None:
        raise OSError("磁盘已满")

    with pytest.raises(OSError, match="磁盘已满"):
        parallel(make_environment(REPO / "templates", "/"), pages, site.context(), sink, meanwhile=fail)
