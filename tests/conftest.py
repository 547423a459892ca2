"""Shared fixtures: the real site built once per session (at the root and under a sub-path), served over HTTP."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Iterator

import pytest

from browser import REPO, Site, html_files, launch_chromium, serve

SUBPATH = "/zwgk/2021/"


def build_site(out: Path, base_url: str | None = None) -> None:
    """Run build.py from the repo root into out; fail the test with its output if it fails."""
    command = [sys.executable, "build.py", "--out", str(out)]
    if base_url:
        command += ["--base-url", base_url]
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        pytest.fail(
            f"{' '.join(command)} exited {result.returncode}\n"
            f"--- stdout ---\n{result.stdout}\n--- stderr ---\n{result.stderr}",
            pytrace=False,
        )
    if not html_files(out):
        pytest.fail(f"{' '.join(command)} wrote no HTML file", pytrace=False)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The site built with default settings, to be served at '/'."""
    out = tmp_path_factory.mktemp("built") / "site"
    build_site(out)
    return out


@pytest.fixture(scope="session")
def built_site_subpath(tmp_path_factory) -> Path:
    """A serve root holding the site built with --base-url /zwgk/2021/ at zwgk/2021/."""
    serve_root = tmp_path_factory.mktemp("built-subpath")
    build_site(serve_root / SUBPATH.strip("/"), SUBPATH)
    return serve_root


@pytest.fixture(scope="session")
def site_dirs(built_site, built_site_subpath) -> dict[str, Path]:
    """Each build variant's output folder, by name."""
    return {"root": built_site, "subpath": built_site_subpath / SUBPATH.strip("/")}


def _serve_site(site: Site) -> Iterator[Site]:
    """Serve site on 127.0.0.1 for as long as the generator runs; yield it with its origin set."""
    with serve(site.serve_root, not_found_page=site.site_dir / "404.html") as origin:
        site.origin = origin
        yield site


@pytest.fixture(scope="session")
def served_root_site(built_site) -> Iterator[Site]:
    """The default build, served at '/'."""
    yield from _serve_site(Site("root", built_site, built_site, "/"))


@pytest.fixture(scope="session")
def served_subpath_site(built_site_subpath) -> Iterator[Site]:
    """The --base-url build, served at /zwgk/2021/."""
    yield from _serve_site(Site("subpath", built_site_subpath / SUBPATH.strip("/"), built_site_subpath, SUBPATH))


@pytest.fixture(scope="session")
def site(served_root_site) -> Site:
    """The site built at the root, served: for browser tests that need one build only."""
    return served_root_site


@pytest.fixture(scope="session", params=["root", "subpath"])
def served_site(request) -> Site:
    """Each build variant in turn, served."""
    return request.getfixturevalue(f"served_{request.param}_site")


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()
