"""The command line speaks Chinese: every command's help, usage and argument errors, through the real build.py."""
from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from project import REPO, copy_project, edit, run_build
from test_serve import RunningServer, free_port, probe_connects, serves, wait_for

# argparse's own English words; option names (--base-url), choices ({text,json}) and file names are left out.
ARGPARSE_ENGLISH = re.compile(r"\b(?:usage|options|optional|positional|arguments?|error|show|help|message|exit|"
                              r"invalid|value|expected|required|unrecognized|choose|ambiguous)\b")


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "build.py", *args], cwd=REPO, capture_output=True, text=True, timeout=60)


def english_left(text: str) -> list[str]:
    prose = re.sub(r"--?[a-z][\w-]*|\{[^}]*\}|python build\.py|[\w./-]+\.(?:md|py|docx|xlsx|yaml)|https?\(s\)", " ", text)
    return ARGPARSE_ENGLISH.findall(prose)


@pytest.mark.parametrize("command", [[], ["serve"], ["check"]], ids=["build", "serve", "check"])
def test_help_is_chinese(command):
    result = run(*command, "--help")
    assert result.returncode == 0 and result.stderr == ""
    assert result.stdout.startswith(f"用法：python build.py {' '.join(command)}".rstrip())
    assert "选项：" in result.stdout and "显示本帮助并退出" in result.stdout
    assert english_left(result.stdout) == [], result.stdout


def test_top_level_help_lists_every_command():
    text = run("--help").stdout
    for command in ("serve", "check", "import"):
        assert f"python build.py {command}" in text
    for option in ("--out", "--base-url", "--data"):
        assert option in text
    assert "docs/使用说明.md" in text


@pytest.mark.parametrize("args, expected", [
    (["--port", "8000"], "用法错误：无法识别的参数：--port 8000"),
    (["--out"], "用法错误：参数 --out：后面缺少一个值"),
    (["--base-url", "a b"], "用法错误：参数 --base-url：“a b”不是有效的网址路径"),
    (["serve", "--port", "abc"], "用法错误：参数 --port：“abc”不是有效的端口号"),
    (["serve", "--port", "99999"], "用法错误：参数 --port：“99999”不是有效的端口号"),
    (["serve", "--bogus"], "用法错误：无法识别的参数：--bogus"),
    (["check", "--format", "xml"], "用法错误：参数 --format：“xml”不是可选的值，可选：'text', 'json'"),
    (["check", "one", "two"], "用法错误：无法识别的参数：two"),
], ids=["unknown", "missing-value", "bad-base-url", "not-a-port", "port-too-big", "serve-unknown", "bad-choice", "extra-argument"])
def test_usage_errors_are_chinese_and_exit_2(args, expected):
    result = run(*args)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith("用法：python build.py")
    assert expected in result.stderr
    assert "--help 可查看全部选项及说明" in result.stderr
    assert english_left(result.stderr) == [], result.stderr


# --- --data: a data folder elsewhere (an imported plan) -------------------------------------------


def data_elsewhere(tmp_path: Path) -> tuple[Path, Path]:
    """A project copy and a copy of its data/ outside it, with another site name."""
    project = copy_project(tmp_path / "project")
    data = tmp_path / "draft"
    shutil.copytree(project / "data", data)
    edit(data / "site.yaml", "site_name: 鼎湖区{{ plan.year }}年政务公开工作要点专栏", "site_name: 草稿专栏")
    return project, data


def test_build_reads_the_data_folder_given(tmp_path):
    project, data = data_elsewhere(tmp_path)
    result = run_build(project, "--data", str(data), "--out", "out")
    assert result.returncode == 0, result.stderr
    assert "<title>草稿专栏</title>" in (project / "out" / "index.html").read_text(encoding="utf-8")


def test_serve_previews_the_data_folder_given_and_watches_it(tmp_path):
    project, data = data_elsewhere(tmp_path)
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("w", encoding="utf-8") as output:
        process = subprocess.Popen([sys.executable, "build.py", "serve", "--port", str(port), "--data", str(data)],
                                   cwd=project, stdout=output, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    server = RunningServer(project, f"http://127.0.0.1:{port}", process, log, "/")
    try:
        wait_for(lambda: "预览地址" in server.terminal() and probe_connects(port), "the server to start", server, timeout=30)
        wait_for(serves(server, "", 200, "<title>草稿专栏</title>"), "the preview of the draft", server)
        edit(data / "site.yaml", "site_name: 草稿专栏", "site_name: 第二稿专栏")
        wait_for(serves(server, "", 200, "<title>第二稿专栏</title>"), "the rebuild after editing the draft", server)
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=10)
