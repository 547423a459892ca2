"""A small CSS reader: url() references, rule blocks with their declarations, and colours."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .style import parse_declarations

_COMMENT = re.compile(r"/\*.*?(\*/|$)", re.S)
_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)"'\s]*))\s*\)""", re.I)
_IMPORT = re.compile(r"""@import\s+(?:"([^"]*)"|'([^']*)')""", re.I)
_VAR = re.compile(r"var\(\s*(--[\w-]+)\s*(?:,\s*([^()]*(?:\([^()]*\))?[^()]*))?\)")
_GROUPING = ("@media", "@supports", "@layer", "@container", "@document")


def strip_comments(text: str) -> str:
    """The text with comments blanked out, keeping offsets and line numbers."""
    if "/*" not in text:
        return text
    return _COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)


def line_at(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def css_urls(text: str) -> list[tuple[str, int]]:
    """(url as written, offset) for every url() and @import string in a stylesheet."""
    text = strip_comments(text)
    found = []
    for match in _URL.finditer(text):
        url = next(g for g in match.groups() if g is not None)
        found.append((url, match.start()))
    for match in _IMPORT.finditer(text):
        found.append((match.group(1) if match.group(1) is not None else match.group(2),
                      match.start()))
    return found


@dataclass
class CssRule:
    selector: str
    declarations: dict[str, tuple[str, bool]]
    offset: int
    context: str  # the enclosing @media (or other grouping) prelude, "" at top level


def css_rules(text: str) -> list[CssRule]:
    """Style rules in source order, with grouping at-rules flattened into `context`."""
    text = strip_comments(text)
    rules: list[CssRule] = []
    stack: list[str] = []  # "group:<prelude>" or "skip" for each open block
    start = 0
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in "\"'":
            end = text.find(ch, i + 1)
            i = n if end < 0 else end + 1
            continue
        if ch == "{":
            prelude = text[start:i].strip()
            if "skip" in stack:
                stack.append("skip")
            elif prelude.lower().startswith(_GROUPING):
                stack.append("group:" + prelude)
            elif prelude.startswith("@"):
                stack.append("skip")
            else:
                close = _block_end(text, i + 1)
                context = next((s[6:] for s in reversed(stack) if s.startswith("group:")), "")
                rules.append(CssRule(prelude, parse_declarations(text[i + 1:close]),
                                     start + (len(text[start:i]) - len(text[start:i].lstrip())),
                                     context))
                i = close + 1
                start = i
                continue
            start = i + 1
        elif ch == "}":
            if stack:
                stack.pop()
            start = i + 1
        elif ch == ";" and not stack or ch == ";" and stack[-1].startswith("group:"):
            start = i + 1  # end of a statement at-rule such as @import or @charset
        i += 1
    return rules


def _block_end(text: str, i: int) -> int:
    depth = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch in "\"'":
            end = text.find(ch, i + 1)
            i = n if end < 0 else end + 1
            continue
        if ch == "{":
            depth += 1
        elif ch == "}":
            if depth == 0:
                return i
            depth -= 1
        i += 1
    return n


def custom_properties(rules: list[CssRule]) -> dict[str, dict[str, str]]:
    """context -> {--name: value} from :root/html rules; each context inherits the top level."""
    found: dict[str, dict[str, str]] = {"": {}}
    for rule in rules:
        selectors = {s.strip() for s in rule.selector.split(",")}
        if not selectors & {":root", "html", "body", "*"}:
            continue
        target = found.setdefault(rule.context, {})
        for name, (value, _) in rule.declarations.items():
            if name.startswith("--"):
                target[name] = value
    top = found[""]
    return {ctx: {**top, **props} for ctx, props in found.items()}


def resolve_vars(value: str, props: dict[str, str]) -> str:
    """The value with var(--x, fallback) replaced from `props` (a few levels deep)."""
    for _ in range(5):
        if "var(" not in value:
            break
        value = _VAR.sub(lambda m: props.get(m.group(1), m.group(2) or ""), value)
    return value


# ---- colours
NAMED_COLORS = dict(line.split() for line in """
black 000000
silver c0c0c0
gray 808080
grey 808080
white ffffff
maroon 800000
red ff0000
purple 800080
fuchsia ff00ff
magenta ff00ff
green 008000
lime 00ff00
olive 808000
yellow ffff00
navy 000080
blue 0000ff
teal 008080
aqua 00ffff
cyan 00ffff
orange ffa500
aliceblue f0f8ff
antiquewhite faebd7
aquamarine 7fffd4
azure f0ffff
beige f5f5dc
bisque ffe4c4
blanchedalmond ffebcd
blueviolet 8a2be2
brown a52a2a
burlywood deb887
cadetblue 5f9ea0
chartreuse 7fff00
chocolate d2691e
coral ff7f50
cornflowerblue 6495ed
cornsilk fff8dc
crimson dc143c
darkblue 00008b
darkcyan 008b8b
darkgoldenrod b8860b
darkgray a9a9a9
darkgrey a9a9a9
darkgreen 006400
darkkhaki bdb76b
darkmagenta 8b008b
darkolivegreen 556b2f
darkorange ff8c00
darkorchid 9932cc
darkred 8b0000
darksalmon e9967a
darkseagreen 8fbc8f
darkslateblue 483d8b
darkslategray 2f4f4f
darkslategrey 2f4f4f
darkturquoise 00ced1
darkviolet 9400d3
deeppink ff1493
deepskyblue 00bfff
dimgray 696969
dimgrey 696969
dodgerblue 1e90ff
firebrick b22222
floralwhite fffaf0
forestgreen 228b22
gainsboro dcdcdc
ghostwhite f8f8ff
gold ffd700
goldenrod daa520
greenyellow adff2f
honeydew f0fff0
hotpink ff69b4
indianred cd5c5c
indigo 4b0082
ivory fffff0
khaki f0e68c
lavender e6e6fa
lavenderblush fff0f5
lawngreen 7cfc00
lemonchiffon fffacd
lightblue add8e6
lightcoral f08080
lightcyan e0ffff
lightgoldenrodyellow fafad2
lightgray d3d3d3
lightgrey d3d3d3
lightgreen 90ee90
lightpink ffb6c1
lightsalmon ffa07a
lightseagreen 20b2aa
lightskyblue 87cefa
lightslategray 778899
lightslategrey 778899
lightsteelblue b0c4de
lightyellow ffffe0
limegreen 32cd32
linen faf0e6
mediumaquamarine 66cdaa
mediumblue 0000cd
mediumorchid ba55d3
mediumpurple 9370db
mediumseagreen 3cb371
mediumslateblue 7b68ee
mediumspringgreen 00fa9a
mediumturquoise 48d1cc
mediumvioletred c71585
midnightblue 191970
mintcream f5fffa
mistyrose ffe4e1
moccasin ffe4b5
navajowhite ffdead
oldlace fdf5e6
olivedrab 6b8e23
orangered ff4500
orchid da70d6
palegoldenrod eee8aa
palegreen 98fb98
paleturquoise afeeee
palevioletred db7093
papayawhip ffefd5
peachpuff ffdab9
peru cd853f
pink ffc0cb
plum dda0dd
powderblue b0e0e6
rebeccapurple 663399
rosybrown bc8f8f
royalblue 4169e1
saddlebrown 8b4513
salmon fa8072
sandybrown f4a460
seagreen 2e8b57
seashell fff5ee
sienna a0522d
skyblue 87ceeb
slateblue 6a5acd
slategray 708090
slategrey 708090
snow fffafa
springgreen 00ff7f
steelblue 4682b4
tan d2b48c
thistle d8bfd8
tomato ff6347
turquoise 40e0d0
violet ee82ee
wheat f5deb3
whitesmoke f5f5f5
yellowgreen 9acd32
""".split("\n") if line)

Color = tuple[float, float, float, float]  # r, g, b in 0..255, alpha in 0..1
_FUNC = re.compile(r"^(rgba?|hsla?)\(\s*([^)]*)\)$")


def parse_color(value: str) -> Color | None:
    """An opaque or translucent sRGB colour from a CSS colour value; None when not one."""
    value = value.strip().lower()
    if value.startswith("#"):
        digits = value[1:]
        if not re.fullmatch(r"[0-9a-f]{3,8}", digits) or len(digits) not in (3, 4, 6, 8):
            return None
        if len(digits) in (3, 4):
            digits = "".join(c * 2 for c in digits)
        alpha = int(digits[6:8], 16) / 255 if len(digits) == 8 else 1.0
        return (int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16), alpha)
    if value in NAMED_COLORS:
        return parse_color("#" + NAMED_COLORS[value])
    match = _FUNC.match(value)
    if not match:
        return None
    parts = [p for p in re.split(r"[\s,/]+", match.group(2).strip()) if p]
    if len(parts) not in (3, 4):
        return None
    try:
        alpha = _alpha(parts[3]) if len(parts) == 4 else 1.0
        if match.group(1).startswith("rgb"):
            rgb = [_channel(p) for p in parts[:3]]
        else:
            rgb = _hsl(float(parts[0].removesuffix("deg")), _percent(parts[1]),
                       _percent(parts[2]))
    except ValueError:
        return None
    return (rgb[0], rgb[1], rgb[2], alpha)


