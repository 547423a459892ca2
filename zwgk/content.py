"""Content pages: Markdown files in content/ with a YAML front matter (title, order)."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import cache
from .load import SAFE_ID, DataError, Mapping, _LineLoader, _record

FRONT_MATTER_SCHEMA = {"title": str, "order": int, "nav_title": str}


@dataclass(frozen=True)
class ContentPage:
    slug: str  # the file name without .md: the page's URL is /<slug>/
    title: str
    nav_title: str  # the label in the main navigation (defaults to the title)
    order: int
    html: str  # the Markdown body as HTML; staff-written, so trusted


def load_content(content_dir: Path) -> list[ContentPage]:
    """Every content/*.md page, ordered by its front matter's order, then by name."""
    pages = [_read_page(path, content_dir) for path in sorted(content_dir.glob("*.md"))]
    return sorted(pages, key=lambda page: (page.order, page.slug))


def _read_page(path: Path, content_dir: Path) -> ContentPage:
    label = f"{content_dir.name}/{path.name}"
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise DataError(label, None, None, "文件不是 UTF-8 编码。请用 UTF-8 编码另存该文件。") from None
    if not text.startswith("---\n"):
        raise DataError(label, 1, None, "文件应以 YAML 前言开头：第一行“---”，随后 title: 与 order:，再以“---”结束。请补上。")
    front, separator, body = text[4:].partition("\n---\n")
    if not separator:
        raise DataError(label, 1, None, "YAML 前言没有结束行“---”。请在 title 和 order 之后加一行“---”。")
    try:
        meta = yaml.load(front, Loader=_LineLoader) or Mapping()
    except yaml.MarkedYAMLError as error:
        line = error.problem_mark.line + 2 if error.problem_mark else 1
        raise DataError(label, line, None, f"前言的 YAML 格式错误（{error.problem}）。请检查缩进、冒号和引号。") from None
    if isinstance(meta, Mapping):
        meta.line += 1
        meta.key_lines = {key: line + 1 for key, line in meta.key_lines.items()}
    meta = _record(meta, FRONT_MATTER_SCHEMA, {"title", "order"}, label, 2, "前言")
    slug = path.stem
    if not SAFE_ID.match(slug):
        raise DataError(label, None, None, f"文件名“{slug}”不能用作网址：只能使用小写英文字母、数字和连字符。请重命名该文件，例如 about-us.md。")
    if slug in RESERVED_SLUGS:
        raise DataError(label, None, None, f"文件名“{slug}”与网站自动生成的 /{slug}/ 重名，会覆盖那里的页面或文件。"
                        f"请换一个文件名，例如 {slug}-guide.md（不能使用：{'、'.join(sorted(RESERVED_SLUGS))}）。")
    return ContentPage(slug=slug, title=meta["title"], nav_title=meta.get("nav_title", meta["title"]),
                       order=meta["order"], html=markdown_html(body))


MARKDOWN_EXTENSIONS = ["tables", "attr_list"]


def markdown_html(body: str) -> str:
    """The Markdown body as HTML; kept in the user's cache, so that a build whose pages did not
    change neither imports Python-Markdown nor pays its first call (~0.06 s together)."""
    folder = cache.cache_dir("markdown")
    key = cache.key_of(_markdown_version(), *MARKDOWN_EXTENSIONS, body)
    html = cache.read(folder, key)
    if html is None:
        import markdown

        html = markdown.markdown(body, extensions=MARKDOWN_EXTENSIONS)
        cache.write(folder, key, html)
    return html


def _markdown_version() -> str:
    """Which Python-Markdown is installed, without importing it: its version file's path, size and time."""
    import importlib.util

    spec = importlib.util.find_spec("markdown")
    if spec is None or not spec.submodule_search_locations:
        return ""
    meta = os.path.join(list(spec.submodule_search_locations)[0], "__meta__.py")
    try:
        info = os.stat(meta)
    except OSError:
        return meta
    return f"{meta}:{info.st_size}:{info.st_mtime_ns}"


# First path segments that the site's own pages and files use (tests/test_safeguards.py checks this
# against the README's page table and a real build): a content page there would overwrite them.
RESERVED_SLUGS = {"categories", "units", "tasks", "search", "notice", "data", "static", "404"}
