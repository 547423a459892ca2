"""The --base-url rule (zwgk/urls.py): what is accepted, how it is written, what is refused."""
from __future__ import annotations

import argparse

import pytest

from zwgk.urls import normalize_base_url


@pytest.mark.parametrize("given, base", [
    ("", "/"), ("/", "/"), ("//", "/"),
    ("zwgk", "/zwgk/"), ("/zwgk", "/zwgk/"), ("zwgk/", "/zwgk/"),
    ("zwgk/2021", "/zwgk/2021/"), ("/zwgk/2021/", "/zwgk/2021/"),
    ("a-b_c.d~e/2021", "/a-b_c.d~e/2021/"), ("ABC/x9", "/ABC/x9/"),
    ("XX", "/XX/"), ("/X/Y/", "/X/Y/"),
])
def test_accepted(given, base):
    assert normalize_base_url(given) == base


@pytest.mark.parametrize("given", ["/a b/", "zwgk/年度", "zwgk//2021", "zwgk?x=1", "zwgk#top", "http://x/", "a%20b", "a\\b", "..", "zwgk/../x", "./zwgk"])
def test_refused_with_a_chinese_message(given):
    with pytest.raises(argparse.ArgumentTypeError) as error:
        normalize_base_url(given)
    assert "不是有效的网址路径" in str(error.value) and given in str(error.value)
    assert "/zwgk/2021/" in str(error.value), "the message shows an example"
