"""The preview server: `python build.py serve` run for real on a free port, in a copy of the project."""
from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

import pytest

from browser import AXE_JS, AXE_OPTIONS, require_file
from project import REPO, copy_project, line_of

SUBPATH = "/zwgk/2021/"
LIVE_SCRIPT = re.compile(r'<script type="text/javascript">\(function\(\)\{var s=document\.createElement\("script"\);.*?</script>(?=</head>)')
TASK_1 = "主动公开国民经济和社会发展第十四个五年规划纲要"
NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))


@dataclass
class RunningServer:
    root: Path  # the project copy it serves
    origin: str
    process: subprocess.Popen
    log: Path  # what it printed, stdout and stderr
    base_url: str

    def url(self, path: str = "") -> str:
        return f"{self.origin}{self.base_url}{path}"

    def terminal(self) -> str:
        return self.log.read_text(encoding="utf-8")


def fetch(url: str) -> tuple[int, str]:
    """Status and text of a GET, redirects followed, error statuses returned rather than raised."""
    try:
        with NO_PROXY.open(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def wait_for(check: Callable[[], object], what: str, server: RunningServer, timeout: float = 8):
    """Poll check() until it returns something true and return that; fail with the server's output if it never does."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        assert server.process.poll() is None, f"the server exited while waiting for {what}:\n{server.terminal()}"
        time.sleep(0.05)
    pytest.fail(f"timed out after {timeout} s waiting for {what}\n--- server output ---\n{server.terminal()}", pytrace=False)


def serves(server: RunningServer, path: str, status: int, *texts: str) -> Callable[[], str | None]:
    """A check for wait_for: the page at path answers with status and contains every text."""

    def check() -> str | None:
        got_status, body = fetch(server.url(path))
        return body if got_status == status and all(text in body for text in texts) else None

    return check


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def running_server(root: Path, log: Path, base_url: str = "/", *extra: str) -> Iterator[RunningServer]:
    """`python build.py serve --port <free> --base-url BASE_URL [EXTRA]` in root until the block ends, then Ctrl+C."""
    port = free_port()
    command = [sys.executable, "build.py", "serve", "--port", str(port), "--base-url", base_url, *extra]
    with log.open("w", encoding="utf-8") as output:
        process = subprocess.Popen(command, cwd=root, stdout=output, stderr=subprocess.STDOUT,
                                   env={**os.environ, "PYTHONUNBUFFERED": "1"})
    server = RunningServer(root, f"http://127.0.0.1:{port}", process, log, base_url)
    try:
        wait_for(lambda: "预览地址" in server.terminal() and probe_connects(port), "the server to start", server)
        yield server
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def probe_connects(port: int, host: str = "127.0.0.1") -> bool:
    try:
        socket.create_connection((host, port), timeout=1).close()
        return True
    except OSError:
        return False


@contextlib.contextmanager
def edited(path: Path, old: str, new: str) -> Iterator[None]:
    """path with old replaced by new for the block, then restored."""
    original = path.read_text(encoding="utf-8")
    assert old in original, f"{old!r} not in {path}"
    path.write_text(original.replace(old, new, 1), encoding="utf-8")
    try:
        yield
    finally:
        path.write_text(original, encoding="utf-8")


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[RunningServer]:
    """One preview of a project copy under /zwgk/2021/; each test leaves the copy as it found it."""
    work = tmp_path_factory.mktemp("serve")
    with running_server(copy_project(work / "project"), work / "serve.log", SUBPATH) as running:
        yield running


@pytest.fixture(scope="module")
def plain_build(server, tmp_path_factory) -> Path:
    """The same project built by build_site into a folder, for comparison."""
    out = tmp_path_factory.mktemp("plain") / "site"
    code = "import sys, pathlib, build; build.build_site(pathlib.Path(sys.argv[1]), sys.argv[2])"
    subprocess.run([sys.executable, "-c", code, str(out), SUBPATH], cwd=server.root, check=True, timeout=60)
    return out


def test_serves_the_plain_build_plus_the_live_reload_script(server, plain_build):
    files = sorted(path for path in plain_build.rglob("*") if path.is_file() and not path.name.startswith("."))
    assert len(files) > 50
    for file in files:
        relative = file.relative_to(plain_build).as_posix()
        status, body = fetch(server.url(relative.removesuffix("index.html")))
        assert status == 200, relative
        if file.suffix == ".html":
            assert len(LIVE_SCRIPT.findall(body)) == 1, f"{relative}: live-reload script missing before </head>"
            body = LIVE_SCRIPT.sub("", body)
        assert body == file.read_bytes().decode("utf-8"), relative
    assert not (server.root / "output").exists(), "a preview must not write output/"


def test_redirects_to_the_base_url_and_answers_missing_pages_with_the_404_page(server, plain_build):
    with NO_PROXY.open(server.origin + "/", timeout=5) as response:
        assert response.url == server.url()
    status, body = fetch(server.url("no-such-page/"))
    assert status == 404
    assert LIVE_SCRIPT.sub("", body) == (plain_build / "404.html").read_text(encoding="utf-8")


SOURCE_EDITS = {
    "YAML data": ("data/tasks.yaml", "tasks/1/", TASK_1),
    "Markdown page": ("content/about.md", "about/", "## 内容从哪里来"),
}


@pytest.mark.parametrize("name", SOURCE_EDITS)
def test_a_change_is_served(server, name):
    relative, page, old = SOURCE_EDITS[name]
    with edited(server.root / relative, old, old + "【已修改】"):
        wait_for(serves(server, page, 200, "【已修改】"), f"the changed {name}", server)
        assert re.search(rf"已生成网站（\d+ 个页面）（{relative} 已修改）", server.terminal())
    wait_for(lambda: "【已修改】" not in fetch(server.url(page))[1], f"the {name} restored", server)


def test_a_static_change_copies_static_files_only(server):
    with edited(server.root / "static" / "site.css", "/*", "/* 预览测试 */\n/*"):
        wait_for(lambda: "预览测试" in fetch(server.url("static/site.css"))[1], "the changed stylesheet", server)
        assert "已更新静态文件（static/site.css 已修改）" in server.terminal()
    wait_for(lambda: "预览测试" not in fetch(server.url("static/site.css"))[1], "the stylesheet restored", server)


def test_a_burst_of_saves_is_built_once(server):
    """A save can be several writes (a half-written file first): only the settled file is built."""
    tasks = server.root / "data" / "tasks.yaml"
    original = tasks.read_text(encoding="utf-8")
    versions = [original[: len(original) // 2]] + [original.replace(TASK_1, f"【第{n}次保存】{TASK_1}") for n in range(1, 5)]
    before = len(server.terminal())
    try:
        for version in versions:
            tasks.write_text(version, encoding="utf-8")
        wait_for(serves(server, "tasks/1/", 200, "【第4次保存】"), "the last save", server)
        output = server.terminal()[before:]
        assert output.count("data/tasks.yaml 已修改") == 1 and "生成失败" not in output, output
    finally:
        tasks.write_text(original, encoding="utf-8")
    wait_for(lambda: "次保存】" not in fetch(server.url("tasks/1/"))[1], "the task restored", server)


BAD_EDITS = {
    "broken YAML": ("data/tasks.yaml", "  name: 做好各类规划主动公开", "  name: 做好各类规划主动公开: 多余的冒号", "YAML 格式错误"),
    "unknown unit": ("data/tasks.yaml", "responsibility: 区政府办公室、区政数局\n", "responsibility: 区政府办公室、区火星局\n", "区火星局"),
    "template syntax": ("templates/task.html", "{% block main %}", "{% block main %", "模板语法错误"),
    "undefined name": ("templates/task.html", "{{ task.text }}", "{{ task.txet }}", "txet"),
}


@pytest.mark.parametrize("name", BAD_EDITS)
def test_a_bad_edit_shows_the_error_and_recovers(server, name):
    relative, old, new, message = BAD_EDITS[name]
    path = server.root / relative
    line = line_of(path, old.strip().splitlines()[0])
    with edited(path, old, new):
        page = wait_for(serves(server, "tasks/1/", 500, "网站生成失败"), f"the error page for {name}", server)
        assert f"<dt>文件</dt><dd>{relative}</dd>" in page
        assert f"<dt>行</dt><dd>{line}</dd>" in page
        assert message in page and "修改保存后页面会自动刷新" in page
        assert LIVE_SCRIPT.search(page), "the error page must reload itself once the file is fixed"
        assert fetch(server.url("categories/"))[0] == 500, "every page shows the error"
        assert fetch(server.url("static/site.css"))[0] == 200
        assert re.search(rf"生成失败（{relative} 已修改）：{relative}:{line}: .*{re.escape(message)}", server.terminal())
    wait_for(serves(server, "tasks/1/", 200, TASK_1), f"recovery from {name}", server)


def test_listens_only_on_127_0_0_1_by_default(server):
    port = int(server.origin.rsplit(":", 1)[1])
    listening = listening_addresses(port)
    if listening is not None:
        assert listening == {"127.0.0.1"}
    others = [ip for ip in subprocess.run(["hostname", "-I"], capture_output=True, text=True).stdout.split()
              if not ip.startswith("127.") and ip != "::1"]
    if not others and listening is None:
        pytest.skip("no /proc/net/tcp and no non-loopback address to try")
    for address in others:
        assert not probe_connects(port, address), f"the preview answers on {address}"


def listening_addresses(port: int) -> set[str] | None:
    """The local addresses of the TCP sockets listening on port, from /proc/net/tcp{,6}; None without /proc."""
    tables = [Path("/proc/net/tcp"), Path("/proc/net/tcp6")]
    if not tables[0].exists():
        return None
    addresses = set()
    for table in (t for t in tables if t.exists()):
        for row in table.read_text().splitlines()[1:]:
            local, state = row.split()[1], row.split()[3]
            address, port_hex = local.split(":")
            if state == "0A" and int(port_hex, 16) == port:  # 0A: LISTEN
                addresses.add(socket.inet_ntoa(bytes.fromhex(address)[::-1]) if len(address) == 8 else address)
    return addresses


@pytest.mark.slow
def test_the_open_page_reloads_itself_on_change_error_and_fix(server, browser):
    page = browser.new_page()
    sent: list[str] = []
    page.on("websocket", lambda ws: ws.on("framesent", lambda payload: sent.append(str(payload))))
    try:
        page.goto(server.url("tasks/1/"))
        for _ in range(100):  # Playwright delivers events only while it is called: poll with its own wait
            if any('"info"' in frame for frame in sent):
                break
            page.wait_for_timeout(50)
        assert any('"info"' in frame for frame in sent), "livereload.js did not connect"
        tasks = server.root / "data" / "tasks.yaml"
        with edited(tasks, TASK_1, "【浏览器】" + TASK_1):
            saved = time.monotonic()
            page.wait_for_function("() => document.body.innerText.includes('【浏览器】')", timeout=5000)
            print(f"save -> page shows the change: {time.monotonic() - saved:.2f} s")
        page.wait_for_function("() => !document.body.innerText.includes('【浏览器】')", timeout=5000)
        with edited(tasks, "  name: 做好各类规划主动公开", "  name: [做好各类规划主动公开"):
            page.wait_for_function("() => document.body.innerText.includes('网站生成失败')", timeout=5000)
            assert "data/tasks.yaml" in page.inner_text("main")
            page.add_script_tag(content=require_file(AXE_JS, "run: npm ci").read_text(encoding="utf-8"))
            violations = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)["violations"]
            assert violations == [], "the error page must be accessible too"
        page.wait_for_function(f"() => document.body.innerText.includes('{TASK_1}')", timeout=5000)
    finally:
        page.close()


def test_starts_with_broken_data_and_recovers(tmp_path):
    root = copy_project(tmp_path / "project")
    tasks = root / "data" / "tasks.yaml"
    with edited(tasks, "  name: 做好各类规划主动公开", "  name: [做好各类规划主动公开"):
        with running_server(root, tmp_path / "serve.log") as server:
            assert fetch(server.url())[0] == 500
            assert "生成失败：data/tasks.yaml" in server.terminal()
            tasks.write_text(tasks.read_text(encoding="utf-8").replace("[做好", "做好"), encoding="utf-8")
            wait_for(serves(server, "", 200, "做好各类规划主动公开"), "recovery", server)


def test_a_busy_port_is_reported(server):
    port = server.origin.rsplit(":", 1)[1]
    result = subprocess.run([sys.executable, "build.py", "serve", "--port", port], cwd=server.root,
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 1
    assert f"无法在 127.0.0.1:{port} 上启动预览服务器" in result.stderr and "--port" in result.stderr


def test_serves_and_watches_the_data_folder_given_with_data(tmp_path):
    """serve --data DIR: DIR (here outside the project, as an imported plan is) is built and watched instead of data/."""
    root = copy_project(tmp_path / "project")
    data = tmp_path / "plan-2022"
    shutil.copytree(root / "data", data)
    tasks = data / "tasks.yaml"
    tasks.write_text(tasks.read_text(encoding="utf-8").replace(TASK_1, "【另一份数据】" + TASK_1), encoding="utf-8")
    with running_server(root, tmp_path / "serve.log", "/", "--data", str(data)) as server:
        wait_for(serves(server, "tasks/1/", 200, "【另一份数据】"), "the page from --data", server)
        assert f"正在监视 {data}/、content/" in server.terminal()
        with edited(tasks, "【另一份数据】", "【改过】"):
            wait_for(serves(server, "tasks/1/", 200, "【改过】"), "the edit in --data", server)
            assert "（plan-2022/tasks.yaml 已修改）" in server.terminal()


SIGTERM_SCRIPT = """
import os, signal, sys, time
sys.path.insert(0, sys.argv[1])
from zwgk.serve import stop_like_ctrl_c_on_sigterm
stop_like_ctrl_c_on_sigterm()
child = os.fork()
if child == 0:  # as a child forked by a full build to render pages
    time.sleep(30)
    os._exit(3)
time.sleep(0.2)
os.kill(child, signal.SIGTERM)  # as `kill` of the process group ends it
_, status = os.waitpid(child, 0)
print("child", os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGTERM, flush=True)
try:
    os.kill(os.getpid(), signal.SIGTERM)  # as `kill` stops the preview
    time.sleep(5)
    print("not stopped")
except KeyboardInterrupt:
    print("preview stopped like Ctrl+C")
"""


def test_sigterm_stops_the_preview_like_ctrl_c_and_ends_a_forked_worker_silently():
    result = subprocess.run([sys.executable, "-c", SIGTERM_SCRIPT, str(REPO)], capture_output=True, text=True, timeout=60)
    assert result.stdout.split("\n")[:2] == ["child True", "preview stopped like Ctrl+C"]
    assert "Traceback" not in result.stderr and "KeyboardInterrupt" not in result.stderr
