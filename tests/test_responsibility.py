"""The 责任单位 grammar, phrase by phrase, on example unit names (not a real registry)."""
from __future__ import annotations

import pytest

from zwgk.model import Unit
from zwgk.responsibility import (
    UnknownUnitName,
    looks_like_unit_name,
    parse_responsibility,
    read_responsibility,
    role_word_in,
)

EXAMPLE_UNITS = {
    name: Unit(id=f"u{position}", name=name, kind="collective" if name.startswith("各") else "department")
    for position, name in enumerate([
        "区财政局", "区审计局", "区税务局", "区政数局", "区司法局", "区教育局", "区委宣传部(网信办)",
        "各镇人民政府", "街道办事处", "区政府有关部门", "各有关单位",
    ])
}


def resolve(name: str) -> Unit | None:
    return EXAMPLE_UNITS.get(name)


def roles(text: str) -> list[tuple[str, str]]:
    return [(a.unit.name, a.role) for a in parse_responsibility(text, resolve)]


@pytest.mark.parametrize("text, expected", [
    # the 2021 plan's phrases
    ("区财政局牵头，各镇人民政府、街道办事处按职责分工落实",
     [("区财政局", "lead"), ("各镇人民政府", "implement"), ("街道办事处", "implement")]),
    ("区财政局、区审计局等部门牵头,各镇人民政府", [("区财政局", "lead"), ("区审计局", "lead"), ("各镇人民政府", "responsible")]),
    ("区司法局牵头，各镇人民政府负责", [("区司法局", "lead"), ("各镇人民政府", "implement")]),
    ("各镇人民政府。区财政局、区审计局按照职责分工强化监管",
     [("各镇人民政府", "responsible"), ("区财政局", "supervise"), ("区审计局", "supervise")]),
    ("区委宣传部(网信办)牵头", [("区委宣传部(网信办)", "lead")]),
    # phrases real plans use besides
    ("区财政局牵头办理", [("区财政局", "lead")]),
    ("区财政局牵头负责", [("区财政局", "lead")]),
    ("区财政局负责落实", [("区财政局", "implement")]),
    ("区财政局办理", [("区财政局", "implement")]),
    ("区财政局会同区审计局、区税务局办理",
     [("区财政局", "lead"), ("区审计局", "implement"), ("区税务局", "implement")]),
    ("区财政局牵头，区审计局配合", [("区财政局", "lead"), ("区审计局", "support")]),
    ("区财政局牵头，区审计局协助", [("区财政局", "lead"), ("区审计局", "support")]),
    ("区财政局牵头，区政数局做好技术支持和指导", [("区财政局", "lead"), ("区政数局", "support")]),
    ("区财政局以及区审计局牵头", [("区财政局", "lead"), ("区审计局", "lead")]),
    ("区财政局，区审计局牵头", [("区财政局", "lead"), ("区审计局", "lead")]),
    ("区财政局、区审计局等单位", [("区财政局", "responsible"), ("区审计局", "responsible")]),
    ("区财政局、区审计局等部门", [("区财政局", "responsible"), ("区审计局", "responsible")]),
    ("区财政局牵头，区审计局参与", [("区财政局", "lead"), ("区审计局", "support")]),
    ("区财政局牵头，区审计局配合落实", [("区财政局", "lead"), ("区审计局", "support")]),
    ("区财政局按职责分工负责", [("区财政局", "implement")]),
    ("区财政局按职责落实", [("区财政局", "implement")]),
    ("区财政局（牵头）、区审计局", [("区财政局", "lead"), ("区审计局", "responsible")]),
    ("区财政局(牵头)、区审计局", [("区财政局", "lead"), ("区审计局", "responsible")]),
    ("各有关单位", [("各有关单位", "responsible")]),
])
def test_phrase(text, expected):
    assert roles(text) == expected


def test_a_clause_naming_no_unit_is_a_work_requirement():
    reading = read_responsibility("区财政局牵头，区审计局配合，在工作中加强与上级单位沟通对接", resolve)
    assert [(a.unit.name, a.role) for a in reading.assignments] == [("区财政局", "lead"), ("区审计局", "support")]
    assert reading.requirements == ["在工作中加强与上级单位沟通对接"]


def test_a_requirement_between_lists_does_not_take_their_role():
    reading = read_responsibility("做好网民留言办理工作，区财政局牵头", resolve)
    assert reading.requirements == ["做好网民留言办理工作"]
    assert [(a.unit.name, a.role) for a in reading.assignments] == [("区财政局", "lead")]


def test_an_unknown_unit_name_is_refused():
    with pytest.raises(UnknownUnitName) as error:
        parse_responsibility("区财政局牵头，区民政局配合", resolve)
    assert error.value.name == "区民政局"


def test_keep_unknown_makes_the_clause_a_requirement():
    reading = read_responsibility("区财政局牵头，区民政局配合", resolve, keep_unknown=True)
    assert reading.requirements == ["区民政局配合"]


def test_paragraphs_keep_their_own_roles():
    assert roles("各镇人民政府\n区财政局牵头，街道办事处落实") == [
        ("各镇人民政府", "responsible"), ("区财政局", "lead"), ("街道办事处", "implement")]


@pytest.mark.parametrize("name, expected", [
    ("区财政局", True), ("区政务服务数据管理局(区公共资源交易分中心)", True), ("各镇人民政府", True),
    ("直属有关单位", True), ("在工作中加强与上级单位沟通对接", False), ("做好网民留言", False),
])
def test_unit_name_shape(name, expected):
    assert looks_like_unit_name(name) is expected


def test_role_word_in_a_name():
    assert role_word_in("区审计局配合区财政局") == "配合"
    assert role_word_in("区审计局") == ""


@pytest.mark.parametrize("name", ["鼎湖海关", "区妇联", "区科协", "区实验小学"])
def test_more_unit_name_endings(name):
    assert looks_like_unit_name(name)


def test_a_sentence_ending_like_a_unit_is_a_requirement():
    assert not looks_like_unit_name("及时报送有关部门")
    reading = read_responsibility("区财政局牵头，及时报送有关部门", resolve)
    assert reading.requirements == ["及时报送有关部门"]


def test_etc_before_a_collective_term_names_two():
    assert roles("区财政局牵头，区审计局等区政府有关部门按职责分工落实") == [
        ("区财政局", "lead"), ("区审计局", "implement"), ("区政府有关部门", "implement")]
