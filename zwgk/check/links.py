"""Links: every reference a page or stylesheet makes, resolved against the site's files.

A reference is resolved the way a browser would: against `<base href>` or the document URL
(the site is served under `base_url`), percent-decoded, with the query ignored. A path ending in
"/" (or naming a directory) needs that directory's index.html. Fragments are checked against the
target page's ids and <a name>s, trying the fragment as written and percent-decoded, as the HTML
standard does; "#" and "#top" always work.
"""
from __future__ import annotations

import re
from typing import NamedTuple
from urllib.parse import quote, unquote, urljoin, urlsplit

from .css import css_urls, line_at
from .registry import declare

SITE_HOST = "site.invalid"
HTML_SUFFIXES = (".html", ".htm")

LINK_BROKEN = declare(
    "link-broken", wcag="", severity="error", tags=("links",),
    message="链接指向的文件不存在",
    hint="改正链接地址（注意大小写和扩展名），或补上缺失的文件。")
LINK_FRAGMENT = declare(
    "link-fragment", wcag="", severity="error", tags=("links",),
    message="链接的锚点（#…）在目标页面上不存在",
    hint="让锚点与目标页面上某个元素的 id 完全一致（区分大小写）。")
LINK_FILE = declare(
    "link-file-scheme", wcag="", severity="error", tags=("links",),
    message="链接指向本机文件（file:），网站上的读者打不开",
    hint="把文件放进网站目录，用相对地址链接。")
LINK_MAILTO = declare(
    "link-mailto", wcag="", severity="error", tags=("links",),
    message="mailto: 链接的邮箱地址格式不对",
    hint="写成 mailto:name@example.gov.cn。")
LINK_TEL = declare(
    "link-tel", wcag="", severity="error", tags=("links",),
    message="tel: 链接的电话号码格式不对",
    hint="只写数字和 + - ( ) 等分隔符，例如 tel:+86-10-12345678。")
LINK_INVALID = declare(
    "link-invalid", wcag="", severity="error", tags=("links",),
    message="链接地址格式错误，浏览器无法打开",
    hint="检查地址里的方括号、百分号编码和主机名。")
PAGE_UNREADABLE = declare(
    "page-unreadable", wcag="", severity="error", tags=("links",),
    message="页面文件无法读取",
    hint="检查文件权限，或它是否是正常的 HTML 文件。")
LINK_EXTERNAL = declare(
    "link-external-broken", wcag="", severity="error", tags=("links", "external"),
    message="外部链接打不开（服务器返回错误）",
    hint="改成有效的网址，或删除这个链接。（只有 --external 时检查）")
LINK_UNREACHABLE = declare(
    "link-external-unreachable", wcag="", severity="warning", tags=("links", "external"),
    message="外部链接连接失败或超时",
    hint="稍后重试；若一直失败，改正或删除这个链接。（只有 --external 时检查）")

# Element -> attributes holding one URL; srcset attributes are handled apart.
URL_ATTRIBUTES = {
    "a": ("href", "xlink:href"), "area": ("href",), "img": ("src",), "link": ("href",),
    "script": ("src",), "source": ("src",), "video": ("src", "poster"), "audio": ("src",),
    "track": ("src",), "iframe": ("src",), "frame": ("src",), "embed": ("src",),
    "object": ("data",),
    "use": ("href", "xlink:href"), "image": ("href", "xlink:href"), "input": ("src",),
}
SRCSET_TAGS = ("img", "source")
_ORIGIN_ONLY_RELS = {"preconnect", "dns-prefetch"}
_IGNORED_SCHEMES = {"data", "javascript", "about", "blob"}
_STRIP = re.compile(r"[\t\n\r]")
_EMAIL = re.compile(r"^[^@\s,;<>\"]+@[^@\s,;<>\"]+\.[^@\s,;<>\".]+$")
_TEL = re.compile(r"^\+?[\d\-.() /]*\d[\d\-.() /]*(;[\w\-]+(=[^;]*)?)*$")


# A URL as written in a page or stylesheet, and its line: a plain tuple (a page makes hundreds,
# and a NamedTuple costs several times as much to make).
Ref = tuple[str, "int | None"]


def srcset_urls(value: str) -> list[str]:
    """The candidate URLs of a srcset attribute (HTML's parsing algorithm, without descriptors)."""
    urls = []
    i, n = 0, len(value)
    while i < n:
        while i < n and (value[i].isspace() or value[i] == ","):
            i += 1
        start = i
        while i < n and not value[i].isspace():
            i += 1
        url = value[start:i]
        if url.endswith(","):
            url = url.rstrip(",")
        else:
            depth = 0
            while i < n:
                ch = value[i]
                if ch == "(":
                    depth += 1
                elif ch == ")" and depth:
                    depth -= 1
                elif ch == "," and not depth:
                    break
                i += 1
        if url:
            urls.append(url)
    return urls


