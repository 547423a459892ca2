"""A throw-away copy of the project (code, data, content, templates, static) for tests that edit it."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PARTS = ("build.py", "zwgk", "data", "content", "templates", "static")


def copy_project(target: Path) -> Path:
    """Copy what a build reads into target and return it."""
    target.mkdir(parents=True, exist_ok=True)
    for part in PARTS:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / part)
    return target


def run_build(root: Path, *args: str) -> subprocess.CompletedProcess:
    """python build.py ARGS in root, output captured as text."""
    return subprocess.run([sys.executable, "build.py", *args], cwd=root, capture_output=True, text=True, timeout=120)


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    """Replace old by new in a text file; the old text must be there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def line_of(path: Path, text: str) -> int:
    """The 1-based line number of the first line containing text."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if text in line:
            return number
    raise AssertionError(f"{text!r} not in {path}")
