#!/usr/bin/env python3
"""Seconds from saving an edit of one task's text until `python build.py serve` serves the changed page.

    python bench/serve_edit.py [--tasks 10000] [--edits 5]

Makes a project of N tasks (../shared/bench/gen_plan.py and bench/plan_convert.py), starts the
preview on it, then, several times: changes the text of one task in data/tasks.yaml and fetches
that task's page over HTTP every 10 ms until it shows the change. What a browser adds (the
reload message, the page load) is not counted. Prints each time and the median, with the
terminal lines of the preview.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "bench")]

from plan_convert import write_project  # noqa: E402
from run import GENERATOR  # noqa: E402

NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with NO_PROXY.open(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_until(condition, timeout: float) -> float:
    started = time.perf_counter()
    while not condition():
        if time.perf_counter() - started > timeout:
            raise SystemExit("timed out")
        time.sleep(0.01)
    return time.perf_counter() - started


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=10_000)
    parser.add_argument("--edits", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="zwgk-serve-edit-", dir="/dev/shm" if os.path.isdir("/dev/shm") else None) as work:
        plan, root = Path(work) / "plan.json", Path(work) / "project"
        subprocess.run([sys.executable, str(GENERATOR), str(args.tasks), str(plan)], check=True)
        write_project(json.loads(plan.read_text(encoding="utf-8")), root)
        shutil.copy2(REPO / "build.py", root / "build.py")  # serve builds the folder build.py is in
        shutil.copytree(REPO / "zwgk", root / "zwgk", ignore=shutil.ignore_patterns("__pycache__"))
        port = free_port()
        log = Path(work) / "serve.log"
        with log.open("w") as output:
            server = subprocess.Popen([sys.executable, "build.py", "serve", "--port", str(port)],
                                      cwd=root, stdout=output, stderr=subprocess.STDOUT)
        try:
            wait_until(lambda: "预览地址" in log.read_text(encoding="utf-8"), 600)
            tasks_yaml = root / "data" / "tasks.yaml"
            times = []
            for edit in range(args.edits):
                number = (edit + 1) * args.tasks // (args.edits + 1)
                text = tasks_yaml.read_text(encoding="utf-8")
                at = re.search(rf"- number: {number}\n\s+text: ", text).end()
                marker = f"（修订{edit}）"
                tasks_yaml.write_text(text[:at] + marker + text[at:], encoding="utf-8")
                page = f"http://127.0.0.1:{port}/tasks/{number}/"
                times.append(wait_until(lambda: marker in fetch(page), 120))
                time.sleep(0.5)  # let the data files settle before the next edit
        finally:
            server.terminate()
            server.wait(timeout=30)
        print(f"{args.tasks:,} tasks: edit saved -> changed page served: "
              + ", ".join(f"{t:.2f}" for t in times) + f" s; median {statistics.median(times):.2f} s; "
              f"load average {os.getloadavg()[0]:.1f}")
        print("Preview's terminal:\n" + log.read_text(encoding="utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
