"""Incremental builds for the preview: render again only the pages whose inputs changed.

Every page gets a fingerprint of what it shows: a task page its task (every field, its
category's own fields and its units) and its neighbours; a category page its tasks; a unit
page its unit, its tasks and its members; every other page (home, lists, search, notice,
content pages, 404) the whole plan. A rebuild after an edit of data/tasks.yaml or
data/units.yaml loads and indexes the plan again, renders only the pages whose fingerprint
changed or that are new, deletes the pages that are gone, and writes only files whose bytes
changed: first the pages of single tasks, work tasks and units (the browser can then show the
edited task's page), then, in a thread, the pages that show the whole plan and the open data and
search index (the preview reloads the browsers again when they changed). Anything else
(templates, content, static, other data files, a failed last build) gets a full build, as
build.py makes it (both start from zwgk/site.py's load_site). tests/test_incremental.py proves
both give the same bytes.
"""
from __future__ import annotations

import dataclasses
import datetime
import os
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from .load import LoadCache, kept_for_the_build
from .model import Category, Plan, Task
from .pages import Page
from .render import make_environment, render_page, render_pages
from .site import load_site
from .write import check_replaceable, write_site

# Sources whose change an incremental build can follow; any other change is a full build.
FOLLOWED = {"data/tasks.yaml", "data/units.yaml"}


@dataclass
class Built:
    """What the last build made: where, how, and each page's fingerprint by output path."""

    out_dir: Path
    base_url: str
    root: Path
    env: Any  # the Jinja2 environment, kept while templates/ is unchanged
    shared_key: int  # fingerprint of what every page shows (site settings, navigation, notice, title)
    pages: dict[str, int]


class IncrementalBuilder:
    """Builds one project into one folder again and again; build() returns the number of pages."""

    def __init__(self) -> None:
        self.last: Built | None = None
        self.rendered = 0  # pages rendered by the last build (for tests and the terminal)
        self.finishing: threading.Thread | None = None  # writes the data files of the last incremental build
        self.stop = threading.Event()  # tells it to stop: a new build has started
        self.cache = LoadCache()  # what the last load parsed, reused for what an edit left unchanged
        self.task_keys: dict[int, tuple[Task, int]] = {}  # fingerprints of the last build's tasks, by id()
        self.on_late_change: Callable[[], None] | None = None  # called (in a thread) when the thread changed files

    def build(self, out_dir: Path, base_url: str, root: Path, data_dir: Path, changed: set[str] | None = None) -> int:
        """Build; after an incremental one, the data files are still being written: see wait().

        changed names the sources changed since the last build ('data/tasks.yaml' for the data
        folder's files wherever it is); None when they are not known (a full build)."""
        self.stop.set()  # the last build's thread stops after the file it is writing: this build writes the rest
        self.wait()
        last, self.last = self.last, None  # a build that fails leaves no state to build on
        incremental = (last is not None and changed is not None and changed <= FOLLOWED
                       and (last.out_dir, last.base_url, last.root) == (out_dir, base_url, root) and out_dir.is_dir())
        site = load_site(root, data_dir, self.cache)
        env = last.env if incremental else make_environment(root / "templates", base_url)
        shared = site.context()
        shared_key = fingerprint((plan_fields(site.plan), site.config, site.nav, [(p.url, p.title) for p in site.pages if not p.data]))
        with kept_for_the_build():  # no garbage cycles made: 0.08 s instead of 0.15 s at 10,000 tasks (load ~5)
            keys = page_keys(site.plan, site.pages, self.task_keys)
        if incremental and shared_key == last.shared_key:
            stale = [page for page in site.pages if last.pages.get(page.output_path) != keys[page.output_path]]
            own = [page for page in stale if page.data.keys() & PAGE_OF_ITS_OWN]
            update_site(out_dir, env, shared, own, keys, last.pages)
            self.rendered = len(stale)
            # The pages that show the whole plan (home, lists: ~0.4 s at 10,000 tasks) and the open data
            # and search index (~0.5 s) are written meanwhile in a thread, so that the browser can load
            # the edited task's page at once; on_late_change then reloads the browsers again.
            later = [page for page in stale if not page.data.keys() & PAGE_OF_ITS_OWN]
            self.last = Built(out_dir, base_url, root, env, shared_key, keys)
            self.stop = threading.Event()
            self.finishing = threading.Thread(target=self._finish, args=(out_dir, env, shared, later, site.data_file_groups(base_url), self.stop), daemon=True)
            self.finishing.start()
            return len(site.pages)
        check_replaceable(out_dir)
        files = render_pages(env, site.pages, shared)
        files.update(site.data_files(base_url))
        write_site(out_dir, files, root / "static")
        self.rendered = len(site.pages)
        self.last = Built(out_dir, base_url, root, env, shared_key, keys)
        return len(site.pages)

    def wait(self) -> None:
        """Until the last build's files are all written."""
        if self.finishing is not None:
            self.finishing.join()
            self.finishing = None

    def _finish(self, out_dir: Path, env, shared: dict, pages: list[Page], data_file_groups: list, stop: threading.Event) -> None:
        """Write the whole-plan pages and the files other than pages that changed, each swapped in whole
        (the preview may be serving it); then call on_late_change if any file changed. When stop is set
        (a new build has started), stop after the current file; the pages not written lose their
        fingerprint, so that the new build renders them (it writes every data file anyway)."""
        written = False
        try:
            for position, page in enumerate(pages):
                if stop.is_set():
                    for unwritten in pages[position:]:
                        self.last.pages.pop(unwritten.output_path, None)
                    return
                written |= write_if_changed(out_dir, page.output_path, render_page(env, page, shared), atomic=True)
            for make in data_file_groups:
                if stop.is_set():
                    return
                for path, content in make().items():
                    written |= write_if_changed(out_dir, path, bytes(content), atomic=True)
        except Exception as error:  # the next build is a full one, which reports it properly
            self.last = None
            print(f"部分页面或数据文件未能更新（{error}），下次修改后将完整重新生成。", file=sys.stderr, flush=True)
            return
        if written and self.on_late_change is not None:
            self.on_late_change()


