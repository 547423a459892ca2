"""Does `content-visibility: auto` on search results pay? (issue 15, point 6; not a test)

    python bench/content_visibility.py [--tasks 10000] [--listed 200] [--repeat 5]

Builds the search page and index for a generated plan (bench/search_bench.py's make_site) and
measures in headless Chromium, with and without the rule that site.css used to carry,

    .search-results > li { content-visibility: auto; contain-intrinsic-size: auto 14rem; }

  query    ms from typing a query until its frame is drawn (search_bench's TIME_QUERY), at
           --tasks tasks: the script shows 50 results at a time
  more     ms for the 10th "显示更多结果" click (450 results on the page, 50 added) until drawn
  load     ms from navigation to the load event of the search page without JavaScript at
           --listed tasks, the most the page lists without script (templates/search.html)

The rule is injected as a stylesheet for the "with" runs of the first two, and appended to a copy of
site.css for the third; the site itself no longer has it.
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "tests"), str(REPO / "bench")]

from browser import launch_chromium, serve  # noqa: E402
from search_bench import TIME_QUERY, make_site  # noqa: E402

RULE = ".search-results > li { content-visibility: auto; contain-intrinsic-size: auto 14rem; }"
QUERIES = ["公开", "区政府办公室", "财政 公开", "政策解读", "区"]

TIME_MORE = """() => new Promise(resolve => requestAnimationFrame(() => {
  const started = performance.now();
  document.querySelector("[data-search-more] button").click();
  setTimeout(() => resolve(performance.now() - started), 0);
}))"""


def with_rule(page, on: bool) -> None:
    if on:
        page.add_style_tag(content=RULE)


def time_search(browser, origin: str, on: bool, repeat: int) -> tuple[list[float], list[float]]:
    """Query frame times and 10th-"more" frame times, with or without the rule."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{origin}/search/", wait_until="load")
    page.wait_for_function("!document.querySelector('[data-search-filters]').hidden", timeout=120_000)
    with_rule(page, on)
    page.evaluate(TIME_QUERY, "公开")  # warm up
    queries = [page.evaluate(TIME_QUERY, query)["frame"] for _ in range(repeat) for query in QUERIES]
    more = []
    for _ in range(repeat):
        page.evaluate(TIME_QUERY, "")
        for _ in range(9):
            page.evaluate(TIME_MORE)
        more.append(page.evaluate(TIME_MORE))
    page.close()
    return queries, more


def time_load(browser, origin: str, repeat: int) -> list[float]:
    """Load times of the search page without JavaScript (every task listed) as served at origin."""
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    times = []
    for _ in range(repeat + 1):
        page.goto(f"{origin}/search/", wait_until="load")
        times.append(page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd"))
    context.close()
    return times[1:]  # the first load fills the cache


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=10_000)
    parser.add_argument("--listed", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="cv-bench-") as work:
        (Path(work) / "big").mkdir()
        (Path(work) / "listed").mkdir()
        big, _, _ = make_site(args.tasks, Path(work) / "big")
        listed, _, _ = make_site(args.listed, Path(work) / "listed")
        # The rule must be there before the first layout: a copy whose stylesheet has it.
        listed_with_rule = Path(work) / "listed-with-rule"
        shutil.copytree(listed, listed_with_rule)
        with (listed_with_rule / "static" / "site.css").open("a", encoding="utf-8") as css:
            css.write("\n" + RULE + "\n")
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            results = {on: ([], [], []) for on in (False, True)}
            # Alternating with and without, one run at a time: the machine is shared, so its load
            # changes during the run and weighs on both alike.
            for run in range(args.repeat):
                for on in ((False, True) if run % 2 == 0 else (True, False)):
                    with serve(big) as origin:
                        queries, more = time_search(browser, origin, on, 1)
                    with serve(listed_with_rule if on else listed) as origin:
                        loads = time_load(browser, origin, 1)
                    for values, new in zip(results[on], (queries, more, loads)):
                        values.extend(new)
            browser.close()
    print(f"content-visibility: auto on search results; medians (min-max) over {args.repeat} alternating runs, ms")
    print(f"| | query at {args.tasks} tasks | 10th 显示更多 at {args.tasks} tasks | load without JS at {args.listed} tasks |")
    print("| --- | --- | --- | --- |")
    for on in (False, True):
        cells = [f"{statistics.median(values):.1f} ({min(values):.1f}-{max(values):.1f})" for values in results[on]]
        print(f"| {'with the rule' if on else 'without'} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
