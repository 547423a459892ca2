"""Interpret the common table: columns by their header text, headings, numbered requirements, deadlines.

The result is an ImportedPlan: work tasks (with their section) holding rows, a row being one
责任单位 cell and the requirements printed beside it, plus every guess made, with its table row.
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from .table import Cell, ImportProblem, SourceDocument, Table

# Column kinds by header text. Exact names first; then the first kind whose word the header contains.
HEADER_NAMES = {
    "number": ("序号", "编号", "项次", "序", "No", "NO"),
    "section": ("类别", "分类", "板块", "工作板块", "工作类别", "一级任务", "重点领域", "领域", "任务类别"),
    "task": ("工作任务", "主要工作任务", "重点任务", "主要任务", "任务名称", "二级任务", "工作项目", "重点工作", "工作重点"),
    "requirement": ("具体要求", "任务内容", "工作要求", "工作措施", "具体任务", "工作内容", "具体内容", "主要内容",
                    "具体措施", "任务要求", "落实措施", "主要措施", "具体工作", "工作目标"),
    "responsibility": ("责任单位", "责任单位和工作要求", "责任部门", "承办单位", "落实单位", "责任主体", "主责单位",
                       "责任单位及分工", "责任分工", "责任科室", "责任处室", "承办处室", "承办科室"),
    "lead": ("牵头单位", "牵头部门", "主办单位", "牵头责任单位", "牵头", "牵头处室", "牵头科室", "主责单位"),
    "support": ("配合单位", "协办单位", "配合部门", "参与单位", "协助单位", "配合", "配合处室", "会办处室", "会办单位",
                "协办处室", "配合科室"),
    "deadline": ("完成时限", "时限要求", "时间节点", "完成时间", "时限", "完成期限", "时间安排", "进度安排", "时间要求"),
    "note": ("备注", "说明"),
}
CONTAINS_ORDER = ("lead", "support", "responsibility", "deadline", "requirement", "task", "number", "section", "note")
CONTAINS_WORDS = {
    "lead": ("牵头", "主办"), "support": ("配合", "协办", "协助", "会办", "参与"), "responsibility": ("责任", "承办"),
    "deadline": ("时限", "时间", "期限"), "requirement": ("要求", "内容", "措施"), "task": ("任务",),
    "number": ("序号",), "section": ("类别", "分类", "板块"), "note": ("备注",),
}

_SECTION_ENUMERATOR = re.compile(r"^\s*(?:第[一二三四五六七八九十百]+部分|[一二三四五六七八九十百]+\s*[、.．,，])\s*")
_TASK_ENUMERATOR = re.compile(r"^\s*[（(]\s*[一二三四五六七八九十百]+\s*[)）]\s*[、.．]?\s*")
_NUMBER_ENUMERATOR = re.compile(r"^\s*(?:[（(]\s*\d{1,3}\s*[)）]|\d{1,3}\s*[.．、,，](?!\d))\s*")
_ITEM_START = re.compile(r"(?:^|(?<=[\s。；;！!？?]))(\d{1,3})\s*[.．、](?:(?!\d)|(?=\d{4}\s*年))\s*")
_CHINESE_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


@dataclass
class ImportedTask:
    number: int
    text: str
    deadline: datetime.date | None = None
    deadline_text: str = ""
    source_row: int = 0


@dataclass
class ImportedRow:
    """One 责任单位 cell and the requirements printed beside it."""

    responsibility: str
    tasks: list[ImportedTask]
    source_row: int
    key: tuple = ()  # the physical cells it came from: rows with the same key share the cell
    note: str = ""


@dataclass
class ImportedCategory:
    name: str
    section: str
    rows: list[ImportedRow] = field(default_factory=list)
    source_row: int = 0

    @property
    def tasks(self) -> list[ImportedTask]:
        return [task for row in self.rows for task in row.tasks]


@dataclass
class ImportedPlan:
    plan_title: str
    notice: dict
    categories: list[ImportedCategory]
    guesses: list[str]  # "表格第12行：…" lines for the report
    columns: dict[str, str]  # kind -> the header text it was found under

    @property
    def tasks(self) -> list[ImportedTask]:
        return [task for category in self.categories for task in category.tasks]


# --- headers -----------------------------------------------------------------------------------


def squash(text: str) -> str:
    return re.sub(r"[\s:：*＊]", "", text)


def header_kind(text: str) -> str | None:
    """The column kind a header cell names, or None."""
    name = re.sub(r"[（(][^）)]*[）)]", "", squash(text)) or squash(text)
    if not name or len(name) > 12:
        return None
    for kind, names in HEADER_NAMES.items():
        if name in names:
            return kind
    for kind in CONTAINS_ORDER:
        if any(word in name for word in CONTAINS_WORDS[kind]):
            return kind
    return None


def _row_kinds(row: list[Cell]) -> list[str | None]:
    """Each cell's header kind; of two work-task headers (重点任务, 具体工作任务) the second is the requirement."""
    kinds = [header_kind(cell.text) if cell.text else None for cell in row]
    tasks = [i for i, kind in enumerate(kinds) if kind == "task" and (i == 0 or row[i].origin != row[i - 1].origin)]
    if "requirement" not in kinds and len(tasks) >= 2:
        kinds[tasks[-1]] = "requirement"
        for i in range(tasks[-1] + 1, len(row)):
            if row[i].origin == row[tasks[-1]].origin:
                kinds[i] = "requirement"
    return kinds


