"""The command line in Chinese: one ArgumentParser class for every command of build.py.

argparse writes its own words (usage:, options:, show this help message and exit, its error
messages) through gettext; importing this module routes them through MESSAGES instead, for the
whole process (it is our command line). Python keeps these strings stable, but a new Python
could reword one: tests/test_cli.py runs every command's help and typical mistakes and fails
on any English left, so a reworded string is found and added here.

A usage error prints the usage, one line 「用法错误：…」 and where to read more, and exits with 2.
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

MESSAGES = {
    "usage: ": "用法：",
    "options": "选项",
    "optional arguments": "选项",
    "positional arguments": "参数",
    "show this help message and exit": "显示本帮助并退出",
    "the following arguments are required: %s": "缺少必须给出的参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "invalid %(type)s value: %(value)r": "“%(value)s”不是有效的%(type)s",
    "invalid choice: %(value)r (choose from %(choices)s)": "“%(value)s”不是可选的值，可选：%(choices)s",
    "expected one argument": "后面缺少一个值",
    "expected at most one argument": "后面最多只能有一个值",
    "expected at least one argument": "后面至少要有一个值",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 不明确，可能是 %(matches)s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "ignored explicit argument %r": "不应带值 %r",
    "one of the arguments %s is required": "须给出以下参数之一：%s",
    "can't open '%(filename)s': %(error)s": "无法打开“%(filename)s”：%(error)s",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
}
PLURAL_MESSAGES = {"expected %s argument": "后面需要 %s 个值"}
TYPE_NAMES = {"int": "整数", "float": "数字", "Path": "路径"}


def _translate(message: str) -> str:
    return MESSAGES.get(message, message)


def _translate_plural(singular: str, plural: str, count: int) -> str:
    return PLURAL_MESSAGES.get(singular, singular if count == 1 else plural)


argparse._ = _translate  # argparse's gettext hooks (module globals it calls at every message)
argparse.ngettext = _translate_plural


def existing_folder(text: str) -> Path:
    """An argument that names a folder that exists (such as --data)."""
    path = Path(text)
    if not path.is_dir():
        raise argparse.ArgumentTypeError(f"找不到文件夹“{text}”。请检查路径是否正确；新方案的数据文件夹可先用 python build.py import 方案文件 --data 文件夹 生成")
    return path


class HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """Each option's help on its own line under the option (argparse aligns columns by counting
    characters, which misaligns Chinese ones); descriptions and epilogs kept as written."""

    def __init__(self, prog: str):
        super().__init__(prog, max_help_position=6, width=100)


class ChineseParser(argparse.ArgumentParser):
    """An ArgumentParser whose help and errors are Chinese; usage errors exit with 2."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, **kwargs)

    def format_help(self) -> str:
        """argparse's help with the section headings ("选项:") ending in a full-width colon."""
        return re.sub(r"^(\S[^\n]*):$", r"\1：", super().format_help(), flags=re.MULTILINE)

    def error(self, message: str):
        """The usage, one line saying what is wrong, and where to read more; exit status 2."""
        self.print_usage(sys.stderr)
        for english, chinese in TYPE_NAMES.items():
            message = message.replace(f"不是有效的{english}", f"不是有效的{chinese}")
        print(f"用法错误：{message}", file=sys.stderr)
        print(f"运行 {self.prog} --help 可查看全部选项及说明。", file=sys.stderr)
        raise SystemExit(2)

