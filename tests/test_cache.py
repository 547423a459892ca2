"""The per-user build cache: converted Markdown and parsed YAML are reused only from a folder that is the
user's own, and only for the same text."""
from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import markdown
import pytest

from project import REPO
from zwgk import cache, load, yamlparse
from zwgk.content import MARKDOWN_EXTENSIONS, markdown_html
from zwgk.load import DataError


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


# --- parsed YAML (load.parsed_yaml) ---------------------------------------------------------------

TASKS_TEXT = "- id: open\n  name: 公开\n  tasks:\n    - number: 1\n      text: 依法公开\n      deadline: 2021-06-30\n"


def yaml_entries(tmp_path) -> list:
    return sorted((tmp_path / f"zwgk-cache-{os.getuid()}" / "yaml").iterdir())


def parse_not_called(*args, **kwargs):
    raise AssertionError("parsed a text that is in the cache")


def test_a_parsed_file_is_read_back_with_its_lines(monkeypatch, tmp_path):
    use_temp(monkeypatch, tmp_path)
    expected = yamlparse.parse_yaml(TASKS_TEXT)
    first = load.parsed_yaml(Path("/p/data/tasks.yaml"), "data/tasks.yaml", TASKS_TEXT)
    assert first == expected and len(yaml_entries(tmp_path)) == 1
    monkeypatch.setattr(yamlparse, "parse_file", parse_not_called)
    again = load.parsed_yaml(Path("/p/data/tasks.yaml"), "data/tasks.yaml", TASKS_TEXT)
    assert again == expected
    task = again[0]["tasks"][0]
    assert (again[0].line, again[0].key_lines) == (1, {"id": 1, "name": 2, "tasks": 3})
    assert (task.line, task.line_of("deadline")) == (4, 6)
    assert str(task["deadline"]) == "2021-06-30"


def test_an_edited_file_is_parsed_again_and_replaces_its_entry(monkeypatch, tmp_path):
    use_temp(monkeypatch, tmp_path)
    load.parsed_yaml(Path("/p/data/tasks.yaml"), "data/tasks.yaml", TASKS_TEXT)
    load.parsed_yaml(Path("/p/data/units.yaml"), "data/units.yaml", "- a: 1\n")
    edited = TASKS_TEXT.replace("依法公开", "主动公开")
    assert load.parsed_yaml(Path("/p/data/tasks.yaml"), "data/tasks.yaml", edited)[0]["tasks"][0]["text"] == "主动公开"
    assert len(yaml_entries(tmp_path)) == 2  # the edited file's entry replaced its old one; units.yaml's kept


def test_a_file_with_a_mistake_is_never_kept(monkeypatch, tmp_path):
    use_temp(monkeypatch, tmp_path)
    broken = "- id: open\n  name: 公开: 政务\n"
    for _ in range(2):  # reported the same way each time
        with pytest.raises(DataError) as error:
            load.parsed_yaml(Path("/p/data/tasks.yaml"), "data/tasks.yaml", broken)
        assert (error.value.file, error.value.line) == ("data/tasks.yaml", 2)
    cut = "- id: open\n  name: 公开 #第一项\n"  # refused after parsing: also not kept
    for _ in range(2):
        with pytest.raises(DataError) as error:
            load.parsed_yaml(Path("/p/data/tasks.yaml"), "data/tasks.yaml", cut)
        assert error.value.line == 2 and "截断" in error.value.message
    assert yaml_entries(tmp_path) == []


def test_a_damaged_entry_is_parsed_again(monkeypatch, tmp_path):
    use_temp(monkeypatch, tmp_path)
    load.parsed_yaml(Path("/p/data/tasks.yaml"), "data/tasks.yaml", TASKS_TEXT)
    [entry] = yaml_entries(tmp_path)
    entry.write_bytes(entry.read_bytes()[:40])
    assert load.parsed_yaml(Path("/p/data/tasks.yaml"), "data/tasks.yaml", TASKS_TEXT) == yamlparse.parse_yaml(TASKS_TEXT)
    assert len(entry.read_bytes()) > 40  # replaced by a whole one