def _is_header_row(row: list[Cell]) -> bool:
    kinds = _row_kinds(row)
    named = [kind for kind, cell in zip(kinds, row) if cell.text]
    return "requirement" in named and all(named)


@dataclass
class Layout:
    """Where the header is and what each column holds."""

    header_rows: list[int]
    kinds: list[str | None]  # per column
    header_texts: list[str]  # per column, for messages and for spotting repeated headers


def find_layout(table: Table) -> Layout | None:
    """The header rows (one, or two when the second names the parts of a spanning header) and column kinds."""
    for index, row in enumerate(table.rows[:20]):
        if not _is_header_row(row):
            continue
        header_rows = [index]
        kinds = _row_kinds(row)
        texts = [cell.text for cell in row]
        if index + 1 < len(table.rows):
            below = table.rows[index + 1]
            below_kinds = [header_kind(cell.text) if cell.text else None for cell in below]
            if any(below_kinds) and all(k or not cell.text for k, cell in zip(below_kinds, below)) \
                    and not _has_data(below):
                header_rows.append(index + 1)
                for column, kind in enumerate(below_kinds):
                    if kind and below[column].origin != row[column].origin:
                        kinds[column], texts[column] = kind, below[column].text
        _split_spanning(row, kinds)
        return Layout(header_rows, kinds, texts)
    return None


def _has_data(row: list[Cell]) -> bool:
    return any(len(cell.text) > 12 for cell in row)


def _split_spanning(row: list[Cell], kinds: list[str | None]) -> None:
    """A header spanning two columns: 工作任务 over (section, work task); 具体要求 over (number, text)."""
    column = 0
    while column < len(row):
        end = column
        while end + 1 < len(row) and row[end + 1].origin == row[column].origin and kinds[end + 1] == kinds[column]:
            end += 1
        if end > column:
            kind = kinds[column]
            if kind == "task":
                kinds[column:end + 1] = ["section"] * (end - column) + ["task"]
            elif kind == "requirement":
                kinds[column:end + 1] = ["number"] * (end - column) + ["requirement"]
            else:
                kinds[column + 1:end + 1] = [None] * (end - column)
        column = end + 1


def choose_table(tables: list[Table], path) -> Table:
    """The first table whose header names a requirement column; a clear problem when there is none."""
    if not tables or all(not table.rows for table in tables):
        raise ImportProblem(
            f"{path.name} 中没有找到表格。导入需要方案的附件表格（含“具体要求”“责任单位”等列）。"
            "请确认文件中有这张表格（不是图片），或改为导入含有表格的 .docx / .xlsx 文件。"
        )
    for table in tables:
        if find_layout(table):
            return table
    first_rows = [" / ".join(cell.text for cell in dict.fromkeys(row) if cell.text) for table in tables for row in table.rows[:1]]
    found = "；".join(text[:60] for text in first_rows if text) or "（空）"
    raise ImportProblem(
        f"{path.name} 的表格中没有找到“具体要求”列（也叫 任务内容、工作要求、工作措施）。找到的表头：{found}。"
        "请在表格第一行（表头）写明各列名称，如：序号 / 工作任务 / 具体要求 / 责任单位 / 完成时限，然后重新导入。"
    )


