"""--external: fetch each distinct http(s) link once, a few at a time."""
from __future__ import annotations

import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

TIMEOUT = 10
WORKERS = 8
_HEADERS = {"User-Agent": "zwgk-check/1.0 (link checker)"}


def fetch_status(url: str) -> int | str:
    """The HTTP status of `url` (HEAD, then GET if HEAD is refused), or a short error text."""
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers=_HEADERS)
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
                return response.status
        except urllib.error.HTTPError as error:
            if method == "HEAD" and error.code in (403, 405, 501):
                continue
            return error.code
        except (urllib.error.URLError, OSError, ValueError) as error:
            return str(getattr(error, "reason", error))[:80]
    return "no response"


def check_urls(urls: list[str]) -> dict[str, int | str]:
    """url -> status or error text, for every URL."""
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        return dict(zip(urls, pool.map(fetch_status, urls)))
