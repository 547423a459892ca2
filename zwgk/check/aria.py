"""WAI-ARIA 1.2 facts the rules need (with the Graphics and DPUB modules, and ARIA 1.3 roles
browsers already ship), as plain tables."""
from __future__ import annotations

ABSTRACT_ROLES = frozenset(
    "command composite input landmark range roletype section sectionhead select structure "
    "widget window".split())

ROLES = frozenset("""
alert alertdialog application article banner blockquote button caption cell checkbox code
columnheader combobox comment complementary contentinfo definition deletion dialog directory
document emphasis feed figure form generic grid gridcell group heading image img insertion link
list listbox listitem log main mark marquee math menu menubar menuitem menuitemcheckbox
menuitemradio meter navigation none note option paragraph presentation progressbar radio
radiogroup region row rowgroup rowheader scrollbar search searchbox separator slider spinbutton
status strong subscript suggestion superscript switch tab table tablist tabpanel term textbox time
timer toolbar tooltip tree treegrid treeitem
graphics-document graphics-object graphics-symbol
doc-abstract doc-acknowledgments doc-afterword doc-appendix doc-backlink doc-biblioentry
doc-bibliography doc-biblioref doc-chapter doc-colophon doc-conclusion doc-cover doc-credit
doc-credits doc-dedication doc-endnote doc-endnotes doc-epigraph doc-epilogue doc-errata
doc-example doc-footnote doc-foreword doc-glossary doc-glossref doc-index doc-introduction
doc-noteref doc-notice doc-pagebreak doc-pagefooter doc-pageheader doc-pagelist doc-part
doc-preface doc-prologue doc-pullquote doc-qna doc-subtitle doc-tip doc-toc
""".split())

PRESENTATIONAL = frozenset({"none", "presentation"})

# Attribute value types.
_TYPES = {
    "bool": "aria-atomic aria-busy aria-disabled aria-modal aria-multiline aria-multiselectable "
            "aria-readonly aria-required",
    "bool-undefined": "aria-expanded aria-grabbed aria-hidden aria-selected",
    "tristate": "aria-checked aria-pressed",
    "idref": "aria-activedescendant",
    "idrefs": "aria-controls aria-describedby aria-details aria-errormessage aria-flowto "
              "aria-labelledby aria-owns",
    "integer": "aria-colcount aria-colindex aria-colspan aria-level aria-posinset aria-rowcount "
               "aria-rowindex aria-rowspan aria-setsize",
    "number": "aria-valuemax aria-valuemin aria-valuenow",
    "string": "aria-label aria-keyshortcuts aria-placeholder aria-roledescription aria-valuetext "
              "aria-description aria-braillelabel aria-brailleroledescription aria-colindextext "
              "aria-rowindextext",
    "token": "aria-autocomplete aria-current aria-haspopup aria-invalid aria-live aria-orientation "
             "aria-sort",
    "tokens": "aria-dropeffect aria-relevant",
}
ATTR_TYPES = {name: kind for kind, names in _TYPES.items() for name in names.split()}
# Attributes whose empty value means "not set" (axe-core's allowEmpty).
ALLOW_EMPTY = frozenset("""
aria-activedescendant aria-braillelabel aria-brailleroledescription aria-controls aria-current
aria-describedby aria-description aria-details aria-errormessage aria-flowto aria-haspopup
aria-keyshortcuts aria-label aria-labelledby aria-owns aria-placeholder aria-roledescription
aria-valuetext
""".split())
# The least value of integer attributes (axe-core's minValue; others: any integer).
MIN_VALUE = {"aria-colcount": -1, "aria-colindex": 1, "aria-colspan": 1, "aria-level": 1,
             "aria-posinset": 1, "aria-rowcount": -1, "aria-rowindex": 1, "aria-rowspan": 0,
             "aria-setsize": -1}

TOKENS = {
    "aria-autocomplete": {"inline", "list", "both", "none"},
    "aria-current": {"page", "step", "location", "date", "time", "true", "false"},
    "aria-haspopup": {"false", "true", "menu", "listbox", "tree", "grid", "dialog"},
    "aria-invalid": {"grammar", "false", "spelling", "true"},
    "aria-live": {"assertive", "off", "polite"},
    "aria-orientation": {"horizontal", "undefined", "vertical"},
    "aria-sort": {"ascending", "descending", "none", "other"},
    "aria-dropeffect": {"copy", "execute", "link", "move", "none", "popup"},
    "aria-relevant": {"additions", "all", "removals", "text"},
}

