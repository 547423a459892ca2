"""zwgk/write.py in-process (quick, and what the mutation run exercises): staged and swapped output, the
marker, refusal of folders it did not write. The same promises through `python build.py`: test_bad_data.py."""
from __future__ import annotations

import stat
from pathlib import Path

import pytest

from zwgk.write import MARKER, OutputError, check_replaceable, marker_of, write_site


def snapshot(folder) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def static(tmp_path):
    folder = tmp_path / "static"
    (folder / "img").mkdir(parents=True)
    (folder / "site.css").write_bytes(b"body{}")
    (folder / "img" / "a.svg").write_bytes(b"<svg/>")
    return folder


def test_writes_files_static_and_marker(tmp_path, static):
    out = tmp_path / "out"
    count = write_site(out, {"index.html": b"home", "tasks/1/index.html": b"one"}, static)
    assert count == 2
    assert snapshot(out) == {"index.html": b"home", "tasks/1/index.html": b"one",
                             "static/site.css": b"body{}", "static/img/a.svg": b"<svg/>"}, "the marker is not published"
    assert marker_of(out).read_bytes().strip()
    assert stat.S_IMODE(out.stat().st_mode) == 0o755
    assert sorted(p.name for p in tmp_path.iterdir()) == [marker_of(out).name, "out", "static"]


def test_a_missing_static_folder_is_no_error(tmp_path):
    out = tmp_path / "out"
    write_site(out, {"index.html": b"x"}, tmp_path / "no-static")
    assert sorted(snapshot(out)) == ["index.html"] and marker_of(out).is_file()


def test_replaces_its_own_output_whole(tmp_path, static):
    out = tmp_path / "out"
    write_site(out, {"index.html": b"old", "old/index.html": b"gone"}, static)
    write_site(out, {"index.html": b"new"}, static)
    assert snapshot(out)["index.html"] == b"new" and "old/index.html" not in snapshot(out)
    assert sorted(p.name for p in tmp_path.iterdir()) == [marker_of(out).name, "out", "static"], "no staging or retired folder left"


def test_writes_into_a_new_parent_folder(tmp_path, static):
    out = tmp_path / "a" / "b" / "out"
    write_site(out, {"index.html": b"x"}, static)
    assert (out / "index.html").read_bytes() == b"x"


def test_an_empty_folder_may_be_used(tmp_path, static):
    out = tmp_path / "out"
    out.mkdir()
    write_site(out, {"index.html": b"x"}, static)
    assert marker_of(out).is_file()


class FailingFiles(dict):
    """Files whose reading fails part-way, as a page whose template fails is rendered while written."""

    def items(self):
        yield "data/tasks.json", b"new data"
        yield "index.html", b"new home"
        raise RuntimeError("template error while rendering")


def test_a_failure_while_writing_leaves_the_previous_output_byte_for_byte(tmp_path, static):
    out = tmp_path / "out"
    write_site(out, {"index.html": b"old home", "data/tasks.json": b"old data"}, static)
    before = snapshot(out)
    with pytest.raises(RuntimeError):
        write_site(out, FailingFiles(), static)
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [marker_of(out).name, "out", "static"], "the staging folder is removed"


def test_a_failure_on_a_first_build_leaves_nothing(tmp_path, static):
    with pytest.raises(RuntimeError):
        write_site(tmp_path / "out", FailingFiles(), static)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["static"]


def test_refuses_a_folder_it_did_not_write(tmp_path, static):
    home = tmp_path / "home"
    home.mkdir()
    (home / "thesis.docx").write_bytes(b"important")
    with pytest.raises(OutputError, match="拒绝覆盖") as error:
        write_site(home, {"index.html": b"x"}, static)
    assert "请用 --out 指定一个新的或空的文件夹" in str(error.value) and MARKER in str(error.value)
    assert snapshot(home) == {"thesis.docx": b"important"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home", "static"]


def test_refuses_a_file(tmp_path):
    target = tmp_path / "file"
    target.write_bytes(b"x")
    with pytest.raises(OutputError, match="不是文件夹"):
        check_replaceable(target)


def test_accepts_a_missing_folder_and_its_own(tmp_path, static):
    check_replaceable(tmp_path / "missing")
    write_site(tmp_path / "out", {"index.html": b"x"}, static)
    check_replaceable(tmp_path / "out")


def test_a_failed_swap_puts_the_previous_output_back(tmp_path, static, monkeypatch):
    """If the new folder cannot be moved into place, the old one (already renamed away) is moved back."""
    out = tmp_path / "out"
    write_site(out, {"index.html": b"old"}, static)
    before = snapshot(out)
    real_rename = Path.rename

    def rename(self, target):
        if self.name.startswith(".out.new-"):
            raise OSError("simulated failure")
        return real_rename(self, target)

    monkeypatch.setattr(Path, "rename", rename)
    with pytest.raises(OSError, match="simulated"):
        write_site(out, {"index.html": b"new"}, static)
    monkeypatch.undo()
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [marker_of(out).name, "out", "static"]


def test_staging_and_retired_folders_are_hidden_beside_the_output(tmp_path, static, monkeypatch):
    """The new and the old output live beside it as hidden .out.new-*/.out.old-* (same file system: rename is atomic)."""
    out = tmp_path / "out"
    write_site(out, {"index.html": b"old"}, static)
    seen = []
    real_rename = Path.rename

    def rename(self, target):
        seen.append((self.parent, self.name, Path(target).name))
        return real_rename(self, target)

    monkeypatch.setattr(Path, "rename", rename)
    write_site(out, {"index.html": b"new"}, static)
    assert [parent for parent, _, _ in seen] == [tmp_path, tmp_path]
    assert seen[0][1] == "out" and seen[0][2].startswith(".out.old-")
    assert seen[1][1].startswith(".out.new-") and seen[1][2] == "out"
