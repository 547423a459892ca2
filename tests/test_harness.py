"""Self-tests of the site-test harness on a tiny hand-written site: it must pass good pages and catch bad ones."""
from __future__ import annotations

from pathlib import Path

import pytest

from browser import (
    Site,
    audit_page,
    broken_links,
    format_violations,
    format_vnu_messages,
    fresh_page,
    http_status,
    run_vnu,
    serve,
    vnu_message_file,
)

pytestmark = pytest.mark.slow

SKELETON = """<!DOCTYPE html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>{title}</title>{head}</head>
<body>
<main>
<h1>{title}</h1>
{body}
</main>
</body>
</html>
"""

SAMPLE_PAGES = {
    "index.html": dict(
        title="首页",
        head='<link rel="stylesheet" href="/static/site.css">',
        body='<p><a href="/tasks/">任务</a> <a href="/tasks/#任务一">任务一</a> <a href="/data/tasks.json">数据</a></p>',
    ),
    "tasks/index.html": dict(title="任务", head="", body='<h2 id="任务一">任务一</h2><p><a href="/">首页</a></p>'),
    "404.html": dict(title="页面未找到", head='<link rel="stylesheet" href="/static/site.css">', body="<p>页面未找到</p>"),
    "bad/img-without-alt/index.html": dict(title="缺少替代文本", head="", body='<img src="/static/logo.png">'),
    "bad/missing-asset/index.html": dict(title="缺少样式表", head='<link rel="stylesheet" href="/static/gone.css">', body=""),
    "bad/broken-links/index.html": dict(
        title="坏链接",
        head="",
        body='<p><a href="/no/such/page/">不存在</a> <a href="/tasks/#任务二">缺少锚点</a> <a href="/tasks/#任务一">好</a></p>',
    ),
}
INVALID_HTML = '<!DOCTYPE html>\n<html lang="zh-CN">\n<head><meta charset="utf-8"><title>坏</title></head>\n<body><p><div>未闭合</p></body>\n</html>\n'
GOOD_PAGES = ["", "tasks/", "404.html"]


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory) -> Path:
    """A hand-written site with good pages, pages with known defects, an asset and a data file."""
    root = tmp_path_factory.mktemp("sample")
    for name, parts in SAMPLE_PAGES.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(SKELETON.format(**parts), encoding="utf-8")
    (root / "bad" / "无效 页面.html").write_text(INVALID_HTML, encoding="utf-8")
    (root / "static").mkdir()
    (root / "static" / "site.css").write_text("body { color: #0b0c0c; background: #fff; }\n")
    (root / "static" / "logo.png").write_bytes(b"")
    (root / "data").mkdir()
    (root / "data" / "tasks.json").write_text("[]\n")
    (root / "empty-folder").mkdir()
    return root


@pytest.fixture(scope="module")
def origin(sample_site):
    with serve(sample_site, not_found_page=sample_site / "404.html") as origin:
        yield origin


@pytest.fixture
def page(browser):
    with fresh_page(browser) as page:
        yield page


def test_good_pages_pass(origin, page):
    audits = [audit_page(page, f"{origin}/{path}") for path in GOOD_PAGES]
    assert [a.status for a in audits] == [200, 200, 200]
    assert [a.violations for a in audits] == [[], [], []], format_violations(audits, "good pages")
    assert [a.load_problems for a in audits] == [[], [], []]
    assert broken_links(audits, origin) == []


def test_axe_catches_img_without_alt(origin, page):
    audit = audit_page(page, f"{origin}/bad/img-without-alt/")
    assert "image-alt" in [v["id"] for v in audit.violations]
    report = format_violations([audit], "sample")
    assert "[image-alt] (critical) Images must have alternative text" in report
    assert f"{origin}/bad/img-without-alt/: img" in report


def test_missing_asset_is_a_load_problem(origin, page):
    audit = audit_page(page, f"{origin}/bad/missing-asset/")
    assert audit.load_problems == [f"HTTP 404 for {origin}/static/gone.css"]


def test_broken_links_and_fragments_are_reported(origin, page):
    audits = [audit_page(page, f"{origin}/{path}") for path in ["tasks/", "bad/broken-links/"]]
    assert broken_links(audits, origin) == [
        f"{origin}/bad/broken-links/: link {origin}/no/such/page/ - HTTP 404",
        f"{origin}/bad/broken-links/: link {origin}/tasks/#%E4%BB%BB%E5%8A%A1%E4%BA%8C - no element with id '任务二'",
    ]


def test_missing_path_gets_404_page_and_folders_are_not_listed(origin, page):
    audit = audit_page(page, f"{origin}/no/such/page/")
    assert audit.status == 404
    assert page.title() == "页面未找到"
    assert audit.load_problems == []
    assert http_status(f"{origin}/empty-folder/") == 404


def test_vnu_passes_valid_files_and_reports_invalid_ones(sample_site):
    invalid = sample_site / "bad" / "无效 页面.html"
    errors = run_vnu([sample_site / "index.html", sample_site / "tasks" / "index.html", invalid])
    report = format_vnu_messages(errors, sample_site, "sample")
    assert errors, f"vnu found no error in {invalid}"
    assert {vnu_message_file(m) for m in errors} == {invalid}, report
    assert "bad/无效 页面.html:4:" in report


def test_vnu_refuses_to_pass_a_file_it_did_not_check(sample_site):
    with pytest.raises(RuntimeError, match="vnu did not check: .*/no-such-file.html"):
        run_vnu([sample_site / "index.html", sample_site / "no-such-file.html"])


def test_page_urls_cover_every_html_file_under_a_sub_path(sample_site):
    site = Site("subpath", sample_site, sample_site.parent, "/zwgk/2021/", origin="http://host")
    urls = site.page_urls()
    assert "http://host/zwgk/2021/" in urls
    assert "http://host/zwgk/2021/tasks/" in urls
    assert "http://host/zwgk/2021/404.html" in urls
    assert "http://host/zwgk/2021/bad/%E6%97%A0%E6%95%88%20%E9%A1%B5%E9%9D%A2.html" in urls
    assert len(urls) == 1 + len(SAMPLE_PAGES)


def test_sample_page_urls_take_the_largest_page_of_each_kind(sample_site):
    site = Site("root", sample_site, sample_site, "/", origin="http://host")
    assert site.sample_page_urls() == [
        "http://host/404.html",
        "http://host/bad/broken-links/",
        "http://host/bad/%E6%97%A0%E6%95%88%20%E9%A1%B5%E9%9D%A2.html",
        "http://host/",
        "http://host/tasks/",
    ]
