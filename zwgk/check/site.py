"""Check a whole site: parse every page (in parallel when there are many), run the page rules,
then resolve every link against the site's files and the target pages' ids."""
from __future__ import annotations

import gc
import os
from dataclasses import dataclass, field
from collections import Counter
from pathlib import Path
from urllib.parse import unquote, urlsplit

from . import links, rules_aria, rules_css, rules_document, rules_names, rules_structure  # noqa: F401 (registers rules)
from .css import css_urls, css_rules, line_at
from .dom import read_page
from .registry import RULES, page_rules
from .report import Finding, Report
from .. import forked
from ..meter import counted

PARALLEL_FROM = 64  # pages; below this a single process is done sooner (the seed's 97: 0.90× the wall time, 1.045× the CPU)
CHUNK = 32  # pages: the unit of work shared out, and of results sent back
_SNIPPET = 100


@dataclass
class PageResult:
    rel: str
    findings: list[Finding] = field(default_factory=list)
    anchors: frozenset[str] = frozenset()
    fragments: list[tuple[int | None, str, str, str]] = field(default_factory=list)
    external: list[tuple[int | None, str]] = field(default_factory=list)


def snippet(el) -> str:
    """A short start tag for an element, e.g. <img src="a.png">."""
    attrs = " ".join(f'{k}="{v}"' for k, v in el.attrib.items())
    text = f"<{el.tag}{' ' + attrs if attrs else ''}>"
    return text if len(text) <= _SNIPPET else text[:_SNIPPET - 1] + "…"


def finding(rule_id: str, rel: str, where, target: str | None, detail: str | None) -> Finding:
    """A Finding for `rule_id` at an element (or a line number)."""
    rule = RULES[rule_id]
    if where is None or isinstance(where, int):
        line = where
    else:
        line = where.sourceline
        target = target or snippet(where)
    return Finding(rel, line, rule.id, rule.type, rule.severity,
                   rule.message + (detail or ""), target or "")


def run_page_rules(page) -> list[Finding]:
    """Every page rule's findings for one parsed page."""
    found = []
    for rule in page_rules():
        for where, target, detail in rule.check(page):
            found.append(finding(rule.id, page.rel, where, target, detail))
    return found


class Site:
    """The files of the checked directory and how URLs map onto them."""

    def __init__(self, root: Path, base_url: str):
        self.root = root
        self.base_url = base_url
        self.files: set[str] = set()
        self.dirs: set[str] = set()
        for folder, dirnames, filenames in os.walk(root):
            rel = Path(folder).relative_to(root).as_posix()
            prefix = "" if rel == "." else rel + "/"
            self.dirs.update(prefix + d for d in dirnames)
            self.files.update(prefix + f for f in filenames)
        self.resolver = links.Resolver(base_url, self.files, self.dirs)

    def pages(self) -> list[str]:
        return sorted(f for f in self.files if f.lower().endswith(links.HTML_SUFFIXES))

    def stylesheets(self) -> list[str]:
        return sorted(f for f in self.files if f.lower().endswith(".css"))

    def resolve_refs(self, result: PageResult, refs, base: str):
        """Record problems, fragments to check later and external links for `refs`."""
        folder = base[:base.rfind("/") + 1]
        locate = self.resolver.locate
        fragments = result.fragments
        for url, line in refs:
            target, fragment = locate(url, base, folder)
            kind = target.kind
            if kind == "local":
                if fragment is None:
                    fragment = target.fragment
                if fragment:
                    fragments.append((line, url, target.path, fragment))
            elif kind == "external":
                result.external.append((line, url))
            elif kind != "ignored":
                result.findings.append(finding(kind, result.rel, line, url, target.detail))


_SITE: Site | None = None  # the site a worker process checks (inherited when forked)


def open_page(site: Site, rel: str):
    """Parse one page of the site; its URLs resolve against the site (for rules that ask).
    Raises OSError or ValueError when the file cannot be read."""
    page = read_page(site.root / rel, rel)
    base = links.base_of(page, links.document_url(rel, site.base_url))
    folder = base[:base.rfind("/") + 1]
    page.url_kind = lambda url: site.resolver.locate(url, base, folder)[0].kind
    return page, base


def check_page(rel: str) -> PageResult:
    """Parse one page, run the page rules and resolve its links (fragments come later)."""
    site = _SITE
    try:
        page, base = open_page(site, rel)
    except (OSError, ValueError) as error:
        detail = f"（{type(error).__name__}: {error}）"[:120]
        return PageResult(rel, [finding(links.PAGE_UNREADABLE.id, rel, None, rel, detail)])
    result = PageResult(rel, run_page_rules(page))
    result.anchors = frozenset(page.ids) | frozenset(page.anchor_names)
    site.resolve_refs(result, links.page_refs(page), base)
    return result