# Pages that show one task, work task or unit (their fingerprint is theirs alone): written first.
PAGE_OF_ITS_OWN = {"task", "category", "unit_tasks"}


def update_site(out_dir: Path, env, shared: dict, stale: list[Page], keys: dict[str, int], before: dict[str, int]) -> None:
    """Render the stale pages (their key changed, or they are new) and delete the pages gone."""
    for page in stale:
        write_if_changed(out_dir, page.output_path, render_page(env, page, shared))
    for path in before.keys() - keys.keys():
        remove_page(out_dir, path)


def write_if_changed(out_dir: Path, relative: str, content: bytes, atomic: bool = False) -> bool:
    """Write the file unless it already holds these bytes; True if written."""
    path = os.path.join(out_dir, relative)
    try:
        with open(path, "rb") as file:
            if file.read() == content:
                return False
    except FileNotFoundError:
        os.makedirs(os.path.dirname(path), exist_ok=True)
    written = f"{path}.new" if atomic else path
    with open(written, "wb") as file:
        file.write(content)
    if atomic:
        os.replace(written, path)
    return True


def remove_page(out_dir: Path, relative: str) -> None:
    """Delete a page that is no longer built, and its folder if that is left empty."""
    path = Path(out_dir, relative)
    path.unlink(missing_ok=True)
    if path.name == "index.html" and path.parent != Path(out_dir):
        try:
            path.parent.rmdir()
        except OSError:
            pass  # not empty


# --- fingerprints -----------------------------------------------------------------------------


