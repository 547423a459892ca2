"""Import: a plan document (.docx, .xlsx, .txt) -> a data folder in the format of data/.

    read_docx / read_xlsx / read_text  file -> SourceDocument (the common table, merges resolved)
    interpret                          SourceDocument -> ImportedPlan (work tasks, rows, numbers, deadlines, notice)
    import_plan (here)                 names resolved through the unit registry, unknown ones drafted
    write_yaml                         ImportedPlan -> notice.yaml, tasks.yaml, units.yaml
    report                             what was found and guessed, in Chinese, for the clerk

Nothing is written unless the whole folder loads as a valid plan; the folder is replaced atomically.
"""
from __future__ import annotations

import difflib
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..load import DataError, UnitRegistry, load_plan, load_unit_file
from ..model import Unit
from ..responsibility import looks_like_unit_name, read_responsibility, role_word_in
from .interpret import ImportedPlan, choose_table, interpret
from .read_docx import read_docx
from .read_text import read_text
from .read_xlsx import read_xlsx
from .table import ImportProblem
from .write_yaml import notice_yaml, tasks_yaml, units_yaml

READERS = {".docx": read_docx, ".xlsx": read_xlsx, ".txt": read_text}
CONVERTIBLE = {
    ".doc": "Word", ".wps": "WPS 文字", ".rtf": "Word", ".odt": "WPS 文字或 Word",
    ".xls": "Excel", ".et": "WPS 表格", ".ods": "WPS 表格或 Excel", ".csv": "Excel", ".pdf": "Word 或 WPS",
}
COPIED_FILES = ("site.yaml", "synonyms.yaml")


@dataclass
class ImportResult:
    """What an import produced, for the report."""

    source: Path
    data_dir: Path
    plan: ImportedPlan
    known: list[Unit]
    drafted: list[tuple[Unit, str]]  # (unit, where it was first found)
    requirements: list[str] = field(default_factory=list)  # "表格第12行（第5项）：…" lines
    named_known: int = 0  # registry units the plan names (known also holds the collective terms they belong to)


def import_plan(source: Path, data_dir: Path, registry_path: Path, force: bool = False, defaults: Path | None = None) -> ImportResult:
    """Read source, resolve its units through the registry and write data_dir; raises ImportProblem."""
    reader = _reader(source)
    _check_target(data_dir, force)
    registry = _registry(registry_path)
    plan = interpret(reader(source, choose_table))
    result = ImportResult(source, data_dir, plan, [], [])
    resolver = _Resolver(registry)
    for category in plan.categories:
        for row in category.rows:
            numbers = "、".join(str(task.number) for task in row.tasks)
            resolver.where = f"表格第{row.source_row}行（第{numbers}项）"
            reading = read_responsibility(row.responsibility, resolver.resolve, keep_unknown=True)
            result.requirements += [f"{resolver.where}：“{text}”" for text in reading.requirements]
            resolver.used += [assignment.unit for assignment in reading.assignments]
            if len(row.tasks) > 1 and "\n" in row.responsibility:
                row.note = (f"原表第{_numbers_text(row.tasks)}项共用一个责任单位单元格，其中各段"
                            "与各项的对应关系原表未写明，故完整保留、各项共用。")
                plan.guesses.append(f"{resolver.where}：共用的责任单位单元格有几段，已完整保留给这几项共用；"
                                    "如各段分别对应各项，请在 tasks.yaml 中拆成几行。")
    if not resolver.used:
        raise ImportProblem(
            f"{source.name} 的责任单位列中没有识别出任何单位（单位之间应用“、”分隔，如“区财政局牵头，区审计局配合”）。"
            "请确认表格的责任单位列填写了单位名称，然后重新导入。"
        )
    result.known = _known_units(registry, resolver.used)
    result.named_known = len({unit.id for unit in resolver.used if unit.id in registry.by_id})
    result.drafted = resolver.drafted
    files = _files(plan, result, registry, registry_path, source.name, defaults or registry_path.parent)
    _write_folder(files, data_dir)
    return result


