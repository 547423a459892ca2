"""Inline CSS declarations (`style="..."`): just enough parsing for hiding and spacing rules."""
from __future__ import annotations

import re

_COMMENT = re.compile(r"/\*.*?\*/", re.S)


def parse_declarations(text: str) -> dict[str, tuple[str, bool]]:
    """property -> (value, important) after the cascade inside one declaration block.

    A later declaration wins over an earlier one unless the earlier is !important and the later
    is not.
    """
    result: dict[str, tuple[str, bool]] = {}
    if "/*" in text:
        text = _COMMENT.sub("", text)
    for part in text.split(";"):
        name, sep, value = part.partition(":")
        if not sep:
            continue
        name = name.strip().lower()
        value = value.strip()
        important = False
        low = value.lower()
        bang = low.rfind("!")
        if bang >= 0 and low[bang + 1:].strip() == "important":
            important = True
            value = value[:bang].strip()
        if not name or not value:
            continue
        old = result.get(name)
        if old is not None and old[1] and not important:
            continue
        result[name] = (value, important)
    return result
