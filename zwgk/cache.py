"""A per-user folder for what a build can keep between processes (compiled templates, converted Markdown).

It lives in the system's temp folder, never in the output. A folder that is not this user's
own, or that others can write to, is not used: what it holds goes into the site unescaped.
"""
from __future__ import annotations

import hashlib
import os
import stat
import tempfile


def cache_dir(name: str) -> str | None:
    """The folder <temp>/zwgk-cache-<uid>/<name>, created if needed; None when it is not safe to use."""
    top = os.path.join(tempfile.gettempdir(), f"zwgk-cache-{os.getuid()}")
    folder = os.path.join(top, name)
    try:
        for path in (top, folder):
            if not os.path.isdir(path):
                os.makedirs(path, mode=0o700, exist_ok=True)
            info = os.lstat(path)
            if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid() or info.st_mode & 0o077:
                return None
    except OSError:
        return None
    return folder


def read(folder: str | None, key: str) -> str | None:
    if folder is None:
        return None
    try:
        with open(os.path.join(folder, key), encoding="utf-8") as file:
            return file.read()
    except (OSError, UnicodeDecodeError):
        return None


def write(folder: str | None, key: str, text: str) -> None:
    """Store text under key, atomically; a cache that cannot be written is simply not used."""
    if folder is None:
        return
    path = os.path.join(folder, key)
    try:
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=folder, delete=False) as file:
            file.write(text)
        os.replace(file.name, path)
    except OSError:
        pass


def key_of(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()