GLOBAL_ATTRS = frozenset("""
aria-atomic aria-busy aria-controls aria-current aria-describedby aria-details aria-disabled
aria-dropeffect aria-errormessage aria-flowto aria-grabbed aria-haspopup aria-hidden aria-invalid
aria-keyshortcuts aria-label aria-labelledby aria-live aria-owns aria-relevant aria-roledescription
aria-description aria-braillelabel aria-brailleroledescription
""".split())

_GRID_CELLS = "cell columnheader gridcell rowheader"
_SELECTS = "listbox menu menubar radiogroup tree treegrid"
_POSITIONED = "article listitem menuitem menuitemcheckbox menuitemradio option radio row tab " \
              "treeitem comment"
_RANGES = "meter progressbar scrollbar separator slider spinbutton"
_SUPPORTED = {
    "aria-activedescendant": "application combobox grid group listbox menu menubar radiogroup "
                             "searchbox spinbutton tablist textbox toolbar tree treegrid",
    "aria-autocomplete": "combobox searchbox textbox",
    "aria-checked": "checkbox menuitemcheckbox menuitemradio option radio switch treeitem",
    "aria-colcount": "grid table treegrid",
    "aria-colindex": _GRID_CELLS + " row",
    "aria-colindextext": _GRID_CELLS + " row",
    "aria-colspan": _GRID_CELLS,
    "aria-expanded": "application button checkbox combobox gridcell link listbox menuitem "
                     "menuitemcheckbox menuitemradio row rowheader columnheader tab treeitem switch "
                     # deprecated in ARIA 1.2 but still supported by browsers:
                     "alert alertdialog article banner blockquote complementary contentinfo "
                     "dialog document feed figure form grid group heading img list log main "
                     "marquee math menu menubar navigation note region search status tabpanel "
                     "timer toolbar tooltip tree treegrid",
    "aria-level": "heading listitem row treeitem comment",
    "aria-modal": "alertdialog dialog",
    "aria-multiline": "searchbox textbox",
    "aria-multiselectable": "grid listbox tablist tree treegrid",
    "aria-orientation": "scrollbar separator slider tablist toolbar " + _SELECTS,
    "aria-placeholder": "searchbox textbox",
    "aria-posinset": _POSITIONED,
    "aria-pressed": "button",
    "aria-readonly": "checkbox combobox grid gridcell listbox radiogroup slider spinbutton textbox "
                     "searchbox columnheader rowheader menuitemcheckbox menuitemradio switch "
                     "treegrid",
    "aria-required": "checkbox combobox gridcell listbox radiogroup spinbutton textbox searchbox "
                     "tree treegrid columnheader rowheader switch",
    "aria-rowcount": "grid table treegrid",
    "aria-rowindex": _GRID_CELLS + " row",
    "aria-rowindextext": _GRID_CELLS + " row",
    "aria-rowspan": _GRID_CELLS,
    "aria-selected": "columnheader gridcell option row rowheader tab treeitem",
    "aria-setsize": _POSITIONED,
    "aria-sort": "columnheader rowheader",
    "aria-valuemax": _RANGES,
    "aria-valuemin": _RANGES,
    "aria-valuenow": _RANGES,
    "aria-valuetext": _RANGES,
}
# What axe-core allows beyond ARIA 1.2 (it keeps some ARIA 1.1 and DPUB allowances); the
# checker speaks in axe's name, so it allows them too (docs/checker.md, aria-allowed-attr).
_DPUB_SECTIONS = " ".join(r for r in ROLES if r.startswith("doc-"))
_AXE_ALSO = {
    "aria-activedescendant": "row",
    "aria-expanded": "cell definition directory image listitem progressbar radiogroup table "
                     "tablist term " + _DPUB_SECTIONS,
    "aria-level": "doc-biblioentry doc-endnote grid tablist treegrid",
    "aria-orientation": "combobox doc-pagebreak",
    "aria-posinset": "doc-biblioentry doc-endnote",
    "aria-required": "radio slider",
    "aria-setsize": "doc-biblioentry doc-endnote",
}
SUPPORTED_ROLES = {attr: frozenset(roles.split()) | frozenset(_AXE_ALSO.get(attr, "").split())
                   for attr, roles in _SUPPORTED.items()}
# Attributes whose tokens axe-core compares case-sensitively, with the value an upper-case
# spelling falls back to (axe only asks for review when it falls back to that value).
CASE_SENSITIVE = {"aria-busy": "false", "aria-checked": "undefined", "aria-current": "true",
                  "aria-multiline": "false", "aria-pressed": "undefined",
                  "aria-readonly": "true", "aria-relevant": "additions text",
                  "aria-required": "true", "aria-sort": "none"}
