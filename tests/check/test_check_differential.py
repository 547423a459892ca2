"""axe-core in Chromium and the checker on the same pages, element by element.

Pages: every page of the built site, the W3C ACT cases (../shared/act) and the checker's own
rule fixtures. Each page is copied with a `data-zl="<line>"` attribute added to every start tag
(the line of its '<'), so that an element axe-core reports in the browser and an element the
checker reports can be named the same way. For each axe rule id the checker has, the pairs
(rule, element) that axe reports as violations and that the checker reports must agree; an
element axe marks "needs review" (incomplete) may go either way.

Every disagreement must be an entry of KNOWN below: a rule whose verdict needs layout or a
browser, or a deliberate difference that docs/checker.md records (section "Where the checker
and axe-core differ"). An entry that no longer matches anything fails the test too, so the
list stays true.
"""
from __future__ import annotations

import fnmatch
import shutil
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest

from browser import AXE_JS, AXE_URL_PATH, fresh_page, require_file, serve
from checkhelpers import FIXTURES, REPO, page as whole_page
from zwgk.check.registry import RULES, page_rules
from zwgk.check.site import Site, open_page

pytestmark = pytest.mark.slow

ACT = REPO.parent / "shared" / "act"
# Rules left out of the comparison, and why.
NOT_COMPARED = {
    # the checker reads colour pairs from stylesheets and reports the CSS file, not elements
    "color-contrast": "needs layout and computed styles",
}
COMPARED = sorted(r.id for r in RULES.values() if r.type == "a11y" and r.id not in NOT_COMPARED)


@dataclass(frozen=True)
class Known:
    """An allowed disagreement: `rule` on pages matching `pages`, found by `side` only."""

    rule: str
    pages: str  # glob over "site/…", "act/…" or "fixtures/<rule>/…"
    side: str  # "checker" (the checker reports, axe does not) or "axe"
    reason: str
    sometimes: bool = False  # axe's verdict depends on timing in the browser


KNOWN = [
    # the checker needs no browser for these; axe does
    Known("frame-focusable-content", "fixtures/frame-focusable-content/fail-*.html", "checker",
          "axe needs the framed document; this comparison does not run axe inside frames"),
    # where ACT asks for more than axe-core (the checker keeps the ACT verdict)
    Known("aria-required-children", "act/bc4a75_failed_10.html", "checker",
          "ACT bc4a75 fails a native <ul> owning <div>s; axe checks explicit roles only "
          "(it reports the list rule there)"),
    Known("aria-required-children", "fixtures/list/fail-*.html", "checker",
          "native containers without a role, as ACT bc4a75"),
    Known("aria-required-children", "fixtures/aria-required-children/fail-3.html", "checker",
          "a native <ul> owning a <div>, as ACT bc4a75"),
    Known("aria-required-parent", "act/ff89c9_failed_3.html", "checker",
          "ACT ff89c9: a generic element with aria-live is in the accessibility tree and "
          "stands between listitem and list; axe looks through it"),
    Known("aria-required-parent", "fixtures/aria-required-parent/fail-3.html", "checker",
          "the same as ACT ff89c9_failed_3"),
    Known("aria-prohibited-attr", "act/kb1m8s_failed_4.html", "checker",
          "ACT kb1m8s: aria-roledescription on a generic element; axe does not check it"),
    Known("aria-prohibited-attr", "fixtures/aria-prohibited-attr/fail-[34].html", "checker",
          "aria-roledescription / aria-braillelabel where ARIA 1.2 prohibits them (ACT kb1m8s)"),
    Known("object-alt", "act/8fc3b6_failed_5.html", "checker",
          "ACT 8fc3b6 judges an <object> by its image type even when the file is missing and "
          "its fallback shows; axe skips an object whose fallback is rendered", sometimes=True),
    Known("object-alt", "fixtures/object-alt/fail-2.html", "checker",
          "the same as ACT 8fc3b6_failed_5; whether axe sees the fallback rendered depends "
          "on when Chromium gives up loading the missing file", sometimes=True),
    # where axe-core asks for more than ACT (the checker keeps the ACT verdict)
    Known("aria-allowed-attr", "fixtures/aria-allowed-attr/pass-7.html", "axe",
          "ACT 5c01ea lets <video controls> take attributes of role application (ARIA in "
          "HTML); axe gives media no role"),
    Known("avoid-inline-spacing", "fixtures/avoid-inline-spacing/pass-6.html", "axe",
          "ACT 24afc2 judges elements with text of their own; axe also judges a container "
          "whose descendants have text"),
    Known("meta-refresh", "act/bisz58_passed_2.html", "axe",
          "the browser follows the first refresh only (ACT bc659a/bisz58); axe judges every "
          "<meta http-equiv=refresh>"),
    # axe misses what a browser does
    Known("meta-refresh", "fixtures/meta-refresh/fail-2.html", "checker",
          "browsers honour http-equiv=\"Refresh\" in any letter case; axe's selector is "
          "case-sensitive"),
]