def page_refs(page) -> list[Ref]:
    """Every URL the page refers to, from elements, srcset, <style> and style attributes."""
    refs = []
    for tag, attrs in URL_ATTRIBUTES.items():
        if tag == "a":
            _link_refs(page, refs)
            continue
        for el in page.tagged(tag):
            if tag == "link" and set((el.get("rel") or "").lower().split()) & _ORIGIN_ONLY_RELS:
                continue
            for attr in attrs:
                value = el.get(attr)
                if value is not None:
                    refs.append((value, el.sourceline))
    for tag in SRCSET_TAGS:
        for el in page.tagged(tag):
            value = el.get("srcset")
            if value:
                refs.extend((url, el.sourceline) for url in srcset_urls(value))
    for meta in page.tagged("meta"):
        if (meta.get("http-equiv") or "").strip().lower() == "refresh":
            url = refresh_url(meta.get("content") or "")
            if url:
                refs.append((url, meta.sourceline))
    for el in page.tagged("style"):
        text = el.text or ""
        refs.extend((url, el.sourceline + line_at(text, at) - 1)
                    for url, at in css_urls(text))
    for el in page.with_style:
        if "url(" in el.get("style"):
            refs.extend((url, el.sourceline) for url, _ in css_urls(el.get("style")))
    return refs


def _link_refs(page, refs: list):
    """The URL of each <a>: its href, or in SVG its xlink:href when it has no href."""
    for el in page.tagged("a"):
        href = el.get("href")
        if href is None and page.is_svg(el):
            href = el.get("xlink:href")
        if href is not None:
            refs.append((href, el.sourceline))


_REFRESH = re.compile(r"""^\s*[\d.]*\s*[;,]?\s*(?:url\s*=\s*)?(["']?)(.*?)\1\s*$""", re.I | re.S)


def refresh_url(content: str) -> str:
    """The URL a <meta http-equiv=refresh> content value redirects to ("" for a plain reload)."""
    match = _REFRESH.match(content)
    return match.group(2).strip() if match else ""


def document_url(rel: str, base_url: str) -> str:
    """The URL a file of the site is served at."""
    return f"http://{SITE_HOST}{base_url}{quote(rel)}"


def base_of(page, url: str) -> str:
    """The URL that relative links in the page resolve against (<base href> honoured)."""
    for base in page.tagged("base"):
        href = base.get("href")
        if href is not None:
            return urljoin(url, _clean(href))
    return url


def _clean(url: str) -> str:
    """The URL as a browser reads it: outer whitespace, tabs and newlines removed."""
    url = url.strip()
    if "\t" in url or "\n" in url or "\r" in url:
        url = _STRIP.sub("", url)
    return url


class Resolved(NamedTuple):
    """What a reference points at: kind is "local", "external", "ignored" or a problem rule id.
    (A NamedTuple: one is made for every different target a site's links reach, and a frozen
    dataclass costs several times as much to make.)"""
    kind: str
    path: str = ""  # the site file, for "local"
    fragment: str | None = None  # as written (percent-encoded), for "local"
    detail: str = ""


_IGNORED = Resolved("ignored")
_EXTERNAL = Resolved("external")
_SCHEME = re.compile(r"^([a-zA-Z][\w+.-]*):")
_LOCAL_PREFIX = f"http://{SITE_HOST}/"


