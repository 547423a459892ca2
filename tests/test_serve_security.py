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
