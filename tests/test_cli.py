"""The command line speaks Chinese: every command's help, usage and argument errors, through the real build.py."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest

from project import REPO

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
