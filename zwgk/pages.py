"""The site's page list, computed once: every page with its URL, template, title and data.

Per-unit and per-category lookups are built here, once per build, so that templates only
loop and print and the cost of a build stays linear in the size of the plan.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from .content import ContentPage
from .model import ROLES, UNIT_KINDS, Category, Plan, Task, Unit


@dataclass(slots=True)  # tens of thousands of them: no __dict__ each
class Page:
    """One HTML page of the site. Pages may share their breadcrumbs list: it is never changed."""

    url: str  # path below the base URL: "" for the home page, "units/finance/" for a unit
    template: str
    title: str  # the page's own title (the <h1>); <title> adds the site name
    breadcrumbs: list[tuple[str, str]] = field(default_factory=list)  # (label, url) of ancestors
    nav_key: str = ""  # which main-navigation item is current
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def frame(self) -> tuple[str, int, str, str]:
        """What base.html's frame around the page (the links in <head>, the header and navigation, the
        footer) shows of this page: its template (which may fill the frame's blocks), its depth (the
        links are relative), its navigation item, and the page itself where the navigation may link to
        it (aria-current="page"; navigation links go one folder deep at most). Pages with the same
        frame share one rendering of it: templates/base.html's {% cache %}."""
        depth = self.url.count("/")
        return self.template, depth, self.nav_key, self.url if depth < 2 else ""

    @property
    def output_path(self) -> str:
        return self.url if self.url.endswith(".html") else f"{self.url}index.html"


@dataclass
class UnitTasks:
    """What one unit is given: tasks by its own role, and tasks that reach it through a collective term."""

    unit: Unit
    by_role: dict[str, list[Task]]
    via_collective: list[tuple[Task, list[Unit]]]  # (task, the collective terms it reaches the unit through)

    @property
    def direct_count(self) -> int:
        return len({task.number for tasks in self.by_role.values() for task in tasks})


@dataclass
class SiteIndex:
    """Lookups shared by many pages."""

    unit_tasks: dict[str, UnitTasks]  # by unit id
    units_by_kind: dict[str, list[Unit]]
    members: dict[str, list[Unit]]  # collective unit id -> its member units
    deadlines: list[Task]
    roles_by_task: dict[int, list[tuple[Unit, tuple[str, ...]]]]  # task number -> [(unit, its roles)]
    roles: list[str] = field(default_factory=list)  # the roles the plan uses, in ROLES order
    sections: list[Section] = field(default_factory=list)  # empty when the plan has no sections


@dataclass
class Section:
    """A heading (一、…) above work tasks, with the anchor of its group on the categories page."""

    name: str
    anchor: str
    categories: list[Category]


def build_index(plan: Plan) -> SiteIndex:
    members: dict[str, list[Unit]] = defaultdict(list)
    for unit in plan.units:
        for collective_id in unit.member_of:
            members[collective_id].append(unit)
    unit_tasks = {unit.id: UnitTasks(unit, {role: [] for role in ROLES}, []) for unit in plan.units}
    roles_by_task = {}
    pairs: dict[tuple[str, ...], tuple[Unit, tuple[str, ...]]] = {}
    by_role = {unit_id: tasks.by_role for unit_id, tasks in unit_tasks.items()}
    plan_tasks = plan.tasks
    for task in plan_tasks:  # one pass over 45,000 assignments at 10,000 tasks: kept tight
        roles: dict[str, tuple[Unit, list[str]]] = {}  # each unit once, with all its roles in it, in order of first mention
        for assignment in task.assignments:
            unit, role = assignment.unit, assignment.role
            held = roles.get(unit.id)
            if held is None:
                roles[unit.id] = (unit, [role])
            else:
                held[1].append(role)
            bucket = by_role[unit.id][role]
            if not bucket or bucket[-1] is not task:  # tasks come in order: a task already listed is the last
                bucket.append(task)
        roles_by_task[task.number] = [_shared_pair(pairs, unit, held) for unit, held in roles.values()]
        if members and not members.keys().isdisjoint(roles):
            _add_reached(task, roles.keys(), members, unit_tasks)
    units_by_kind = {kind: [u for u in plan.units if u.kind == kind] for kind in UNIT_KINDS}
    return SiteIndex(
        unit_tasks=unit_tasks,
        units_by_kind={kind: units for kind, units in units_by_kind.items() if units},
        members=dict(members),
        deadlines=[task for task in plan_tasks if task.deadline],
        roles_by_task=roles_by_task,
        roles=[role for role in ROLES if any(tasks.by_role[role] for tasks in unit_tasks.values())],
        sections=_sections(plan.categories),
    )


