#!/usr/bin/env python3
"""Build the 政务公开专栏 from data/, content/, templates/ and static/ into output/.

    python build.py [--out DIR] [--base-url PATH]     build, then check the result
    python build.py check [DIR] [--format json] ...   check any folder of HTML (see README)
    python build.py serve [--port 8000] ...           preview with live reload (see README)
    python build.py import FILE --data DIR ...        a plan document (.docx .xlsx .txt) -> a data folder
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from zwgk.content import load_content
from zwgk.load import DataError, load_plan, load_site_config
from zwgk.opendata import open_data_files
from zwgk.pages import build_index, build_pages, navigation
from zwgk.urls import normalize_base_url
from zwgk.render import make_environment, render_pages, shared_context
from zwgk.search import search_files
from zwgk.write import OutputError, check_replaceable, write_site

ROOT = Path(__file__).resolve().parent


def build_site(out_dir: Path, base_url: str = "/", root: Path = ROOT, data_dir: Path | None = None) -> int:
    """The recipe: load -> index and page list -> render -> write. Returns the number of pages."""
    data_dir = data_dir or root / "data"
    check_replaceable(out_dir)
    plan = load_plan(data_dir)
    site = load_site_config(data_dir)
    content = load_content(root / "content")
    index = build_index(plan)
    pages = build_pages(plan, index, content)
    env = make_environment(root / "templates", base_url)
    files = render_pages(env, pages, shared_context(plan, site, index, navigation(content)))
    files.update(open_data_files(plan, pages, base_url, site.site_url))
    files.update(search_files(plan, index, data_dir))
    write_site(out_dir, files, root / "static")
    return len(pages)


def build_command(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="build.py", description="生成政务公开专栏网站。")
    parser.add_argument("--out", type=Path, default=ROOT / "output", help="输出文件夹（默认 output/）")
    parser.add_argument("--base-url", type=normalize_base_url, default="/", help="网站所在的网址路径，如 /zwgk/2021/（默认 /）")
    parser.add_argument("--data", type=Path, default=ROOT / "data", metavar="DIR", help="数据文件夹（默认 data/）")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        pages = build_site(args.out, args.base_url, data_dir=args.data)
    except (DataError, OutputError) as error:
        print(f"错误：{error}", file=sys.stderr)
        print("构建已停止，原有输出未改动。", file=sys.stderr)
        return 1
    print(f"已生成 {pages} 个页面到 {args.out}，用时 {time.perf_counter() - started:.2f} 秒。")
    return check_output(args.out, args.base_url)


def check_output(out_dir: Path, base_url: str) -> int:
    """Run the link and accessibility checker over the build; non-zero if it finds errors."""
    from zwgk.check import check_site, format_text

    report = check_site(out_dir, base_url=base_url)
    if report.findings:
        print(format_text(report))
    print(f"检查完成：{report.pages} 个页面，{report.errors} 个错误。")
    return 1 if report.errors else 0


def main(argv: list[str]) -> int:
    if argv[:1] == ["check"]:
        from zwgk.check.cli import main as check_main

        return check_main(argv[1:])
    if argv[:1] == ["import"]:
        from zwgk.importer.cli import main as import_main

        return import_main(argv[1:], root=ROOT)
    if argv[:1] == ["serve"]:
        from zwgk.serve import main as serve_main

        return serve_main(argv[1:], build=build_site, root=ROOT)
    return build_command(argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
