"""The search index (zwgk/search.py): folding, the synonyms file, and the index built from the seed."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from zwgk.load import DataError, load_plan
from zwgk.pages import build_index
from zwgk.search import fold, load_synonyms, role_bits, search_files

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def plan():
    return load_plan(REPO / "data")


@pytest.fixture(scope="module")
def site_index(plan):
    return build_index(plan)


@pytest.fixture(scope="module")
def index_bytes(plan, site_index) -> bytes:
    return bytes(search_files(plan, site_index, REPO / "data")["search/index.json"])


@pytest.fixture(scope="module")
def index(index_bytes) -> dict:
    return json.loads(index_bytes)


# --- fold --------------------------------------------------------------------------------------


@pytest.mark.parametrize("text, folded", [
    ("IPv6", "ipv6"),
    ("ＩＰｖ６", "ipv6"),
    ("  规划 ", "规划"),
    ("财政\u3000公开", "财政公开"),
    ("第３０项", "第30项"),
    ("（区公共资源交易分中心）", "(区公共资源交易分中心)"),
    ("区政数局", "区政数局"),
    ("", ""),
])
def test_fold(text, folded):
    assert fold(text) == folded


def test_fold_keeps_one_character_per_character_it_keeps():
    text = "Ａ b\tＣ，政务"
    assert len(fold(text)) == len([char for char in text if not char.isspace()])


# --- synonyms ----------------------------------------------------------------------------------


def write_synonyms(tmp_path: Path, text: str) -> Path:
    (tmp_path / "synonyms.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def test_the_synonyms_of_the_issue_are_there():
    groups = load_synonyms(REPO / "data")
    assert any({"ipv6", "互联网协议第6版"} <= set(group) for group in groups)
    assert any({"12345", "政府服务热线"} <= set(group) for group in groups)


def test_synonyms_are_folded_and_a_bare_number_is_a_word(tmp_path):
    data = write_synonyms(tmp_path, "- terms: [ＩＰｖ６, 互联网协议第6版, IPv6]\n- terms: [12345, 热线]\n  note: x\n")
    assert load_synonyms(data) == [("ipv6", "互联网协议第6版"), ("12345", "热线")]


@pytest.mark.parametrize("text, line, phrase", [
    ("terms: [ab, cd]\n", None, "列表"),
    ("- terms: [ab, cd]\n- term: [ef, gh]\n", 2, "没有这个字段"),
    ("- note: x\n", 1, "缺少必填字段 terms"),
    ("- terms: 热线\n", 1, "应为列表"),
    ("- terms: [热线]\n", 1, "至少要有两个"),
    ("- terms: [热线, HOTLINE, hotline]\n", None, None),
    ("- terms: [政府 热线, 热线]\n", 1, "空格"),
    ("- terms: [热线, '']\n", 1, "非空文字"),
    ("- terms: [热线, [a]]\n", 1, "非空文字"),
    ("- terms: [热线, 线]\n", 1, "太短"),
    ("- terms: [热线, 电话]\n\n- terms: [12345, 电话]\n", 3, "第1行"),
    ("- terms: [ab, cd\n", 1, "缺少对应的“]”"),  # the line where the list opened
])
def test_bad_synonyms_stop_with_file_and_line(tmp_path, text, line, phrase):
    data = write_synonyms(tmp_path, text)
    if phrase is None:  # the case-only duplicate is no error, just one word
        assert load_synonyms(data) == [("热线", "hotline")]
        return
    with pytest.raises(DataError) as error:
        load_synonyms(data)
    assert error.value.file == "data/synonyms.yaml"
    assert error.value.line == line
    assert phrase in str(error.value)


def test_a_file_of_comments_only_means_no_synonyms(tmp_path):
    assert load_synonyms(write_synonyms(tmp_path, "# none yet\n")) == []


def test_a_bad_synonyms_file_stops_the_build_before_writing(tmp_path):
    from project import copy_project, run_build

    project = copy_project(tmp_path / "project")
    (project / "data" / "synonyms.yaml").write_text("- terms: [热线]\n", encoding="utf-8")
    result = run_build(project, "--out", "out")
    assert result.returncode == 1
    assert result.stderr.startswith("错误：data/synonyms.yaml:1: 字段 terms：")
    assert not (project / "out").exists()


# --- the index -------------------------------------------------------------------------------


def test_index_is_compact_json_under_40_kb(index_bytes):
    assert len(index_bytes) < 40 * 1024
    assert b"\n" not in index_bytes and b": " not in index_bytes
    assert "区政府办公室".encode() in index_bytes  # UTF-8, not \\u escapes


def test_each_unit_name_and_text_stored_once(plan, index_bytes):
    text = index_bytes.decode()
    for unit in plan.units:
        assert text.count(f'"{unit.name}"') == 1, unit.name
    for task in plan.tasks:
        assert text.count(task.text) == 1, task.number


def test_tasks_in_order_with_their_category_and_text(plan, index):
    assert [row[0] for row in index["tasks"]] == [task.number for task in plan.tasks]
    for row, task in zip(index["tasks"], plan.tasks):
        assert index["categories"][row[1]] == [task.category.id, task.category.name]
        assert row[2] == task.text
        assert row[4] == task.short_text
        assert row[5] == ([task.deadline.isoformat(), task.deadline_text] if task.deadline else [])


def test_tasks_units_and_roles_as_on_the_task_cards(plan, index):
    """Decoded as search.js decodes it (bit i = index["roles"][i]) and compared with the roles written by
    hand in test_roles.py, not with the lookups the index is built from."""
    from test_roles import EXPECTED_ROLES

    shown = [role for role, label in index["roles"]]
    assert {"lead", "implement", "supervise"} <= set(shown) and "responsible" not in shown
    by_name = {name: unit.id for unit in plan.units for name in unit.names}
    assert [row[0] for row in index["tasks"]] == list(range(1, 49))
    for number, category, text, units, *_ in index["tasks"]:
        decoded = {}
        for position, bits in zip(units[0::2], units[1::2]):
            unit_id = index["units"][position][0]
            assert unit_id not in decoded, (number, unit_id)
            decoded[unit_id] = {shown[bit] for bit in range(len(shown)) if bits & (1 << bit)}
        expected: dict[str, set[str]] = {}
        for role, names in EXPECTED_ROLES[number].items():
            for name in names:
                expected.setdefault(by_name[name], set()).update({role} & set(shown))
        assert decoded == expected, number


def test_role_bits():
    assert role_bits(["lead"]) == 1 and role_bits(["implement"]) == 2 and role_bits(["support"]) == 4
    assert role_bits(["supervise"]) == 8 and role_bits(["supervise"], ["lead", "implement", "supervise"]) == 4
    assert role_bits(["responsible"]) == 0 and role_bits(["lead", "implement"]) == 3


def test_units_with_aliases_and_collective_terms(plan, index):
    units = {row[0]: row for row in index["units"]}
    assert units["data-administration"][2] == ["区政数局"]
    member_of = [index["units"][position][0] for position in units["education"][3]]
    assert member_of == list(next(unit for unit in plan.units if unit.id == "education").member_of)


def test_collective_terms_reach_the_same_tasks_as_the_unit_pages(index, site_index):
    """search.js's rule: a task reaches unit U through the collective terms among its units that U
    belongs to, unless it names U itself. It must give what each unit page lists."""
    for position, (unit_id, name, aliases, member_of) in enumerate(index["units"]):
        reached = []
        for number, category, text, units, *_ in index["tasks"]:
            named = units[0::2]
            via = [term for term in member_of if term in named]
            if position not in named and via:
                reached.append((number, [index["units"][term][0] for term in via]))
        expected = [(task.number, [unit.id for unit in terms]) for task, terms in site_index.unit_tasks[unit_id].via_collective]
        assert reached == expected, name


def test_education_is_reached_through_collective_terms(index, site_index):
    via = [task.number for task, terms in site_index.unit_tasks["education"].via_collective]
    assert len(via) == 42 and 6 in via and 32 not in via and 39 not in via  # 32 and 39 name 区教育局 itself


def test_the_script_escapes_line_separators_that_old_engines_refuse_in_strings():
    from zwgk.search import script_pieces

    pieces = ['{"tasks":[[1,"第一行\u2028第二行', '\u2029"]]}']
    script = "".join(script_pieces(pieces))
    assert script == 'window.zwgkSearchIndex={"tasks":[[1,"第一行\\u2028第二行\\u2029"]]};\n'
    assert json.loads(script.removeprefix("window.zwgkSearchIndex=").removesuffix(";\n")) == json.loads("".join(pieces))


def test_rows_encoded_in_batches_are_the_rows_encoded_one_by_one(plan, site_index, monkeypatch):
    """index_pieces encodes ROWS_AT_ONCE tasks per json.dumps call; any batch size gives the same text."""
    import zwgk.search

    synonyms = load_synonyms(REPO / "data")
    whole = "".join(zwgk.search.index_pieces(plan, site_index, synonyms))
    for size in (1, 5, 47, 48):
        monkeypatch.setattr(zwgk.search, "ROWS_AT_ONCE", size)
        assert "".join(zwgk.search.index_pieces(plan, site_index, synonyms)) == whole
    assert [row[0] for row in json.loads(whole)["tasks"]] == [task.number for task in plan.tasks]