def check_stylesheet(site: Site, rel: str) -> PageResult:
    """Resolve a stylesheet's url() references and check its colour pairs."""
    text = (site.root / rel).read_text(encoding="utf-8", errors="replace")
    result = PageResult(rel)
    refs = [(url, line_at(text, at)) for url, at in css_urls(text)]
    site.resolve_refs(result, refs, links.document_url(rel, site.base_url))
    for line, target, detail in rules_css.stylesheet_contrast(text, css_rules(text)):
        result.findings.append(finding("color-contrast", rel, line, target, detail))
    return result


def _parse_all(site: Site, pages: list[str]) -> list[PageResult]:
    """Check every page, shared with forked children when there are many (zwgk/forked.py share:
    the children inherit the site's file list and caches).

    The cyclic garbage collector is paused meanwhile: pages make no reference cycles, and its
    full collections over the growing results would take half the time.
    """
    global _SITE
    _SITE = site
    collecting = gc.isenabled()
    gc.disable()
    try:
        workers = min(os.cpu_count() or 1, 8)
        if len(pages) < PARALLEL_FROM or workers < 2 or not hasattr(os, "fork"):
            return [check_page(rel) for rel in counted(pages, len(pages), "检查")]
        results: list[PageResult | None] = [None] * len(pages)
        sharing = forked.share(len(pages), lambda i: check_page(pages[i]), workers - 1, results, CHUNK)
        for _ in counted(sharing, len(pages), "检查"):
            pass
        return results
    finally:
        if collecting:
            gc.enable()


def check_site(root: Path, base_url: str = "/", external: bool = False) -> Report:
    """Check every HTML page and stylesheet under `root`; the report lists what is wrong."""
    root = Path(root)
    base_url = "/" + base_url.strip("/") + "/" if base_url.strip("/") else "/"
    site = Site(root, base_url)
    pages = site.pages()
    results = _parse_all(site, pages)
    results += [check_stylesheet(site, rel) for rel in site.stylesheets()]
    anchors = {r.rel: r.anchors for r in results}
    report = Report(pages=len(pages))
    outside: dict[str, list[tuple[str, int | None]]] = {}
    for result in results:
        report.findings.extend(result.findings)
        for line, url, path, fragment in result.fragments:
            ids = anchors.get(path)
            if ids is None or (fragment in ids and ":~:" not in fragment):
                continue  # the common case, without a call
            if not links.fragment_found(fragment, ids):
                shown = unquote(fragment, errors="replace")
                report.findings.append(finding(links.LINK_FRAGMENT.id, result.rel, line, url,
                                               f"（{path} 里没有 id=\"{shown}\"）"))
        for line, url in result.external:
            outside.setdefault(url.strip(), []).append((result.rel, line))
    report.external_links = sum(len(v) for v in outside.values())
    if external:
        report.external_checked = True
        report.findings.extend(_external_findings(outside))
    report.findings.sort(key=lambda f: (f.file, f.line or 0, f.rule, f.target))
    hint = base_url_hint(site, report.findings)
    if hint:
        report.hints.append(hint)
    return report


def base_url_hint(site: Site, findings) -> str | None:
    """Advice when most broken root-relative links would work under one sub-path: the site was
    built with --base-url and is checked without it (or with another one)."""
    broken = [f.target for f in findings if f.rule == links.LINK_BROKEN.id
              and f.target.startswith("/") and not f.target.startswith("//")]
    if len(broken) < 3:
        return None
    fixed_by: Counter = Counter()
    for url in broken:
        path = unquote(urlsplit(url).path, errors="replace")
        if not path.startswith(site.base_url):
            continue
        segments = path[len(site.base_url):].split("/")
        for cut in range(1, len(segments)):
            if site.resolver.exists("/".join(segments[cut:])):
                fixed_by[site.base_url + "/".join(segments[:cut]) + "/"] += 1
                break
    if not fixed_by:
        return None
    prefix, count = fixed_by.most_common(1)[0]
    if count < 0.8 * len(broken):
        return None
    return (f"看起来网站建在 {prefix} 下，请加 --base-url {prefix}"
            f"（{count} 个以 / 开头的链接因此找不到）。")


def _external_findings(outside):
    """Findings for the http(s) links out of the site that do not answer well."""
    from .external import check_urls  # here: urllib.request and its imports cost ~0.02 s at every start

    checkable = [u for u in outside if u.lower().startswith(("http://", "https://", "//"))]
    fetched = {u: "https:" + u if u.startswith("//") else u for u in checkable}
    statuses = check_urls(sorted(set(fetched.values())))
    for url in checkable:
        status = statuses[fetched[url]]
        if isinstance(status, int) and status < 400:
            continue
        rule = links.LINK_EXTERNAL if isinstance(status, int) else links.LINK_UNREACHABLE
        for rel, line in outside[url]:
            yield finding(rule.id, rel, line, url, f"（{status}）")
