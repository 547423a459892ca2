"""Dependencies are bounded to the versions the suite runs with, so a new release cannot break a
clerk's fresh install (`pip install -r requirements.txt`) with no change of ours."""
from __future__ import annotations

from importlib.metadata import version

import pytest
from packaging.requirements import Requirement

from project import REPO


def requirements(name: str) -> list[Requirement]:
    lines = (REPO / name).read_text(encoding="utf-8").splitlines()
    return [Requirement(line.split("#")[0]) for line in lines if line.split("#")[0].strip()]


ALL = requirements("requirements.txt") + requirements("requirements-test.txt")


@pytest.mark.parametrize("requirement", ALL, ids=str)
def test_every_dependency_has_an_upper_bound_that_the_installed_version_meets(requirement):
    assert any(spec.operator in ("<", "<=", "~=", "==") for spec in requirement.specifier), requirement
    assert requirement.specifier.contains(version(requirement.name)), (requirement, version(requirement.name))


def test_what_serve_uses_internally_is_held_to_one_minor_series():
    """serve.py subclasses livereload's Watcher and calls LiveReloadHandler.reload_waiters; load.py drives
    PyYAML's event API; serve.py reads Jinja2's rewritten tracebacks; render.py escapes with markupsafe's
    _escape_inner in place of the `escape` Jinja2's compiled templates call."""
    bounds = {requirement.name.lower(): requirement.specifier for requirement in ALL}
    for name in ("livereload", "pyyaml", "jinja2", "markupsafe"):
        installed = version(name).split(".")
        next_minor = f"{installed[0]}.{int(installed[1]) + 1}"
        assert not bounds[name].contains(next_minor), (name, str(bounds[name]))
