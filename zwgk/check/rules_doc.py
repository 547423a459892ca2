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
  (`act: rules_implemented=34/35 recall=1.00 precision=1.00 cases=206`), and element by
  element on axe-core's own rule fixtures in `../shared/axe` by
  `tests/check/test_check_axe.py` (`axe-fixtures: rules=43 cases=48 recall=0.99
  precision=1.00 tp=346 fn=2 fp=1`; aim 0.95 for both).
- Where axe-core (whose rule ids the checker uses) is more lenient than ARIA 1.2 or ACT, the
  checker follows axe: the same rule id on the same element. `tests/check/test_check_differential.py`
  runs axe-core in Chromium and the checker over every page of the built site, the ACT cases and
  the checker's own fixtures, element by element; every disagreement it allows is listed in
  "Where the checker and axe-core differ" below, with its reason.
- Parsing: lxml (libxml2), with the one repair an HTML5 parser makes that the rules notice:
  table cells and rows written straight into `<table>` (or a row group) get their implied
  `<tr>`/`<tbody>`, numbered with their first child's line.

## Speed

Each page is parsed once; ids are collected in that pass and fragments are resolved after all
pages are parsed. Links into the site are looked up once per target path (a site whose pages
sit in many folders reaches the same few files from all of them). Rules that would visit every
cell, link or list item take a short path on pages without the markup that needs the long one
(no colspan/rowspan/headers: no slot grid for `th-has-data-cells`; no role attribute: no role
lookups); `tests/check/test_check_fastpaths.py` compares each short path with the long one.

A site of 64 pages or more is shared between this process and one forked child per other
core (`zwgk/forked.py`): the chunks of 32 pages wait in a pipe, and each process takes the next
one when it is free, so a process slowed by other jobs takes fewer; children send their results
back through a pipe and the report is the same as from one process
(`tests/check/test_check_parallel.py`). Below 64 pages nothing is forked.

`python bench/check_heavy.py [--pages N]` writes a synthetic site of heavy pages (28 KB, 180
links and a 60-row table each) and times `python build.py check` on it. One process spends
about 1.6 ms of CPU per such page (2.1–2.3 ms before issue 12), 1.0 ms per page of our own
10,000-task site (1.2 ms before) and 1.0 ms per page of the seed (1.1 ms before); measured
figures and the machine's load are in `bench/README.md` ("Issue 12: the checker").
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


SCOPE = """
## Scope of each rule, as axe-core

Each rule applies to the elements axe-core's rule of the same id selects, and reports the
element axe reports. Hidden elements (not in the accessibility tree) are left out unless noted.

- `image-alt`: every `<img>` whose role needs a name (none, a presentational role, a role that
  requires a name, or focusable): an `alt` attribute (even empty), `aria-label`,
  `aria-labelledby`, `title` or a presentational role passes; an `alt` of spaces fails.
- `input-image-alt`, `input-button-name`, `button-name`: the element by its tag (whatever its
  role, if that role needs a name); a `<label>` (enclosing or `for`), `title` or, for buttons,
  a presentational role names it; `<input type=submit/reset>` without `value` has its default
  name, with `value=""` none.
- `link-name`: every `<a href>`; other `role=link`, `role=button` and `role=menuitem` elements
  are `aria-command-name`. `aria-toggle-field-name` includes `role=option`.
- `summary-name`: the first `<summary>` of a `<details>`, whatever its role.
- `object-alt`: every `<object data>` that shows its data (no fallback content, or data that
  loads); a missing image, audio or video file still counts, as in ACT 8fc3b6.
- `frame-title`, `area-alt` (every `<area href>` in a `<map>`, used or not): `title`,
  `aria-label`, `aria-labelledby`; a frame marked `role=none` passes unless it has a title, a
  tabindex or a global ARIA attribute.
- `aria-valid-attr-value`: values as axe checks them: id references must name an element
  (`aria-describedby`, `aria-labelledby` and `aria-current` only need review, so are not
  reported), integers have axe's least values, empty values that axe allows pass, and
  `aria-errormessage` must point at one shown element that is an alert, a live region or also
  in `aria-describedby`.
- `aria-allowed-attr`: axe's ARIA 1.1 allowances (`aria-expanded` on many roles,
  `aria-required` on radio and slider, ...), `aria-required="false"` anywhere, upper-case values
  of case-sensitive tokens, global attributes on `<br>`/`<wbr>`/`<picture>`; one finding per
  element.
- `aria-prohibited-attr`: `aria-label`/`aria-labelledby` on a role that prohibits naming, or,
  without a role, on an element HTML gives no name (span, div, kbd, `<a>` without href,
  unknown elements) outside widgets.
- `aria-required-children`: explicit container roles own only allowed roles and at least one
  required one (an empty list, grid, menu, table, tree ... passes: axe only asks for review).
- `presentation-role-conflict`: `role=none/presentation` and `<img alt="">` on elements that
  Chromium gives a role, focusable (as axe counts focus) or with a global ARIA attribute.
- `definition-list`: text, non-`dt`/`dd` elements (a role-less `<div>` counts by its children)
  and a `<dd>` with no `<dt>` before it; `list` accepts `role=listitem` children and
  `listitem` leaves an `<li>` with a role to the ARIA rules.
- `td-headers-attr` and `th-has-data-cells` report the `<table>`; `document-title` reports the
  document (`<html>`); `duplicate-id` and `duplicate-id-aria` report the first element.
- `autocomplete-valid`: axe's on/off synonyms (`none`, `false`, `xoff`, ...) pass; read-only and
  `aria-disabled` fields are out; proposed field names (`pronouns`, `gender`, ...) are neither
  passed nor failed.
- `landmark-one-main`, `page-has-heading-one`: pass while a modal dialog is shown.

## Where the checker and axe-core differ

Each of these is an entry of `KNOWN` in `tests/check/test_check_differential.py`.

- Rules that need layout or a browser: `color-contrast` (the checker reads colour pairs from
  stylesheets and reports the stylesheet), `frame-focusable-content` (axe needs the framed
  document, which the comparison does not load).
- ACT over axe, where axe is stricter or misses what ACT asks: native containers without a
  role owning wrong children (`<ul><div>`) are `aria-required-children` (ACT bc4a75), where axe
  reports only `list`; a generic element with a global ARIA attribute (`aria-live`) between a
  `listitem` and its `list` breaks the required parent (ACT ff89c9); `aria-roledescription` on
  a generic element and `aria-braillelabel` where naming is prohibited are
  `aria-prohibited-attr` (ACT kb1m8s); `aria-label` on an element with text is reported where
  axe asks for review; media elements take the attributes of role `application`
  (`aria-allowed-attr`, ACT 5c01ea); `avoid-inline-spacing` counts only elements with text of
  their own (ACT 24afc2), axe also a container whose descendants have text; an `<object>`
  with fallback content whose image file is missing still needs a name (ACT 8fc3b6).
- `meta-refresh` judges the first `<meta http-equiv=refresh>` only, the one browsers follow
  (ACT bc659a, bisz58); axe judges every one. It matches `http-equiv` in any letter case, as
  browsers do; axe's selector misses `Refresh`.
- `aria-required-parent` looks through `group` as axe does (a `treeitem` in a `group` needs the
  group inside a `tree` or another `treeitem`).
- Where axe only asks for review ("incomplete"), the checker may report or not; the comparison
  accepts either.
"""


def document() -> str:
    return INTRO + SCOPE + "\n## Rules\n\n" + rule_table()


if __name__ == "__main__":
    sys.stdout.write(document())
