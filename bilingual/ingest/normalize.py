"""Character-level clean-up: full/half-width forms, punctuation in Chinese context, spaces.

OCR'd newspaper text has justification spaces between characters (`付 的 30 万 元`), ASCII
punctuation inside Chinese (`村(社区)`) and full-width digits; this module makes one
consistent form. Spaces that carry meaning (between names, before a name in an attribution,
between the two halves of a headline, inside Latin text) are kept by the callers' choice of
`clean_spaces` mode.
"""

from __future__ import annotations

import re
import unicodedata

from ..textutil import HAN_CLASS

HAN = HAN_CLASS  # a character class body, for the patterns below
# Han, CJK punctuation, full-width forms, curly quotes, dashes, ellipsis, middle dot
CJK = HAN + r"\u3000-\u303f\uff00-\uffef\u2018-\u201f\u2014\u2026\u00b7"
# compiled when first asked, by `re` (is_cjk and _ASCII_PUNCT are for text with ASCII dashes
# and punctuation: compiling their ranges at import was ~3 ms of every start-up)
_CJK_CHAR = f"[{CJK}]"

_FULLWIDTH_ALNUM = {chr(c): chr(c - 0xFEE0) for c in range(0xFF10, 0xFF1A)}  # ０-９
_FULLWIDTH_ALNUM.update({chr(c): chr(c - 0xFEE0) for c in range(0xFF21, 0xFF3B)})  # Ａ-Ｚ
_FULLWIDTH_ALNUM.update({chr(c): chr(c - 0xFEE0) for c in range(0xFF41, 0xFF5B)})  # ａ-ｚ
_FULLWIDTH_ALNUM.update(
    {
        "\u3000": " ",
        "\u00a0": " ",
        "\u2002": " ",
        "\u2003": " ",
        "\u2009": " ",
        "\u200b": "",
        "\ufeff": "",
        "％": "%",
        "＋": "+",
        "＝": "=",
        "／": "/",
        "．": ".",
        "•": "·",
        "・": "·",
        "‧": "·",
        "﹣": "-",
        "―": "—",
        "─": "—",
        "━": "—",
    }
)
# str.translate looks every character up in a dict (slow on long text); a regex finds the
# few characters to map at C speed
_MAPPED = re.compile("[" + "".join(map(re.escape, _FULLWIDTH_ALNUM)) + "]")

_ASCII_TO_CJK = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？"}


def is_cjk(ch: str) -> bool:
    return bool(re.match(_CJK_CHAR, ch))


def normalize_chars(text: str) -> str:
    """Map full-width letters/digits to ASCII and ASCII punctuation in Chinese to full width.

    Digits keep their ASCII separators (`14,000`, `28.6万`); a comma, colon, semicolon,
    exclamation or question mark touching a Chinese character becomes full width; ASCII
    parentheses around Chinese become `（）`; `--` and `－－` between Chinese become `——`.
    """
    text = _MAPPED.sub(_map_char, unicodedata.normalize("NFC", text))
    if "-" in text or "—" in text or "－" in text:
        text = _DASHES.sub(_dash, text)
    if "(" in text:
        text = _PARENS.sub(_paren, text)
    if _ANY_ASCII_PUNCT.search(text):
        text = re.sub(_ASCII_PUNCT, _punct, text)
    if "." in text or "…" in text or "。。" in text:
        text = _ELLIPSIS.sub("……", text)
    return text


_DASHES = re.compile(r"[－\-]{2}|—(?!—)(?<!——)")
_PARENS = re.compile(r"\(([^()\n]*)\)")
_ANY_ASCII_PUNCT = re.compile(r"[,;:!?]")
_ASCII_PUNCT = rf"(?<=[{CJK}])\s*([,;:!?])|([,;:!?])(?=\s*[{CJK}])"  # see _CJK_CHAR
_ELLIPSIS = re.compile(rf"\.{{3,}}|。{{3,}}|(?<=[{CJK}])…(?!…)(?<!……)")


def _map_char(match: re.Match[str]) -> str:
    return _FULLWIDTH_ALNUM[match.group(0)]


def _dash(match: re.Match[str]) -> str:
    s = match.group(0)
    before = match.string[match.start() - 1 : match.start()]
    after = match.string[match.end() : match.end() + 1]
    if (before and is_cjk(before)) or (after and is_cjk(after)) or not before:
        return "——"
    return s


def _paren(match: re.Match[str]) -> str:
    inner = match.group(1)
    if re.search(f"[{HAN}]", inner):
        return f"（{inner}）"
    return match.group(0)


def _punct(match: re.Match[str]) -> str:
    ch = match.group(1) or match.group(2)
    # keep thousands separators and clock times between digits
    start = match.start(1) if match.group(1) else match.start(2)
    before = match.string[start - 1 : start]
    after = match.string[start + 1 : start + 2]
    if ch in ",:" and before.isdigit() and after.isdigit():
        return match.group(0)
    return _ASCII_TO_CJK[ch]


def clean_spaces(text: str, mode: str = "body") -> str:
    """Remove layout spaces; keep meaningful ones according to `mode`.

    - `body`: drop every space that touches a Chinese character or Chinese punctuation
      (justification, and spaces around digits inside Chinese); keep spaces between
      Latin words and digits.
    - `names`: like body, but a single space between two Han runs is kept
      (`葛新爱 王飞 王少峰`, `副主任 康志友`).
    - `headline`: like `names` unless the line is justified (spaces between single
      characters), so `关怀关爱在一线 让“流血…` keeps its space.
    """
    text = text.strip()
    # a run of blanks to make one space: most blocks have none (single spaces are kept as
    # they are), and the regex scans slowly
    if "  " in text or "\t" in text:
        text = _BLANKS.sub(" ", text)
    if mode == "headline" and _looks_justified(text):
        mode = "body"
    if mode in ("names", "headline"):
        parts = _NAME_SPACE.split(text)
        return " ".join(clean_spaces(p, "body") for p in parts)
    return _LAYOUT_SPACE.sub("", text) if " " in text else text


_BLANKS = re.compile(r"[ \t]+")
# a space kept between Han runs in names and headlines; the space first (see _LAYOUT_SPACE)
_NAME_SPACE = re.compile(f" (?<=[{HAN}] )(?=[{HAN}“‘《（])")
# a space before or after CJK; the space first, so the regex skips to each space (a
# lookbehind first is tried at every character: five times slower)
_LAYOUT_SPACE = re.compile(rf" (?:(?=[{CJK}])|(?<=[{CJK}] ))")


def _looks_justified(text: str) -> bool:
    """True when spaces separate single characters (a justified or letter-spaced line)."""
    runs = [r for r in text.split(" ") if r]
    if len(runs) < 3:
        return False
    singles = sum(1 for r in runs if len(r) <= 2)
    return singles >= len(runs) / 2
