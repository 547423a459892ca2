"""Progress on a terminal: a build and a check print "pages done of total" on stderr when it is a
terminal (a pseudo-terminal here), and nothing extra when it is a pipe."""
from __future__ import annotations

import io
import os
import pty
import re
import subprocess
import sys

from project import REPO

from zwgk.meter import counted


def run_in_terminal(command: list[str], cwd, env: dict) -> tuple[int, str]:
    """Run command with stdout and stderr on a pseudo-terminal; its exit code and all it printed."""
    main, terminal = pty.openpty()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=terminal, stderr=terminal)
    os.close(terminal)
    output = bytearray()
    while True:
        try:
            data = os.read(main, 65536)
        except OSError:  # EIO: the other end is closed
            break
        if not data:
            break
        output += data
    os.close(main)
    return process.wait(timeout=300), output.decode("utf-8", "replace")


def shown_at_once() -> dict:
    """The environment with the progress line due from the first page (instead of after 2 s)."""
    return {**os.environ, "ZWGK_PROGRESS_AFTER": "0"}


def test_build_and_check_show_progress_on_a_terminal(tmp_path):
    out = tmp_path / "site"
    code, output = run_in_terminal([sys.executable, "build.py", "--out", str(out)], REPO, shown_at_once())
    assert code == 0, output
    pages = sum(1 for _ in out.rglob("*.html"))
    assert f"\r已生成 1 / {pages} 个页面，用时 0.0 秒" in output
    assert re.search(rf"\r已检查 \d+ / {pages} 个页面，用时 \d+\.\d 秒", output)
    assert "\r\x1b[K" in output  # the line cleared before the summary
    assert "检查完成" in output.rsplit("\r\x1b[K", 1)[1]


def test_nothing_extra_on_a_pipe(tmp_path):
    out = tmp_path / "site"
    result = subprocess.run([sys.executable, "build.py", "--out", str(out)], cwd=REPO, env=shown_at_once(),
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert "\r" not in result.stdout and "已生成" in result.stdout


def test_short_work_shows_nothing():
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    terminal = Terminal()
    assert list(counted(range(5), 5, "生成", terminal)) == [0, 1, 2, 3, 4]  # far under 2 s
    assert terminal.getvalue() == ""
