"""The link and accessibility checker: `check_site(root)` returns a Report of findings.

Modules: dom (parsed page), accname (accessible names), aria (ARIA tables), lang, style and css
(CSS reading), links (URL resolution), registry (rule declarations), rules_* (the rules),
site (the whole-site run), report (findings and formats), cli (the command).
"""
from .report import Finding, Report, format_text
from .site import check_site

__all__ = ["Finding", "Report", "check_site", "format_text"]
