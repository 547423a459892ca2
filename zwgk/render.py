"""Render: pages and open-data files -> {output path: bytes}, through one Jinja2 environment."""
from __future__ import annotations

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
    )
    env.globals.update(url=lambda path="": base_url + path, ROLES=ROLES, UNIT_KINDS=UNIT_KINDS)
    env.filters["cn_date"] = lambda date: f"{date.year}年{date.month}月{date.day}日"
    return env


def render_pages(env: jinja2.Environment, pages: list[Page], shared: dict) -> dict[str, bytes]:
    """Each page rendered with the shared context (plan, site, index, navigation) plus its own."""
    files = {}
    for page in pages:
        template = env.get_template(page.template)
        files[page.output_path] = template.render(shared, page=page, **page.data).encode("utf-8")
    return files


def shared_context(plan: Plan, site: SiteConfig, index: SiteIndex, nav: list) -> dict:
    return {"plan": plan, "site": site, "index": index, "nav": nav}