def page_keys(plan: Plan, pages: list[Page], known: dict[int, tuple[Task, int]] | None = None) -> dict[str, int]:
    """Each page's fingerprint, by output path. known holds task fingerprints by id() of the task, from
    the last build: the load reuses unchanged work tasks (zwgk.load.LoadCache), and a task is never
    changed once loaded; it is updated with this build's."""
    known = {} if known is None else known
    used = {id(task) for task in plan.tasks}
    for stale in known.keys() - used:
        del known[stale]
    categories = {id(category): fingerprint_shallow(category) for category in plan.categories}
    tasks = {task.number: task_fingerprint(task, categories, known) for task in plan.tasks}
    whole_plan = hash((tuple(tasks.values()), fingerprint(plan.units), tuple(categories.values())))
    keys = {}
    for page in pages:
        data = page.data
        if "task" in data:
            key = (tasks[data["task"].number], _task_key(data["previous"], tasks), _task_key(data["next"], tasks))
        elif "category" in data:
            key = (fingerprint_shallow(data["category"]), tuple(tasks[task.number] for task in data["category"].tasks))
        elif "unit_tasks" in data:
            unit_tasks = data["unit_tasks"]
            key = (fingerprint(unit_tasks.unit), fingerprint(data["members"]),
                   tuple((role, tuple(tasks[t.number] for t in listed)) for role, listed in unit_tasks.by_role.items()),
                   tuple((tasks[task.number], fingerprint(collectives)) for task, collectives in unit_tasks.via_collective))
        else:
            key = (whole_plan, fingerprint(data))
        keys[page.output_path] = hash((page.template, page.title, tuple(page.breadcrumbs), page.nav_key, key))
    return keys


def plan_fields(plan: Plan) -> tuple:
    """The plan's own fields (title, notice, ...), not its categories and units."""
    return tuple(_stable(getattr(plan, name)) for name in _field_names(plan) if name not in ("categories", "units"))


def _task_key(task: Task | None, tasks: dict[int, int]) -> int | None:
    return None if task is None else tasks[task.number]


def fingerprint(value: Any) -> int:
    return hash(_stable(value))


def task_fingerprint(task: Task, categories: dict[int, int], known: dict[int, tuple[Task, int]]) -> int:
    """fingerprint(task), with its category's fingerprint looked up (by id) instead of computed for each
    task; taken from known when the same task object was fingerprinted before."""
    seen = known.get(id(task))
    if seen is not None and seen[0] is task:
        return seen[1]
    key = hash(tuple(categories[id(task.category)] if name == "category" else _stable(getattr(task, name))
                     for name in _field_names(task)))
    known[id(task)] = (task, key)
    return key


def fingerprint_shallow(category: Category) -> int:
    """A category's own fields, not its tasks."""
    return hash(tuple(_stable(getattr(category, name)) for name in _field_names(category) if name != "tasks"))


def _stable(value: Any) -> Any:
    """value as nested tuples of plain values: every field of every dataclass in it, a task's
    category by its own fields only (its task list would bring in every other task)."""
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind in _FROZEN:  # a frozen dataclass (Unit, Assignment, ...) hashes its fields itself
        return value
    if isinstance(value, Category):
        return fingerprint_shallow(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if dataclasses.is_dataclass(value):
        if _is_frozen_and_hashable(value):
            _FROZEN.add(kind)
            return value
        return (kind.__name__, *[_stable(getattr(value, name)) for name in _field_names(value)])
    if isinstance(value, dict):
        return tuple((key, _stable(item)) for key, item in value.items())
    if isinstance(value, (list, tuple)):
        return tuple([_stable(item) for item in value])
    return repr(value)


_PLAIN = {str, int, float, bool, type(None)}
_FROZEN: set[type] = set()


def _is_frozen_and_hashable(value: Any) -> bool:
    if not type(value).__dataclass_params__.frozen:
        return False
    try:
        hash(value)
    except TypeError:
        return False
    return True


_FIELDS: dict[type, tuple[str, ...]] = {}


def _field_names(value: Any) -> tuple[str, ...]:
    kind = type(value)
    if kind not in _FIELDS:
        _FIELDS[kind] = tuple(field.name for field in dataclasses.fields(kind))
    return _FIELDS[kind]
