"""A per-user folder for what a build can keep between processes: converted Markdown (markdown/)
and parsed data files (yaml/). Jinja2 keeps compiled templates in a folder of its own.

It lives in the system's temp folder, never in the output. A folder that is not this user's
own, or that others can write to, is not used: converted Markdown goes into the site unescaped,
and parsed YAML is unpickled (which trusts the file as much as running it).
"""
from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import sys
import tempfile
from collections.abc import Callable
from typing import BinaryIO


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


def open_bytes(folder: str | None, key: str) -> BinaryIO | None:
    """The entry stored under key, opened for reading; None when there is none."""
    if folder is None:
        return None
    try:
        return open(os.path.join(folder, key), "rb")
    except OSError:
        return None


def read(folder: str | None, key: str) -> str | None:
    file = open_bytes(folder, key)
    if file is None:
        return None
    try:
        with file:
            return file.read().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None


KEPT_PER_FOLDER = 256  # entries a folder keeps when written with `replaces` (the oldest go first)


def write_stream(folder: str | None, key: str, fill: Callable[[BinaryIO], object], replaces: str | None = None) -> None:
    """Store what fill writes into a file under key, atomically; a cache that cannot be written is simply
    not used. With `replaces`, the other entries whose names start with it are removed (one entry per
    source), and the folder keeps its newest KEPT_PER_FOLDER entries (sources come and go: test
    folders, copies)."""
    if folder is None:
        return
    try:
        file = tempfile.NamedTemporaryFile("wb", dir=folder, delete=False)
    except OSError:
        return
    try:
        with file:
            fill(file)
        os.replace(file.name, os.path.join(folder, key))
        if replaces:
            _prune(folder, key, replaces)
    except Exception:  # a full disk, something fill cannot write: the build goes on without the entry
        with contextlib.suppress(OSError):
            os.remove(file.name)


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
    write_stream(folder, key, lambda file: file.write(text.encode("utf-8")))


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


def key_of(*parts: str | bytes) -> str:
    """The SHA-256 of the parts (text as UTF-8) joined by NUL bytes, without copying them into one."""
    digest = hashlib.sha256()
    for position, part in enumerate(parts):
        if position:
            digest.update(b"\0")
        digest.update(part.encode("utf-8") if isinstance(part, str) else part)
    return digest.hexdigest()