class _Annotator(HTMLParser):
    """Finds where to put data-zl="<line>" in every start tag of an HTML text."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.line_starts = [0]
        for index, char in enumerate(text):
            if char == "\n":
                self.line_starts.append(index + 1)
        self.inserts: list[tuple[int, str]] = []

    def handle_starttag(self, tag, attrs):
        line, column = self.getpos()
        offset = self.line_starts[line - 1] + column + 1 + len(tag)
        self.inserts.append((offset, f' data-zl="{line}"'))

    handle_startendtag = handle_starttag


def annotate(text: str) -> str:
    """The HTML text with data-zl="<line>" added to every start tag."""
    parser = _Annotator(text)
    parser.feed(text)
    parser.close()
    parts, last = [], 0
    for offset, insert in parser.inserts:
        parts += [text[last:offset], insert]
        last = offset
    return "".join(parts) + text[last:]


# Loaded at the end of each page the browser gets (the HTML parser puts it in <body>), so
# axe-core is there when the page has loaded, compiled once and cached by Chromium.
AXE_TAG = f'\n<script src="{AXE_URL_PATH}"></script>\n'


def _copy_annotated(files: dict[str, str], root: Path, browser_root: Path):
    """Write each page annotated under `root` (for the checker) and, with axe-core's script
    tag added, under `browser_root` (for Chromium)."""
    for rel, text in files.items():
        annotated = annotate(text)
        for folder, body in ((root, annotated), (browser_root, annotated + AXE_TAG)):
            path = folder / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(body, encoding="utf-8")


def _key(where):
    """The data-zl of a reported element ("" for one the parser implied)."""
    if isinstance(where, int) or where is None:
        return f"line {where}"
    return where.get("data-zl") or ""


def checker_pairs(site: Site, rel: str) -> set[tuple[str, str]]:
    """(rule, data-zl) for every element the checker reports on one page."""
    page, _ = open_page(site, rel)
    pairs = set()
    for rule in page_rules():
        if rule.id in COMPARED:
            pairs.update((rule.id, _key(where)) for where, _, _ in rule.check(page))
    return pairs


AXE_SCRIPT = """async ([rules, path]) => {
  if (typeof axe === 'undefined') {  // the page kept its end from running scripts
    await new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = location.origin + path;
      script.onload = resolve;
      script.onerror = reject;
      document.documentElement.appendChild(script);
    });
  }
  const result = await axe.run(document, {
    runOnly: {type: 'rule', values: rules}, resultTypes: ['violations', 'incomplete'],
    elementRef: true, iframes: false});
  const pick = list => list.flatMap(v => v.nodes.map(n =>
      [v.id, n.element && n.element.getAttribute ? (n.element.getAttribute('data-zl') || '') : '']));
  return {violations: pick(result.violations), incomplete: pick(result.incomplete)};
}"""


def axe_pairs(page, url: str, rules: list[str], refreshes: bool):
    """(violations, incomplete): (rule, data-zl) pairs axe-core reports on one page.

    On a page that `refreshes` only its own first navigation is let through, so a meta
    refresh cannot take the browser elsewhere before axe runs."""
    navigations = []

    def only_first_navigation(route):
        request = route.request
        if request.is_navigation_request() and request.frame == page.main_frame:
            navigations.append(request.url)
            if len(navigations) > 1:
                route.abort("aborted")
                return
        route.continue_()

    if refreshes:
        page.route("**/*", only_first_navigation)
    try:
        page.goto(url, wait_until="load")
        found = page.evaluate(AXE_SCRIPT, [rules, AXE_URL_PATH])
    finally:
        if refreshes:
            page.unroute("**/*", only_first_navigation)
    return ({tuple(p) for p in found["violations"]}, {tuple(p) for p in found["incomplete"]})


def _known(rule: str, rel: str, side: str) -> Known | None:
    for entry in KNOWN:
        if entry.rule == rule and entry.side == side and fnmatch.fnmatch(rel, entry.pages):
            return entry
    return None


def _axe_rule_ids(browser, origin: str) -> set[str]:
    with fresh_page(browser) as page:
        page.goto(origin + "/")
        return set(page.evaluate("() => axe.getRules().map(r => r.ruleId)"))


def _pages(built_site: Path) -> dict[str, str]:
    pages = {}
    for path in sorted(built_site.rglob("*.html")):
        pages["site/" + path.relative_to(built_site).as_posix()] = path.read_text(encoding="utf-8")
    if ACT.is_dir():
        for path in sorted(ACT.glob("*.html")):
            pages["act/" + path.name] = path.read_text(encoding="utf-8")
    for path in sorted((FIXTURES / "rules").glob("*/*.html")):
        rel = "fixtures/" + path.relative_to(FIXTURES / "rules").as_posix()
        pages[rel] = whole_page(path.read_text(encoding="utf-8"))
    return pages


@pytest.fixture(scope="module")
def disagreements(built_site, browser, tmp_path_factory):
    """Every (page, rule, element, side) where only one of axe-core and the checker reports."""
    require_file(AXE_JS, "run: npm ci")
    root = tmp_path_factory.mktemp("differential")
    pages = _pages(built_site)
    # the built site keeps its own files (CSS, scripts) and root-relative links: it is served
    # at "/" of its own server, the other pages from a second one
    site_root, cases_root = root / "site", root / "cases"
    shown_site, shown_cases = root / "browser-site", root / "browser-cases"
    shutil.copytree(built_site, site_root, ignore=shutil.ignore_patterns("*.html"))
    shutil.copytree(built_site, shown_site, ignore=shutil.ignore_patterns("*.html"))
    _copy_annotated({k[5:]: v for k, v in pages.items() if k.startswith("site/")}, site_root,
                    shown_site)
    _copy_annotated({k: v for k, v in pages.items() if not k.startswith("site/")}, cases_root,
                    shown_cases)
    found = []
    with serve(shown_site) as site_origin, serve(shown_cases) as cases_origin:
        rules = sorted(set(COMPARED) & _axe_rule_ids(browser, site_origin))
        assert len(rules) == len(COMPARED), set(COMPARED) - set(rules)
        sites = {"site": Site(site_root, "/"), "cases": Site(cases_root, "/")}
        with fresh_page(browser) as page:
            for rel in pages:
                if rel.startswith("site/"):
                    site, served_rel, origin = sites["site"], rel[5:], site_origin
                else:
                    site, served_rel, origin = sites["cases"], rel, cases_origin
                ours = checker_pairs(site, served_rel)
                violations, incomplete = axe_pairs(page, f"{origin}/{served_rel}", rules,
                                                   "refresh" in pages[rel].lower())
                for rule, element in sorted(ours - violations - incomplete):
                    found.append((rel, rule, element, "checker"))
                for rule, element in sorted(violations - ours):
                    found.append((rel, rule, element, "axe"))
    return found, len(pages)


def test_every_page_was_compared(disagreements):
    _, count = disagreements
    assert count > 100


def test_checker_and_axe_agree_element_by_element(disagreements):
    found, _ = disagreements
    unexplained = [f"{rel}: {rule} on the element of line {element or '(implied)'} "
                   f"reported by {side} only"
                   for rel, rule, element, side in found if _known(rule, rel, side) is None]
    assert not unexplained, "\n".join(unexplained)


def test_every_known_difference_still_occurs(disagreements):
    found, _ = disagreements
    used = Counter(_known(rule, rel, side) for rel, rule, _, side in found)
    stale = [entry for entry in KNOWN if not used[entry] and not entry.sometimes]
    assert not stale, stale
