"""The --base-url rule (zwgk/urls.py): what is accepted, how it is written, what is refused; links between pages."""
from __future__ import annotations

import argparse
from urllib.parse import urljoin

import pytest

from zwgk.urls import normalize_base_url, relative_link


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


@pytest.mark.parametrize("page_url", ["", "units/", "tasks/30/", "notice.html"])
@pytest.mark.parametrize("target", ["", "units/", "static/site.css", "search/?q=x", "units/u1/#roles", "a#b?c",
                                    "?q=1", "#top", "a?b#c/", "data/tasks.json"])
def test_a_relative_link_leads_from_its_page_to_the_target_file_with_its_query_or_fragment(page_url, target):
    link = relative_link(page_url, target)
    cut = min([target.find(mark) for mark in "?#" if mark in target] or [len(target)])
    path = target[:cut] + "index.html" if target[:cut] == "" or target[:cut].endswith("/") else target[:cut]
    assert not link.startswith("/")
    assert urljoin("http://example.org/zwgk/" + page_url, link) == "http://example.org/zwgk/" + path + target[cut:]
