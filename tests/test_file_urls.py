"""The build opened from a disk (file://), as a clerk double-clicks output/index.html or a leader
opens it from a USB stick: styles and scripts load, every link of one page of each kind leads to
a page of the build (not a folder listing, not the disk's root), and search works.
"""
from __future__ import annotations

import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from browser import fresh_page, html_files

pytestmark = pytest.mark.slow


def file_url(path: Path) -> str:
    return path.resolve().as_uri()


def sample_pages(site_dir: Path) -> list[Path]:
    """One page of each kind (same first folder and depth): the largest, as the served tests pick them."""
    largest: dict[tuple[str, int], Path] = {}
    for page in html_files(site_dir):
        parts = page.relative_to(site_dir).parts
        kind = (parts[0], len(parts))
        if kind not in largest or page.stat().st_size > largest[kind].stat().st_size:
            largest[kind] = page
    return [page for page in sorted(largest.values()) if page.name != "404.html"]  # 404 is served at any depth


def styled(page) -> bool:
    """Whether static/site.css applies (a file:// page may not read its rules: its custom property is looked at)."""
    return page.evaluate("getComputedStyle(document.documentElement).getPropertyValue('--text').trim()") != ""


def test_pages_opened_from_disk_are_styled_and_every_link_leads_to_a_page(browser, built_site):
    site = built_site.resolve()
    targets: dict[str, str] = {}  # link target (file URL without fragment) -> the page it was found on
    failures: list[str] = []
    with fresh_page(browser) as page:
        page.on("requestfailed", lambda request: request.failure == "net::ERR_ABORTED"  # cut short by the next visit
                or failures.append(f"{page.url}: request failed ({request.failure}): {request.url}"))
        page.on("pageerror", lambda error: failures.append(f"{page.url}: script error: {error}"))
        for source in sample_pages(site):
            page.goto(file_url(source), wait_until="load")
            if not styled(page):
                failures.append(f"{source.relative_to(site)}: no stylesheet applied")
            for link in page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)"):
                target = link.partition("#")[0]
                if target.startswith("file://"):
                    targets.setdefault(target, source.relative_to(site).as_posix())
        assert len(targets) > 50
        for target, source in sorted(targets.items()):
            path = Path(urllib.request.url2pathname(urllib.parse.urlsplit(target).path))
            if not path.is_file() or not path.is_relative_to(site):
                failures.append(f"{source}: link to {target}: not a file of the build")
                continue
            if path.suffix != ".html":
                continue
            page.goto(target, wait_until="load")
            if page.locator("main#main-content").count() != 1 or not styled(page):
                failures.append(f"{source}: link to {target}: not a styled page")
    assert not failures, "\n".join(failures)


def test_search_works_from_disk(browser, built_site):
    with fresh_page(browser) as page:
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(file_url(built_site / "search" / "index.html"))
        page.wait_for_selector("[data-search-filters]:not([hidden])")
        page.fill("#search-q", "IPv6")
        page.wait_for_function("document.querySelectorAll('#search-results > li').length === 1")
        link = page.locator("#search-results h2 a")
        assert link.text_content().startswith("第30项")
        link.click()
        page.wait_for_url("**/tasks/30/index.html")
        assert page.locator("h1").text_content().startswith("第30项")
        assert page.url.startswith("file://")
        assert not errors, errors


def test_header_search_form_from_disk_leads_to_the_results(browser, built_site):
    with fresh_page(browser) as page:
        page.goto(file_url(built_site / "units" / "finance" / "index.html"))
        page.fill("#site-search-q", "１２３４５")
        page.press("#site-search-q", "Enter")
        page.wait_for_selector("[data-search-filters]:not([hidden])")
        assert page.url.startswith("file://") and "/search/index.html?q=" in page.url
        titles = page.eval_on_selector_all("#search-results h2 a", "links => links.map(a => a.textContent)")
        assert len(titles) == 1 and titles[0].startswith("第18项")
