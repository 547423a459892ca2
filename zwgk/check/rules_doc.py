"""`python -m zwgk.check.rules_doc > docs/checker.md`: the checker's doc, its rule table
generated from the registry."""
from __future__ import annotations

import sys

from . import site  # noqa: F401 (imports every rule module)
from .registry import RULES

INTRO = """# Link and accessibility checker

`python build.py check [DIR]` checks every HTML page under DIR (default `output/`) and every
stylesheet: links and accessibility. It prints a report grouped by page, in Chinese, and exits
0 when there is no error, 1 when there is one, 2 on a usage error or an unreadable DIR. Every
`python build.py` runs it over what it has just written.

Options:

- `--format json` prints one JSON object instead:
  `{"pages": <int>, "findings": [{"file", "rule", "type", "severity", "message", "line", "target"}]}`;
  `file` is relative to DIR, `type` is `link` or `a11y`, `severity` is `error` or `warning`,
  `line` is an integer or null, `target` is the URL as written or a short snippet of the element.
- `--base-url PATH` resolves root-relative links for a site served under a sub-path.
- `--external` also fetches http(s) links; without it they are only counted.

From Python: `zwgk.check.check_site(root, base_url="/", external=False)` returns a `Report`
(`pages`, `findings`, `errors`, `to_json()`), and `zwgk.check.format_text(report)` the text.

## How it decides

- Pages are parsed with lxml. Content inside comments, `<template>`, `<textarea>` and
  `<script>`, and plain text (also in `<pre>`), is never a link.
- Links resolve as in a browser: against `<base href>` or the page's URL, percent-decoded,
  query ignored, case-sensitive. A path ending in `/` needs that folder's `index.html`; a folder
  named without the slash is fine when it has one. A `#fragment` must be an `id` or `<a name>`
  on the target page, compared as written and percent-decoded; `#` and `#top` always work, and
  fragments into non-HTML files are not checked. `url()` in stylesheets resolves from the
  stylesheet. `mailto:` and `tel:` are checked for form; http(s) only with `--external`.
- Accessibility rules follow the W3C ACT rules' definitions (accessible name, hidden content,
  applicability) with axe-core's rule ids. Hidden means `hidden`, inline `display:none` or
  `visibility:hidden`, or `aria-hidden="true"`; stylesheets are not applied, except that
  `color-contrast` reads colour pairs declared together in one rule block (or one `style=""`).
- Scored on the W3C ACT test cases in `../shared/act` by `tests/check/test_check_act.py`
  (`act: rules_implemented=34/35 recall=1.00 precision=1.00 cases=206`).

## Speed

Each page is parsed once; ids are collected in that pass and fragments are resolved after all
pages are parsed. Sites of 200 pages or more are checked by one worker process per core. On this
project's 2-core machine a synthetic site of 10,097 pages (28 KB, 180 links and a 60-row table
each) costs about 2.2 ms of CPU per page, and `python build.py check` takes 18–20 s in all
(500–560 pages/s) when nothing else runs on the machine.
"""


def rule_table() -> str:
    """The Markdown table of every registered rule."""
    lines = ["| id | type | WCAG 2.1 | severity | message | how to fix | ACT rule |",
             "| --- | --- | --- | --- | --- | --- | --- |"]
    for rule in sorted(RULES.values(), key=lambda r: (r.type, r.id)):
        act = ", ".join(t[4:] for t in rule.tags if t.startswith("act:"))
        cells = [f"`{rule.id}`", rule.type, rule.wcag or "—", rule.severity, rule.message,
                 rule.hint, act or "—"]
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    """Table cell text: pipes and angle brackets escaped, so Markdown shows them as written."""
    return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


def document() -> str:
    return INTRO + "\n" + rule_table()


if __name__ == "__main__":
    sys.stdout.write(document())
