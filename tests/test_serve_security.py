"""The preview server's safeguards, through HTTP requests to `python build.py serve` running for real:
nothing outside the built site is served, and the error page shows data as text."""
from __future__ import annotations

import http.client
from typing import Iterator

import pytest

from project import copy_project
from test_serve import RunningServer, edited, running_server, serves, wait_for

SUBPATH = "/zwgk/2021/"


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[RunningServer]:
    work = tmp_path_factory.mktemp("serve-security")
    root = copy_project(work / "project")
    (root / "secret.txt").write_text("项目文件，不应被预览服务器提供\n", encoding="utf-8")
    with running_server(root, work / "serve.log", SUBPATH) as running:
        yield running


def raw_get(server: RunningServer, target: str) -> tuple[int, bytes]:
    """GET with the request target sent exactly as given (no client-side clean-up of ../)."""
    host, port = server.origin.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=5)
    try:
        connection.putrequest("GET", target, skip_accept_encoding=True)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


@pytest.mark.parametrize("target", [
    SUBPATH + "../../../../../../../../etc/passwd",
    SUBPATH + "%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    SUBPATH + "..%2f..%2f..%2f..%2f..%2f..%2f..%2f..%2fetc/passwd",
    SUBPATH + "/etc/passwd",
])
def test_no_file_outside_the_site_is_served(server, target):
    status, body = raw_get(server, target)
    assert b"root:" not in body, f"{target} served /etc/passwd"
    assert status in (400, 403, 404), (target, status)


def test_the_site_itself_is_served(server):
    status, body = raw_get(server, SUBPATH + "tasks/1/")
    assert status == 200 and "主动公开".encode() in body


def test_the_error_page_shows_data_as_text(server):
    """A value with markup in it (here an unknown unit name) is printed on the error page escaped."""
    tasks = server.root / "data" / "tasks.yaml"
    with edited(tasks, "responsibility: 区政府办公室、区政数局\n", "responsibility: 区政府办公室、区<script>alert(1)</script>局\n"):
        page = wait_for(serves(server, "tasks/1/", 500, "网站生成失败"), "the error page", server)
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
        assert "<script>alert(1)" not in page
    wait_for(serves(server, "tasks/1/", 200), "recovery", server)


# --- the same rules in-process (quick; what the mutation run exercises) -----------------------------

from zwgk.serve import Preview, Problem, error_page  # noqa: E402


@pytest.fixture
def preview(tmp_path) -> Preview:
    """A Preview of a tiny built site under /zwgk/, with a file beside the site that must never be served."""
    site = tmp_path / "preview" / "site"
    (site / "tasks" / "1").mkdir(parents=True)
    (site / "static").mkdir()
    (site / "tasks" / "1" / "index.html").write_bytes(b"<p>task one</p>")
    (site / "static" / "site.css").write_bytes(b"body{}")
    (site / "404.html").write_bytes(b"<p>not found page</p>")
    (tmp_path / "preview" / "secret.txt").write_bytes(b"secret")
    (tmp_path / "root").mkdir()
    return Preview(root=tmp_path / "root", site_dir=site, base_url="/zwgk/")


@pytest.mark.parametrize("path", ["/zwgk/../secret.txt", "/zwgk/../../../../etc/passwd", "/zwgk//etc/passwd",
                                  "/zwgk/tasks/../../secret.txt", "/secret.txt", "/etc/passwd"])
def test_preview_answers_nothing_outside_the_site(preview, path):
    status, body, content_type, headers = preview.answer(path)
    assert status == "404 Not Found" and body == b"<p>not found page</p>", path
    assert preview.site_file(path) is None


def test_preview_serves_the_site_and_redirects_to_folders(preview):
    assert preview.answer("/zwgk/tasks/1/")[:3] == ("200 OK", b"<p>task one</p>", "text/html")
    assert preview.answer("/zwgk/static/site.css")[:3] == ("200 OK", b"body{}", "text/css")
    assert preview.answer("/zwgk/tasks/1") == ("301 Moved Permanently", b"", "text/plain", [("Location", "/zwgk/tasks/1/")])
    assert preview.answer("/") == ("302 Found", b"", "text/plain", [("Location", "/zwgk/")])
    assert preview.answer("/zwgk") == ("302 Found", b"", "text/plain", [("Location", "/zwgk/")])
    assert preview.answer("/zwgk/no/such/")[0] == "404 Not Found"


def test_preview_shows_the_error_page_for_pages_while_broken(preview):
    preview.problem = Problem("data/tasks.yaml", 3, "text", "示例错误")
    status, body, content_type, _ = preview.answer("/zwgk/tasks/1/")
    assert status == "500 Internal Server Error" and content_type == "text/html"
    assert "<dt>文件</dt><dd>data/tasks.yaml</dd>" in body.decode() and "<dt>行</dt><dd>3</dd>" in body.decode()
    assert preview.answer("/zwgk/static/site.css")[0] == "200 OK", "assets still load"
    assert preview.answer("/zwgk/missing/")[0] == "500 Internal Server Error"


def test_error_page_escapes_every_field():
    page = error_page(Problem("data/<b>.yaml", 7, "<i>field", "名称“<script>alert(1)</script>”有误")).decode()
    assert "<script>alert(1)" not in page and "<b>" not in page and "<i>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "data/&lt;b&gt;.yaml" in page
    assert "<dt>行</dt><dd>7</dd>" in page and "<dt>字段</dt><dd>&lt;i&gt;field</dd>" in page


def test_error_page_leaves_out_what_is_unknown():
    page = error_page(Problem(None, None, None, "程序错误")).decode()
    assert "<dt>问题</dt><dd>程序错误</dd>" in page
    assert "<dt>文件</dt>" not in page and "<dt>行</dt>" not in page and "<dt>字段</dt>" not in page


def test_preview_content_types_and_a_site_without_404_page(preview):
    (preview.site_dir / "data.unknownext").write_bytes(b"x")
    assert preview.answer("/zwgk/data.unknownext")[2] == "application/octet-stream"
    assert preview.answer("/zwgk/no/such/")[2] == "text/html"
    (preview.site_dir / "404.html").unlink()
    assert preview.answer("/zwgk/no/such/")[:3] == ("404 Not Found", "页面未找到。".encode("utf-8"), "text/html")
