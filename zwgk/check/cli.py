"""`python build.py check [DIR]`: check links and accessibility, print a report, exit 0/1/2."""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from ..cli import ChineseParser
from .report import format_text
from .site import check_site


def _parser() -> argparse.ArgumentParser:
    parser = ChineseParser(prog="python build.py check",
                     description="检查文件夹中每个 HTML 页面的链接和无障碍问题。")
    parser.add_argument("dir", nargs="?", default="output", metavar="文件夹",
                        help="要检查的文件夹（默认 output/）")
    parser.add_argument("--format", choices=("text", "json"), default="text",
                        help="输出格式：text（按页面分组的中文报告）或 json")
    parser.add_argument("--base-url", default="/", metavar="路径",
                        help="网站所在的子路径，用于解析以 / 开头的链接（默认 /）")
    parser.add_argument("--external", action="store_true",
                        help="也访问 http(s) 外部链接（默认只计数，不访问）")
    return parser


def main(argv: list[str]) -> int:
    """Run the check subcommand; argv excludes the word "check"."""
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exit:
        return int(exit.code or 0)
    root = Path(args.dir)
    if not root.is_dir() or not os.access(root, os.R_OK | os.X_OK):
        print(f"错误：无法读取目录 {root}", file=sys.stderr)
        return 2
    report = check_site(root, base_url=args.base_url, external=args.external)
    if args.format == "json":
        json.dump(report.to_json(), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(format_text(report))
    return 1 if report.errors else 0
