"""Pages an imported plan adds or changes (sections, 工作要求, 配合, a notice-less table), in Chromium with
axe-core and through the Nu HTML Checker. The plan is an EXAMPLE made up for the test."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from browser import Site, audit_page, broken_links, format_violations, format_vnu_messages, fresh_page, html_files, run_vnu, serve
from plan_examples import write_registry, xlsx_plan

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def imported_site(tmp_path_factory) -> Path:
    """An example .xlsx (no notice: the table alone) with sections, work requirements and 配合, imported and built."""
    work = tmp_path_factory.mktemp("imported")
    registry = write_registry(work / "registry")
    source = xlsx_plan(work / "示例.xlsx", [
        ["序号", "工作任务", None, "具体要求", "牵头单位", "责任单位和工作要求", "配合单位", "完成时限"],
        [1, "一、深化重点领域公开", "（一）财政信息公开", "推进预算公开。", "区财政局", "各镇人民政府，在工作中加强与上级单位沟通对接", "区审计局", "全年"],
        [2, None, None, "推进决算公开。", None, None, None, "6月30日前"],
        [3, "二、加强平台建设", "（二）网站建设", "完善政府网站。", "", "区政数局", "", "三季度前"],
    ], merges=["B2:C2", "B3:B4", "C3:C4", "E3:E4", "F3:F4", "G3:G4"], title="示例区2022年政务公开工作要点分工方案")
    data, site = work / "data", work / "site"
    for command in (["import", source, "--data", data, "--units", registry], ["--data", data, "--out", site]):
        result = subprocess.run([sys.executable, "build.py", *map(str, command)], cwd=REPO, capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stdout + result.stderr
    return site


def test_the_example_has_what_the_pages_must_show(imported_site):
    categories = (imported_site / "categories" / "index.html").read_text(encoding="utf-8")
    assert 'id="section-1">深化重点领域公开</h2>' in categories and 'id="section-2">加强平台建设</h2>' in categories
    task = (imported_site / "tasks" / "1" / "index.html").read_text(encoding="utf-8")
    assert "工作要求" in task and "role--support" in task
    notice = (imported_site / "notice" / "index.html").read_text(encoding="utf-8")
    assert "没有印发通知的原文" in notice


def test_no_axe_violations_and_links_resolve(imported_site, browser):
    site = Site("imported", imported_site, imported_site, "/")
    with serve(imported_site, not_found_page=imported_site / "404.html") as origin:
        site.origin = origin
        with fresh_page(browser) as page:
            audits = [audit_page(page, url) for url in site.page_urls()]
        assert not [a for a in audits if a.violations], format_violations(audits, "imported example site")
        assert not broken_links(audits, origin)


def test_html_is_valid(imported_site):
    errors = run_vnu(html_files(imported_site))
    assert not errors, format_vnu_messages(errors, imported_site, "imported example site")
