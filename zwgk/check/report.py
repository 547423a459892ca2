"""Findings, the report and its two formats: grouped Chinese text and stable JSON."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from itertools import groupby

from .registry import RULES


@dataclass(frozen=True, order=True)
class Finding:
    file: str  # path relative to the checked directory, with "/" separators
    line: int | None
    rule: str
    type: str  # "link" or "a11y"
    severity: str  # "error" or "warning"
    message: str
    target: str

    def to_json(self) -> dict:
        """The finding as the JSON object of the report format."""
        keys = ("file", "rule", "type", "severity", "message", "line", "target")
        data = asdict(self)
        return {k: data[k] for k in keys}


@dataclass
class Report:
    pages: int = 0
    findings: list[Finding] = field(default_factory=list)
    external_links: int = 0  # links out of the site seen (fetched only with --external)
    external_checked: bool = False

    @property
    def errors(self) -> int:
        return sum(f.severity == "error" for f in self.findings)

    @property
    def warnings(self) -> int:
        return sum(f.severity == "warning" for f in self.findings)

    def to_json(self) -> dict:
        return {"pages": self.pages, "findings": [f.to_json() for f in self.findings]}


def _sort_key(f: Finding):
    return (f.file, f.line if f.line is not None else 0, f.rule, f.target)


def format_text(report: Report) -> str:
    """The report grouped by page, in Chinese, with one fix hint per rule and page."""
    lines = []
    findings = sorted(report.findings, key=_sort_key)
    for file, group in groupby(findings, key=lambda f: f.file):
        group = list(group)
        lines.append(f"{file}（{len(group)} 个问题）")
        hinted = set()
        for f in group:
            level = "错误" if f.severity == "error" else "警告"
            where = f"第 {f.line} 行" if f.line else "—"
            lines.append(f"  {where} [{level}] {f.rule}：{f.message}")
            lines.append(f"      对象：{f.target}")
            if f.rule not in hinted and f.rule in RULES:
                hinted.add(f.rule)
                lines.append(f"      修改建议：{RULES[f.rule].hint}")
        lines.append("")
    summary = f"检查了 {report.pages} 个页面：{report.errors} 个错误，{report.warnings} 个警告。"
    if report.external_links:
        how = "已逐个访问" if report.external_checked else "未访问，加 --external 可检查"
        summary += f"站外链接 {report.external_links} 个（{how}）。"
    lines.append(summary)
    return "\n".join(lines) + "\n"
