#!/usr/bin/env python3
"""The checker on heavy pages: N pages of about 28 KB, each with 180 links (to other pages,
to fragments, to stylesheets and images) and a 60-row table, as a large portal's list pages.

    python bench/check_heavy.py [--pages 2000] [--out /dev/shm/zwgk-heavy] [--runs 3]

Writes the pages (deterministic), runs `python build.py check OUT --format json` RUNS times
and prints the median wall time and pages per second. The site must come out clean (exit 0).
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

HEAD = """<!DOCTYPE html>
<html lang="zh-CN">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>第{n}页 政务公开</title><link rel="stylesheet" href="../static/site.css"></head>
<body>
<a class="skip" href="#main">跳到主要内容</a>
<header><nav aria-label="栏目"><ul>
{nav}</ul></nav></header>
<main id="main">
<h1>第{n}页 重点工作任务</h1>
<p>{para}</p>
<table>
<caption>任务分工表（第{n}页）</caption>
<thead><tr><th scope="col">序号</th><th scope="col">任务</th><th scope="col">责任单位</th><th scope="col">完成时限</th></tr></thead>
<tbody>
"""
ROW = ('<tr><th scope="row">{i}</th><td><a href="p{t}.html#r{i}">推进政务公开标准化规范化建设'
       '第{i}项具体要求，按照职责分工抓好落实</a></td>'
       '<td><a href="p{u}.html">区政务服务数据管理局</a></td><td id="r{i}">2021年12月底前</td></tr>\n')
TAIL = """</tbody></table>
<p>{para}</p>
<img src="../static/logo.png" alt="政务公开标识" width="40" height="40">
</main>
<footer><ul>
{foot}</ul><p>主办单位：某区人民政府办公室</p></footer>
</body>
</html>
"""
PARA = "为深入贯彻落实党中央、国务院关于全面推进政务公开工作的决策部署，进一步提升政务公开质量。" * 35


def page(n: int, total: int) -> str:
    nav = "".join(f'<li><a href="p{(n + k) % total}.html">栏目{k}</a></li>\n' for k in range(30))
    rows = "".join(ROW.format(i=i, t=(n + i) % total, u=(n * 7 + i) % total) for i in range(60))
    foot = "".join(f'<li><a href="p{(n * 3 + k) % total}.html#main">链接{k}</a></li>\n'
                   for k in range(28))
    return HEAD.format(n=n, nav=nav, para=PARA) + rows + TAIL.format(para=PARA, foot=foot)


def write_site(out: Path, total: int) -> None:
    if out.exists():
        shutil.rmtree(out)
    (out / "static").mkdir(parents=True)
    (out / "static" / "site.css").write_text("body { color: #1a1a1a; background: #fff; }\n")
    (out / "static" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    pages = out / "pages"
    pages.mkdir()
    for n in range(total):
        (pages / f"p{n}.html").write_text(page(n, total), encoding="utf-8")


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=int, default=2000)
    ap.add_argument("--out", type=Path, default=Path("/dev/shm/zwgk-heavy"))
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args(argv)
    write_site(args.out, args.pages)
    size = sum(p.stat().st_size for p in (args.out / "pages").iterdir()) / args.pages / 1024
    times = []
    for _ in range(args.runs):
        start = time.perf_counter()
        result = subprocess.run([sys.executable, "build.py", "check", str(args.out),
                                 "--format", "json"], cwd=REPO, capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        if result.returncode != 0:
            print(result.stdout[:2000], result.stderr[-2000:])
            return 1
    median = statistics.median(times)
    print(f"heavy pages: {args.pages} pages of {size:.1f} KB, 180 links and a 60-row table each; "
          f"check {median:.2f} s (median of {args.runs}: "
          f"{', '.join(f'{t:.2f}' for t in times)}), {args.pages / median:,.0f} pages/s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
