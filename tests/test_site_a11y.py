"""Every page of the built site, at '/' and under a sub-path, loaded in Chromium and checked with axe-core."""
from __future__ import annotations

import pytest

from browser import PageAudit, audit_page, broken_links, format_violations

pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def site_audits(served_site, browser) -> list[PageAudit]:
    """One visit of every HTML page of the build, in one browser page."""
    context = browser.new_context()
    page = context.new_page()
    audits = [audit_page(page, url) for url in served_site.page_urls()]
    context.close()
    return audits


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
    page = browser.new_page()
    audit = audit_page(page, f"{served_site.origin}{served_site.base_path}no/such/page/")
    page.close()
    assert audit.status == 404
    assert not audit.load_problems, "\n".join(audit.load_problems)
    assert not audit.violations, format_violations([audit], "404 page at a deep URL")
