"""Language tags: is the primary language subtag a known one?

data/languages.txt lists the primary language subtags BCP 47 registers (see its header).
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

_DATA = Path(__file__).with_name("data") / "languages.txt"


@lru_cache(maxsize=1)
def _codes() -> frozenset[str]:
    words = []
    for line in _DATA.read_text(encoding="ascii").splitlines():
        if not line.startswith("#"):
            words.extend(line.split())
    return frozenset(words)


def primary_subtag(tag: str) -> str:
    return tag.strip().split("-", 1)[0].lower()


def valid_language_tag(tag: str) -> bool:
    """Whether the tag's primary language subtag is a registered language (or private use)."""
    primary = primary_subtag(tag)
    if not primary.isascii() or not primary.isalpha():
        return False
    if len(primary) == 3 and "qaa" <= primary <= "qtz":
        return True
    return len(primary) in (2, 3) and primary in _codes()
