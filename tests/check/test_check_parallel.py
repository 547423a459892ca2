"""A big site is checked in this process and forked children; the report is the same as
when one process checks every page, also when a child dies before it reports."""
from __future__ import annotations

import os

import pytest

from checkhelpers import write_site
from zwgk import forked
from zwgk.check import check_site
from zwgk.check import site as check_module

PAGES = 300  # more than PARALLEL_FROM

needs_fork = pytest.mark.skipif(not hasattr(os, "fork") or (os.cpu_count() or 1) < 2,
                                reason="checked in parallel only with fork and 2 cores")


def _example_site(root):
    """A made-up site whose pages link to each other (some links and images broken)."""
    files = {}
    for n in range(PAGES):
        body = [f'<p id="s{n}">第{n}页</p>',
                f'<a href="p{(n + 1) % PAGES}.html#s{(n + 1) % PAGES}">下一页</a>',
                f'<a href="p{(n + 7) % PAGES}.html#nowhere">锚点不存在</a>' if n % 13 == 0 else "",
                '<a href="missing.html">缺失</a>' if n % 17 == 0 else "",
                '<img src="logo.png">' if n % 19 == 0 else ""]
        files[f"p{n}.html"] = "\n".join(body)
    files["logo.png"] = b"\x89PNG\r\n\x1a\n"
    return write_site(root, files)


def _report_json(root, monkeypatch, parallel_from):
    monkeypatch.setattr(check_module, "PARALLEL_FROM", parallel_from)
    return check_site(root).to_json()


@needs_fork
def test_parallel_report_is_the_single_process_report(tmp_path, monkeypatch):
    root = _example_site(tmp_path)
    single = _report_json(root, monkeypatch, 10 ** 9)
    parallel = _report_json(root, monkeypatch, 1)
    assert single["pages"] == PAGES
    rules = {f["rule"] for f in single["findings"]}
    assert {"link-fragment", "link-broken", "image-alt"} <= rules
    assert parallel == single


@needs_fork
def test_pages_of_a_child_that_dies_are_checked_here(tmp_path, monkeypatch):
    root = _example_site(tmp_path)
    single = _report_json(root, monkeypatch, 10 ** 9)
    parent = os.getpid()
    real_check_page = check_module.check_page
    checked_here = []

    def dying_check_page(rel):
        checked_here.append(rel)
        if os.getpid() != parent and len(checked_here) == 40:
            os._exit(3)  # a child killed after it sent one chunk of results
        return real_check_page(rel)

    monkeypatch.setattr(check_module, "check_page", dying_check_page)
    assert _report_json(root, monkeypatch, 1) == single
    assert len(checked_here) > PAGES // 2  # this process checked the child's unsent pages too


@needs_fork
def test_progress_counts_every_page_once(tmp_path, monkeypatch):
    root = _example_site(tmp_path)
    site = check_module.Site(root, "/")
    pages = site.pages()
    monkeypatch.setattr(check_module, "_SITE", site)
    results = [None] * len(pages)
    sharing = forked.share(len(pages), lambda i: check_module.check_page(pages[i]), 2, results, 32)
    ticks = sum(1 for _ in sharing)
    assert ticks == len(pages) == PAGES
    assert [r.rel for r in results] == pages


@needs_fork
def test_an_error_in_this_process_leaves_no_child_behind(tmp_path, monkeypatch):
    root = _example_site(tmp_path)
    parent = os.getpid()
    real_check_page = check_module.check_page

    def failing_check_page(rel):
        if os.getpid() == parent:
            raise RuntimeError("example failure")
        return real_check_page(rel)

    forks = []
    real_fork_child = forked._fork_child

    def recorded_fork_child(*args):
        pid, pipe = real_fork_child(*args)
        forks.append(pid)
        return pid, pipe

    monkeypatch.setattr(check_module, "check_page", failing_check_page)
    monkeypatch.setattr(forked, "_fork_child", recorded_fork_child)
    monkeypatch.setattr(check_module, "PARALLEL_FROM", 1)
    with pytest.raises(RuntimeError, match="example failure"):
        check_site(root)
    assert forks
    for pid in forks:
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)  # stopped and reaped: no such child any more
