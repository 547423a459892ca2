"""Serve: a live preview for staff while they edit data/, content/, templates/ and static/.

    python build.py serve [--port 8000] [--host 127.0.0.1] [--base-url PATH]

The site is built into a temporary folder (never output/) and served with the livereload
package. The source folders are looked at every 0.05 s; once a burst of saves has settled
(no further change for 0.1 s), the site is rebuilt and every open page reloads itself.
What is rebuilt: a change only in static/ copies static/ into the preview again (a changed
stylesheet is swapped in without reloading the page); an edit of data/tasks.yaml or data/units.yaml
renders again only the pages it changes (zwgk/incremental.py); any other change rebuilds the whole site.
A failed build does not stop the server: the terminal and every HTML page show the error
(file, line, field, message) until the file is fixed and saved.

Served pages are byte for byte those of a plain build, except for livereload's inline script
before </head>, which exists only here: a strict Content-Security-Policy on the published site
is not affected (a CSP added to the templates would need to allow it for the preview to reload).
"""
from __future__ import annotations

import argparse
import errno
import html
import logging
import mimetypes
import os
import shutil
import signal
import socket
import stat
import sys
import tempfile
import time
import traceback
from pathlib import Path
from typing import Callable

import jinja2
from livereload import Server
from livereload.handlers import LiveReloadHandler
from livereload.watcher import Watcher
from tornado.ioloop import IOLoop, PeriodicCallback

from .cli import ChineseParser, existing_folder
from .failure import Problem, describe, project_path
from .incremental import IncrementalBuilder
from .load import DataError
from .urls import normalize_base_url
from .write import OutputError

SOURCE_FOLDERS = ("data", "content", "templates", "static")
POLL_SECONDS = 0.05  # how often the sources are looked at (0.5 ms a look at the seed's size)
QUIET_SECONDS = 0.1  # a change is built once the sources stayed the same this long: a burst of saves is one build
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}


def main(argv: list[str], root: Path) -> int:
    """Build the project at root once, then serve the preview and rebuild on every change until Ctrl+C."""
    args = parse_args(argv)
    reason = port_problem(args.host, args.port)
    if reason:  # before anything is built or printed: no address is shown for a server that cannot start
        cannot_listen(args.host, args.port, reason)
        return 1
    stop_like_ctrl_c_on_sigterm()
    with tempfile.TemporaryDirectory(prefix="zwgk-preview-", dir=memory_folder()) as temp:
        preview = Preview(root, Path(temp) / "site", args.base_url, args.data)
        preview.rebuild()
        server = Server(preview.respond, watcher=PollingWatcher(preview.poll))
        quiet_logs()
        print(f"预览地址：{address(args.host, args.port)}{args.base_url}", flush=True)
        if args.host not in LOOPBACK_HOSTS:
            print(f"注意：预览服务器在 {args.host} 上监听，同一网络中的其他计算机也可能访问。", flush=True)
        print(f"正在监视 {'、'.join(f + '/' for f in watched_folders(root, preview.data_dir))}：保存文件后，网页会自动刷新。按 Ctrl+C 停止。", flush=True)
        try:
            server.serve(port=args.port, host=args.host, debug=False)
        except OSError as error:  # taken between the check and now
            cannot_listen(args.host, args.port, SOCKET_ERRORS.get(error.errno, error.strerror or str(error)))
            return 1
    print("预览已停止。")
    return 0