def test_a_yaml_folder_others_can_write_to_is_not_used(monkeypatch, tmp_path):
    use_temp(monkeypatch, tmp_path)
    top = tmp_path / f"zwgk-cache-{os.getuid()}"
    (top / "yaml").mkdir(parents=True, mode=0o700)
    os.chmod(top, 0o700)
    os.chmod(top / "yaml", 0o777)
    name = cache.key_of("/p/data/tasks.yaml")[:16] + "-" + cache.key_of(load._parser_stamp(), TASKS_TEXT)
    with open(top / "yaml" / name, "wb") as planted:
        load._pickle_tree([{"id": "planted"}], planted)  # what the folder would give if it were used
    assert load.parsed_yaml(Path("/p/data/tasks.yaml"), "data/tasks.yaml", TASKS_TEXT) == yamlparse.parse_yaml(TASKS_TEXT)
    os.chmod(top / "yaml", 0o700)  # the same entry in a folder of the user's own is read back
    assert load.parsed_yaml(Path("/p/data/tasks.yaml"), "data/tasks.yaml", TASKS_TEXT) == [{"id": "planted"}]


def test_a_build_of_unchanged_data_does_not_import_pyyaml_and_writes_the_same_site(tmp_path):
    """Two real builds in fresh processes with a fresh cache folder: the second parses nothing."""
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    script = ("import sys; from pathlib import Path; from build import build_site; "
              "build_site(Path(sys.argv[1])); print('yaml' in sys.modules)")
    outputs = []
    for run in ("cold", "warm"):
        out = tmp_path / run
        done = subprocess.run([sys.executable, "-c", script, str(out)], cwd=REPO, env=env,
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        outputs.append((out, done.stdout.split()[-1]))
    assert [imported for _, imported in outputs] == ["True", "False"]
    cold, warm = (sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file()) for out, _ in outputs)
    assert cold == warm and len(cold) > 90
    for rel in cold:
        assert (outputs[0][0] / rel).read_bytes() == (outputs[1][0] / rel).read_bytes(), rel


def test_the_yaml_folder_keeps_its_newest_entries(monkeypatch, tmp_path):
    use_temp(monkeypatch, tmp_path)
    monkeypatch.setattr(cache, "KEPT_PER_FOLDER", 3)
    for n in range(5):
        load.parsed_yaml(Path(f"/project-{n}/data/tasks.yaml"), "data/tasks.yaml", f"- n: {n}\n")
        entry = max(yaml_entries(tmp_path), key=lambda path: path.stat().st_mtime_ns)
        os.utime(entry, ns=(n * 10**9, n * 10**9))  # each older than the next, whatever the clock's grain
    kept = yaml_entries(tmp_path)
    assert len(kept) == 3
    assert sorted(path.stat().st_mtime_ns for path in kept) == [2 * 10**9, 3 * 10**9, 4 * 10**9]


def test_a_files_bytes_are_decoded_only_to_be_parsed(monkeypatch, tmp_path):
    use_temp(monkeypatch, tmp_path)
    tasks = tmp_path / "data" / "tasks.yaml"
    tasks.parent.mkdir()
    tasks.write_bytes(TASKS_TEXT.replace("\n", "\r\n").encode("utf-8"))  # as Windows editors save it
    assert load.parsed_yaml(tasks, "data/tasks.yaml") == yamlparse.parse_yaml(TASKS_TEXT)
    with monkeypatch.context() as patched:
        patched.setattr(load, "decode", parse_not_called)
        patched.setattr(yamlparse, "parse_file", parse_not_called)
        assert load.parsed_yaml(tasks, "data/tasks.yaml")[0].key_lines == {"id": 1, "name": 2, "tasks": 3}
    [entry] = yaml_entries(tmp_path)
    entry.write_bytes(b"\x80damaged")  # read again from the file, parsed and kept anew
    assert load.parsed_yaml(tasks, "data/tasks.yaml") == yamlparse.parse_yaml(TASKS_TEXT)
    units = tmp_path / "data" / "units.yaml"
    units.write_bytes("- name: 公开\n".encode("gbk"))
    for _ in range(2):
        with pytest.raises(DataError) as error:
            load.parsed_yaml(units, "data/units.yaml")
        assert error.value.file == "data/units.yaml" and "UTF-8" in error.value.message
    assert len(yaml_entries(tmp_path)) == 1  # tasks.yaml's


def test_an_entry_that_cannot_be_written_leaves_nothing_behind(monkeypatch, tmp_path):
    use_temp(monkeypatch, tmp_path)

    def cannot_pickle(value, file):
        file.write(b"half an entry")
        raise pickle.PicklingError("an example failure")

    monkeypatch.setattr(load, "_pickle_tree", cannot_pickle)
    assert load.parsed_yaml(Path("/p/data/tasks.yaml"), "data/tasks.yaml", TASKS_TEXT) == yamlparse.parse_yaml(TASKS_TEXT)
    assert yaml_entries(tmp_path) == []  # neither the entry nor its temporary file