def _reader(source: Path):
    if not source.exists():
        raise ImportProblem(f"找不到文件 {source}。请检查文件名和所在文件夹（可把文件拖到命令行窗口中得到完整路径）。")
    if source.is_dir():
        raise ImportProblem(f"{source} 是文件夹，不是文件。请指定方案文件，如 方案.docx。")
    suffix = source.suffix.lower()
    readable = "Word 文档（.docx）、Excel 工作簿（.xlsx）和制表符分隔的文本（.txt）"
    if suffix not in READERS:
        program = CONVERTIBLE.get(suffix, "Word、WPS 或 Excel")
        raise ImportProblem(
            f"不能直接导入 {source.name}：导入只读取{readable}。"
            f"请用 {program} 打开它，选择“文件 → 另存为”，文档保存为“Word 文档（*.docx）”、"
            "表格保存为“Excel 工作簿（*.xlsx）”，再导入另存的文件。"
            + ("PDF 文件请先在 Word 或 WPS 中打开（或复制其中的表格粘贴到 Word）再另存为 .docx。" if suffix == ".pdf" else "")
        )
    if source.stat().st_size == 0:
        raise ImportProblem(f"{source.name} 是空文件（0 字节）。请确认文件已完整保存或下载，然后重新导入。")
    return READERS[suffix]


def _check_target(data_dir: Path, force: bool) -> None:
    if data_dir.exists() and not data_dir.is_dir():
        raise ImportProblem(f"{data_dir} 已存在且不是文件夹。请用 --data 指定一个新的文件夹名。")
    if data_dir.is_dir() and any(data_dir.iterdir()) and not force:
        raise ImportProblem(
            f"文件夹 {data_dir} 已有内容，导入不会覆盖它。请用 --data 指定一个新的文件夹，"
            "或确认可以整体替换后加上 --force。"
        )


def _registry(path: Path) -> UnitRegistry:
    try:
        return load_unit_file(path, str(path))
    except DataError as error:
        raise ImportProblem(f"单位名录有问题：{error}") from None


class _Resolver:
    """Names -> units: the registry's, or a unit drafted for a name it does not know."""

    def __init__(self, registry: UnitRegistry):
        self.registry = registry
        self.drafts: dict[str, Unit] = {}
        self.drafted: list[tuple[Unit, str]] = []
        self.used: list[Unit] = []
        self.taken = {unit.id for unit in registry.units}
        self.where = ""

    def resolve(self, name: str) -> Unit | None:
        unit = self.registry.resolve(name) or self.drafts.get(name)
        if unit or not looks_like_unit_name(name) or role_word_in(name):
            return unit
        unit = Unit(id=ascii_id(name, self.taken, "unit"), name=name, kind=guess_kind(name))
        self.drafts[name] = unit
        comment = f"{self.where}，类别按名称推测为 {unit.kind}"
        similar = difflib.get_close_matches(name, list(self.registry.by_name), n=1, cutoff=0.7)
        if similar:
            owner = self.registry.resolve(similar[0]).name
            comment += f"；可能就是名录中的“{owner}”，如是，请删去这个单位，把“{name}”加进“{owner}”的 aliases"
        self.drafted.append((unit, comment))
        return unit


def guess_kind(name: str) -> str:
    """town for …镇 / …街道, collective for 各… / …有关部门 / …其他部门 / …有关单位, else department."""
    if name.endswith(("镇", "乡", "街道", "街道办事处", "镇人民政府", "乡人民政府")) and not name.startswith("各"):
        return "town"
    if name.startswith("各") or name.endswith(("有关部门", "其他部门", "有关单位", "各部门", "各单位", "相关部门", "相关单位")):
        return "collective"
    return "department"


def ascii_id(name: str, taken: set[str], fallback: str, syllables: int = 8) -> str:
    """A readable, stable ASCII id from the name's pinyin (区审计局 -> qu-shen-ji-ju), unique among taken."""
    # Without its phrase dictionary pypinyin loads in a fifth of the time (0.2 s instead of 1.2 s here);
    # a polyphone inside a phrase may then get its common reading, which is fine for an id.
    os.environ.setdefault("PYPINYIN_NO_PHRASES", "true")
    from pypinyin import lazy_pinyin

    core = re.sub(r"[（(][^）)]*[）)]", "", name) or name
    words = [re.sub(r"[^a-z0-9]", "", word.lower()) for word in lazy_pinyin(core)]
    words = [word for word in words if word][:syllables]
    base = "-".join(words) or fallback
    candidate, counter = base, 2
    while candidate in taken:
        candidate, counter = f"{base}-{counter}", counter + 1
    taken.add(candidate)
    return candidate


