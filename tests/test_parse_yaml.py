"""parse_yaml's quick paths for plain scalars give what PyYAML's safe loader gives."""
from __future__ import annotations

import datetime

import yaml

from zwgk.yamlparse import parse_yaml

SCALARS = """\
- 010
- 0x1F
- 0o17
- 1_000
- 12:30
- -5
- +7
- 0
- 00
- 3.5
- .inf
- yes
- No
- ~
- null
-
- 2021-12-31
- "123"
- '010'
- !!str 12
- 区财政局
- number
- name
- 12345678901234567890
- 2021年
"""


def test_plain_scalars_read_as_pyyaml_reads_them():
    expected = yaml.safe_load(SCALARS)
    assert parse_yaml(SCALARS) == expected
    assert parse_yaml(SCALARS) == expected  # again, with the tags of short scalars already resolved
    assert expected[:5] == [8, 31, "0o17", 1000, 750] and expected[16] == datetime.date(2021, 12, 31)


def test_numbers_are_ints_and_text_is_text():
    values = parse_yaml("- number: 48\n  text: 依法规范\n")
    assert values == [{"number": 48, "text": "依法规范"}] and type(values[0]["number"]) is int
