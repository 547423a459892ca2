"""The site's URLs: the base URL rule (--base-url) and links between pages.

Links inside the site are relative to the page they are on (`../../static/site.css`) and name
the file (`../categories/index.html`), so the same output works served from `/`, under any
sub-path, and opened from a disk (file://, where a folder link would show a folder listing).
Only what must be absolute uses the base URL: the 404 page (served at any depth), the sitemap
and the open-data `url` fields.
"""
from __future__ import annotations

import argparse
import re


def normalize_base_url(value: str) -> str:
    """'zwgk/2021' -> '/zwgk/2021/'; only plain URL path characters are accepted."""
    path = "/" + value.strip("/") + "/" if value.strip("/") else "/"
    if not re.fullmatch(r"/(?:[A-Za-z0-9._~-]+/)*", path) or {".", ".."} & set(path.split("/")):
        raise argparse.ArgumentTypeError(f"“{value}”不是有效的网址路径：只能含字母、数字和 . _ ~ -，以 / 分隔，不能有 . 或 .. 这样的路径段，例如 /zwgk/2021/")
    return path


def relative_link(page_url: str, target: str) -> str:
    """The link from the page at page_url ('tasks/30/') to target ('units/', '', 'static/site.css'),
    both below the base URL: '../../units/index.html'. A query or fragment is kept."""
    if "?" in target or "#" in target:
        path, mark, rest = _split_suffix(target)
        return relative_link(page_url, path) + mark + rest
    # Most links (~17 a page) come here: no calls beyond count (0.23 against 0.35 us a link).
    if target == "" or target[-1] == "/":
        return "../" * page_url.count("/") + target + "index.html"
    return "../" * page_url.count("/") + target


def relative_root(page_url: str) -> str:
    """The site's top folder seen from the page at page_url: '../../' for 'tasks/30/', './' for the home page."""
    return "../" * page_url.count("/") or "./"


def absolute_link(base_url: str, target: str) -> str:
    """The link to target as a path from the server's root: '/zwgk/2021/units/'."""
    return base_url + target


def _split_suffix(target: str) -> tuple[str, str, str]:
    """('search/', '?', 'q=x') for 'search/?q=x': target cut at its first ? or #, which it must have."""
    cut = min(target.find(mark) for mark in "?#" if mark in target)
    return target[:cut], target[cut], target[cut + 1:]
