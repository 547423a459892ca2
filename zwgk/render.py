"""Render: pages and open-data files -> {output path: bytes}, through one Jinja2 environment.

Pages are rendered as the writer reads them, so that a big site is never held in memory
whole, and for a big site in one worker process per core.
"""
from __future__ import annotations

import gc
import itertools
import os
from collections.abc import Iterator, MutableMapping
from pathlib import Path

import jinja2

from .model import ROLES, UNIT_KINDS, Plan, SiteConfig
from .pages import Page, SiteIndex


def make_environment(templates_dir: Path, base_url: str) -> jinja2.Environment:
    """The one environment: autoescaped, strict about undefined names, with url() for links."""
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
    )
    env.globals.update(url=lambda path="": base_url + path, ROLES=ROLES, UNIT_KINDS=UNIT_KINDS)
    env.filters["cn_date"] = lambda date: f"{date.year}年{date.month}月{date.day}日"
    return env


def render_page(env: jinja2.Environment, page: Page, shared: dict) -> bytes:
    """One page rendered with the shared context (plan, site, index, navigation) plus its own."""
    pieces = env.get_template(page.template).generate(shared, page=page, **page.data)
    # Encoded a few thousand pieces at a time: a list of all the pieces of the longest pages
    # (the search page lists every task) would take several times the page's size.
    encoded = []
    while batch := list(itertools.islice(pieces, 4096)):
        encoded.append("".join(batch).encode("utf-8"))
    return b"".join(encoded)


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
        """Every (path, bytes), pages in no fixed order: what the writer reads, once.

        The other files come first and are let go once handed over, so that their memory is
        free before the render workers are forked."""
        for path in list(self.other):
            yield path, self.other.pop(path)
        yield from render_all(self.env, list(self.pages.values()), self.shared)


def render_pages(env: jinja2.Environment, pages: list[Page], shared: dict) -> SiteFiles:
    """The site's files, starting with its pages; add the others with update()."""
    return SiteFiles(env, pages, shared)


PARALLEL_FROM = 1000  # pages: below this, starting worker processes costs more than it saves
_job: tuple | None = None  # (env, pages, shared) of the parallel render running: what forked workers read


def render_all(env: jinja2.Environment, pages: list[Page], shared: dict) -> Iterator[tuple[str, bytes]]:
    """(output path, bytes) of every page; rendered by one forked worker per core for a big site."""
    cores = len(os.sched_getaffinity(0))
    if cores < 2 or len(pages) < PARALLEL_FROM:
        for page in pages:
            yield page.output_path, render_page(env, page, shared)
        return
    import multiprocessing  # here: a small site never needs it (0.01-0.02 s to import)

    global _job
    for name in {page.template for page in pages}:
        env.get_template(name)  # compiled once here, shared by the workers
    gc.freeze()  # what exists now outlives the workers: their collections need not walk (and copy) it
    _job = env, pages, shared
    try:
        with multiprocessing.get_context("fork").Pool(cores) as pool:
            # The long list pages (search, categories) sit at the end of the page list:
            # starting from there leaves no worker alone with one of them at the finish.
            for position, content in pool.imap_unordered(_render_in_worker, range(len(pages) - 1, -1, -1), chunksize=32):
                page = pages[position]
                yield page.output_path, content if content is not None else render_page(env, page, shared)
    finally:
        _job = None


def _render_in_worker(position: int) -> tuple[int, bytes | None]:
    env, pages, shared = _job
    try:
        return position, render_page(env, pages[position], shared)
    except Exception:
        return position, None  # rendered again by the parent, to raise the error there with its template lines


def shared_context(plan: Plan, site: SiteConfig, index: SiteIndex, nav: list) -> dict:
    return {"plan": plan, "site": site, "index": index, "nav": nav}