# --- the table --------------------------------------------------------------------------------


def strip_heading(text: str) -> str:
    """A heading's name: enumerators (一、 （一） 1.) and a final 。 removed."""
    text = text.replace("\n", "")
    for pattern in (_SECTION_ENUMERATOR, _TASK_ENUMERATOR, _NUMBER_ENUMERATOR):
        text = pattern.sub("", text, count=1)
    return text.strip().rstrip("。；;：:").strip()


def heading_level(text: str) -> str | None:
    """'section' for 一、…, 'task' for （一）…, None without an enumerator."""
    if _SECTION_ENUMERATOR.match(text):
        return "section"
    if _TASK_ENUMERATOR.match(text):
        return "task"
    return None


def split_items(text: str) -> list[tuple[int | None, str]]:
    """A requirement cell -> [(number or None, text)]: "1. … 2. …" is several requirements."""
    text = text.strip()
    starts = []
    for match in _ITEM_START.finditer(text):
        number = int(match.group(1))
        if not starts and match.start() != 0:
            break
        if starts and number != starts[-1][0] + 1:
            continue
        starts.append((number, match))
    if not starts:
        return [(None, _join(text))] if text else []
    items = []
    for position, (number, match) in enumerate(starts):
        end = starts[position + 1][1].start() if position + 1 < len(starts) else len(text)
        items.append((number, _join(text[match.end():end])))
    return [(number, item) for number, item in items if item]


def _join(text: str) -> str:
    """A requirement's paragraphs as one text (a cell's line breaks are layout, not content)."""
    return "".join(line.strip() for line in text.split("\n"))


def _number_cell(text: str) -> int | None:
    match = re.fullmatch(r"\s*(?:第)?(\d{1,4})\s*(?:[.．、]|项)?\s*", text)
    return int(match.group(1)) if match else None


def interpret(document: SourceDocument) -> ImportedPlan:
    """The plan the document holds."""
    table = document.table
    layout = find_layout(table)
    if not {"responsibility", "lead", "support"} & set(layout.kinds):
        found = " / ".join(dict.fromkeys(text for text in layout.header_texts if text))
        raise ImportProblem(
            f"{document.path.name} 的表格中没有找到“责任单位”列（也叫 牵头单位、责任部门、责任科室）。找到的表头：{found}。"
            "请在表头中写明责任单位所在的列，然后重新导入。"
        )
    guesses: list[str] = []
    before = list(document.before)
    first_section = strip_heading(before.pop()) if before and heading_level(before[-1]) == "section" else ""
    notice, plan_title = read_notice(before, document.after)
    titles = [cell.text.replace("\n", "") for row in table.rows[: layout.header_rows[0]] for cell in dict.fromkeys(row)
              if cell.text and not _ATTACHMENT.match(cell.text.replace("\n", ""))]
    if not plan_title and titles:
        plan_title = next((title for title in reversed(titles) if title.endswith(_PLAN_WORDS)), titles[0])
    if not plan_title:
        plan_title = document.path.stem
        guesses.append(f"文件中没有方案标题，暂以文件名“{plan_title}”作标题，请在 notice.yaml 的 plan_title 中改正。")
    year = plan_year(plan_title, notice) or _year_in_table(table)
    reader = _TableReader(table, layout, year, guesses)
    reader.section = first_section  # 一、… printed just above the table
    categories = reader.read()
    if not categories or not any(category.tasks for category in categories):
        raise ImportProblem(
            f"{document.path.name} 的表格有表头，但“具体要求”列下没有任何内容。请确认表格内容完整后重新导入。"
        )
    _renumber(categories, guesses)
    columns = {kind: text for kind, text in zip(layout.kinds, layout.header_texts) if kind}
    return ImportedPlan(plan_title, notice, categories, guesses, columns)


