"""Content pages: Markdown files in content/ with a YAML front matter (title, order).

The Markdown may name the plan's figures and title as placeholders, so that a new plan needs no
edit outside data/: `{{ plan.title }}`, `{{ counts.tasks }}` ... (the list: PLACEHOLDERS below,
and README). A value is inserted as text (HTML and Markdown characters escaped); an unknown name
stops the build with the file and line. data/site.yaml's site_name and publisher may use them too.
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path

from . import cache
from .load import SAFE_ID, DataError, Mapping, _record, parsed_yaml
from .model import Plan, SiteConfig

FRONT_MATTER_SCHEMA = {"title": str, "order": int, "nav_title": str}


@dataclass(frozen=True)
class ContentPage:
    slug: str  # the file name without .md: the page's URL is /<slug>/
    title: str
    nav_title: str  # the label in the main navigation (defaults to the title)
    order: int
    html: str  # the Markdown body as HTML; staff-written, so trusted


def load_content(content_dir: Path, values: dict[str, str] | None = None) -> list[ContentPage]:
    """Every content/*.md page, ordered by its front matter's order, then by name; placeholders
    filled from values (plan_values()) when given."""
    pages = [_read_page(path, content_dir, values) for path in sorted(content_dir.glob("*.md"))]
    return sorted(pages, key=lambda page: (page.order, page.slug))


def _read_page(path: Path, content_dir: Path, values: dict[str, str] | None) -> ContentPage:
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
    if values is not None:
        body = fill_placeholders(body, values, label, front.count("\n") + 4)  # "---", front matter, "---"
    meta = parsed_yaml(path, label, "\n" + front)  # the front matter starts on line 2
    if meta is None:
        meta = Mapping()
        meta.line, meta.key_lines = 2, {}
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
    key = cache.key_of(cache.module_stamp("markdown"), *MARKDOWN_EXTENSIONS, body)
    html = cache.read(folder, key)
    if html is None:
        import markdown

        html = markdown.markdown(body, extensions=MARKDOWN_EXTENSIONS)
        cache.write(folder, key, html)
    return html


# First path segments that the site's own pages and files use (tests/test_safeguards.py checks this
# against the README's page table and a real build): a content page there would overwrite them.
RESERVED_SLUGS = {"categories", "units", "tasks", "search", "notice", "data", "static", "404", "progress"}


# --- placeholders ------------------------------------------------------------------------------

PLACEHOLDERS = {  # name -> what it holds (README lists the same)
    "plan.title": "方案标题（data/notice.yaml 的 plan_title）",
    "plan.year": "方案年度（标题中的年份）",
    "notice.title": "通知标题",
    "notice.number": "文号",
    "notice.issuer": "发文机关",
    "notice.date": "发文日期，如 2021年9月11日",
    "counts.tasks": "具体要求的项数",
    "counts.categories": "工作任务的项数",
    "counts.units": "责任单位数（不含统称）",
    "counts.deadlines": "写明期限的要求项数",
    "site.name": "专栏名称（data/site.yaml 的 site_name）",
    "site.publisher": "主办单位",
}
PLACEHOLDER = re.compile(r"\{\{(.*?)\}\}")
MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]#|!])")


def plan_values(plan: Plan, site: SiteConfig | None = None) -> dict[str, str]:
    """The placeholders' values for this plan (site.* only once the site settings are known)."""
    notice = plan.notice
    date = notice.date  # an imported plan may have no covering notice: its values are then empty
    year = re.search(r"(\d{4})年", plan.title or "")
    values = {
        "plan.title": plan.title or "",
        "plan.year": year.group(1) if year else str(date.year) if date else "",
        "notice.title": notice.title or "",
        "notice.number": notice.number or "",
        "notice.issuer": notice.issuer or "",
        "notice.date": f"{date.year}年{date.month}月{date.day}日" if date else "",
        "counts.tasks": str(len(plan.tasks)),
        "counts.categories": str(len(plan.categories)),
        "counts.units": str(sum(1 for unit in plan.units if unit.kind != "collective")),
        "counts.deadlines": str(sum(1 for task in plan.tasks if task.deadline)),
    }
    if site is not None:
        values.update({"site.name": site.site_name, "site.publisher": site.publisher})
    return values


def fill_placeholders(text: str, values: dict[str, str], file: str, first_line: int | None, markdown_text: bool = True) -> str:
    """text with each {{ name }} replaced by its value, escaped as text; an unknown name is a DataError
    naming file and line (first_line is the line of text's first line in the file)."""

    def value_of(match: re.Match) -> str:
        name = match.group(1).strip()
        if name not in values:
            line = first_line + text.count("\n", 0, match.start()) if first_line else None
            known = "、".join(f"{{{{ {known} }}}}" for known in values)
            raise DataError(file, line, None, f"不认识的占位符“{match.group()}”。可用的有：{known}。请改正拼写，或删去它。")
        value = values[name]
        if not markdown_text:
            return value
        # html.escape(value, quote=False), without importing html (and html.entities: ~3 ms at every start)
        escaped = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        return MARKDOWN_SPECIAL.sub(r"\\\1", escaped)

    return PLACEHOLDER.sub(value_of, text)


def fill_site(site: SiteConfig, values: dict[str, str], site_file: Path) -> SiteConfig:
    """data/site.yaml's site_name and publisher with their placeholders filled (plan values only)."""
    lines = site_file.read_text(encoding="utf-8").splitlines() if site_file.is_file() else []
    filled = {}
    for field in ("site_name", "publisher"):
        line = next((number for number, text in enumerate(lines, 1) if text.startswith(f"{field}:")), None)
        filled[field] = fill_placeholders(getattr(site, field), values, "data/site.yaml", line, markdown_text=False)
    return dataclasses.replace(site, **filled)