def _shared_pair(pairs: dict, unit: Unit, roles: list[str]) -> tuple[Unit, tuple[str, ...]]:
    """(unit, roles) made once and shared by every task that gives the unit these roles: 450,000
    pairs at 50,000 tasks are ~15,000 different ones."""
    key = (unit.id, *roles)
    pair = pairs.get(key)
    if pair is None:
        pair = pairs[key] = (unit, tuple(roles))
    return pair


def _add_reached(task: Task, named, members: dict[str, list[Unit]], unit_tasks: dict[str, UnitTasks]) -> None:
    """The task for each member of a collective term it names, unless the member is named itself."""
    reached: dict[str, list[Unit]] = defaultdict(list)
    for assignment in task.assignments:
        for member in members.get(assignment.unit.id, []):
            if member.id not in named and assignment.unit not in reached[member.id]:
                reached[member.id].append(assignment.unit)
    for member_id, collectives in reached.items():
        unit_tasks[member_id].via_collective.append((task, collectives))


def _sections(categories: list[Category]) -> list[Section]:
    """Consecutive work tasks under the same section, as groups; none when no work task has a section."""
    if not any(category.section for category in categories):
        return []
    sections: list[Section] = []
    for category in categories:
        if not sections or sections[-1].name != category.section:
            sections.append(Section(category.section, f"section-{len(sections) + 1}", []))
        sections[-1].categories.append(category)
    return sections


HOME = ("首页", "")


def build_pages(plan: Plan, index: SiteIndex, content: list[ContentPage]) -> list[Page]:
    """Every HTML page of the site, in a stable order."""
    categories = ("工作任务", "categories/")
    units = ("责任单位", "units/")
    pages = [
        Page("", "home.html", plan.title, nav_key="home"),
        Page("notice/", "notice.html", "通知原文", [HOME], nav_key="notice"),
        Page("categories/", "categories.html", "工作任务", [HOME], nav_key="categories"),
    ]
    section_crumbs = {id(category): [(section.name, f"categories/#{section.anchor}")] if section.name else []
                      for section in index.sections for category in section.categories}
    for category in plan.categories:
        pages.append(Page(f"categories/{category.id}/", "category.html", category.name,
                          [HOME, categories, *section_crumbs.get(id(category), [])], nav_key="categories",
                          data={"category": category}))
    pages.append(Page("units/", "units.html", "责任单位", [HOME], nav_key="units"))
    for unit in plan.units:
        pages.append(Page(f"units/{unit.id}/", "unit.html", unit.name, [HOME, units], nav_key="units",
                          data={"unit_tasks": index.unit_tasks[unit.id],
                                "members": index.members.get(unit.id, [])}))
    tasks = plan.tasks
    task_crumbs = {id(category): [HOME, categories, *section_crumbs.get(id(category), []), _category_crumb(category)]
                   for category in plan.categories}  # one list per work task, shared by its tasks' pages
    for position, task in enumerate(tasks):
        pages.append(Page(
            f"tasks/{task.number}/", "task.html", f"第{task.number}项", task_crumbs[id(task.category)],
            nav_key="categories",
            data={"task": task, "previous": tasks[position - 1] if position else None,
                  "next": tasks[position + 1] if position + 1 < len(tasks) else None},
        ))
    pages.append(Page("search/", "search.html", "搜索", [HOME], nav_key="search"))
    for item in content:
        pages.append(Page(f"{item.slug}/", "content.html", item.title, [HOME], nav_key=item.slug,
                          data={"content": item}))
    pages.append(Page("404.html", "404.html", "页面未找到", [HOME]))
    return pages


def _category_crumb(category: Category) -> tuple[str, str]:
    return category.name, f"categories/{category.id}/"


def navigation(content: list[ContentPage], with_progress: bool = False) -> list[tuple[str, str, str]]:
    """The main navigation: (key, label, url); 落实情况 only when there is progress data."""
    items = [("home", "首页", ""), ("notice", "通知原文", "notice/"), ("categories", "工作任务", "categories/"),
             ("units", "责任单位", "units/"), ("search", "搜索", "search/")]
    if with_progress:
        items.insert(4, ("progress", "落实情况", "progress/"))
    return items + [(item.slug, item.nav_title, f"{item.slug}/") for item in content]
