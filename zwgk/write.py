"""Write: put the rendered site in place atomically.

The site is written into a new folder beside the output folder and swapped in with renames,
so readers and a failed build never see a half-written output. A folder that this tool did
not create is never replaced: the tool marks its own with a small file beside it
(`.zwgk-site-output` for `output/`), outside the folder, so that nothing but the site is
published when the folder is uploaded or copied. Builds made before kept the marker inside
(`output/.zwgk-site`); such a folder is recognised too, and its next build leaves it out.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

MARKER = ".zwgk-site"  # inside the output folders written by earlier versions


def marker_of(out_dir: Path) -> Path:
    """The file beside out_dir that says this tool wrote it: output/ -> .zwgk-site-output."""
    return out_dir.parent / f"{MARKER}-{out_dir.name}"


class OutputError(Exception):
    """The output folder cannot be (re)placed."""


def check_replaceable(out_dir: Path) -> None:
    """Refuse a non-empty folder that is not one of our builds (think `--out ~`)."""
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(f"{out_dir} 已存在且不是文件夹。请用 --out 指定另一个位置。")
    ours = marker_of(out_dir).exists() or (out_dir / MARKER).exists()
    if out_dir.is_dir() and any(out_dir.iterdir()) and not ours:
        raise OutputError(
            f"{out_dir} 不是空文件夹，也不是本工具生成的网站（旁边缺少 {marker_of(out_dir).name} 标记文件），为免误删，拒绝覆盖。"
            "请用 --out 指定一个新的或空的文件夹。"
        )


def write_site(out_dir: Path, files: Mapping[str, bytes], static_dir: Path) -> int:
    """Write files (path -> bytes, or an iterable of bytes) and a copy of static_dir as out_dir; return the number of files."""
    out_dir = out_dir.resolve()
    check_replaceable(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.new-", dir=out_dir.parent))
    try:
        if static_dir.is_dir():
            shutil.copytree(static_dir, staging / "static", dirs_exist_ok=True)
        sink = file_writer(str(staging))
        if hasattr(files, "write_to"):
            files.write_to(sink)  # zwgk.render.SiteFiles: pages of a big site written by forked children too
        else:
            for relative, content in files.items():
                sink(relative, content)
        os.chmod(staging, 0o755)
        marker_of(out_dir).write_text(f"旁边的 {out_dir.name}/ 文件夹由 build.py 生成，新的生成结果可以替换它。本文件不属于网站，无须上传。\n", encoding="utf-8")
        _swap(staging, out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return len(files)


def file_writer(top: str) -> Callable[[str, bytes | Iterable[bytes]], None]:
    """A function that writes one file (relative path, bytes or an iterable of bytes) under top."""
    made = set()  # folders known to exist; plain strings: tens of thousands of files

    def write(relative: str, content: bytes | Iterable[bytes]) -> None:
        folder = os.path.join(top, os.path.dirname(relative))
        if folder not in made:
            os.makedirs(folder, exist_ok=True)
            made.add(folder)
        with open(os.path.join(top, relative), "wb") as file:
            if isinstance(content, bytes):
                file.write(content)
            else:
                file.writelines(content)  # a big file made piece by piece (zwgk.chunks.Chunks)

    return write


def _swap(staging: Path, out_dir: Path) -> None:
    """Move staging to out_dir; the old output is renamed away first and removed after."""
    if not out_dir.exists():
        staging.rename(out_dir)
        return
    retired = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.old-", dir=out_dir.parent))
    retired.rmdir()
    out_dir.rename(retired)
    try:
        staging.rename(out_dir)
    except BaseException:
        retired.rename(out_dir)
        raise
    shutil.rmtree(retired, ignore_errors=True)
