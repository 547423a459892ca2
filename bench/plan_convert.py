"""Convert a synthetic plan from ../shared/bench/gen_plan.py into a project root our build reads.

    python bench/plan_convert.py plan.json ROOT

ROOT gets copies of the repository's templates/, static/ and content/ and a data/ folder
written from the plan: units.yaml (every unit a department, plus one collective term that
no task names, as every real plan has one), tasks.yaml (one table row per task, its 责任单位
text written as "A、B牵头，C、D按职责分工落实"), the repository's own notice.yaml with
the plan's title, and copies of the repository's other data files (site.yaml, ...).
"""
from __future__ import annotations

import json
import shutil
import sys
from collections import Counter
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
COPIED = ("templates", "static", "content")
GENERATED = {"units.yaml", "tasks.yaml", "notice.yaml"}  # data/ files written from the plan; the rest are copied
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
COLLECTIVE = {"id": "all-departments", "name": "区政府各部门", "kind": "collective"}


def responsibility_text(lead: list[str], others: list[str]) -> str:
    """The 责任单位 cell for lead and co-operating unit names, as our parser reads it."""
    text = "、".join(lead) + "牵头"
    if others:
        text += "，" + "、".join(others) + "按职责分工落实"
    return text


def unit_records(units: list[dict]) -> list[dict]:
    """units.yaml entries; an alias that two units share, or that is another unit's name, is dropped."""
    claims = Counter(name for unit in units for name in {unit["name"], *unit["aliases"]})
    records = []
    for unit in units:
        record = {"id": unit["id"], "name": unit["name"], "kind": "department"}
        aliases = [alias for alias in unit["aliases"] if claims[alias] == 1 and alias != unit["name"]]
        if aliases:
            record["aliases"] = aliases
        records.append(record)
    return records + [COLLECTIVE]


def category_records(plan: dict) -> list[dict]:
    """tasks.yaml entries: each category with one row per task, in task order."""
    names = {unit["id"]: unit["name"] for unit in plan["units"]}
    rows: dict[str, list[dict]] = {category["id"]: [] for category in plan["categories"]}
    for task in plan["tasks"]:
        responsibility = responsibility_text([names[i] for i in task["lead"]], [names[i] for i in task["units"]])
        rows[task["category"]].append(
            {"responsibility": responsibility, "tasks": [{"number": task["number"], "text": task["text"]}]}
        )
    return [
        {"id": category["id"], "name": category["name"], "rows": rows[category["id"]]}
        for category in plan["categories"]
        if rows[category["id"]]
    ]


def _dump(value, path: Path) -> None:
    with path.open("w", encoding="utf-8") as file:
        yaml.dump(value, file, Dumper=DUMPER, allow_unicode=True, sort_keys=False, width=10_000)


def write_project(plan: dict, root: Path) -> Path:
    """Write a buildable project root for plan; return it."""
    root.mkdir(parents=True, exist_ok=True)
    for part in COPIED:
        shutil.copytree(REPO / part, root / part, dirs_exist_ok=True)
    data = root / "data"
    data.mkdir(exist_ok=True)
    _dump(unit_records(plan["units"]), data / "units.yaml")
    _dump(category_records(plan), data / "tasks.yaml")
    notice = (REPO / "data" / "notice.yaml").read_text(encoding="utf-8")  # with the plan's own title
    notice = "\n".join(
        f"plan_title: {plan['title']}" if line.startswith("plan_title:") else line for line in notice.splitlines()
    )
    (data / "notice.yaml").write_text(notice + "\n", encoding="utf-8")
    for other in sorted((REPO / "data").glob("*.yaml")):
        if other.name not in GENERATED:
            shutil.copy2(other, data / other.name)
    return root


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    plan = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    print(write_project(plan, Path(argv[1])))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
