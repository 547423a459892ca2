"""Link checking: each case of the issue's contract, as a small site in a temp folder.

Rule ids covered here: link-broken, link-fragment, link-file-scheme, link-mailto, link-tel,
link-invalid, page-unreadable, link-external-broken, link-external-unreachable.
"""
from __future__ import annotations

import http.server
import socket
import threading

import pytest

from checkhelpers import findings, write_site
from zwgk.check import check_site
from zwgk.check.registry import RULES


def link_findings(tmp_path, files, **options):
    return [f for f in findings(tmp_path, files, **options) if f.type == "link"]


def test_existing_relative_and_root_relative_links_pass(tmp_path):
    files = {"index.html": '<a href="a/b.html">b</a> <a href="/a/b.html">b</a>',
             "a/b.html": '<a href="../index.html">首页</a> <a href="/">首页</a>'}
    assert link_findings(tmp_path, files) == []


def test_missing_file_is_link_broken_with_line_and_target(tmp_path):
    found = link_findings(tmp_path, {"index.html": '<p>x</p>\n<a href="nope.html">x</a>'})
    assert [(f.rule, f.target, f.line, f.severity) for f in found] == [
        ("link-broken", "nope.html", 8, "error")]


def test_directory_link_with_slash_needs_index_html(tmp_path):
    files = {"index.html": '<a href="docs/">文档</a> <a href="empty/">空</a>',
             "docs/index.html": "<p>文档</p>", "empty/readme.txt": "x"}
    found = link_findings(tmp_path, files)
    assert [(f.rule, f.target) for f in found] == [("link-broken", "empty/")]


def test_directory_link_without_slash_is_valid_with_index_html(tmp_path):
    files = {"index.html": '<a href="docs">文档</a> <a href="/docs">文档</a>',
             "docs/index.html": "<p>文档</p>"}
    assert link_findings(tmp_path, files) == []


def test_fragment_must_name_an_id_or_anchor_name(tmp_path):
    files = {"index.html": '<p id="here">x</p><a name="old"></a>'
                           '<a href="#here">1</a> <a href="#old">2</a> <a href="#gone">3</a>'
                           ' <a href="b.html#sec">4</a> <a href="b.html#nosec">5</a>',
             "b.html": '<h2 id="sec">节</h2>'}
    found = link_findings(tmp_path, files)
    assert [(f.rule, f.target) for f in found] == [
        ("link-fragment", "#gone"), ("link-fragment", "b.html#nosec")]


def test_hash_and_top_are_valid_fragments(tmp_path):
    files = {"index.html": '<a href="#">顶部</a> <a href="#top">顶部</a> <a href="b.html#top">b</a>',
             "b.html": "<p>b</p>"}
    assert link_findings(tmp_path, files) == []


def test_empty_href_is_not_an_error(tmp_path):
    assert link_findings(tmp_path, {"index.html": '<a href="">本页</a> <a href=" ">本页</a>'}) == []


def test_percent_encoded_and_chinese_file_names_and_ids_resolve(tmp_path):
    files = {"index.html": '<a href="%E9%80%9A%E7%9F%A5/%E5%85%AC%E5%91%8A.html">1</a>'
                           ' <a href="通知/公告.html#第一条">2</a>'
                           ' <a href="通知/公告.html#%E7%AC%AC%E4%B8%80%E6%9D%A1">3</a>'
                           ' <a href="my%20file.html">4</a>',
             "通知/公告.html": '<h2 id="第一条">第一条</h2>', "my file.html": "<p>x</p>"}
    assert link_findings(tmp_path, files) == []


def test_paths_and_fragments_are_case_sensitive(tmp_path):
    files = {"index.html": '<a href="Page.html">1</a> <a href="page.html#Sec">2</a>',
             "page.html": '<h2 id="sec">节</h2>'}
    found = link_findings(tmp_path, files)
    assert [(f.rule, f.target) for f in found] == [
        ("link-broken", "Page.html"), ("link-fragment", "page.html#Sec")]