class _TableReader:
    """Walks the table's rows once, keeping the current section and work task."""

    def __init__(self, table: Table, layout: Layout, year: int | None, guesses: list[str]):
        self.table, self.layout, self.year, self.guesses = table, layout, year, guesses
        self.columns = {kind: [i for i, k in enumerate(layout.kinds) if k == kind] for kind in HEADER_NAMES}
        self.section = ""
        self.category: ImportedCategory | None = None
        self.categories: list[ImportedCategory] = []
        self.used_requirement_cells: set = set()
        self.last_row: ImportedRow | None = None
        self.pending_task = ""  # a work task named by a heading row, waiting for its first requirement

    def cell(self, row: list[Cell], kind: str) -> Cell | None:
        columns = self.columns.get(kind) or []
        return row[columns[0]] if columns else None

    def text(self, row: list[Cell], kind: str) -> str:
        cell = self.cell(row, kind)
        return cell.text if cell else ""

    def read(self) -> list[ImportedCategory]:
        start = self.layout.header_rows[-1] + 1
        for index in range(start, len(self.table.rows)):
            row, line = self.table.rows[index], self.table.row_numbers[index]
            if not any(cell.text for cell in row) or self.is_repeated_header(row):
                continue
            if len({cell.origin for cell in row}) == 1 and len(row) > 1:
                self.heading(row[0].text, line)
                continue
            self.data_row(row, line)
        return [category for category in self.categories if category.rows]

    def is_repeated_header(self, row: list[Cell]) -> bool:
        texts = [squash(cell.text) for cell in row]
        header = [squash(text) for text in self.layout.header_texts]
        return sum(1 for a, b in zip(texts, header) if a and a == b) >= 2 or (
            not any(len(cell.text) > 12 for cell in row) and _is_header_row(row))

    def heading(self, text: str, line: int) -> None:
        """A row of one cell across the table: a section (一、…) or a work task (（一）…)."""
        level = heading_level(text)
        if level is None:
            level = "section" if self.columns["task"] else "task"
        if level == "section":
            self.section = strip_heading(text)
            self.category = None
            self.pending_task = ""
        else:
            self.pending_task = strip_heading(text)
            self.category = None

    def start_category(self, name: str, line: int) -> None:
        if self.category and self.category.name == name and self.category.section == self.section:
            return
        self.category = ImportedCategory(name, self.section, source_row=line)
        self.categories.append(self.category)
        self.last_row = None

    def unmerged_heading(self, row: list[Cell]) -> str:
        """A row with no requirement and one text (一、… or 一 | …): a heading typed into the first cells."""
        if self.text(row, "requirement"):
            return ""
        skip = {self.cell(row, kind).origin for kind in ("number",) if self.cell(row, kind)}
        texts = list(dict.fromkeys(cell.text for cell in row if cell.text and cell.origin not in skip))
        if len(texts) != 1:
            return ""
        enumerator = self.text(row, "number").strip()
        if re.fullmatch(r"[一二三四五六七八九十百]+[、.．]?", enumerator):
            return enumerator.rstrip("、.．") + "、" + texts[0]
        if re.fullmatch(r"[（(][一二三四五六七八九十百]+[)）]", enumerator):
            return enumerator + texts[0]
        return texts[0] if heading_level(texts[0]) else ""

    def data_row(self, row: list[Cell], line: int) -> None:
        heading = self.unmerged_heading(row)
        if heading:
            self.heading(heading, line)
            return
        section_text = self.text(row, "section")
        if section_text:
            self.section = strip_heading(section_text)
        task_text = self.text(row, "task")
        if task_text and heading_level(task_text) == "section" and not self.columns["section"] and "\n" in task_text:
            first, rest = task_text.split("\n", 1)  # 一、section and （一）work task in one cell
            self.section, task_text = strip_heading(first), rest
        name = strip_heading(task_text) if task_text else self.pending_task
        if not name and not self.category:
            name = self.section or "工作任务"
            if not self.section:
                self.guesses.append(f"表格第{line}行：没有工作任务名称，暂归入“工作任务”，请核对。")
        if name:
            self.start_category(name, line)
        requirement = self.cell(row, "requirement")
        if requirement is None or not requirement.text or requirement.origin in self.used_requirement_cells:
            return
        self.used_requirement_cells.add(requirement.origin)
        items = split_items(requirement.text)
        if not items:
            return
        column_number = _number_cell(self.text(row, "number"))
        if column_number is not None and len(items) == 1:
            items = [(column_number, items[0][1])]
        deadline_words = self.text(row, "deadline").replace("\n", "")
        tasks = []
        for number, text in items:
            deadline, words = parse_deadline(deadline_words, self.year, from_column=True) if deadline_words else (None, "")
            if not deadline_words:
                deadline, words = parse_deadline(text, self.year)
            tasks.append(ImportedTask(number or 0, text, deadline, words, line))
        responsibility, key = self.responsibility(row, line)
        if self.last_row and key and key == self.last_row.key and self.category.rows and self.category.rows[-1] is self.last_row:
            self.last_row.tasks.extend(tasks)
            return
        self.last_row = ImportedRow(responsibility, tasks, line, key)
        self.category.rows.append(self.last_row)

    def responsibility(self, row: list[Cell], line: int) -> tuple[str, tuple]:
        """The 责任单位 text (牵头 and 配合 columns folded in) and the cells it came from."""
        cells = [self.cell(row, kind) for kind in ("lead", "responsibility", "support")]
        lead, main, support = (cell.text if cell else "" for cell in cells)
        key = tuple(cell.origin if cell and cell.text else None for cell in cells)
        if not (lead or main or support):
            if self.last_row:
                self.guesses.append(f"表格第{line}行：责任单位为空，按上一行的责任单位处理，请核对。")
                return self.last_row.responsibility, self.last_row.key
            self.guesses.append(f"表格第{line}行：没有责任单位，请在 tasks.yaml 中补上。")
            return "未写明", ("empty", line)
        return compose_responsibility(lead, main, support), key


