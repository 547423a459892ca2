"""The site before rendering: every stage from the data folder to the page list, in build order.

build.py's build_site and the preview's incremental builder (zwgk/incremental.py) both start here,
so that a page is made from the same inputs whichever of them builds it.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .advice import reported_warnings
from .content import ContentPage, fill_site, load_content, plan_values
from .load import LoadCache, kept_for_the_build, load_plan, load_site_config
from .model import Plan, SiteConfig
from .opendata import open_data_files
from .pages import Page, SiteIndex, build_index, build_pages, navigation
from .progress import Progress, load_progress, progress_pages
from .render import shared_context
from .search import search_files


@dataclass
class Site:
    """The loaded plan and everything computed from it once: lookups, progress, pages, navigation."""

    data_dir: Path
    plan: Plan
    config: SiteConfig
    content: list[ContentPage]
    index: SiteIndex
    progress: Progress | None
    pages: list[Page]
    nav: list

    def context(self) -> dict:
        """What every template sees besides its page's own data."""
        return shared_context(self.plan, self.config, self.index, self.nav, self.progress)

    def data_files(self, base_url: str) -> dict:
        """The files other than pages: open data, sitemap, search index."""
        return {path: content for make in self.data_file_groups(base_url) for path, content in make().items()}

    def data_file_groups(self, base_url: str) -> list[Callable[[], dict]]:
        """data_files in groups, each made by one call: the preview can stop between them."""
        return [lambda: open_data_files(self.plan, self.pages, base_url, self.config.site_url, self.progress),
                lambda: search_files(self.plan, self.index, self.data_dir, self.progress)]


def load_site(root: Path, data_dir: Path, cache: LoadCache | None = None) -> Site:
    """load -> index -> progress -> page list, for the project at root with its data in data_dir
    (with a cache, the preview's, reusing what the last load parsed)."""
    with reported_warnings():  # data that builds but looks like a mistake: printed with file and line
        plan = load_plan(data_dir, cache)
        config = fill_site(load_site_config(data_dir), plan_values(plan), data_dir / "site.yaml")  # placeholders
    content = load_content(root / "content", plan_values(plan, config))
    with kept_for_the_build():  # at 10,000 tasks: 0.17 s instead of 0.31 s for the index (load average ~5)
        index = build_index(plan)
    progress = load_progress(data_dir, plan, index)
    with kept_for_the_build():
        pages = build_pages(plan, index, content) + progress_pages(progress)
    nav = navigation(content, with_progress=progress is not None)
    return Site(data_dir, plan, config, content, index, progress, pages, nav)
