"""Render: pages and open-data files -> {output path: bytes}, through one Jinja2 environment.

Pages are rendered as the writer reads them, so that a big site is never held in memory
whole, and for a big site on every core.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterator, MutableMapping
from pathlib import Path

import jinja2
import jinja2.ext
from markupsafe import _escape_inner  # the C function when markupsafe has its speedups (it does on our platforms)

from . import forked
from .meter import counted
from .model import ROLES, UNIT_KINDS, Plan, SiteConfig
from .pages import Page, SiteIndex
from .urls import absolute_link, relative_link, relative_root

Sink = Callable[[str, "bytes | Iterable[bytes]"], None]  # takes one file: (output path, content)


def make_environment(templates_dir: Path, base_url: str) -> jinja2.Environment:
    """The one environment: autoescaped, strict about undefined names, with |url for links."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # one environment per build: no need to stat a template at every use
        # Compiled templates kept in the user's temp folder, keyed by file and checked against
        # the source: a build in a new process (or the preview's next build) skips compiling.
        bytecode_cache=jinja2.FileSystemBytecodeCache(),
        extensions=[FragmentCache],
    )
    env.template_class = PrintingTemplate
    env.globals.update(site_root=root_maker(base_url), ROLES=ROLES, UNIT_KINDS=UNIT_KINDS)
    env.filters["url"] = link_maker(base_url)
    env.filters["cn_date"] = lambda date: f"{date.year}年{date.month}月{date.day}日"
    return env


class PrintingTemplate(jinja2.Template):
    """A template whose {{ printed values }} are escaped by escape_printed instead of markupsafe.escape."""

    @classmethod
    def _from_namespace(cls, environment, namespace, globals):
        # The compiled template calls the name `escape` in its own namespace (its module's
        # globals) for every value it prints; Jinja2 builds the template object from that
        # namespace here, for freshly compiled and bytecode-cached templates alike.
        namespace["escape"] = escape_printed
        return super()._from_namespace(environment, namespace, globals)


def escape_printed(value) -> str:
    """What {{ value }} prints: markupsafe.escape(value)'s text, without making it a Markup.

    Jinja2 calls escape only on what a template prints, and joins the results into the page
    (or into a Markup, for a macro's or a {% call %}'s body), so the Markup object escape makes
    for each value is never looked at. markupsafe 3's escape and Markup.__new__ are Python
    around the C _escape_inner: ~0.3 us a value, ~870,000 values at 10,000 tasks."""
    if type(value) is str:
        return _escape_inner(value)
    if hasattr(value, "__html__"):
        return value.__html__()
    return _escape_inner(str(value))


class FragmentCache(jinja2.ext.Extension):
    """{% cache key %}…{% endcache %}: the part between is rendered once per build for each key and
    printed again on every page with the same key. The key must hold everything the part shows that
    differs between pages (base.html's frame uses Page.frame). Fragments are kept in the shared
    context's "fragments", which each build makes anew (shared_context below)."""

    tags = {"cache"}

    def parse(self, parser: jinja2.parser.Parser) -> jinja2.nodes.Node:
        lineno = next(parser.stream).lineno
        key = parser.parse_expression()
        body = parser.parse_statements(("name:endcache",), drop_needle=True)
        place = jinja2.nodes.Const(f"{parser.name}:{lineno}")  # two {% cache %} tags never share fragments
        fragment = self.call_method("_fragment", [jinja2.nodes.ContextReference(), place, key])
        return jinja2.nodes.CallBlock(fragment, [], [], body).set_lineno(lineno)

    @staticmethod
    def _fragment(context: jinja2.runtime.Context, place: str, key, caller) -> str:
        fragments = context["fragments"]
        fragment = fragments.get((place, key))
        if fragment is None:
            fragment = fragments[place, key] = caller()
        return fragment


def link_maker(base_url: str):
    """The |url filter: {{ task.path|url }}, {{ 'static/site.css'|url }} -> the link from the page being
    rendered (see zwgk/urls.py); the 404 page, served at any depth, links from the base URL.

    A filter, not a function: Jinja2 calls a filter directly where it sends a function call through
    Context.call, and a page holds dozens of links. (Links are not remembered between pages: a
    forked render process's memory of them grew by ~30 MB at 50,000 tasks, for little time saved.)"""

    @jinja2.pass_context
    def url(context: jinja2.runtime.Context, target: str) -> str:
        page = context["page"]
        if page.template == NOT_FOUND_TEMPLATE:
            return absolute_link(base_url, target)
        return relative_link(page.url, target)

    return url