# Elements that take no global ARIA attribute but aria-hidden (without a role).
ONLY_ARIA_HIDDEN = frozenset({"br", "wbr", "picture"})
ALL_ATTRS = GLOBAL_ATTRS | frozenset(ATTR_TYPES)

REQUIRED_ATTRS = {
    "checkbox": ("aria-checked",),
    "combobox": ("aria-expanded", "aria-controls"),
    "heading": ("aria-level",),
    "menuitemcheckbox": ("aria-checked",),
    "menuitemradio": ("aria-checked",),
    "meter": ("aria-valuenow",),
    "radio": ("aria-checked",),
    "scrollbar": ("aria-valuenow",),  # axe-core does not require aria-controls
    "separator": ("aria-valuenow",),  # a focusable separator only
    "slider": ("aria-valuenow",),
    "switch": ("aria-checked",),
}

_MENU_ITEMS = frozenset({"menuitem", "menuitemcheckbox", "menuitemradio", "group", "separator"})
REQUIRED_OWNED = {
    "feed": frozenset({"article"}),
    "grid": frozenset({"row", "rowgroup", "caption"}),
    "list": frozenset({"listitem"}),
    "listbox": frozenset({"option", "group"}),
    "menu": _MENU_ITEMS | {"menu"},
    "menubar": _MENU_ITEMS | {"menu"},
    "row": frozenset({"cell", "columnheader", "gridcell", "rowheader"}),
    "rowgroup": frozenset({"row"}),
    "suggestion": frozenset({"insertion", "deletion"}),
    "table": frozenset({"row", "rowgroup", "caption"}),
    "tablist": frozenset({"tab"}),
    "tree": frozenset({"group", "treeitem"}),
    "treegrid": frozenset({"row", "rowgroup", "caption"}),
}

_CELL_CONTEXT = frozenset({"row"})
REQUIRED_CONTEXT = {
    "caption": frozenset({"figure", "table", "grid", "treegrid"}),
    "cell": _CELL_CONTEXT,
    "columnheader": _CELL_CONTEXT,
    "gridcell": _CELL_CONTEXT,
    "rowheader": _CELL_CONTEXT,
    "listitem": frozenset({"list", "directory"}),
    "menuitem": frozenset({"group", "menu", "menubar"}),
    "menuitemcheckbox": frozenset({"group", "menu", "menubar"}),
    "menuitemradio": frozenset({"group", "menu", "menubar"}),
    "option": frozenset({"group", "listbox"}),
    "row": frozenset({"grid", "rowgroup", "table", "treegrid"}),
    "rowgroup": frozenset({"grid", "table", "treegrid"}),
    "tab": frozenset({"tablist"}),
    "treeitem": frozenset({"group", "tree"}),
}

NAME_PROHIBITED = frozenset(
    "caption code deletion emphasis generic insertion mark none paragraph presentation strong "
    "subscript suggestion superscript".split())
ROLEDESCRIPTION_PROHIBITED = frozenset({"generic", "none", "presentation"})
# Global attributes that do not undo role="none"/"presentation" (they describe a role, and a
# presentational element has none to describe).
NOT_CONFLICTING = frozenset({"aria-roledescription", "aria-brailleroledescription"})

# Roles that must have an accessible name (as axe-core lists them).
NAME_REQUIRED = frozenset(
    "alertdialog application button checkbox combobox dialog image img link listbox menuitem "
    "menuitemcheckbox menuitemradio meter option progressbar radio searchbox slider spinbutton "
    "switch textbox toolbar treeitem graphics-document graphics-symbol".split())

CHILDREN_PRESENTATIONAL = frozenset(
    "button checkbox img math menuitemcheckbox menuitemradio meter option progressbar radio "
    "scrollbar separator slider switch tab doc-pagebreak".split())

NAME_FROM_CONTENT = frozenset(
    "button cell checkbox columnheader gridcell heading link menuitem menuitemcheckbox "
    "menuitemradio option radio row rowheader switch tab tooltip treeitem comment doc-backlink "
    "doc-biblioref doc-glossref doc-noteref".split())

WIDGET_ROLES = frozenset(
    "button checkbox combobox gridcell link listbox menuitem menuitemcheckbox menuitemradio "
    "option radio scrollbar searchbox separator slider spinbutton switch tab tabpanel textbox "
    "treeitem grid menu menubar radiogroup tablist tree treegrid".split())

LANDMARK_ROLES = frozenset(
    "banner complementary contentinfo form main navigation region search".split())

# Roles that are, or inherit from, link and img (DPUB-ARIA adds some).
LINK_ROLES = frozenset({"link", "doc-backlink", "doc-biblioref", "doc-glossref", "doc-noteref"})
IMG_ROLES = frozenset({"img", "doc-cover"})
