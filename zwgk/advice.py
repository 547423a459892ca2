"""Advice: data that builds but is probably not what the clerk meant, reported as warnings with
file, line and how to write it; the build goes on.

    - a number pasted with the text ("50．主动公开…", "（五）…"): the site numbers tasks itself;
    - a deadline written in the text ("2021年12月31日前") of a task without `deadline`;
    - two paragraphs (or one wrapped line) written without `|-`: YAML joins the lines with a space.

The loader calls the checks; warnings travel as Python warnings (DataWarning), so that the load
keeps its signature; build_site() prints them (reported_warnings()).
"""
from __future__ import annotations

import contextlib
import datetime
import re
import sys
import warnings
from typing import Iterator


class DataWarning(UserWarning):
    """Data that builds but is probably a mistake: where it is and what to do."""

    def __init__(self, file: str, line: int | None, field: str | None, message: str):
        self.file, self.line, self.field, self.message = file, line, field, message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        field = f" 字段 {self.field}：" if self.field else " "
        return f"{where}:{field}{self.message}"


def warn(file: str, line: int | None, field: str | None, message: str) -> None:
    warnings.warn(DataWarning(file, line, field, message), stacklevel=3)


SHOWN_WARNINGS = 20  # a generated or pasted plan may have thousands: the first ones say what to fix


@contextlib.contextmanager
def reported_warnings(stream=None) -> Iterator[list[DataWarning]]:
    """Collect the DataWarnings raised inside the block and print each once, as 「提示：…」, at its end
    (also when the block fails: the advice may explain the error)."""
    found: list[DataWarning] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", DataWarning)
        try:
            yield found
        finally:
            found.extend(w.message for w in caught if isinstance(w.message, DataWarning))
            lines = list(dict.fromkeys(map(str, found)))
            for line in lines[:SHOWN_WARNINGS]:
                print(f"提示：{line}", file=stream or sys.stderr)
            if len(lines) > SHOWN_WARNINGS:
                print(f"提示：另有 {len(lines) - SHOWN_WARNINGS} 条同类提示未列出；改正上面几处后再生成，会列出其余的。",
                      file=stream or sys.stderr)


# --- the checks ------------------------------------------------------------------------------

LEADING_NUMBER = re.compile(r"\s*(?:\d{1,3}\s*[.．、)）]|[（(]\s*[一二三四五六七八九十百\d]+\s*[)）]|[一二三四五六七八九十]+、)")
DEADLINE = re.compile(r"(?<!每)(?:(?P<year>\d{4})年)?(?:(?P<month>\d{1,2})月(?:(?P<day>\d{1,2})日|(?P<monthend>底))?|(?P<yearend>年?底))(?:之前|以前|前)")
CJK = "\u3000-\u303f\u4e00-\u9fff\uff00-\uffef"
JOINED_LINES = re.compile(f"[{CJK}][ \t]+[{CJK}]")
# What every DEADLINE match contains (a month, day or 底, then 前): a quick test that spares the
# full pattern, which tries every position of a text, on the texts that cannot hold a deadline.
DEADLINE_END = re.compile("[月日底](?:之|以)?前")


def check_task(number: int, text: str, has_deadline: bool, file: str, line: int) -> None:
    """Warn about a pasted number, an unrecorded deadline and lines joined by YAML in a task's text."""
    leading = LEADING_NUMBER.match(text)
    if leading:
        warn(file, line, "text", f"第{number}项的正文以“{leading.group().strip()}”开头，像是粘贴时带上了原文的编号。"
             "编号由 number 字段给出、网站会自动显示，请删去正文开头的编号。")
    deadline = DEADLINE.search(text) if DEADLINE_END.search(text) else None
    if deadline and not has_deadline:
        warn(file, line, "text", f"第{number}项的正文写有期限“{deadline.group()}”，但没有填写 deadline。"
             f"请在 text 下面加两行：deadline: {_iso_date(deadline) or 'YYYY-MM-DD'} 和 deadline_text: {deadline.group()}，"
             "网站才会在首页和任务页列出这个期限。")
    _check_joined(text, file, line, "text", f"第{number}项的正文")


def check_responsibility(responsibility: str, file: str, line: int) -> None:
    """Warn about a 责任单位 cell whose lines YAML joined with a space."""
    _check_joined(responsibility, file, line, "responsibility", "责任单位")


def _check_joined(value: str, file: str, line: int, field: str, what: str) -> None:
    joined = JOINED_LINES.search(value) if " " in value or "\t" in value else None
    if joined:
        warn(file, line, field, f"{what}中有空格把中文隔开（“{joined.group()}”）：多半是文字跨行书写而没有用“|-”，"
             f"YAML 把换行变成了空格。若是两段，请写成“{field}: |-”，下面每段一行并缩进；若是一段，请写在同一行。")


def _iso_date(match: re.Match) -> str | None:
    """The date a deadline phrase names, when it names one: 2021年底前 -> 2021-12-31."""
    if not match["year"]:
        return None
    year = int(match["year"])
    try:
        if match["yearend"]:
            return f"{year}-12-31"
        month = int(match["month"])
        if match["day"]:
            return datetime.date(year, month, int(match["day"])).isoformat()
        if match["monthend"]:
            import calendar  # here: it imports locale, ~4 ms at every start, for a rare deadline

            return datetime.date(year, month, calendar.monthrange(year, month)[1]).isoformat()
    except ValueError:  # no such date: the clerk writes the date
        return None
    return None