def stop_like_ctrl_c_on_sigterm() -> None:
    """`kill` stops the preview like Ctrl+C (the temporary folder is removed). A child forked by a
    full build (zwgk/forked.py) inherits the handler: a SIGTERM sent to it (as to the preview's
    whole process group) just ends it, as it would by default, instead of printing a
    KeyboardInterrupt traceback on the terminal."""
    preview = os.getpid()

    def handler(signum: int, frame) -> None:
        if os.getpid() != preview:
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, handler)


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = ChineseParser(prog="python build.py serve", description="本地预览网站：修改数据、页面或模板并保存后，浏览器自动刷新。按 Ctrl+C 停止。")
    parser.add_argument("--port", type=port_number, default=8000, metavar="端口", help="端口号，1–65535（默认 8000）")
    parser.add_argument("--host", default="127.0.0.1", metavar="地址", help="监听地址（默认 127.0.0.1，只有本机可以访问）")
    parser.add_argument("--base-url", type=normalize_base_url, default="/", metavar="路径", help="网站所在的网址路径，如 /zwgk/2021/（默认 /）")
    parser.add_argument("--data", type=existing_folder, default=None, metavar="文件夹", help="数据文件夹（默认 data/），如导入的新方案所在的文件夹")
    return parser.parse_args(argv)


def port_number(text: str) -> int:
    """--port's value: a whole number from 1 to 65535."""
    if not text.strip().isdigit() or not 1 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"“{text}”不是有效的端口号：应是 1 到 65535 之间的整数，例如 8000")
    return int(text)


