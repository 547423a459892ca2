"""`python build.py import FILE --data DIR [--units REGISTRY] [--force]`: parse, run, report; no traceback."""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from ..cli import ChineseParser
from . import import_plan
from .report import report
from .table import ImportProblem


def parse_args(argv: list[str], root: Path) -> argparse.Namespace:
    parser = ChineseParser(
        prog="python build.py import",
        description="把收到的分工方案文件（.docx、.xlsx 或制表符分隔的 .txt）转换为网站的数据文件夹。",
    )
    parser.add_argument("file", type=Path, metavar="方案文件", help="方案文件，如 方案.docx")
    parser.add_argument("--data", type=Path, required=True, metavar="文件夹", help="写入的数据文件夹，如 data-2022/")
    parser.add_argument("--units", type=Path, default=root / "data" / "units.yaml", metavar="单位名录", help="单位名录（默认 data/units.yaml）")
    parser.add_argument("--force", action="store_true", help="数据文件夹已有内容时整体替换它")
    return parser.parse_args(argv)


def main(argv: list[str], root: Path) -> int:
    args = parse_args(argv, root)
    started = time.perf_counter()
    try:
        result = import_plan(args.file, args.data, args.units, args.force, defaults=root / "data")
    except ImportProblem as problem:
        print(f"错误：{problem}", file=sys.stderr)
        print("没有写入任何文件。", file=sys.stderr)
        return 1
    except Exception as error:  # a case the importer does not handle: no traceback for the clerk
        print(f"错误：导入 {args.file.name} 时出现程序错误（{type(error).__name__}: {error}）。"
              "没有写入任何文件。请把这个文件交给维护人员。", file=sys.stderr)
        return 1
    print(report(result))
    print(f"用时 {time.perf_counter() - started:.2f} 秒。")
    return 0
