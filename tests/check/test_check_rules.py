"""Every accessibility rule against its passing and failing fixtures.

tests/check/fixtures/rules/<rule-id>/fail-N.html must be reported for that rule and
pass-N.html must not. A fixture that is a fragment is put in a clean page first.
"""
from __future__ import annotations

import pytest

from checkhelpers import FIXTURES, findings, rule_ids
from zwgk.check.registry import RULES

RULE_FIXTURES = FIXTURES / "rules"
CASES = sorted(RULE_FIXTURES.glob("*/*.html"))


@pytest.mark.parametrize("fixture", CASES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_fixture(tmp_path, fixture):
    rule = fixture.parent.name
    found = findings(tmp_path, {"index.html": fixture.read_text(encoding="utf-8")})
    mine = [f for f in found if f.rule == rule]
    if fixture.stem.startswith("fail"):
        assert mine, f"{rule} not reported for {fixture.name}"
        assert all(f.file == "index.html" and f.type == "a11y" for f in mine)
        assert all(f.message.startswith(RULES[rule].message) for f in mine)
    else:
        assert not mine, f"{rule} reported for {fixture.name}: {mine}"


@pytest.mark.parametrize("rule", [r for r in RULES.values() if r.type == "a11y"],
                         ids=lambda r: r.id)
def test_every_rule_has_passing_and_failing_fixtures(rule):
    kinds = {p.stem.split("-")[0] for p in (RULE_FIXTURES / rule.id).glob("*.html")}
    assert kinds == {"pass", "fail"}


def test_fixture_folders_name_registered_rules():
    assert {p.name for p in RULE_FIXTURES.iterdir()} <= set(RULES)


def test_clean_page_has_no_findings(tmp_path):
    assert findings(tmp_path, {"index.html": "<p>正文</p>"}) == []


def test_finding_points_at_line_and_element(tmp_path):
    found = findings(tmp_path, {"index.html": '<p>x</p>\n<img src="a.png">'})
    (image,) = [f for f in found if f.rule == "image-alt"]
    assert image.line == 8
    assert image.target == '<img src="a.png">'
    assert image.severity == "error"


def test_rule_declarations_are_complete():
    for rule in RULES.values():
        assert rule.type in ("a11y", "link")
        assert rule.severity in ("error", "warning")
        assert rule.message and rule.hint
        assert rule.wcag == "" or rule.wcag.count(".") == 2


def test_page_in_gbk_is_read(tmp_path):
    html = '<html lang="zh-CN"><head><meta charset="gbk"><title>通知</title></head>' \
           '<body><main><h1>通知</h1><img src="a.png"></main></body></html>'
    found = findings(tmp_path, {"index.html": html.encode("gbk")})
    assert rule_ids(found) == {"image-alt", "link-broken"}