def test_query_strings_on_local_links_are_ignored(tmp_path):
    files = {"index.html": '<a href="b.html?page=2#sec">b</a> <a href="?q=1">本页</a>',
             "b.html": '<h2 id="sec">节</h2>'}
    assert link_findings(tmp_path, files) == []


def test_base_href_is_honoured(tmp_path):
    base = ('<!DOCTYPE html><html lang="zh-CN"><head><title>t</title><base href="sub/"></head>'
            '<body><main><h1>t</h1><a href="a.html#x">a</a> <a href="b.html">b</a>'
            ' <a href="#y">y</a></main></body></html>')
    files = {"index.html": base, "sub/a.html": '<p id="x">a</p>'}
    found = link_findings(tmp_path, files)
    # A bare "#y" resolves against the base URL too: it points at sub/, which has no index.html.
    assert [(f.rule, f.target) for f in found] == [("link-broken", "#y"), ("link-broken", "b.html")]


def test_mailto_and_tel_are_checked_for_form_only(tmp_path):
    files = {"index.html": '<a href="mailto:gongkai@example.gov.cn">邮件</a>'
                           ' <a href="mailto:?subject=x">邮件</a>'
                           ' <a href="tel:+86-10-12345678">电话</a>'
                           ' <a href="mailto:gongkai">坏邮件</a> <a href="tel:电话">坏电话</a>'}
    found = link_findings(tmp_path, files)
    assert [(f.rule, f.target) for f in found] == [
        ("link-mailto", "mailto:gongkai"), ("link-tel", "tel:电话")]


def test_file_scheme_links_are_errors(tmp_path):
    found = link_findings(tmp_path, {"index.html": '<a href="file:///C:/通知.doc">附件</a>'})
    assert [f.rule for f in found] == ["link-file-scheme"]


def test_text_that_is_not_a_link_is_ignored(tmp_path):
    html = ('<!-- <a href="comment.html">x</a> -->'
            '<template><a href="template.html">x</a><img src="t.png" alt=""></template>'
            '<textarea aria-label="x"><a href="textarea.html">x</a></textarea>'
            '<pre>see nope.html and http://example.invalid/</pre>'
            '<script>var s = \'<a href="script.html">\';</script>')
    assert link_findings(tmp_path, {"index.html": html}) == []


def test_every_kind_of_reference_is_checked(tmp_path):
    html = ('<img src="m1.png" alt="x"><link rel="stylesheet" href="m2.css">'
            '<script src="m3.js"></script><video poster="m4.png" src="m5.mp4"></video>'
            '<picture><source srcset="m6.webp 1x"><source src="m7.mp4"></picture>'
            '<iframe src="m8.html" title="x"></iframe><object data="m9.svg" title="x"></object>'
            '<svg><use href="m10.svg#i"></use><use xlink:href="#m11"></use></svg>'
            '<area href="m12.html" alt="x"><audio src="m13.mp3"></audio>'
            '<div style="background: url(m14.png)"></div>'
            '<style>p { background: url("m15.png") }</style>')
    found = link_findings(tmp_path, {"index.html": html})
    assert sorted(f.target for f in found) == sorted(
        ["m1.png", "m2.css", "m3.js", "m4.png", "m5.mp4", "m6.webp", "m7.mp4", "m8.html",
         "m9.svg", "m10.svg#i", "#m11", "m12.html", "m13.mp3", "m14.png", "m15.png"])


def test_meta_refresh_target_is_a_link(tmp_path):
    redirect = ('<!DOCTYPE html><html lang="zh-CN"><head><title>跳转</title>'
                '<meta http-equiv="refresh" content="0; url=new/gone.html"></head>'
                '<body><main><h1>跳转</h1></main></body></html>')
    found = link_findings(tmp_path, {"index.html": redirect, "ok.html":
                                     redirect.replace("new/gone.html", "index.html")})
    assert [(f.file, f.rule, f.target) for f in found] == [
        ("index.html", "link-broken", "new/gone.html")]