def _numbers_text(tasks) -> str:
    numbers = [task.number for task in tasks]
    return "、".join(map(str, numbers)) if len(numbers) == 2 else f"{numbers[0]}至{numbers[-1]}"


def _known_units(registry: UnitRegistry, used: list[Unit]) -> list[Unit]:
    """The registry's units the plan names, and the collective terms they belong to, in registry order."""
    wanted = {unit.id for unit in used if unit.id in registry.by_id and registry.by_id[unit.id] is unit}
    wanted |= {term for unit in registry.units if unit.id in wanted for term in unit.member_of}
    return [unit for unit in registry.units if unit.id in wanted]


def _files(plan: ImportedPlan, result: ImportResult, registry: UnitRegistry, registry_path: Path,
           file_name: str, defaults: Path) -> dict[str, str]:
    taken: set[str] = set()
    category_ids = [ascii_id(category.name, taken, "task", syllables=6) for category in plan.categories]
    collective_names = {unit.id: unit.name for unit in registry.units}
    files = {
        "notice.yaml": notice_yaml(plan, file_name),
        "tasks.yaml": tasks_yaml(plan, category_ids, file_name),
        "units.yaml": units_yaml(result.known, result.drafted, collective_names, registry_path.name),
    }
    for name in COPIED_FILES:
        if (defaults / name).is_file():
            files[name] = (defaults / name).read_text(encoding="utf-8")
    if "site.yaml" in files:
        files["site.yaml"] = _site_settings(files["site.yaml"], plan)
    return files


def _site_settings(text: str, plan: ImportedPlan) -> str:
    """The copied site.yaml with the site's name and publisher made the new plan's where they were another's."""
    from .write_yaml import scalar

    year = re.search(r"(20\d{2})\s*年", plan.plan_title)
    name = re.search(r"^site_name:\s*(.*)$", text, re.M)
    kept = name and re.sub(r"专栏$", "", name.group(1).strip().strip('"')) in plan.plan_title
    if year and name and not kept:
        site_name = re.sub(r"(分工方案|任务分解表|分解表|清单|方案)$", "", plan.plan_title) + "专栏"
        text = text.replace(name.group(0), f"site_name: {scalar(site_name)}", 1)
        plan.guesses.append(f"网站名称按方案标题写为“{site_name}”，请在 site.yaml 中核对。")
    publisher = re.search(r"^publisher:\s*(.*)$", text, re.M)
    issuer = plan.notice.get("issuer", "")
    if publisher and issuer and issuer not in publisher.group(1):
        text = text.replace(publisher.group(0), f"publisher: {scalar(issuer)}", 1)
        plan.guesses.append(f"主办单位按发文单位写为“{issuer}”，请在 site.yaml 中核对。")
    return text


def _write_folder(files: dict[str, str], data_dir: Path) -> None:
    """Write the files into a new folder beside data_dir, check it loads, then swap it in."""
    parent = data_dir.resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    temp = Path(tempfile.mkdtemp(prefix=f".{data_dir.name}.import-", dir=parent))
    try:
        for name, text in files.items():
            (temp / name).write_text(text, encoding="utf-8")
        try:
            load_plan(temp)
        except DataError as error:
            raise ImportProblem(f"导入的结果未通过数据检查（{error}）。这是导入程序没有处理好的情况，请把原文件交给维护人员。") from None
        old = None
        if data_dir.exists():
            old = parent / f".{data_dir.name}.replaced-{os.getpid()}"
            data_dir.rename(old)
        temp.rename(data_dir)
        if old:
            shutil.rmtree(old, ignore_errors=True)
    finally:
        if temp.exists():
            shutil.rmtree(temp, ignore_errors=True)
