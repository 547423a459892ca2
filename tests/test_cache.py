"""The per-user build cache: converted Markdown is reused only from a folder that is the user's own."""
from __future__ import annotations

import os

import markdown

from zwgk import cache
from zwgk.content import MARKDOWN_EXTENSIONS, markdown_html


def use_temp(monkeypatch, tmp_path):
    monkeypatch.setattr(cache.tempfile, "gettempdir", lambda: str(tmp_path))


def test_converted_markdown_is_the_same_from_the_cache(monkeypatch, tmp_path):
    use_temp(monkeypatch, tmp_path)
    body = "# 标题\n\n| 列 | 值 |\n| --- | --- |\n| a | 1 |\n\n段落 {: #p1 }\n"
    expected = markdown.markdown(body, extensions=MARKDOWN_EXTENSIONS)
    assert markdown_html(body) == expected  # converted and stored
    folder = tmp_path / f"zwgk-cache-{os.getuid()}" / "markdown"
    assert len(list(folder.iterdir())) == 1
    assert oct(folder.stat().st_mode & 0o777) == "0o700"
    assert oct(folder.parent.stat().st_mode & 0o777) == "0o700"
    monkeypatch.setattr(markdown, "markdown", not_called)
    assert markdown_html(body) == expected  # read back, not converted again


def not_called(*args, **kwargs):
    raise AssertionError("Markdown converted a page that is in the cache")


def test_a_changed_page_is_converted_again(monkeypatch, tmp_path):
    use_temp(monkeypatch, tmp_path)
    assert markdown_html("旧的文字\n") == "<p>旧的文字</p>"
    assert markdown_html("新的文字\n") == "<p>新的文字</p>"


def test_a_folder_others_can_write_to_is_not_used(monkeypatch, tmp_path):
    use_temp(monkeypatch, tmp_path)
    top = tmp_path / f"zwgk-cache-{os.getuid()}"
    top.mkdir(mode=0o700)
    (top / "markdown").mkdir()
    os.chmod(top / "markdown", 0o777)
    assert cache.cache_dir("markdown") is None
    monkeypatch.setattr(cache, "key_of", lambda *parts: "planted")
    (top / "markdown" / "planted").write_text("<script>planted</script>", encoding="utf-8")
    assert markdown_html("文字\n") == "<p>文字</p>"
