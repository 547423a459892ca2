"""The checker over the real site: the shipped build has no error, and deliberately broken
copies of it report exactly what was broken, and nothing else."""
from __future__ import annotations

import shutil
from pathlib import Path

from zwgk.check import check_site, format_text


def _site_root_and_base(serve_root: Path) -> tuple[Path, str]:
    """The folder of a sub-path build inside its serve root, and the sub-path it is served at."""
    index = min(serve_root.rglob("index.html"), key=lambda p: len(p.parts))
    rel = index.parent.relative_to(serve_root).as_posix()
    return index.parent, f"/{rel}/"


def test_shipped_site_has_no_errors(built_site):
    report = check_site(built_site)
    assert report.pages > 50
    assert report.errors == 0, format_text(report)


def test_shipped_site_under_a_sub_path_has_no_errors(built_site_subpath):
    root, base_url = _site_root_and_base(built_site_subpath)
    report = check_site(root, base_url=base_url)
    assert report.errors == 0, format_text(report)


def _edit(path: Path, old: str, new: str):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _pages_linking_to(root: Path, path: str) -> dict[str, str]:
    """{page: its href} for the pages that link to path (below the site's root) with a relative link."""
    found = {}
    for page in root.rglob("*.html"):
        relative = page.relative_to(root).as_posix()
        href = "../" * relative.count("/") + path
        if f'href="{href}"' in page.read_text(encoding="utf-8"):
            found[relative] = href
    return found


def test_broken_copy_reports_exactly_what_was_broken(built_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    linking = _pages_linking_to(site, "tasks/25/index.html")
    assert linking
    shutil.rmtree(site / "tasks" / "25")
    _edit(site / "units" / "towns" / "index.html", 'id="main-content"', 'id="main"')
    _edit(site / "notice" / "index.html", '<html lang="zh-CN">', "<html>")
    _edit(site / "about" / "index.html", '<link rel="stylesheet" href="../static/site.css">',
          '<link rel="stylesheet" href="../static/Site.css">')
    _edit(site / "about" / "index.html", "<h1>", '<img src="/static/favicon.svg"><h1>')
    _edit(site / "index.html", "<title>", "<title> </title><title>")

    report = check_site(site)
    got = {(f.file, f.rule, f.target) for f in report.findings}
    expected = {(page, "link-broken", href) for page, href in linking.items() if page != "tasks/25/index.html"}
    expected |= {
        ("units/towns/index.html", "link-fragment", "#main-content"),
        ("notice/index.html", "html-has-lang", "<html>"),
        ("about/index.html", "link-broken", "../static/Site.css"),
        ("about/index.html", "image-alt", '<img src="/static/favicon.svg">'),
        ("index.html", "document-title", "<title>"),
    }
    assert got == expected


def test_broken_stylesheet_copy(built_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    css = site / "static" / "site.css"
    css.write_text(css.read_text(encoding="utf-8") +
                   "\n.faint { color: #aaaaaa; background-color: #ffffff; }\n"
                   ".logo { background: url(missing.png) }\n", encoding="utf-8")
    report = check_site(site)
    assert {(f.file, f.rule, f.target) for f in report.findings} == {
        ("static/site.css", "color-contrast", ".faint"),
        ("static/site.css", "link-broken", "missing.png")}