def port_problem(host: str, port: int) -> str | None:
    """Why the preview cannot listen on host:port (None if it can), found by binding there as the server will."""
    try:
        addresses = socket.getaddrinfo(host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except (socket.gaierror, OverflowError) as error:
        return f"无法识别这个地址或端口：{getattr(error, 'strerror', None) or error}"
    for family, kind, protocol, _, address in addresses:
        with socket.socket(family, kind, protocol) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as tornado does: a recently closed port is free
            if family == socket.AF_INET6:
                probe.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
            try:
                probe.bind(address)
            except OSError as error:
                return SOCKET_ERRORS.get(error.errno, error.strerror or str(error))
    return None


SOCKET_ERRORS = {
    errno.EADDRINUSE: "端口已被占用",
    errno.EACCES: "没有使用这个端口的权限，1024 以下的端口需要管理员权限",
    errno.EADDRNOTAVAIL: "本机没有这个地址",
}


def cannot_listen(host: str, port: int, reason: str) -> None:
    next_port = port + 1 if port < 65535 else 8001
    print(f"错误：无法在 {host}:{port} 上启动预览服务器（{reason}）。"
          f"请用 --port 换一个端口，例如 --port {next_port}。", file=sys.stderr)


def memory_folder() -> str | None:
    """Linux's in-memory /dev/shm if usable: a build writes there in a few ms instead of a few tenths of a second."""
    return "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None


def address(host: str, port: int) -> str:
    """The address to open: a wildcard host is opened as 127.0.0.1, an IPv6 one in brackets."""
    host = "127.0.0.1" if host in ("", "0.0.0.0", "::") else host
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def quiet_logs() -> None:
    """The terminal shows builds and their errors, not livereload's chatter or every request."""
    logging.getLogger("livereload").addFilter(lambda record: record.levelno >= logging.WARNING)
    logging.getLogger("tornado.access").disabled = True


class PollingWatcher(Watcher):
    """Stands in for livereload's watcher, which looks only every 0.8 s and holds back a reload
    within 3 s of the previous one: our poll looks every 0.05 s and tells the browsers itself."""

    def __init__(self, poll: Callable[[], None]):
        super().__init__()
        self.poll = poll

    def start(self, callback) -> bool:
        PeriodicCallback(self.poll, POLL_SECONDS * 1000).start()
        return True  # livereload then starts no polling of its own


class Preview:
    """The preview's state: the sources last seen, the changes not yet built, the last build's problem."""

    def __init__(self, root: Path, site_dir: Path, base_url: str, data_dir: Path | None = None):
        self.builder = IncrementalBuilder()
        self.builder.on_late_change = self.reload_later
        self.loop: IOLoop | None = None  # the server's event loop, once polling runs on it
        self.root, self.site_dir, self.base_url = root, site_dir, base_url
        self.data_dir = (data_dir or root / "data").resolve()
        self.seen = source_files(root, self.data_dir)
        self.pending: set[str] = set()
        self.last_change = 0.0
        self.problem: Problem | None = None

    def data_name(self, name: str) -> str:
        """A changed source's name as the incremental builder knows it: the data folder's files as 'data/…'."""
        inside = self.data_dir.is_relative_to(self.root.resolve())
        folder = self.data_dir.relative_to(self.root.resolve()).as_posix() if inside else self.data_dir.name
        return "data/" + name[len(folder) + 1:] if name.startswith(folder + "/") else name

    def poll(self) -> None:
        """Rebuild once the sources changed and then stayed the same for QUIET_SECONDS, then reload the browsers."""
        self.loop = IOLoop.current()
        now = source_files(self.root, self.data_dir)
        if now != self.seen:
            self.pending |= {path for path in now.keys() | self.seen.keys() if now.get(path) != self.seen.get(path)}
            self.seen, self.last_change = now, time.monotonic()
        elif self.pending and time.monotonic() - self.last_change >= QUIET_SECONDS:
            changed, self.pending = self.pending, set()
            static_only = self.rebuild(changed)
            LiveReloadHandler.reload_waiters(reload_path(changed, static_only))

    def reload_later(self) -> None:
        """Called from the builder's thread once an incremental build has also written the pages that show
        the whole plan and the data files: reload the browsers again, on the server's loop."""
        if self.loop is not None:
            self.loop.add_callback(LiveReloadHandler.reload_waiters, "*")

    def rebuild(self, changed: set[str] = frozenset()) -> bool:
        """Copy static/ if only it changed and the site is built, else build it all; True if only static/ was copied."""
        static_only = bool(changed) and self.problem is None and all(path.startswith("static/") for path in changed)
        because = f"（{'、'.join(sorted(changed))} 已修改）" if changed else ""
        started = time.perf_counter()
        try:
            if static_only:
                copy_static(self.root / "static", self.site_dir / "static")
                done = "已更新静态文件"
            else:
                known = None if self.problem is not None else {self.data_name(name) for name in changed}
                pages = self.builder.build(self.site_dir, self.base_url, self.root, self.data_dir, known)
                done = f"已生成网站（{pages} 个页面）"
                if self.builder.rendered < pages:
                    because += f"，重新生成其中 {self.builder.rendered} 个页面"
        except Exception as error:
            self.problem = describe(error, self.root)
            if not isinstance(error, (DataError, OutputError, jinja2.TemplateError)):
                traceback.print_exc()  # a bug in the program rather than in what staff edit
            print(f"[{time.strftime('%H:%M:%S')}] 生成失败{because}：{self.problem}\n"
                  "预览服务器继续运行：修改并保存文件后会自动重新生成。", file=sys.stderr, flush=True)
            return False
        self.problem = None
        print(f"[{time.strftime('%H:%M:%S')}] {done}{because}，用时 {time.perf_counter() - started:.2f} 秒。", flush=True)
        return static_only

    def respond(self, environ: dict, start_response) -> list[bytes]:
        """WSGI entry point: livereload serves this and adds its script to every HTML answer."""
        status, body, content_type, headers = self.answer(environ["PATH_INFO"].encode("latin-1").decode("utf-8", "replace"))
        if content_type.startswith("text/") or content_type.endswith(("json", "xml")):
            content_type += "; charset=utf-8"
        start_response(status, [("Content-Type", content_type), ("Content-Length", str(len(body))),
                                ("Cache-Control", "no-store"), *headers])  # a reload always fetches the latest build
        return [b"" if environ["REQUEST_METHOD"] == "HEAD" else body]

    def answer(self, path: str) -> tuple[str, bytes, str, list[tuple[str, str]]]:
        """Status, body, type and extra headers for a URL path: the built site under base_url, its 404 page
        for anything missing, and while the build is broken the error page instead of any page."""
        if path != self.base_url and path in ("/", self.base_url[:-1]):
            return "302 Found", b"", "text/plain", [("Location", self.base_url)]
        file = self.site_file(path)
        if file is not None and file.is_dir():
            if not path.endswith("/"):
                return "301 Moved Permanently", b"", "text/plain", [("Location", path + "/")]
            file = file / "index.html"
        found = file is not None and file.is_file()
        if self.problem and (not found or file.suffix == ".html"):
            return "500 Internal Server Error", error_page(self.problem), "text/html", []
        if found:
            return "200 OK", file.read_bytes(), mimetypes.guess_type(file.name)[0] or "application/octet-stream", []
        not_found = self.site_dir / "404.html"
        body = not_found.read_bytes() if not_found.is_file() else "页面未找到。".encode("utf-8")
        return "404 Not Found", body, "text/html", []

    def site_file(self, path: str) -> Path | None:
        """The file or folder of the build that a URL path names, if it is inside the build."""
        if not path.startswith(self.base_url):
            return None
        site = self.site_dir.resolve()
        target = (site / path[len(self.base_url):]).resolve()
        return target if target.is_relative_to(site) and target.exists() else None


def watched_folders(root: Path, data_dir: Path | None = None) -> list[str]:
    """The source folders as the terminal names them: the data folder (data/ or --data) first."""
    data_dir = data_dir or root / "data"
    data = project_path(str(data_dir), root) if data_dir.resolve().is_relative_to(root.resolve()) else str(data_dir)
    return [data, *SOURCE_FOLDERS[1:]]


def source_files(root: Path, data_dir: Path | None = None) -> dict[str, tuple[int, int]]:
    """Every source file as {'data/tasks.yaml': (modification time, size)}, editors' scratch files left out."""
    files = {}
    folders = [data_dir or root / "data", *(root / folder for folder in SOURCE_FOLDERS[1:])]
    for folder in folders:
        for path in folder.rglob("*"):
            if path.name.startswith((".", "#")) or path.name.endswith(("~", ".swp", ".swx")):
                continue
            try:
                info = path.stat()
            except OSError:  # removed while we looked: the next poll sees it gone
                continue
            if stat.S_ISREG(info.st_mode):
                files[source_name(path, root, folder)] = (info.st_mtime_ns, info.st_size)
    return files


def source_name(path: Path, root: Path, folder: Path) -> str:
    """'data/tasks.yaml' for a file in the project; a --data folder elsewhere is named by its own name."""
    if path.resolve().is_relative_to(root.resolve()):
        return path.resolve().relative_to(root.resolve()).as_posix()
    return f"{folder.name}/{path.relative_to(folder).as_posix()}"


def reload_path(changed: set[str], static_only: bool) -> str:
    """What livereload.js is told: a lone changed stylesheet is swapped in place, '*' reloads the page."""
    if static_only and len(changed) == 1 and min(changed).endswith(".css"):
        return min(changed)
    return "*"


def copy_static(source: Path, target: Path) -> None:
    """Replace the build's static/ by a fresh copy, as a full build would write it."""
    shutil.rmtree(target, ignore_errors=True)
    if source.is_dir():
        shutil.copytree(source, target)


ERROR_PAGE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>网站生成失败 - 预览</title>
<style>
body {{ font: 1.125rem/1.6 system-ui, sans-serif; margin: 0; color: #0b0c0c; background: #fff; }}
main {{ max-width: 46rem; margin: 2rem auto; padding: 0 1rem; border-left: 0.5rem solid #d4351c; }}
h1 {{ color: #d4351c; }}
dt {{ font-weight: bold; }}
dd {{ margin: 0 0 0.75rem; overflow-wrap: anywhere; }}
</style>
</head>
<body>
<main>
<h1>网站生成失败</h1>
<p>最近一次修改后，网站未能生成。预览服务器仍在运行，请按下面的提示修改文件。</p>
<dl>
{details}
</dl>
<p><strong>修改保存后页面会自动刷新。</strong></p>
</main>
</body>
</html>
"""


def error_page(problem: Problem) -> bytes:
    """A self-contained page naming the file, line, field and message: it must not depend on the broken build."""
    rows = [("文件", problem.file), ("行", problem.line), ("字段", problem.field), ("问题", problem.message)]
    details = "\n".join(f"<dt>{name}</dt><dd>{html.escape(str(value))}</dd>" for name, value in rows if value)
    return ERROR_PAGE.format(details=details).encode("utf-8")
