"""Search benchmark (not a test): index size and time per query at N generated tasks, in Chromium.

    python bench/search_bench.py [--tasks 10000] [--repeat 5]

Generates a plan with ../shared/bench/gen_plan.py, turns it into a project with
bench/plan_convert.py, builds the search index and the search page from it (the rest of the
site is not needed), serves them on 127.0.0.1 and types each query into the page in headless
Chromium. Each query is timed twice: the script's synchronous work (matching, ranking, building
the first page of results) and the time until the browser has drawn the frame showing them.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "tests"), str(REPO / "bench")]

from browser import launch_chromium, serve  # noqa: E402  (tests/browser.py: the shared harness)
from plan_convert import write_project  # noqa: E402
from zwgk.content import load_content  # noqa: E402
from zwgk.load import load_plan, load_site_config  # noqa: E402
from zwgk.pages import build_index, build_pages, navigation  # noqa: E402
from zwgk.render import make_environment, render_pages, shared_context  # noqa: E402
from zwgk.search import fold, load_synonyms, search_files  # noqa: E402
from zwgk.write import write_site  # noqa: E402

GENERATOR = REPO.parent / "shared" / "bench" / "gen_plan.py"

# What citizens type: unit names and short names, words of the plan, numbers, several terms,
# a synonym, full-width letters, stray spaces, and words that match nothing.
QUERIES = [
    "区政府办公室", "区府办", "财政局", "区残联", "公开", "政务公开", "政策解读", "营商环境",
    "依申请公开", "放管服", "年度报告", "30", "第5000项", "9999", "财政 公开", "政策 解读 回应",
    "区发改委 营商", "IPv6", "ＩＰｖ６", "  规划 ", "数据开放", "街道（乡镇）", "没有这个词",
    "区", "信息 公开 及时 权威",
]


def make_site(tasks: int, work: Path) -> tuple[Path, dict, dict]:
    """Generate, convert and build the search page and index; the site folder, sizes, expected results."""
    plan_json = work / "plan.json"
    subprocess.run([sys.executable, str(GENERATOR), str(tasks), str(plan_json)], check=True)
    root = write_project(json.loads(plan_json.read_text(encoding="utf-8")), work / "project")
    plan = load_plan(root / "data")
    site = load_site_config(root / "data")
    index = build_index(plan)
    content = load_content(root / "content")
    search_page = [page for page in build_pages(plan, index, content) if page.url == "search/"]
    env = make_environment(root / "templates", "/")
    files = render_pages(env, search_page, shared_context(plan, site, index, navigation(content)))
    files.update(search_files(plan, index, root / "data"))
    index_bytes = files["search/index.json"]  # before writing: the writer frees what it has written
    out = work / "site"
    write_site(out, files, root / "static")
    covered = sum(
        len(task.text.encode()) + len(task.category.name.encode())
        + sum(len(name.encode()) for unit, _ in index.roles_by_task[task.number] for name in unit.names)
        for task in plan.tasks
    )
    synonyms = load_synonyms(root / "data")
    expected = {query: reference_search(plan, query, synonyms) for query in QUERIES}
    return out, expected, {
        "tasks": len(plan.tasks),
        "index_raw": len(index_bytes),
        "index_gzip": len(gzip.compress(index_bytes, 9)),
        "covered_text": covered,
        "page_raw": len(files["search/index.html"]),
    }


def reference_search(plan, query: str, synonyms: list[tuple[str, ...]]) -> set[int]:
    """The tasks a careful reader would list, found the plain way: every term, or the term with a
    synonym in place of one it contains, in the text, the category or a name of a unit; or "30"
    and "第30项" for task 30."""
    found = set()
    for task in plan.tasks:
        fields = [fold(task.text), fold(task.category.name)]
        fields += [fold(name) for assignment in task.assignments for name in assignment.unit.names]
        if all(_term_matches(term, task.number, fields, synonyms) for term in {fold(word) for word in query.split()}):
            found.add(task.number)
    return found


def _term_matches(term: str, number: int, fields: list[str], synonyms: list[tuple[str, ...]]) -> bool:
    if term in (str(number), f"第{number}项"):
        return True
    spellings = {term} | {term.replace(word, other) for group in synonyms for word in group if word in term for other in group}
    return any(spelling in field for spelling in spellings for field in fields)


# What the page shows for a query submitted with Enter: the count announced and the first results.
SHOW_QUERY = """query => {
  document.getElementById("search-q").value = query;
  document.querySelector("form[data-module='search']").dispatchEvent(new Event("submit", {cancelable: true}));
  const status = document.getElementById("search-status").textContent;
  const count = /^找到 (\\d+) 项/.exec(status);
  return {count: count ? parseInt(count[1], 10) : -1,
          shown: Array.from(document.querySelectorAll("#search-results h2 a"), a => parseInt(a.textContent.slice(1), 10))};
}"""


# A query is typed at the start of a frame; "work" is the synchronous part (matching, ranking,
# building the first page of results), "frame" runs until that frame is rendered (style,
# layout and paint included), measured the usual way: a task posted from requestAnimationFrame.
TIME_QUERY = """query => new Promise(resolve => requestAnimationFrame(() => {
  const input = document.getElementById("search-q");
  const started = performance.now();
  input.value = query;
  input.dispatchEvent(new Event("input", {bubbles: true}));
  const work = performance.now() - started;
  setTimeout(() => resolve({work: work, frame: performance.now() - started}), 0);
}))"""


def time_queries(site_dir: Path, repeat: int) -> dict:
    """Load the page, wait for the index, time every query `repeat` times, then show each once.

    Returns "times" and "work": {query: [ms, ...]}, until the frame is drawn and of script only;
    "ready_s": seconds from opening the page until it can search; "shown": what each query shows.
    """
    from playwright.sync_api import sync_playwright

    with serve(site_dir) as origin, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        page = browser.new_page()
        started = time.perf_counter()
        page.goto(f"{origin}/search/", wait_until="load")
        page.wait_for_function("!document.querySelector('[data-search-filters]').hidden", timeout=120_000)
        ready = time.perf_counter() - started
        page.evaluate(TIME_QUERY, "公开")  # warm up: replaces the server-rendered list once
        times: dict[str, list[float]] = {query: [] for query in QUERIES}
        work: dict[str, list[float]] = {query: [] for query in QUERIES}
        for _ in range(repeat):
            for query in QUERIES:
                measured = page.evaluate(TIME_QUERY, query)
                times[query].append(measured["frame"])
                work[query].append(measured["work"])
        shown = {query: page.evaluate(SHOW_QUERY, query) for query in QUERIES}
        version = browser.version
        browser.close()
    return {"ready_s": ready, "times": times, "work": work, "shown": shown, "chromium": version}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="search-bench-") as work:
        site_dir, expected, sizes = make_site(args.tasks, Path(work))
        timing = time_queries(site_dir, args.repeat)
    work = [t for query_times in timing["work"].values() for t in query_times]
    frame = [t for query_times in timing["times"].values() for t in query_times]
    print(f"搜索基准：{sizes['tasks']} 项任务，Chromium {timing['chromium']}（无头），{platform.machine()}，{_cpus()}")
    print(f"  索引 search/index.json：{sizes['index_raw'] / 1024:.0f} KB（gzip {sizes['index_gzip'] / 1024:.0f} KB）；"
          f"所覆盖的文字（正文、工作任务、单位名称和简称）{sizes['covered_text'] / 1024:.0f} KB")
    print(f"  搜索页 HTML：{sizes['page_raw'] / 1024:.0f} KB；打开页面到可以搜索：{timing['ready_s']:.2f} 秒")
    print(f"  每次查询中位数：脚本 {statistics.median(work):.1f} ms，到画面更新 {statistics.median(frame):.1f} ms"
          f"（最慢 {max(work):.1f} / {max(frame):.1f} ms；{len(QUERIES)} 个查询 × {args.repeat} 次）")
    for query in QUERIES:
        print(f"    {query!r:24} 脚本 {statistics.median(timing['work'][query]):5.1f} ms"
              f"  画面 {statistics.median(timing['times'][query]):5.1f} ms")
    wrong = [query for query, shown in timing["shown"].items()
             if shown["count"] != len(expected[query]) or not set(shown["shown"]) <= expected[query]]
    for query in wrong:
        shown = timing["shown"][query]
        print(f"  结果不符 {query!r}：页面 {shown['count']} 项 {shown['shown'][:10]}，参照 {len(expected[query])} 项 {sorted(expected[query])[:10]}")
    print(f"  结果核对：{len(QUERIES) - len(wrong)}/{len(QUERIES)} 个查询与直接在数据中查找的结果一致")
    return 1 if wrong else 0


def _cpus() -> str:
    try:
        model = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
    except (OSError, StopIteration):
        model = platform.processor() or "CPU"
    return f"{os.cpu_count()} × {model}"


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
