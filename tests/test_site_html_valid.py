"""Every HTML file of both builds checked by the Nu HTML Checker, in one JVM start."""
from __future__ import annotations

import pytest

from browser import format_vnu_messages, html_files, run_vnu, vnu_message_file

pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def vnu_errors(site_dirs) -> list[dict]:
    """The checker's errors for all HTML files of all builds."""
    return run_vnu([f for site_dir in site_dirs.values() for f in html_files(site_dir)])


@pytest.mark.parametrize("variant", ["root", "subpath"])
def test_html_is_valid(variant, site_dirs, vnu_errors):
    site_dir = site_dirs[variant]
    errors = [m for m in vnu_errors if vnu_message_file(m).is_relative_to(site_dir)]
    assert not errors, format_vnu_messages(errors, site_dir, f"build for {variant}")