def _channel(text: str) -> float:
    if text.endswith("%"):
        return max(0.0, min(255.0, float(text[:-1]) * 2.55))
    return max(0.0, min(255.0, float(text)))


def _alpha(text: str) -> float:
    number = float(text[:-1]) / 100 if text.endswith("%") else float(text)
    return max(0.0, min(1.0, number))


def _percent(text: str) -> float:
    return max(0.0, min(1.0, float(text.removesuffix("%")) / 100))


def _hsl(hue: float, sat: float, light: float) -> list[float]:
    def f(n):
        k = (n + hue / 30) % 12
        a = sat * min(light, 1 - light)
        return 255 * (light - a * max(-1, min(k - 3, 9 - k, 1)))
    return [f(0), f(8), f(4)]


def _luminance(color: Color) -> float:
    def linear(c):
        c = c / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b, _ = color
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)


def contrast_ratio(foreground: Color, background: Color) -> float:
    """WCAG contrast ratio of an opaque background and a foreground blended over it."""
    alpha = foreground[3]
    blended = tuple(foreground[i] * alpha + background[i] * (1 - alpha) for i in range(3)) + (1,)
    lighter, darker = sorted((_luminance(blended), _luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def background_color(declarations: dict[str, tuple[str, bool]], props) -> Color | None:
    """The background colour a declaration block sets, if it is one plain opaque colour."""
    for name in ("background-color", "background"):
        if name not in declarations:
            continue
        value = resolve_vars(declarations[name][0], props)
        if "url(" in value or "gradient" in value:
            return None
        for token in re.findall(r"\w+\([^)]*\)|#[0-9a-fA-F]+|[\w-]+", value):
            color = parse_color(token)
            if color is not None:
                return color if color[3] == 1 else None
        return None
    return None


def is_large_text(declarations, props) -> bool:
    """18pt, or 14pt bold, declared in the same block (WCAG's large-scale text)."""
    size = declarations.get("font-size")
    if size is None:
        return False
    match = re.match(r"^([\d.]+)(px|pt|rem|em)$", resolve_vars(size[0], props).strip().lower())
    if not match:
        return False
    number, unit = float(match.group(1)), match.group(2)
    px = {"pt": number * 4 / 3, "rem": number * 16, "em": number * 16}.get(unit, number)
    weight = resolve_vars(declarations.get("font-weight", ("400", False))[0], props).strip()
    bold = weight in ("bold", "bolder") or (weight.isdigit() and int(weight) >= 700)
    return px >= 24 or (bold and px >= 18.66)


def low_contrast_pairs(declarations, props) -> tuple[float, float, str, str] | None:
    """(ratio, required, foreground, background) when a block's colour pair is too faint."""
    if "color" not in declarations:
        return None
    foreground = parse_color(resolve_vars(declarations["color"][0], props))
    background = background_color(declarations, props)
    if foreground is None or background is None:
        return None
    ratio = contrast_ratio(foreground, background)
    required = 3.0 if is_large_text(declarations, props) else 4.5
    if ratio < required:
        back = declarations.get("background-color") or declarations.get("background")
        return ratio, required, declarations["color"][0], back[0]
    return None