def compose_responsibility(lead: str, main: str, support: str) -> str:
    """牵头单位 and 配合单位 columns folded into one 责任单位 text the grammar reads."""
    from ..responsibility import ROLE_PHRASES

    def names(text: str) -> str:
        return "、".join(part.strip() for part in re.split(r"[\n，,；;]", text) if part.strip())

    def with_phrase(text: str, phrase: str) -> str:
        text = names(text).rstrip("。")
        return text if any(text.endswith(p) for p, _ in ROLE_PHRASES) else text + phrase

    paragraphs = main.split("\n") if main else []
    if lead:
        lead_text = with_phrase(lead, "牵头")
        paragraphs = [f"{lead_text}，{paragraphs[0]}" if paragraphs else lead_text, *paragraphs[1:]]
    if support:
        support_text = with_phrase(support, "配合")
        paragraphs = [*paragraphs[:-1], f"{paragraphs[-1]}，{support_text}"] if paragraphs else [support_text]
    return "\n".join(paragraphs)


def _renumber(categories: list[ImportedCategory], guesses: list[str]) -> None:
    """Keep the table's numbers when they run 1..N in order; otherwise number in order and say so."""
    tasks = [task for category in categories for task in category.tasks]
    numbers = [task.number for task in tasks]
    if numbers == list(range(1, len(tasks) + 1)):
        return
    if any(numbers):
        first = next(task for position, task in enumerate(tasks, 1) if task.number != position)
        guesses.append(f"表格第{first.source_row}行起：原表编号不是从1起连续的（各部分分别编号、有重号或缺号），"
                       f"已按表中顺序重新编为第1至{len(tasks)}项，请核对。")
    else:
        guesses.append(f"原表没有编号，已按表中顺序编为第1至{len(tasks)}项。")
    for number, task in enumerate(tasks, 1):
        task.number = number


# --- deadlines ----------------------------------------------------------------------------------

