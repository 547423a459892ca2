"""The import's report for the clerk, in Chinese: what was found, what was guessed (with table rows), what next."""
from __future__ import annotations

from ..model import UNIT_KINDS
from . import ImportResult

COLUMN_LABELS = {"number": "序号", "section": "部分", "task": "工作任务", "requirement": "具体要求", "responsibility": "责任单位",
                 "lead": "牵头单位", "support": "配合单位", "deadline": "完成时限", "note": "备注"}


def report(result: ImportResult) -> str:
    plan = result.plan
    sections = list(dict.fromkeys(category.section for category in plan.categories if category.section))
    notice = plan.notice
    lines = [
        f"已导入 {result.source.name} → {result.data_dir}",
        f"方案：《{plan.plan_title}》" + (f"（{notice['number']}）" if notice.get("number") else ""),
        f"具体要求 {len(plan.tasks)} 项，工作任务 {len(plan.categories)} 项"
        + (f"，分为 {len(sections)} 个部分" if sections else "，没有分部分") + "。",
        "读取的列：" + "、".join(text if text == COLUMN_LABELS[kind] else f"{text}（作{COLUMN_LABELS[kind]}）"
                              for kind, text in plan.columns.items()) + "。",
        f"责任单位：名录中已有 {result.named_known} 个，新起草 {len(result.drafted)} 个。",
    ]
    if not notice.get("title"):
        lines.append("文件中没有印发通知，notice.yaml 只写了方案标题；如有通知原文，可按 data/notice.yaml 的格式补上。")
    guesses = list(plan.guesses)
    for unit, comment in result.drafted:
        where, _, rest = comment.partition("，")
        similar = rest.partition("；")[2]
        guesses.append(f"{where}：新单位“{unit.name}”（{UNIT_KINDS[unit.kind]}）已写入 units.yaml，请核对名称和类别"
                       + (f"；{similar}" if similar else ""))
    guesses += [f"{line} 不是单位名称，已作为工作要求保留在任务页上" for line in result.requirements]
    if guesses:
        lines.append("")
        lines.append(f"需要核对的地方（{len(guesses)} 处）：")
        lines += [f"  - {guess}" for guess in guesses]
    lines += [
        "",
        "下一步：",
        f"  1. 打开 {result.data_dir / 'units.yaml'}，核对标有“# 待核对”的单位：名称、类别（kind）、所属统称（member_of）。"
        if result.drafted else f"  1. 打开 {result.data_dir / 'tasks.yaml'}，对照原文件核对上面列出的地方。",
        f"  2. 核对 {result.data_dir / 'site.yaml'} 中的网站名称、主办单位和网站标识码（从 data/ 复制而来）。",
        f"  3. 预览：python build.py serve --data {result.data_dir}",
        f"  4. 生成网站：python build.py --data {result.data_dir}",
    ]
    return "\n".join(lines)
