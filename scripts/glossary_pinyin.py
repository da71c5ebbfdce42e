"""Pinyin helper and consistency check for the curated glossary in glossary/*.tsv.

Usage (from the repo root):

    uv run python scripts/glossary_pinyin.py check            # lint every glossary/*.tsv
    uv run python scripts/glossary_pinyin.py suggest 网格化管理 忻州市
    uv run python scripts/glossary_pinyin.py suggest --place 忻州市

`check` runs the glossary linter (`bilingual.terms.lint`) over the shipped files with the
house rules on: exact header, 8 fields per row, required fields non-empty, no stray
whitespace, no field starting with a double quote (keeps csv readers happy), known
category and status, zh/variants unique across all files, and every pinyin a reading of
its characters.

`suggest` prints a first-draft pinyin (pypinyin phrase readings, words cut by the one
segmenter over CC-CEDICT, `bilingual.render.ruby.split_words`).  Polyphonic characters
and word boundaries still need a human check.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

from pypinyin import Style, pinyin

from bilingual.render.ruby import split_words
from bilingual.terms.files import read_tsv
from bilingual.terms.lint import lint_files
from bilingual.textutil import HAN_CLASS, is_han

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY_DIR = ROOT / "glossary"


def strip_tones(s: str) -> str:
    nfd = unicodedata.normalize("NFD", s)
    out = "".join(c for c in nfd if unicodedata.category(c) != "Mn")
    return unicodedata.normalize("NFC", out).replace("ü", "u")


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


def segment(run: str) -> list[str]:
    """The one segmenter's words of a run of Han characters, then affix joining."""
    out: list[str] = []
    for t in split_words(run):
        single = len(t) == 1 and bool(out) and out[-1] not in NO_JOIN
        suffix = single and t in SUFFIXES
        joined = single and t not in NO_JOIN and len(out[-1]) == 1
        if suffix or joined:
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
    for chunk in re.split(f"[^{HAN_CLASS}/^]+", zh):
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


def check() -> int:
    """Lint the shipped files with the house rules; print problems and a summary."""
    files = [(f"shipped/{p.name}", p) for p in sorted(GLOSSARY_DIR.glob("*.tsv"))]
    if not files:
        print(f"no .tsv files in {GLOSSARY_DIR}")
        return 1
    problems = lint_files(files, house=True)
    for problem in problems:
        print(problem)
    entries = [e for _, p in files for e in read_tsv(p)]
    counts = Counter(e.category for e in entries)
    provisional = sum(e.status == "provisional" for e in entries)
    print(
        f"{len(entries)} entries, {provisional} provisional; "
        + ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
    )
    print("OK" if not problems else f"{len(problems)} problem(s)")
    return 1 if problems else 0


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
