"""axe-core in every colour mode a reader can choose, and on a phone with the menu closed and open
(issue 15: "axe 0 on every page in every mode"); the normal mode at full width is
test_site_a11y.py's, on every page. A mode changes only the stylesheet, the same for every page of
a kind, so by default one page of each kind (the largest) is checked per mode; ZWGK_ALL_PAGES=1
checks every page in every mode (about 4 minutes per mode on a loaded 2-core machine). The Nu HTML Checker's verdict does not depend on the mode (the HTML is the
same): test_site_html_valid.py checks every page once; the pages that a feedback route changes
are checked here with one set."""
from __future__ import annotations

import os

import pytest

from browser import audit_page, format_violations, format_vnu_messages, run_axe, run_vnu
from project import copy_project, edit, run_build
from readers import page_in_mode

pytestmark = pytest.mark.slow


def pages(site) -> list[str]:
    return site.page_urls() if os.environ.get("ZWGK_ALL_PAGES") == "1" else site.sample_page_urls()


@pytest.mark.parametrize("mode", ["large-text", "high-contrast", "prefers-contrast", "forced-colors"])
def test_no_axe_violations_on_any_page(browser, served_root_site, mode):
    with page_in_mode(browser, served_root_site, mode) as page:
        audits = [audit_page(page, page_url) for page_url in pages(served_root_site)]
    assert len(audits) >= 8
    assert not any(a.violations for a in audits), format_violations(audits, f"every page in {mode} mode")


def test_no_axe_violations_on_a_phone_with_the_menu_closed_and_open(browser, served_root_site):
    audits = []
    with page_in_mode(browser, served_root_site, "normal", width=375) as page:
        for page_url in pages(served_root_site):
            audit = audit_page(page, page_url)  # menu closed
            page.click(".site-nav summary")
            audit.violations += run_axe(page)  # menu open
            audits.append(audit)
    assert not any(a.violations for a in audits), format_violations(audits, "every page at 375 px")


def test_pages_with_a_feedback_route_are_valid_html(tmp_path):
    root = copy_project(tmp_path / "project")
    edit(root / "data" / "site.yaml", 'feedback: ""', 'feedback: "区政府办公室，电话 0758-0000000（示例）"')
    assert run_build(root, "--out", "out").returncode == 0
    site_dir = root / "out"
    pages = [site_dir / "accessibility" / "index.html", site_dir / "index.html", site_dir / "404.html"]
    errors = run_vnu(pages)
    assert not errors, format_vnu_messages(errors, site_dir, "feedback build")