class Resolver:
    """Resolves URLs written in the site's pages to the site's files (results cached)."""

    def __init__(self, base_url: str, files: set[str], dirs: set[str]):
        self.base_url = base_url
        self.files = files
        self.dirs = dirs
        self._cache: dict[tuple[str, str], Resolved] = {}
        # A site's pages sit in many folders (tasks/1/, tasks/2/, ...), so (folder, URL) pairs
        # repeat little; the paths they reach (/tasks/3/index.html) repeat a lot.
        self._by_path: dict[str, Resolved] = {}
        self._base_paths: dict[str, str] = {}

    def locate(self, url: str, base: str, base_folder: str | None = None) -> tuple[Resolved, str | None]:
        """Classify one URL and, for a link into the site, find the file it reaches: what the URL
        reaches (for "p.html#a", what "p.html" reaches, shared by every link to it) and the fragment
        split off (None when none was split: the first part then holds any fragment itself).

        `base_folder` is `base` up to its last "/", if the caller has it at hand.
        """
        url = _clean(url)
        if not url:
            return _IGNORED, None  # an empty URL is the document itself
        fragment = None
        if url[0] in "#?":
            key = (base, url)
        else:
            if "#" in url:
                # the same page under many fragments is resolved once (p.html#a, p.html#b);
                # a scheme ("x:") can only come before the "#"
                path, _, rest = url.partition("#")
                if ":" not in path or not _SCHEME.match(url):
                    url, fragment = path, rest
            key = (base_folder or base[:base.rfind("/") + 1], url)
        found = self._cache.get(key)
        if found is None:
            try:
                found = self._resolve(url, base)
            except ValueError:  # urllib's word for a malformed URL, e.g. "http://[x"
                found = Resolved(LINK_INVALID.id)
            self._cache[key] = found
        return found, fragment

    def _resolve(self, url: str, base: str) -> Resolved:
        match = _SCHEME.match(url)
        scheme = match.group(1).lower() if match else ""
        if scheme in _IGNORED_SCHEMES:
            return _IGNORED
        if scheme == "mailto":
            return _check_mailto(url)
        if scheme == "tel":
            return _IGNORED if _TEL.match(unquote(url[4:])) else Resolved(LINK_TEL.id)
        if scheme == "file":
            return Resolved(LINK_FILE.id)
        if scheme and scheme not in ("http", "https"):
            return _IGNORED  # other schemes (weixin:, sms:, ...) are not checked
        if not scheme:
            url = url.replace("\\", "/")
        if scheme or url.startswith("//") or not base.startswith(_LOCAL_PREFIX):
            parts = urlsplit(urljoin(base, url))
            if parts.scheme not in ("http", "https") or parts.hostname != SITE_HOST:
                return _EXTERNAL
            path, fragment = parts.path, parts.fragment
        else:
            path, _, fragment = url.partition("#")
            path = path.split("?", 1)[0]
            base_path = self._base_paths.get(base)
            if base_path is None:
                base_path = self._base_paths[base] = urlsplit(base).path
            if not path:
                path = base_path
            elif path[0] != "/":
                path = _join(base_path[:base_path.rfind("/") + 1], path)
            if "/." in path:
                path = remove_dot_segments(path)
            if "#" not in url:
                found = self._by_path.get(path)
                if found is None:
                    found = self._by_path[path] = self._target(path, None)
                return found
        return self._target(path, fragment if "#" in url else None)

    def _target(self, path: str, fragment: str | None) -> Resolved:
        """What an absolute, percent-encoded path on the site's host reaches."""
        path = unquote(path)
        if not path.startswith(self.base_url):
            return _EXTERNAL  # elsewhere on the portal, outside this site
        return self._local(path[len(self.base_url):], fragment)

    def exists(self, rel: str) -> bool:
        """Whether a path relative to the site root reaches a file of the site."""
        return self._local(rel, None).kind == "local"

    def _local(self, rel: str, fragment: str | None) -> Resolved:
        if rel == "" or rel.endswith("/"):
            target = rel + "index.html"
            if target in self.files:
                return Resolved("local", target, fragment)
            return Resolved(LINK_BROKEN.id, detail=f"（目录 {rel or '/'} 里没有 index.html）")
        if rel in self.files:
            return Resolved("local", rel, fragment)
        if rel in self.dirs and rel + "/index.html" in self.files:
            return Resolved("local", rel + "/index.html", fragment)
        return Resolved(LINK_BROKEN.id, detail=f"（找不到 {rel}）")


def _join(folder: str, relative: str) -> str:
    """A folder path (absolute, ending in "/") and a relative path joined; each leading "../"
    takes off the folder's last segment, as remove_dot_segments would, without a split."""
    while relative.startswith("../"):
        relative = relative[3:]
        folder = folder[:folder.rfind("/", 0, len(folder) - 1) + 1] or "/"
    return folder + relative


def remove_dot_segments(path: str) -> str:
    """An absolute path with "." and ".." segments resolved (RFC 3986, section 5.2.4)."""
    segments = path.split("/")[1:]
    out: list[str] = []
    for segment in segments:
        if segment == "..":
            if out:
                out.pop()
        elif segment != ".":
            out.append(segment)
    result = "/" + "/".join(out)
    if segments and segments[-1] in (".", "..") and not result.endswith("/"):
        result += "/"
    return result


def _check_mailto(url: str) -> Resolved:
    addresses = unquote(urlsplit(url).path)
    for address in addresses.split(","):
        if address.strip() and not _EMAIL.match(address.strip()):
            return Resolved(LINK_MAILTO.id)
    return Resolved("ignored")


def fragment_found(fragment: str, ids: frozenset[str]) -> bool:
    """Whether a fragment (as written) reaches an element of a page with these ids/names."""
    fragment = fragment.split(":~:", 1)[0]  # text fragments are directives, not ids
    if fragment == "" or fragment in ids:
        return True
    decoded = unquote(fragment, errors="replace") if "%" in fragment else fragment
    return decoded in ids or decoded.lower() == "top"
