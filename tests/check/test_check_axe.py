"""axe-core's own rule fixtures (../shared/axe), scored element by element by their evaluate.py.

A violation counts as found when the checker reports the same rule id in that file on a line
of the element's start tag; an expected pass is a false alarm when it does. Figures when this
test was last changed (python ../shared/axe/evaluate.py from the project root):
    axe-fixtures: rules=43 cases=48 recall=0.99 precision=1.00 tp=346 fn=2 fp=1
"""
from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys

import pytest

from checkhelpers import REPO

AXE = REPO.parent / "shared" / "axe"
AIM = 0.95


def _missing(what):
    message = f"axe-core's fixtures are not here: {what} (the shared folder beside the repo)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="module")
def axe_score():
    if not (AXE / "evaluate.py").is_file() or not (AXE / "manifest.json").is_file():
        _missing(AXE)
    command = f"{shlex.quote(sys.executable)} build.py check {{dir}} --format json"
    result = subprocess.run([sys.executable, str(AXE / "evaluate.py"), "--cmd", command],
                            cwd=REPO, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    last = result.stdout.strip().splitlines()[-1]
    print(last)
    match = re.search(r"recall=([\d.]+) precision=([\d.]+) tp=(\d+) fn=(\d+) fp=(\d+)", last)
    assert match, last
    return {"recall": float(match[1]), "precision": float(match[2]), "tp": int(match[3]),
            "fn": int(match[4]), "fp": int(match[5]), "line": last}


def test_recall_on_axe_fixtures(axe_score):
    assert axe_score["recall"] >= AIM, axe_score["line"]


def test_precision_on_axe_fixtures(axe_score):
    assert axe_score["precision"] >= AIM, axe_score["line"]


def test_every_fixture_was_scored(axe_score):
    # 348 expected violations in 48 files: a checker that crashed on a file would score less
    assert axe_score["tp"] + axe_score["fn"] == 348, axe_score["line"]
