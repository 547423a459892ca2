"""The `check` command: exit codes, the JSON format, the text report, the rule doc."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from checkhelpers import REPO, write_site
from zwgk.check import check_site, format_text
from zwgk.check.cli import main
from zwgk.check.rules_doc import document

FINDING_KEYS = {"file", "rule", "type", "severity", "message", "line", "target"}


def test_clean_site_exits_0(tmp_path, capsys):
    write_site(tmp_path, {"index.html": "<p>正文</p>"})
    assert main([str(tmp_path)]) == 0
    assert "检查了 1 个页面：0 个错误" in capsys.readouterr().out


def test_errors_exit_1_with_a_report_grouped_by_page(tmp_path, capsys):
    write_site(tmp_path, {"index.html": '<img src="a.png" alt="x">', "sub/b.html": "<h3></h3>"})
    assert main([str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "index.html（1 个问题）" in out and "sub/b.html（" in out
    assert "link-broken" in out and "empty-heading" in out and "修改建议：" in out


def test_warnings_alone_exit_0(tmp_path, capsys):
    write_site(tmp_path, {"index.html": '<p tabindex="3">x</p>'})
    assert main([str(tmp_path), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [(f["rule"], f["severity"]) for f in data["findings"]] == [("tabindex", "warning")]


@pytest.mark.parametrize("argv", [["--format", "xml"], ["--no-such-option"], ["a", "b"]])
def test_usage_errors_exit_2(tmp_path, argv, capsys):
    assert main(argv) == 2
    assert "用法错误" in capsys.readouterr().err


def test_missing_directory_exits_2(tmp_path, capsys):
    assert main([str(tmp_path / "nope")]) == 2
    assert "无法读取目录" in capsys.readouterr().err


def test_file_instead_of_directory_exits_2(tmp_path):
    (tmp_path / "page.html").write_text("<p>x</p>")
    assert main([str(tmp_path / "page.html")]) == 2


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any directory")
def test_unreadable_directory_exits_2(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0)
    try:
        assert main([str(locked)]) == 2
    finally:
        locked.chmod(0o755)


def test_json_format_is_stable(tmp_path, capsys):
    write_site(tmp_path, {"index.html": '<a href="gone.html">x</a>\n<img src="a.png">',
                          "a.png": b""})
    assert main([str(tmp_path), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"pages", "findings"} and data["pages"] == 1
    for finding in data["findings"]:
        assert set(finding) == FINDING_KEYS
        assert finding["type"] in ("link", "a11y")
        assert finding["severity"] in ("error", "warning")
        assert isinstance(finding["line"], int) or finding["line"] is None
        assert isinstance(finding["target"], str) and isinstance(finding["message"], str)
    assert [(f["file"], f["rule"], f["line"], f["target"]) for f in data["findings"]] == [
        ("index.html", "link-broken", 7, "gone.html"),
        ("index.html", "image-alt", 8, '<img src="a.png">')]


def test_base_url_option(tmp_path, capsys):
    write_site(tmp_path, {"index.html": '<a href="/zwgk/a.html">a</a>', "a.html": "<p>a</p>"})
    assert main([str(tmp_path), "--base-url", "/zwgk/", "--format", "json"]) == 0
    assert main([str(tmp_path), "--format", "json"]) == 1


def test_report_api(tmp_path):
    report = check_site(write_site(tmp_path, {"index.html": '<img src="a.png">'}))
    assert report.pages == 1 and report.errors == 2
    assert {f["rule"] for f in report.to_json()["findings"]} == {"link-broken", "image-alt"}
    assert "index.html（2 个问题）" in format_text(report)


def test_module_entry_point_prints_json(tmp_path):
    write_site(tmp_path, {"index.html": "<p>x</p>"})
    result = subprocess.run([sys.executable, "-m", "zwgk.check", str(tmp_path), "--format", "json"],
                            cwd=REPO, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and json.loads(result.stdout) == {"pages": 1, "findings": []}


def test_rule_doc_is_generated_from_the_registry():
    committed = (REPO / "docs" / "checker.md").read_text(encoding="utf-8")
    assert committed == document(), "run: python -m zwgk.check.rules_doc > docs/checker.md"


def test_text_report_says_external_links_were_not_fetched(tmp_path):
    report = check_site(write_site(tmp_path, {"index.html": '<a href="https://www.gov.cn/">政府网</a>'}))
    assert "站外链接 1 个（未访问，加 --external 可检查）" in format_text(report)


def test_one_missing_page_linked_from_seven_pages_is_one_problem(tmp_path):
    pages = {f"p{n}.html": '<a href="missing.html">缺页</a>' for n in range(7)}
    report = check_site(write_site(tmp_path, pages))
    text = format_text(report)
    assert report.errors == 7
    assert "在多处出现的问题（1 个问题，共 7 处）" in text
    assert text.count("链接目标不存在 link-broken") == 1
    assert "出现 7 处：p0.html 第 7 行；p1.html 第 7 行" in text
    assert "p0.html（" not in text  # not listed again page by page


def test_report_names_each_rule_in_chinese_beside_its_id(tmp_path):
    report = check_site(write_site(tmp_path, {"index.html": '<img src="a.png">',
                                              "a.png": b"png"}))
    assert "图片缺少替代文字 image-alt：" in format_text(report)


def test_site_built_under_a_sub_path_and_checked_without_it_gets_one_hint(tmp_path, capsys):
    links = "".join(f'<a href="/zwgk/2021/p{n}.html">{n}</a>' for n in range(5))
    files = {f"p{n}.html": "<p>页</p>" for n in range(5)}
    files["index.html"] = links + '<a href="/elsewhere/">外</a>'
    write_site(tmp_path, files)
    assert main([str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert out.startswith("提示：看起来网站建在 /zwgk/2021/ 下，请加 --base-url /zwgk/2021/")
    assert out.count("--base-url /zwgk/2021/") == 1
    assert main([str(tmp_path), "--base-url", "/zwgk/2021/"]) == 0  # /elsewhere/ is outside
    assert "提示：" not in capsys.readouterr().out


def test_no_hint_when_broken_links_have_no_common_fix(tmp_path, capsys):
    write_site(tmp_path, {"index.html": '<a href="/a.html">a</a><a href="/b.html">b</a>'
                                        '<a href="/c/d.html">c</a>'})
    assert main([str(tmp_path)]) == 1
    assert "提示：" not in capsys.readouterr().out
