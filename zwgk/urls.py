"""The site's base URL: the sub-path the portal serves it under."""
from __future__ import annotations

import argparse
import re


def normalize_base_url(value: str) -> str:
    """'zwgk/2021' -> '/zwgk/2021/'; only plain URL path characters are accepted."""
    path = "/" + value.strip("/") + "/" if value.strip("/") else "/"
    if not re.fullmatch(r"/(?:[A-Za-z0-9._~-]+/)*", path):
        raise argparse.ArgumentTypeError(f"“{value}”不是有效的网址路径：只能含字母、数字和 . _ ~ -，以 / 分隔，例如 /zwgk/2021/")
    return path
