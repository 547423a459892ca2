"""Helpers for the site tests: a local HTTP server, Chromium with axe-core, and the Nu HTML Checker."""
from __future__ import annotations

import contextlib
import functools
import json
import os
import subprocess
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

REPO = Path(__file__).resolve().parents[1]
AXE_JS = REPO / "node_modules" / "axe-core" / "axe.min.js"
VNU_JAR = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# The test server serves axe-core here, outside the site, with a long max-age: Chromium then reuses the
# compiled script from page to page (several times faster than injecting its source into every page).
AXE_URL_PATH = "/__test-tools__/axe.min.js"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
TARGETS_SHOWN = 5


def require_file(path: Path, hint: str) -> Path:
    """Return path, or raise with a hint on how to get it (a missing tool must fail, not skip)."""
    if not path.is_file():
        raise FileNotFoundError(f"{path} is missing: {hint}")
    return path


def html_files(site_dir: Path) -> list[Path]:
    """Every HTML file under site_dir, sorted."""
    return sorted(site_dir.rglob("*.html"))


def page_path(site_dir: Path, html_file: Path) -> str:
    """The URL path of html_file relative to the site root: 'a/b/' for a/b/index.html."""
    relative = html_file.relative_to(site_dir).as_posix()
    if relative == "index.html" or relative.endswith("/index.html"):
        relative = relative[: -len("index.html")]
    return urllib.parse.quote(relative)


@dataclass
class Site:
    """A built copy of the site and where it is served."""

    name: str
    site_dir: Path  # what build.py wrote
    serve_root: Path  # what the HTTP server serves; site_dir is at base_path inside it
    base_path: str
    origin: str = ""  # set once the server runs

    def url(self, path: str) -> str:
        """The URL of path below the site's base ('tasks/30/', '' for the home page)."""
        return f"{self.origin}{self.base_path}{path}"

    def page_url(self, html_file: Path) -> str:
        """The URL at which html_file is served."""
        return f"{self.origin}{self.base_path}{page_path(self.site_dir, html_file)}"

    def page_urls(self) -> list[str]:
        """The URL of every HTML file of the build."""
        return [self.page_url(f) for f in html_files(self.site_dir)]

    def sample_page_urls(self) -> list[str]:
        """One URL per kind of page (same first path part and depth): the largest file of each kind."""
        largest: dict[tuple[str, int], Path] = {}
        for html_file in html_files(self.site_dir):
            parts = html_file.relative_to(self.site_dir).parts
            kind = (parts[0], len(parts))
            if kind not in largest or html_file.stat().st_size > largest[kind].stat().st_size:
                largest[kind] = html_file
        return [self.page_url(f) for f in sorted(largest.values())]


# --- HTTP server -------------------------------------------------------------


class _SiteHandler(SimpleHTTPRequestHandler):
    """Static files only: no directory listings, the site's 404 page for anything missing, and axe-core."""

    not_found_page: Path | None = None

    def translate_path(self, path):
        if urllib.parse.urlsplit(path).path == AXE_URL_PATH:
            return str(AXE_JS)
        return super().translate_path(path)

    def end_headers(self):
        if urllib.parse.urlsplit(self.path).path == AXE_URL_PATH:
            self.send_header("Cache-Control", "max-age=3600")
        super().end_headers()

    def list_directory(self, path):
        self._send_not_found()
        return None

    def send_error(self, code, message=None, explain=None):
        if code == 404:
            self._send_not_found()
        else:
            super().send_error(code, message, explain)

    def _send_not_found(self) -> None:
        if self.not_found_page is None or not self.not_found_page.is_file():
            super().send_error(404)
            return
        body = self.not_found_page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format, *args):
        pass


@contextlib.contextmanager
def serve(root: Path, not_found_page: Path | None = None) -> Iterator[str]:
    """Serve root over HTTP on a free 127.0.0.1 port; yield the origin, e.g. 'http://127.0.0.1:1234'."""
    handler = type("Handler", (_SiteHandler,), {"not_found_page": not_found_page})
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def http_status(url: str) -> int:
    """The status of a GET for url, following redirects."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


# --- Chromium and axe-core ---------------------------------------------------


def launch_chromium(playwright):
    """Debian's Chromium, headless, driven by Playwright (never a downloaded browser)."""
    require_file(Path(CHROMIUM), "install it with: apt-get install chromium")
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


@contextlib.contextmanager
def fresh_page(browser) -> Iterator:
    """A page in a new browser context (its own storage and cache), closed afterwards."""
    context = browser.new_context()
    try:
        yield context.new_page()
    finally:
        context.close()


@dataclass
class PageAudit:
    """What one visit of one page found."""

    url: str
    status: int
    violations: list[dict] = field(default_factory=list)
    load_problems: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    html_classes: set[str] = field(default_factory=set)


def run_axe(page) -> list[dict]:
    """Load axe-core into the page (served by serve()) and return its WCAG 2.1 A/AA violations."""
    require_file(AXE_JS, "run: npm ci")
    page.add_script_tag(url=AXE_URL_PATH)
    return page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)["violations"]


