"""What went wrong in a build, said for a clerk: file, line, field and what to do.

`python build.py` prints it; the preview prints it and shows it on its error page.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import jinja2

from .load import DataError
from .write import OutputError


@dataclass(frozen=True)
class Problem:
    """Why the last build failed: where, and what to do."""

    file: str | None
    line: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.file and self.line else self.file
        field = f"字段 {self.field}：" if self.field else ""
        return f"{where}: {field}{self.message}" if where else f"{field}{self.message}"


def describe(error: Exception, root: Path) -> Problem:
    """The file, line, field and message of a failed build, for the terminal and the error page."""
    if isinstance(error, DataError):
        return Problem(error.file, error.line, error.field, error.message)
    if isinstance(error, OutputError):
        return Problem(None, None, None, str(error))
    if isinstance(error, jinja2.TemplateSyntaxError):
        return Problem(project_path(error.filename, root), error.lineno, None,
                       f"模板语法错误（{error.message}）。请检查这一行的 {{% %}} 与 {{{{ }}}} 是否成对、拼写是否正确。")
    file, line = template_line(error, root)
    if isinstance(error, jinja2.TemplateNotFound):
        return Problem(file, line, None, f"找不到模板“{error.name}”。请检查 extends 或 include 中的文件名。")
    if isinstance(error, jinja2.TemplateError):
        return Problem(file, line, None, f"模板错误（{error.message}）。请检查这一行用到的名称和属性是否拼写正确。")
    return Problem(file, line, None, f"生成网站时出现程序错误（{type(error).__name__}: {error}），详情见终端。")


def template_line(error: Exception, root: Path) -> tuple[str | None, int | None]:
    """The innermost template line in the error's traceback (Jinja2 puts template lines there)."""
    import traceback  # here: only a failed build needs it (~2 ms to import at every start)

    templates = (root / "templates").resolve()
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        if Path(frame.filename).resolve().is_relative_to(templates):
            return project_path(frame.filename, root), frame.lineno
    return None, None


def project_path(filename: str | None, root: Path) -> str | None:
    """'templates/task.html' for a file in the project, else the name as it is."""
    path = Path(filename or "").resolve()
    return path.relative_to(root.resolve()).as_posix() if filename and path.is_relative_to(root.resolve()) else filename
