#!/usr/bin/env python3
"""Build the 政务公开专栏 from data/, content/, templates/ and static/ into output/.

    python build.py [--out DIR] [--base-url PATH] [--data DIR]   build, then check the result
    python build.py check [DIR] [--format json] ...             check any folder of HTML (see README)
    python build.py serve [--port 8000] ...                     preview with live reload (see README)
    python build.py import FILE --data DIR ...                  a plan document (.docx .xlsx .txt) -> a data folder
    python build.py ledger --unit UNIT | --all | --import FILE.xlsx ...         落实情况台账 (see README)
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

from zwgk.cli import ChineseParser, existing_folder
from zwgk.urls import normalize_base_url

ROOT = Path(__file__).resolve().parent


def build_site(out_dir: Path, base_url: str = "/", root: Path = ROOT, data_dir: Path | None = None) -> int:
    """The recipe: load and lay out the site -> render its pages -> add the data files -> write. Returns the number of pages."""
    # The build's modules are imported here, not at the top: `python build.py check` needs none of them (~0.08 s).
    from zwgk.render import make_environment, render_pages
    from zwgk.site import load_site
    from zwgk.write import check_replaceable, write_site

    check_replaceable(out_dir)
    site = load_site(root, data_dir or root / "data")  # plan, registry, content, progress, page list: zwgk/site.py
    env = make_environment(root / "templates", base_url)
    files = render_pages(env, site.pages, site.context())
    files.update(site.data_files(base_url))  # open data, sitemap, search index
    write_site(out_dir, files, root / "static")
    return len(site.pages)


COMMANDS = """\
其他命令（各自加 --help 查看选项）：
  python build.py serve   本地预览：修改数据、页面或模板并保存后，浏览器自动刷新
  python build.py check   检查任意文件夹中网页的链接和无障碍问题
  python build.py import  从 Word（.docx）、Excel（.xlsx）或文本（.txt）导入新一年的方案到数据文件夹
  python build.py ledger  生成各单位填写落实情况的台账表格（.xlsx），或把填好的台账汇入 progress.yaml

使用说明：docs/使用说明.md"""


def build_parser() -> ChineseParser:
    parser = ChineseParser(prog="python build.py", epilog=COMMANDS,
                           description="生成政务公开专栏网站到 output/，然后检查每个页面。")
    parser.add_argument("--out", type=Path, default=ROOT / "output", metavar="文件夹", help="输出文件夹（默认 output/）")
    parser.add_argument("--base-url", type=normalize_base_url, default="/", metavar="路径",
                        help="网站在门户网站上的网址路径，如 /zwgk/2021/（默认 /）；只用于网站地图、开放数据和404页面")
    parser.add_argument("--data", type=existing_folder, default=ROOT / "data", metavar="文件夹",
                        help="数据文件夹（默认 data/），如导入的新方案所在的文件夹")
    return parser


def build_command(argv: list[str]) -> int:
    import jinja2  # with the build's modules: see build_site

    from zwgk.failure import describe
    from zwgk.load import DataError
    from zwgk.write import OutputError

    args = build_parser().parse_args(argv)
    started = time.perf_counter()
    try:
        pages = build_site(args.out, args.base_url, data_dir=args.data)
    except (DataError, OutputError, jinja2.TemplateError) as error:  # pages are rendered as written: the old output stays
        print(f"错误：{describe(error, ROOT)}", file=sys.stderr)
        print("构建已停止，原有输出未改动。", file=sys.stderr)
        return 1
    print(f"已生成 {pages} 个页面到 {args.out}，用时 {time.perf_counter() - started:.2f} 秒。")
    if not (args.out / "sitemap.xml").is_file():
        print(f"未生成网站地图 sitemap.xml：{args.data.name}/site.yaml 中的 site_url 为空，而网站地图只能写完整网址。"
              "发布前请填写门户网站的地址，如 site_url: https://www.example.gov.cn")
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
    if argv[:1] == ["ledger"]:
        from zwgk.ledger import main as ledger_main

        return ledger_main(argv[1:], root=ROOT)
    if argv[:1] == ["serve"]:
        from zwgk.serve import main as serve_main

        return serve_main(argv[1:], root=ROOT)
    return build_command(argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
