"""Findings, the report and its two formats: grouped Chinese text and stable JSON."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from itertools import groupby

from .registry import RULES, title

PLACES_SHOWN = 10  # places listed for a problem found in many places


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
    hints: list[str] = field(default_factory=list)  # advice on the whole check, in Chinese

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


def _problem_key(f: Finding):
    """Findings with the same key are one problem in several places: for links the message
    names the missing file (however each page wrote the URL), for the rest the target too."""
    return (f.rule, f.message) if f.type == "link" else (f.rule, f.message, f.target)


def _finding_lines(f: Finding, hinted: set) -> list[str]:
    level = "错误" if f.severity == "error" else "警告"
    lines = [f"[{level}] {title(f.rule)}：{f.message}", f"      对象：{f.target}"]
    if f.rule not in hinted and f.rule in RULES:
        hinted.add(f.rule)
        lines.append(f"      修改建议：{RULES[f.rule].hint}")
    return lines


def _where(f: Finding) -> str:
    return f"第 {f.line} 行" if f.line else "—"


def format_text(report: Report) -> str:
    """The report in Chinese: advice first, then each problem found in several places once
    with its places, then the other problems grouped by page; one fix hint per rule."""
    lines = [f"提示：{hint}" for hint in report.hints]
    if lines:
        lines.append("")
    findings = sorted(report.findings, key=_sort_key)
    groups: dict = {}
    for f in findings:
        groups.setdefault(_problem_key(f), []).append(f)
    repeated = [group for group in groups.values() if len(group) > 1]
    single = [f for f in findings if len(groups[_problem_key(f)]) == 1]
    hinted: set = set()
    if repeated:
        lines.append(f"在多处出现的问题（{len(repeated)} 个问题，"
                     f"共 {sum(len(g) for g in repeated)} 处）")
        for group in sorted(repeated, key=lambda g: (-len(g), _sort_key(g[0]))):
            first_lines = _finding_lines(group[0], hinted)
            lines.append("  " + first_lines[0])
            lines += first_lines[1:]
            places = [f"{f.file} {_where(f)}" for f in group[:PLACES_SHOWN]]
            more = f"，另有 {len(group) - PLACES_SHOWN} 处" if len(group) > PLACES_SHOWN else ""
            lines.append(f"      出现 {len(group)} 处：{'；'.join(places)}{more}")
        lines.append("")
    for file, page_group in groupby(single, key=lambda f: f.file):
        page_group = list(page_group)
        lines.append(f"{file}（{len(page_group)} 个问题）")
        for f in page_group:
            first_lines = _finding_lines(f, hinted)
            lines.append(f"  {_where(f)} " + first_lines[0])
            lines += first_lines[1:]
        lines.append("")
    summary = f"检查了 {report.pages} 个页面：{report.errors} 个错误，{report.warnings} 个警告。"
    if report.external_links:
        how = "已逐个访问" if report.external_checked else "未访问，加 --external 可检查"
        summary += f"站外链接 {report.external_links} 个（{how}）。"
    lines.append(summary)
    return "\n".join(lines) + "\n"