def test_srcset_names_the_one_failing_candidate(tmp_path):
    files = {"index.html": '<img src="a.png" srcset="a.png 1x, b,c.png 2x, gone.png 3x" alt="x">',
             "a.png": b"", "b,c.png": b""}
    found = link_findings(tmp_path, files)
    assert [(f.rule, f.target) for f in found] == [("link-broken", "gone.png")]


def test_stylesheet_urls_resolve_from_the_stylesheet(tmp_path):
    css = '@import "base.css";\n/* url(commented.png) */\n.a { background: url(../img/ok.png) }\n' \
          '.b { background: url("../img/gone.png") }\n'
    files = {"index.html": '<link rel="stylesheet" href="static/site.css">',
             "static/site.css": css, "static/base.css": "", "img/ok.png": b""}
    found = link_findings(tmp_path, files)
    assert [(f.file, f.rule, f.target, f.line) for f in found] == [
        ("static/site.css", "link-broken", "../img/gone.png", 4)]


def test_base_url_resolves_root_relative_links_under_a_sub_path(tmp_path):
    files = {"index.html": '<a href="/zwgk/2021/a.html">a</a> <a href="/zwgk/2021/gone.html">x</a>'
                           ' <a href="/other/column.html">另一栏目</a>',
             "a.html": "<p>a</p>"}
    report = check_site(write_site(tmp_path, files), base_url="/zwgk/2021/")
    assert [(f.rule, f.target) for f in report.findings if f.type == "link"] == [
        ("link-broken", "/zwgk/2021/gone.html")]
    assert report.external_links == 1


def test_dot_segments_and_backslashes_resolve_like_a_browser(tmp_path):
    files = {"a/index.html": '<a href="./b/../../c.html">c</a> <a href="..\\c.html">c</a>'
                             ' <a href="../../../c.html">c</a>',
             "c.html": "<p>c</p>"}
    assert link_findings(tmp_path, files) == []


def test_fragment_into_a_non_html_file_is_not_checked(tmp_path):
    files = {"index.html": '<a href="plan.pdf#page=2">计划</a>', "plan.pdf": b"%PDF"}
    assert link_findings(tmp_path, files) == []


def test_external_links_are_counted_not_fetched_by_default(tmp_path):
    files = {"index.html": '<a href="https://www.gov.cn/">中国政府网</a> <a href="//example.invalid/x">x</a>'}
    report = check_site(write_site(tmp_path, files))
    assert report.findings == [] and report.external_links == 2


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_HEAD(self):
        self.send_response(200 if self.path == "/ok" else 404)
        self.end_headers()

    do_GET = do_HEAD

    def log_message(self, *args):
        pass


@pytest.fixture
def local_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_external_option_fetches_http_links(tmp_path, local_server):
    dead = f"http://127.0.0.1:{_closed_port()}/x"
    files = {"index.html": f'<a href="{local_server}/ok">好</a> <a href="{local_server}/missing">坏</a>'
                           f' <a href="{dead}">连不上</a>'}
    found = link_findings(tmp_path, files, external=True)
    assert [(f.rule, f.target, f.severity) for f in found] == [
        ("link-external-broken", f"{local_server}/missing", "error"),
        ("link-external-unreachable", dead, "warning")]


def test_malformed_url_is_link_invalid(tmp_path):
    found = link_findings(tmp_path, {"index.html": '<a href="http://[2001:db8">x</a>'})
    assert [(f.rule, f.target) for f in found] == [("link-invalid", "http://[2001:db8")]


def test_unreadable_page_is_reported_not_fatal(tmp_path):
    write_site(tmp_path, {"index.html": "<p>x</p>"})
    (tmp_path / "gone.html").symlink_to(tmp_path / "nowhere.html")
    report = check_site(tmp_path)
    assert [(f.file, f.rule) for f in report.findings] == [("gone.html", "page-unreadable")]


def test_every_link_rule_is_tested_here():
    source = open(__file__, encoding="utf-8").read()
    untested = [r.id for r in RULES.values() if r.type == "link" and f'"{r.id}"' not in source]
    assert untested == []
