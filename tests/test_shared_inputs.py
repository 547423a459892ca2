"""Skip discipline: without ../shared, the tests that need it skip with a reason on a developer's machine
and fail under CI=true; the seed-free role tests still run. Checked by running pytest on a copy of the
repository that has no shared folder beside it."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from project import REPO, copy_project

NEEDS_SHARED = ["tests/test_data.py", "tests/check/test_check_act.py", "tests/test_bench_smoke.py"]


@pytest.fixture(scope="module")
def lone_repo(tmp_path_factory):
    """The repository's code, data and tests in a folder with no ../shared."""
    root = copy_project(tmp_path_factory.mktemp("no-shared") / "repo")
    shutil.copytree(REPO / "tests", root / "tests", ignore=shutil.ignore_patterns("__pycache__", "fixtures"))
    shutil.copytree(REPO / "bench", root / "bench", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(REPO / "pytest.ini", root / "pytest.ini")
    shutil.copy2(REPO / "README.md", root / "README.md")
    assert not (root.parent / "shared").exists()
    return root


def run_pytest(root, *args: str, ci: bool) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key != "CI"}
    if ci:
        env["CI"] = "true"
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", *args],
                          cwd=root, env=env, capture_output=True, text=True, timeout=300)


def test_without_shared_they_skip_with_a_reason(lone_repo):
    result = run_pytest(lone_repo, *NEEDS_SHARED, ci=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert " passed" not in result.stdout.splitlines()[-1] and "skipped" in result.stdout.splitlines()[-1], result.stdout
    for what in ("the seed document is missing", "the W3C ACT test cases is missing", "the plan generator is missing"):
        assert what in result.stdout, result.stdout


def test_without_shared_they_fail_under_ci(lone_repo):
    for module in NEEDS_SHARED:
        result = run_pytest(lone_repo, module, ci=True)
        assert result.returncode == 1, module + "\n" + result.stdout
        assert "CI=true, so this is a failure, not a skip" in result.stdout, result.stdout
        assert "skipped" not in result.stdout.splitlines()[-1], result.stdout


def test_the_role_tests_need_no_seed(lone_repo):
    result = run_pytest(lone_repo, "tests/test_roles.py", ci=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "skipped" not in result.stdout.splitlines()[-1] and " passed" in result.stdout.splitlines()[-1], result.stdout