def root_maker(base_url: str):
    """site_root() for templates: the site's top folder as seen from the page being rendered ('../../'),
    for scripts that build links themselves."""

    @jinja2.pass_context
    def site_root(context: jinja2.runtime.Context) -> str:
        page = context["page"]
        return base_url if page.template == NOT_FOUND_TEMPLATE else relative_root(page.url)

    return site_root


NOT_FOUND_TEMPLATE = "404.html"


def render_page(env: jinja2.Environment, page: Page, shared: dict) -> bytes:
    """One page rendered with the shared context (plan, site, index, navigation) plus its own."""
    # render() joins the pieces in one call; pulling them through generate() in batches cost
    # ~12 % more, and since the search page lists every task only for small plans, no page is
    # so long that the list of its pieces matters.
    return env.get_template(page.template).render(shared, page=page, **page.data).encode("utf-8")


class SiteFiles(MutableMapping):
    """{output path: bytes} of the whole site: pages, rendered when read, and other files as given."""

    def __init__(self, env: jinja2.Environment, pages: list[Page], shared: dict):
        self.env, self.shared = env, shared
        self.pages = {page.output_path: page for page in pages}
        self.other: dict[str, bytes] = {}

    def __getitem__(self, path: str) -> bytes:
        if path in self.other:
            return bytes(self.other[path])  # made whole if it is written piece by piece
        return render_page(self.env, self.pages[path], self.shared)

    def __setitem__(self, path: str, content: bytes) -> None:
        self.pages.pop(path, None)
        self.other[path] = content

    def __delitem__(self, path: str) -> None:
        if self.pages.pop(path, None) is None:
            del self.other[path]

    def __iter__(self) -> Iterator[str]:
        yield from self.pages
        yield from self.other

    def __len__(self) -> int:
        return len(self.pages) + len(self.other)

    def items(self) -> Iterator[tuple[str, bytes]]:
        """Every (path, bytes), rendered as it is read, in one process."""
        yield from self.other.items()
        for path, page in self.pages.items():
            yield path, render_page(self.env, page, self.shared)

    def write_to(self, sink: Sink) -> None:
        """Hand every file to sink(path, content), once: what the writer does.

        The pages of a big site are rendered, and handed to sink, by this process and forked
        children, the other files (open data, search index) by this process while the children
        start: see render_all. Each is let go once handed over."""

        def write_other_files() -> None:
            for path in list(self.other):
                sink(path, self.other.pop(path))

        render_all(self.env, list(self.pages.values()), self.shared, sink, meanwhile=write_other_files)


def render_pages(env: jinja2.Environment, pages: list[Page], shared: dict) -> SiteFiles:
    """The site's files, starting with its pages; add the others with update()."""
    return SiteFiles(env, pages, shared)


PARALLEL_FROM = 1000  # pages: below this, forking costs more than it saves
CHUNK_PAGES = 32  # pages a process takes at a time


def render_all(env: jinja2.Environment, pages: list[Page], shared: dict, sink: Sink,
               meanwhile: Callable[[], None] = lambda: None) -> None:
    """Render every page and hand it to sink, and do what meanwhile does. A site of PARALLEL_FROM
    pages or more is shared with one forked child per other core (zwgk/forked.py share): this
    process does meanwhile while the children start on the pages, then renders pages too."""
    cores = len(os.sched_getaffinity(0))
    if cores < 2 or len(pages) < PARALLEL_FROM:
        meanwhile()
        for page in counted(pages, len(pages), "生成"):
            sink(page.output_path, render_page(env, page, shared))
        return
    for name in {page.template for page in pages}:
        env.get_template(name)  # compiled once here, before the fork, for every process
    last = len(pages) - 1

    def render(position: int) -> bool:
        # The long list pages (search, categories) sit at the end of the page list: starting from
        # there leaves no process alone with one of them at the finish.
        page = pages[last - position]
        sink(page.output_path, render_page(env, page, shared))
        return True

    done: list[bool | None] = [None] * len(pages)
    sharing = forked.share(len(pages), render, cores - 1, done, CHUNK_PAGES, first=meanwhile)
    for _ in counted(sharing, len(pages), "生成"):
        pass


def shared_context(plan: Plan, site: SiteConfig, index: SiteIndex, nav: list, progress=None) -> dict:
    """What every template sees; progress is a zwgk.progress.Progress, or None without progress data."""
    return {"plan": plan, "site": site, "index": index, "nav": nav, "progress": progress,
            "fragments": {}}  # rendered once, printed on many pages: see FragmentCache
