"""Every page of the built site, at '/' and under a sub-path, loaded in Chromium and checked with axe-core.

The reader's display modes (大字, 高对比度) are switched on with the site's own buttons, as a reader would,
and one page of each kind (the largest) of the root build is checked again in each mode: the modes change
only CSS, shared by every page of a kind, and checking every page again would double the run time.
"""
from __future__ import annotations

import pytest

from browser import PageAudit, audit_page, broken_links, format_violations, fresh_page

pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def site_audits(served_site, browser) -> list[PageAudit]:
    """One visit of every HTML page of the build, in one browser page."""
    with fresh_page(browser) as page:
        return [audit_page(page, url) for url in served_site.page_urls()]


# <html> class of each display mode -> data-pref of the button that switches it on
DISPLAY_MODES = {"high-contrast": "contrast", "text-large": "text"}


@pytest.fixture(scope="session", params=sorted(DISPLAY_MODES))
def display_mode_audits(request, served_root_site, browser) -> tuple[str, list[PageAudit]]:
    """One page of each kind of the root build, visited after switching one display mode on with its button."""
    mode = request.param
    with fresh_page(browser) as page:
        page.goto(served_root_site.origin + served_root_site.base_path)
        button = page.locator(f"[data-module='a11y-tools'] button[data-pref='{DISPLAY_MODES[mode]}']")
        assert button.count() == 1, f"the home page has no button for the {mode} display mode (a missing feature fails)"
        button.click()
        assert button.get_attribute("aria-pressed") == "true", f"the {mode} button did not report aria-pressed=true"
        return mode, [audit_page(page, url) for url in served_root_site.sample_page_urls()]


def test_every_page_is_served(site_audits):
    failures = [f"{a.url}: HTTP {a.status}" for a in site_audits if a.status != 200]
    assert not failures, "\n".join(failures)


def test_no_axe_violations(served_site, site_audits):
    violated = [a for a in site_audits if a.violations]
    assert not violated, format_violations(site_audits, f"site at {served_site.base_path}")


def test_pages_load_without_errors(site_audits):
    failures = [f"{a.url}: {problem}" for a in site_audits for problem in a.load_problems]
    assert not failures, "\n".join(failures)


def test_links_resolve(served_site, site_audits):
    failures = broken_links(site_audits, served_site.origin)
    assert not failures, "\n".join(failures)


def test_missing_page_gets_the_404_page(served_site, browser):
    with fresh_page(browser) as page:
        audit = audit_page(page, f"{served_site.origin}{served_site.base_path}no/such/page/")
    assert audit.status == 404
    assert not audit.load_problems, "\n".join(audit.load_problems)
    assert not audit.violations, format_violations([audit], "404 page at a deep URL")


def test_display_mode_stays_on_across_pages(display_mode_audits):
    mode, audits = display_mode_audits
    failures = [a.url for a in audits if mode not in a.html_classes]
    assert not failures, f"<html> lacks class {mode!r} after switching it on:\n" + "\n".join(failures)


def test_no_axe_violations_in_display_mode(display_mode_audits):
    mode, audits = display_mode_audits
    assert not any(a.violations for a in audits), format_violations(audits, f"root build in {mode} mode")