_BEFORE = r"(?:前|之前|以前)"
_DATE_PATTERNS = (
    (re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日" + _BEFORE + "?"), "ymd"),
    (re.compile(r"(?<!\d)(\d{4})[.\-/](\d{1,2})[.\-/](\d{1,2})(?!\d)" + _BEFORE + "?"), "ymd"),
    (re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月(?:底|末|份)?" + _BEFORE + "?"), "ym"),
    (re.compile(r"(\d{4})\s*年\s*(?:底|末|年底|年末)" + _BEFORE + "?"), "y"),
    (re.compile(r"(?<![\d年])(\d{1,2})\s*月\s*(\d{1,2})\s*日" + _BEFORE), "md"),
    (re.compile(r"(?<![\d年])(\d{1,2})\s*月(?:份)?(?:底|末)?" + _BEFORE + "?"), "m"),
    (re.compile(r"(?:第)?([一二三四1-4])\s*季度(?:末|底)?" + _BEFORE + "?"), "q"),
    (re.compile(r"上半年(?:底|末)?" + _BEFORE + "?"), "h1"),
    (re.compile(r"(?<![\d])(?:年底|年末)" + _BEFORE + "?"), "eoy"),
)
_TEXT_NEEDS = re.compile(r"前|底|末")


def parse_deadline(text: str, year: int | None, from_column: bool = False) -> tuple[datetime.date | None, str]:
    """(ISO date or None, the words that state it). In a requirement's text only a stated deadline counts
    (…前, …底, …末); a deadline column's words are kept even without a date (全年, 持续推进)."""
    for pattern, kind in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            words = match.group(0)
            if not from_column and not _TEXT_NEEDS.search(words):
                continue
            date = _date(kind, match, year)
            if date:
                return date, (text.strip() if from_column else words)
    return None, text.strip() if from_column else ""


def _date(kind: str, match: re.Match, year: int | None) -> datetime.date | None:
    try:
        if kind == "ymd":
            return datetime.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        if kind == "ym":
            return _month_end(int(match.group(1)), int(match.group(2)))
        if kind == "y":
            return datetime.date(int(match.group(1)), 12, 31)
        if year is None:
            return None
        if kind == "md":
            return datetime.date(year, int(match.group(1)), int(match.group(2)))
        if kind == "m":
            return _month_end(year, int(match.group(1)))
        if kind == "q":
            quarter = _CHINESE_DIGITS.get(match.group(1)) or int(match.group(1))
            return _month_end(year, quarter * 3)
        if kind == "h1":
            return datetime.date(year, 6, 30)
        return datetime.date(year, 12, 31)
    except ValueError:
        return None


def _month_end(year: int, month: int) -> datetime.date:
    following = datetime.date(year + month // 12, month % 12 + 1, 1)
    return following - datetime.timedelta(days=1)


def _year_in_table(table: Table) -> int | None:
    """Without a year in the title or notice, the first year the table itself names (2022年, 2022.12.31)."""
    for row in table.rows:
        for cell in row:
            match = re.search(r"(20\d{2})\s*(?:年|[.\-/]\d)", cell.text)
            if match:
                return int(match.group(1))
    return None


def plan_year(title: str, notice: dict) -> int | None:
    match = re.search(r"(20\d{2})\s*年", title or "") or re.search(r"(20\d{2})", notice.get("title", ""))
    if match:
        return int(match.group(1))
    date = notice.get("date")
    return date.year if date else None


# --- the notice ---------------------------------------------------------------------------------

_DOC_NUMBER = re.compile(r"^[\u4e00-\u9fa5]{1,20}[〔［\[（(]\s*\d{4}\s*[〕］\])）]\s*\d+\s*号$")
_DATE_LINE = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
_BASIS = re.compile(r"《([^》]+)》[（(]([^）)]*?〔\d{4}〕[^）)]*?号)[）)]")
_REPORT = re.compile(r"(\d{1,2}月\d{1,2}日前|\d{4}年\d{1,2}月\d{1,2}日前)将(.+?)报(?:送)?(.+?)[。；]")
_SENTENCE_END = ("。", "：", ":", "；", "！", "？", "”")


_ATTACHMENT = re.compile(r"^附\s*件\s*\d*\s*[：:]?\s*(.*)$")
_PUBLICITY_NOTE = re.compile(r"^[（(]\s*此件(.+?)\s*[)）]$")
_PLAN_WORDS = ("方案", "清单", "分工", "任务表", "分解表", "要点", "台账")


def read_notice(before: list[str], after: list[str]) -> tuple[dict, str]:
    """The notice's fields found in the paragraphs around the table, and the plan's (attachment's) title."""
    notice: dict = {}
    lines = []
    for line in (line.replace("\n", "") for line in before):
        note = _PUBLICITY_NOTE.match(line)
        if note:  # （此件主动公开） under the date
            notice["publicity"] = "主动公开" if "主动公开" in note.group(1) else note.group(1)
        else:
            lines.append(line)
    attachment = next((i for i, line in enumerate(lines) if _ATTACHMENT.match(line) and len(line) < 60), None)
    plan_title = _plan_title(lines, attachment)
    number_at = next((i for i, line in enumerate(lines) if _DOC_NUMBER.match(line)), None)
    title_at = next((i for i, line in enumerate(lines) if "关于" in line and line.endswith("通知")), None)
    if title_at is None and number_at is None:
        _read_after(after, notice)
        return notice, plan_title
    if number_at is not None:
        notice["number"] = re.sub(r"\s+", "", lines[number_at])
        if number_at > 0 and len(lines[number_at - 1]) <= 30 and not _DATE_LINE.match(lines[number_at - 1]):
            notice["issuer"] = lines[number_at - 1]
    if title_at is not None:
        notice["title"] = lines[title_at]
    start = max(i for i in (title_at, number_at) if i is not None) + 1
    end = attachment if attachment is not None and attachment >= start else len(lines)
    rest = lines[start:]
    if rest and rest[0].endswith(("：", ":")) and len(rest[0]) < 120:
        notice["recipients"] = [part.strip() for part in re.split(r"[、，,]", rest[0].rstrip("：: ")) if part.strip()]
        start += 1
    date_at = next((i for i in range(start, len(lines)) if _DATE_LINE.match(lines[i])), None)
    if date_at is not None:
        year, month, day = map(int, _DATE_LINE.match(lines[date_at]).groups())
        notice["date"] = datetime.date(year, month, day)
        signature = lines[date_at - 1] if date_at - 1 >= start and len(lines[date_at - 1]) <= 30 else ""
        if signature:
            notice.setdefault("issuer", signature)
        end = min(end, date_at - (1 if signature else 0))
    body = [line for line in lines[start:end] if not _ATTACHMENT.match(line)]
    if body:
        notice["body"] = _join_wrapped(body)
    _read_basis_and_report(notice)
    _read_after(after, notice)
    if not plan_title:
        match = re.search(r"印发(.+?)的通知$", notice.get("title", ""))
        plan_title = match.group(1).strip("《》〈〉") if match else ""
    return notice, plan_title


def _plan_title(lines: list[str], attachment: int | None) -> str:
    """The attachment's title: the last line above the table that names a plan, or the text after 附件："""
    if attachment is not None:
        after = [line for line in lines[attachment + 1:] if line.endswith(_PLAN_WORDS) and not _DATE_LINE.match(line)]
        if after:
            return after[-1]
        named = _ATTACHMENT.match(lines[attachment]).group(1).strip()
        if named:
            return re.sub(r"^\d+[.．、]\s*", "", named)
    candidates = [line for line in lines[-3:] if line.endswith(_PLAN_WORDS) and "关于" not in line]
    return candidates[-1] if candidates else (lines[-1] if len(lines) == 1 else "")


def _join_wrapped(lines: list[str]) -> list[str]:
    """Paragraphs broken by a page (a line that does not end a sentence) joined to the next line."""
    paragraphs: list[str] = []
    for line in lines:
        if paragraphs and not paragraphs[-1].endswith(_SENTENCE_END):
            paragraphs[-1] += line
        else:
            paragraphs.append(line)
    return paragraphs


def _read_basis_and_report(notice: dict) -> None:
    body = "".join(notice.get("body", []))
    basis = [{"title": title, "number": re.sub(r"\s+", "", number)} for title, number in _BASIS.findall(body)]
    if basis:
        notice["basis"] = basis
    match = _REPORT.search(body)
    if match:
        words, content, to = match.groups()
        date = notice.get("date")
        deadline, _ = parse_deadline(words, date.year if date else None)
        if deadline:
            notice["report"] = {"deadline": deadline, "deadline_text": words, "content": content, "to": to}


def _read_after(after: list[str], notice: dict) -> None:
    """公开方式 and 抄送 below the table (抄送 may run over several lines)."""
    lines = [line.replace("\n", "") for line in after]
    for position, line in enumerate(lines):
        if line.startswith("公开方式"):
            notice["publicity"] = re.sub(r"^公开方式[：:]\s*", "", line)
        elif line.startswith("抄送"):
            text = re.sub(r"^抄送[：:]\s*", "", line)
            for following in lines[position + 1:]:
                if text.endswith("。") or re.match(r"^[\u4e00-\u9fa5]{2,8}[：:]", following):
                    break
                text += following
            notice["cc"] = [part for part in re.split(r"[，,、]", text.rstrip("。")) if part]
