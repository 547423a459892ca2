"""Helpers for the checker's tests: write small sites into a temp folder and check them."""
from __future__ import annotations

from pathlib import Path

from zwgk.check import check_site

REPO = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"

PAGE = """<!DOCTYPE html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>测试</title></head>
<body>
<main>
<h1>测试</h1>
{}</main>
</body>
</html>
"""


def page(fragment: str) -> str:
    """A complete, clean page around an HTML fragment; full documents are kept as they are."""
    if fragment.lstrip().lower().startswith(("<!doctype", "<html")):
        return fragment
    return PAGE.format(fragment)


def write_site(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write {relative path: content} under root; HTML fragments become whole pages."""
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            if rel.endswith((".html", ".htm")):
                content = page(content)
            path.write_text(content, encoding="utf-8")
    return root


def findings(root: Path, files: dict[str, str | bytes], **options):
    """Write the site and return the report's findings."""
    return check_site(write_site(root, files), **options).findings


def rule_ids(found) -> set[str]:
    return {f.rule for f in found}
