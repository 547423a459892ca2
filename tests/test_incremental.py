"""The preview's incremental build: after each edit, the folder it updates holds exactly the bytes
a full build of the same sources writes, and it renders only the pages whose inputs changed."""
from __future__ import annotations

from pathlib import Path

import pytest
from project import copy_project, edit

from build import build_site
from zwgk.incremental import IncrementalBuilder

TASK_48 = """        - number: 48
          text: 对上一年度工作要点落实情况开展“回头看”，重点针对有明确责任主体和时限要求的工作任务，逐项核查落实情况，对未完成的依法督促整改。
"""


def files_of(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def assert_same_as_full_build(root: Path, site: Path, tmp_path: Path, name: str, base_url: str = "/",
                              builder: IncrementalBuilder | None = None) -> None:
    if builder:
        builder.wait()  # the data files are written in a thread
    full = tmp_path / f"full-{name}"
    build_site(full, base_url, root)  # what `python build.py` writes
    built, expected = files_of(site), files_of(full)
    assert sorted(built) == sorted(expected)
    assert [path for path in expected if built[path] != expected[path]] == []


@pytest.fixture()
def project(tmp_path) -> Path:
    return copy_project(tmp_path / "project")


def edit_text(root):
    edit(root / "data" / "tasks.yaml", "依法规范开展政府信息公开工作考核", "依法规范开展政府信息公开工作年度考核")


def edit_unit(root):
    edit(root / "data" / "units.yaml", "  name: 区财政局\n", "  name: 肇庆市鼎湖区财政局\n  aliases: [区财政局]\n")


def edit_category(root):
    edit(root / "data" / "tasks.yaml", "  name: 做好各类规划主动公开", "  name: 做好各类规划的主动公开")


def add_unit(root):
    with (root / "data" / "units.yaml").open("a", encoding="utf-8") as units:
        units.write("\n- id: example-added\n  name: 示例新增单位（测试用）\n  kind: department\n")


def add_comment_line(root):
    """Every later line moves: the preview's load cache parses those items again, at their new lines."""
    edit(root / "data" / "tasks.yaml", "\n- id: epidemic", "\n# 示例注释（测试用）\n- id: epidemic")


def remove_task(root):
    edit(root / "data" / "tasks.yaml", TASK_48, "")


EDITS = [("text", edit_text, "data/tasks.yaml"), ("unit", edit_unit, "data/units.yaml"),
         ("category", edit_category, "data/tasks.yaml"), ("unit-added", add_unit, "data/units.yaml"),
         ("task-removed", remove_task, "data/tasks.yaml"), ("comment-added", add_comment_line, "data/tasks.yaml")]


def test_each_edit_gives_the_bytes_of_a_full_build(project, tmp_path):
    site = tmp_path / "preview"
    builder = IncrementalBuilder()
    pages = builder.build(site, "/zwgk/", project, project / "data")
    assert builder.rendered == pages  # the first build is a full one
    for name, make_edit, changed in EDITS:
        make_edit(project)
        builder.build(site, "/zwgk/", project, project / "data", {changed})
        assert builder.rendered < pages, name  # not everything again
        assert_same_as_full_build(project, site, tmp_path, name, "/zwgk/", builder)


def test_a_text_edit_renders_the_pages_that_show_the_task_and_writes_only_changed_files(project, tmp_path):
    site = tmp_path / "preview"
    builder = IncrementalBuilder()
    builder.build(site, "/", project, project / "data")
    untouched = site / "tasks" / "1" / "index.html"
    before = untouched.stat().st_mtime_ns
    edit_text(project)
    builder.build(site, "/", project, project / "data", {"data/tasks.yaml"})
    # task 46, its neighbours 45 and 47, its category, its units' pages and the whole-plan pages
    assert builder.rendered < 40
    assert "依法规范开展政府信息公开工作年度考核" in (site / "tasks" / "46" / "index.html").read_text(encoding="utf-8")
    assert untouched.stat().st_mtime_ns == before
    assert_same_as_full_build(project, site, tmp_path, "text", builder=builder)


def test_a_template_change_is_a_full_build(project, tmp_path):
    site = tmp_path / "preview"
    builder = IncrementalBuilder()
    pages = builder.build(site, "/", project, project / "data")
    edit(project / "templates" / "task.html", "上一项：", "前一项：")
    builder.build(site, "/", project, project / "data", {"templates/task.html"})
    assert builder.rendered == pages
    assert "前一项：第1项" in (site / "tasks" / "2" / "index.html").read_text(encoding="utf-8")
    assert_same_as_full_build(project, site, tmp_path, "template", builder=builder)


def test_a_failed_build_is_followed_by_a_full_one(project, tmp_path):
    site = tmp_path / "preview"
    builder = IncrementalBuilder()
    pages = builder.build(site, "/", project, project / "data")
    edit(project / "data" / "tasks.yaml", "  name: 做好各类规划主动公开", "  name: [")
    with pytest.raises(Exception):
        builder.build(site, "/", project, project / "data", {"data/tasks.yaml"})
    edit(project / "data" / "tasks.yaml", "  name: [", "  name: 做好各类规划主动公开（改）")
    builder.build(site, "/", project, project / "data", {"data/tasks.yaml"})
    assert builder.rendered == pages
    assert_same_as_full_build(project, site, tmp_path, "after-error", builder=builder)


def test_the_edited_tasks_page_is_written_before_the_pages_that_show_the_whole_plan(project, tmp_path, monkeypatch):
    import threading

    import zwgk.incremental as incremental

    site = tmp_path / "preview"
    builder = IncrementalBuilder()
    builder.build(site, "/", project, project / "data")
    late = threading.Event()
    builder.on_late_change = late.set
    release = threading.Event()
    render_page = incremental.render_page

    def held_for_whole_plan_pages(env, page, shared):  # the thread's pages wait until the test has looked
        if not page.data.keys() & incremental.PAGE_OF_ITS_OWN:
            assert release.wait(30)
        return render_page(env, page, shared)

    monkeypatch.setattr(incremental, "render_page", held_for_whole_plan_pages)
    edit_text(project)
    builder.build(site, "/", project, project / "data", {"data/tasks.yaml"})
    new_words = "依法规范开展政府信息公开工作年度考核"
    assert new_words in (site / "tasks" / "46" / "index.html").read_text(encoding="utf-8")
    assert new_words not in (site / "categories" / "index.html").read_text(encoding="utf-8")  # not yet
    assert not late.is_set()
    release.set()
    builder.wait()
    assert new_words in (site / "categories" / "index.html").read_text(encoding="utf-8")
    assert late.is_set()  # the preview reloads the browsers again
    assert_same_as_full_build(project, site, tmp_path, "ordered", builder=builder)


def test_an_edit_saved_while_the_last_one_is_being_written_gives_the_bytes_of_a_full_build(project, tmp_path, monkeypatch):
    import zwgk.incremental as incremental

    site = tmp_path / "preview"
    builder = IncrementalBuilder()
    builder.build(site, "/", project, project / "data")
    render_page = incremental.render_page
    held = []

    def slow_first_whole_plan_page(env, page, shared):  # as if it took until the next edit was saved
        if not page.data.keys() & incremental.PAGE_OF_ITS_OWN and not held:
            held.append(page.output_path)
            assert builder.stop.wait(30)
        return render_page(env, page, shared)

    monkeypatch.setattr(incremental, "render_page", slow_first_whole_plan_page)
    edit_text(project)
    pages = builder.build(site, "/", project, project / "data", {"data/tasks.yaml"})
    stop = builder.stop  # set by the next build: the thread then stops after the page it is writing
    add_comment_line(project)  # changes no page: only what the last build left unwritten is to write
    builder.build(site, "/", project, project / "data", {"data/tasks.yaml"})
    assert held == ["index.html"] and stop.is_set()
    assert 0 < builder.rendered < pages and builder.last is not None  # incremental, after a thread that did not fail
    assert_same_as_full_build(project, site, tmp_path, "overtaken", builder=builder)