def audit_page(page, url: str) -> PageAudit:
    """Load url in page; record status, failed requests, script errors, axe violations, links, ids, <html> classes."""
    problems: list[str] = []

    def on_response(response):
        if response.status >= 400 and response.url != url:
            problems.append(f"HTTP {response.status} for {response.url}")

    def on_request_failed(request):
        if not any(problem.endswith(f" for {request.url}") for problem in problems):  # not already an HTTP error
            problems.append(f"request failed ({request.failure}) for {request.url}")

    def on_page_error(error):
        problems.append(f"script error: {error}")

    listeners = {"response": on_response, "requestfailed": on_request_failed, "pageerror": on_page_error}
    for event, listener in listeners.items():
        page.on(event, listener)
    try:
        response = page.goto(url, wait_until="load")
        audit = PageAudit(url=url, status=response.status if response else 0, load_problems=problems)
        audit.violations = run_axe(page)
        audit.links = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
        audit.ids = set(page.eval_on_selector_all("[id]", "nodes => nodes.map(n => n.id)"))
        audit.html_classes = set(page.evaluate("() => [...document.documentElement.classList]"))
    finally:
        for event, listener in listeners.items():
            page.remove_listener(event, listener)
    return audit


def format_violations(audits: list[PageAudit], title: str) -> str:
    """A report of all axe violations, grouped by rule, listing each page and its failing targets."""
    by_rule: dict[str, list[tuple[str, dict]]] = defaultdict(list)
    for audit in audits:
        for violation in audit.violations:
            by_rule[violation["id"]].append((audit.url, violation))
    lines = [f"{title}: {len(by_rule)} axe rule(s) violated"]
    for rule_id, hits in sorted(by_rule.items()):
        first = hits[0][1]
        lines.append(f"\n[{rule_id}] ({first['impact']}) {first['help']} - {len(hits)} page(s)")
        lines.append(f"  {first['helpUrl']}")
        for url, violation in hits:
            targets = [" ".join(map(str, node["target"])) for node in violation["nodes"]]
            more = f" (+{len(targets) - TARGETS_SHOWN} more)" if len(targets) > TARGETS_SHOWN else ""
            lines.append(f"  {url}: {', '.join(targets[:TARGETS_SHOWN])}{more}")
    return "\n".join(lines)


# --- Links -------------------------------------------------------------------


def broken_links(audits: list[PageAudit], origin: str) -> list[str]:
    """Same-origin links from the audited pages whose target or #fragment does not exist.

    Fragments are compared percent-decoded on both sides, so Chinese ids match.
    """
    ids_by_page = {_without_index(a.url): a.ids for a in audits if a.status == 200}
    status_cache: dict[str, int] = {}
    problems = []
    for audit in audits:
        for link in sorted(set(audit.links)):
            if not link.startswith(origin + "/"):
                continue
            target, _, fragment = link.partition("#")
            target = _without_index(target)
            if target in ids_by_page:
                fragment = urllib.parse.unquote(fragment)
                if fragment and fragment not in ids_by_page[target]:
                    problems.append(f"{audit.url}: link {link} - no element with id {fragment!r}")
                continue
            if target not in status_cache:
                status_cache[target] = http_status(target)
            if status_cache[target] != 200:
                problems.append(f"{audit.url}: link {link} - HTTP {status_cache[target]}")
    return problems


def _without_index(url: str) -> str:
    """url with a trailing 'index.html' dropped, so both spellings name the same page."""
    return url[: -len("index.html")] if url.endswith("/index.html") else url


# --- Nu HTML Checker ---------------------------------------------------------


def run_vnu(files: list[Path]) -> list[dict]:
    """Check all files with one start of the Nu HTML Checker; return its errors.

    vnu skips a file it cannot read without a word (and, in a non-UTF-8 locale, every file with a Chinese
    name), so it runs under C.UTF-8 and --verbose, and every file must appear in its list of checked files.
    """
    jar = require_file(VNU_JAR, "run: npm ci")
    command = ["java", "-jar", str(jar), "--format", "json", "--errors-only", "--verbose", *map(str, files)]
    try:
        result = subprocess.run(
            command, capture_output=True, text=True, timeout=600, env={**os.environ, "LC_ALL": "C.UTF-8"}
        )
    except FileNotFoundError:
        raise FileNotFoundError("java is missing: install it with: apt-get install default-jre-headless")
    if result.returncode not in (0, 1) or not result.stderr.strip().startswith("{"):
        raise RuntimeError(f"vnu failed (exit {result.returncode}):\n{result.stdout}\n{result.stderr}")
    unchecked = set(map(str, files)) - set(result.stdout.splitlines())
    if unchecked:
        raise RuntimeError("vnu did not check: " + ", ".join(sorted(unchecked)))
    return json.loads(result.stderr)["messages"]


def vnu_message_file(message: dict) -> Path:
    """The local file a vnu message is about."""
    return Path(urllib.parse.unquote(urllib.parse.urlparse(message["url"]).path))


def format_vnu_messages(messages: list[dict], site_dir: Path, title: str) -> str:
    """One 'file:line:column: message' line per vnu error, paths relative to site_dir."""
    lines = [f"{title}: {len(messages)} HTML error(s)"]
    for message in messages:
        path = vnu_message_file(message)
        name = path.relative_to(site_dir) if path.is_relative_to(site_dir) else path
        line = message.get("lastLine", message.get("firstLine", "?"))
        column = message.get("firstColumn", "?")
        lines.append(f"{name}:{line}:{column}: {message['message']}")
        if message.get("extract"):
            lines.append(f"    {message['extract'].strip()}")
    return "\n".join(lines)
