"""A per-user folder for what a build can keep between processes (compiled templates, converted Markdown).

It lives in the system's temp folder, never in the output. A folder that is not this user's
own, or that others can write to, is not used: what it holds goes into the site unescaped.
"""
from __future__ import annotations

import hashlib
import os
import stat
import sys
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


def read_bytes(folder: str | None, key: str) -> bytes | None:
    if folder is None:
        return None
    try:
        with open(os.path.join(folder, key), "rb") as file:
            return file.read()
    except OSError:
        return None


def read(folder: str | None, key: str) -> str | None:
    data = read_bytes(folder, key)
    try:
        return None if data is None else data.decode("utf-8")
    except UnicodeDecodeError:
        return None


KEPT_PER_FOLDER = 256  # entries a folder keeps when written with `replaces` (the oldest go first)


def write_bytes(folder: str | None, key: str, data: bytes, replaces: str | None = None) -> None:
    """Store data under key, atomically; a cache that cannot be written is simply not used.
    With `replaces`, the other entries whose names start with it are removed (one entry per source),
    and the folder keeps its newest KEPT_PER_FOLDER entries (sources come and go: test folders, copies)."""
    if folder is None:
        return
    try:
        with tempfile.NamedTemporaryFile("wb", dir=folder, delete=False) as file:
            file.write(data)
        os.replace(file.name, os.path.join(folder, key))
        if replaces:
            _prune(folder, key, replaces)
    except OSError:
        pass


def _prune(folder: str, key: str, replaces: str) -> None:
    names = []
    for name in os.listdir(folder):
        if name.startswith(replaces) and name != key:
            os.remove(os.path.join(folder, name))
        else:
            names.append(name)
    if len(names) > KEPT_PER_FOLDER:
        by_age = sorted(names, key=lambda name: os.stat(os.path.join(folder, name)).st_mtime_ns)
        for name in by_age[:len(names) - KEPT_PER_FOLDER]:
            if name != key:
                os.remove(os.path.join(folder, name))


def write(folder: str | None, key: str, text: str) -> None:
    write_bytes(folder, key, text.encode("utf-8"))


def module_stamp(*names: str) -> str:
    """Which versions of these modules are installed, without importing them: each one's file path,
    size and modification time (a package's __init__.py), and Python's version."""
    import importlib.util

    parts = [sys.version]
    for name in names:
        spec = importlib.util.find_spec(name)
        origin = spec.origin if spec is not None else None
        try:
            info = os.stat(origin) if origin else None
        except OSError:
            info = None
        parts.append(f"{name}:{origin}:{info.st_size}:{info.st_mtime_ns}" if info else f"{name}:{origin}")
    return "\n".join(parts)


def key_of(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()
