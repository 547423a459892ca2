"""The clerk's guide exists, is linked from the top of the README (after the two commands), and
the commands and placeholders it names are the ones the tool has."""
from __future__ import annotations

import re
import subprocess
import sys

from project import REPO
from zwgk.content import PLACEHOLDERS

GUIDE = REPO / "docs" / "使用说明.md"


def test_readme_starts_with_the_two_commands_then_links_the_guide():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)\n```", readme, re.S)
    assert blocks[:2] == ["pip install -r requirements.txt && python build.py", "bash .ci/run"]
    assert readme.index("bash .ci/run") < readme.index("(docs/使用说明.md)") < readme.index("## What it is")


def test_guide_covers_what_a_clerk_does():
    guide = GUIDE.read_text(encoding="utf-8")
    for heading in ("安装", "生成网站", "预览", "修改数据", "导入新一年的方案", "子路径下发布", "看懂检查报告"):
        assert re.search(rf"^## \d+\. .*{heading}", guide, re.M), heading
    for data_file in ("notice.yaml", "tasks.yaml", "units.yaml", "site.yaml", "synonyms.yaml"):
        assert f"### data/{data_file}" in guide


def test_every_placeholder_is_in_the_guide():
    guide = GUIDE.read_text(encoding="utf-8")
    assert [name for name in PLACEHOLDERS if f"{{{{ {name} }}}}" not in guide] == []


def test_every_option_the_guide_shows_is_accepted():
    guide = GUIDE.read_text(encoding="utf-8")
    for command in ("serve", "check"):
        help_text = subprocess.run([sys.executable, "build.py", command, "--help"], cwd=REPO,
                                   capture_output=True, text=True, timeout=60).stdout
        for option in set(re.findall(rf"python build\.py {command}[^\n`]*?(--[a-z-]+)", guide)):
            assert option in help_text, (command, option)
