"""Person and place names → pinyin, and finding them in bylines, datelines and running text.

Person names follow GB/T 28039-2011: surname first, the given name as one word, both
capitalised, no tone marks, an apostrophe before a syllable starting with a, o or e
(葛新爱 → Ge Xin'ai). Compound surnames are one word (欧阳 Ouyang) and surnames are read with
their surname reading (单 Shan, 曾 Zeng).

Names beyond Han pinyin: the glossary's `person` entries (glossary/people.tsv: 阿沛·阿旺晋美 →
Ngapoi Ngawang Jigme, 乌兰夫 → Ulanhu) give the established English first. Otherwise a name
written with a middle dot (买买提·艾力) or made of the elements Chinese uses to transcribe
Tibetan, Uyghur and Mongolian names (`names_data.TRANSCRIBED_PARTS`: 扎西顿珠) keeps its parts
apart (Maimaiti Aili, Zhaxi Dunzhu), and a name without a known Han surname (旦正措) is one
word (Danzhengcuo); all of these are *unverified* (`Named.verified`, a `name-unverified`
flag): their English comes from the native language, not from the characters. Places follow
GB/T 16159-2012: the proper name romanised as one word, the generic term translated
(忻州市 → Xinzhou City); glossary entries win (日喀则 Xigaze, 兴安盟 Hinggan League).

Finding names is deliberately conservative: names in bylines and datelines, names right
after a job title (书记张华介绍 → 张华), and places from a shipped table of toponyms. It never
guesses that an arbitrary prefix of 市 or 县 is a place.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from ..errors import InputError
from ..textutil import HAN_RUN
from .glossary import Glossary, Match, takes_generic
from .names_data import (
    AFTER_NAME,
    BYLINE_NOISE,
    COMPOUND_SURNAMES,
    ETHNIC_GROUPS,
    GENERICS,
    GIVEN_NAME_READINGS,
    SURNAME_READINGS,
    SURNAMES,
    TEXT_GENERICS,
    TITLES,
    TOPONYMS,
)
from .transcribed import DOTS, DOTTED, dotted_names, established, transcribed_parts


@lru_cache(maxsize=4096)
def syllables(zh: str) -> tuple[str, ...]:
    """Toneless pinyin syllables of a Chinese text (ü kept), in pypinyin's word-aware reading."""
    from pypinyin import Style, lazy_pinyin

    return tuple(lazy_pinyin(zh, style=Style.NORMAL, v_to_u=True, errors="default"))


def pinyin_of(zh: str) -> str:
    """Tone-marked pinyin, one syllable per Han character, space-separated: 网格 → wǎng gé."""
    from pypinyin import Style, lazy_pinyin

    return " ".join(p.strip() for p in lazy_pinyin(zh, style=Style.TONE) if p.strip())


def join_syllables(parts: tuple[str, ...] | list[str]) -> str:
    """Syllables as one word, with an apostrophe before a, o or e after the first: Xin'ai."""
    word = ""
    for part in parts:
        if word and part[:1] in ("a", "o", "e"):
            word += "'"
        word += part
    return word


def _cap(word: str) -> str:
    return word[:1].upper() + word[1:]


def is_verified(zh: str, glossary: Glossary | None = None) -> bool:
    """Whether a person name's English can be trusted as it is made: a glossary entry, or a
    Han name (surname + given name). Transcribed names are not (module docstring)."""
    zh = re.sub(r"\s", "", zh)
    if established(zh, glossary):
        return True
    if transcribed_parts(zh):
        return False
    return (len(zh) >= 3 and zh[:2] in COMPOUND_SURNAMES) or (
        zh[:1] in SURNAMES and 2 <= len(zh) <= 4
    )


def romanize_name(zh: str, glossary: Glossary | None = None) -> str:
    """A person name per GB/T 28039: 葛新爱 → Ge Xin'ai, 欧阳少峰 → Ouyang Shaofeng; a
    glossary person entry first (乌兰夫 → Ulanhu), a transcribed name by its parts
    (买买提·艾力 → Maimaiti Aili)."""
    zh = re.sub(r"\s", "", zh)
    if english := established(zh, glossary):
        return english
    if parts := transcribed_parts(zh):
        return " ".join(_cap(join_syllables(syllables(part))) for part in parts)
    zh = re.sub(f"[{DOTS}]", "", zh)
    if not zh:
        return ""
    if len(zh) >= 3 and zh[:2] in COMPOUND_SURNAMES:
        surname, given = COMPOUND_SURNAMES[zh[:2]], zh[2:]
    elif zh[0] in SURNAMES and 2 <= len(zh) <= 4:
        surname = SURNAME_READINGS.get(zh[0]) or syllables(zh[0])[0]
        given = zh[1:]
    else:
        return _cap(join_syllables(syllables(zh)))
    parts = syllables(given)
    if len(parts) == len(given):  # one syllable per character: apply the name readings
        parts = tuple(GIVEN_NAME_READINGS.get(c, p) for c, p in zip(given, parts, strict=True))
    return f"{_cap(surname)} {_cap(join_syllables(parts))}"


def split_place(zh: str) -> tuple[str, str]:
    """(proper name, generic term) of a place: 忻州市 → (忻州, 市); no generic → (zh, "")."""
    for generic in sorted(GENERICS, key=len, reverse=True):
        if zh.endswith(generic) and len(zh) > len(generic):
            return zh[: -len(generic)], generic
    return zh, ""


def romanize_place(zh: str, glossary: Glossary | None = None) -> str:
    """A place per GB/T 16159: 蒙城县 → Mengcheng County, 西安市 → Xi'an City."""
    zh = zh.strip()
    if glossary is not None and zh in glossary:
        return glossary.entries[zh].en
    if zh in TOPONYMS:
        return TOPONYMS[zh]
    proper, generic = split_place(zh)
    people = ""
    if generic.startswith("自治"):
        # 玉树藏族自治州 → Yushu Tibetan Autonomous Prefecture
        while (ethnic := next((e for e in ETHNIC_GROUPS if proper.endswith(e)), "")) and len(
            proper
        ) > len(ethnic):
            people = ETHNIC_GROUPS[ethnic] + (" " + people if people else "")
            proper = proper[: -len(ethnic)]
    if glossary is not None and proper in glossary:
        name = glossary.entries[proper].en
    else:
        name = TOPONYMS.get(proper) or _cap(join_syllables(syllables(proper)))
    name = f"{name} {people}" if people else name
    return f"{name} {GENERICS[generic]}" if generic else name


def romanize_text(zh: str, glossary: Glossary | None = None) -> str:
    """Tone-marked pinyin of any text by word, polyphones read in context (`bilingual.reading`,
    as the ruby reads): 转化为 → zhuǎnhuà wéi."""
    from ..reading import words_with_pinyin

    out: list[str] = []
    pos = 0
    for run in HAN_RUN.finditer(zh):
        out += zh[pos : run.start()].split()
        out += [pinyin for _, pinyin in words_with_pinyin(run.group())]
        pos = run.end()
    out += zh[pos:].split()
    return " ".join(out)


ROMANIZERS: dict[str, Callable[..., str]] = {
    "name": romanize_name,
    "place": romanize_place,
    "text": romanize_text,
}


def romanize(zh: str, kind: str = "name", glossary: Glossary | None = None) -> str:
    """Romanise `zh` as a person name, a place or plain text (see ROMANIZERS)."""
    try:
        romanizer = ROMANIZERS[kind]
    except KeyError:
        raise InputError(
            f"Unknown kind {kind!r}", f"Use one of: {', '.join(ROMANIZERS)}."
        ) from None
    return romanizer(zh, glossary=glossary)


# --- finding names ---------------------------------------------------------------------------


def _is_name_start(text: str) -> bool:
    return text[:1] in SURNAMES or text[:2] in COMPOUND_SURNAMES


def _segment(chunk: str) -> list[str]:
    """Split a run of names written together (葛新爱王飞王少峰) at surnames; [] if it can't."""
    if len(chunk) <= 3 or not _is_name_start(chunk):
        return [chunk] if 2 <= len(chunk) <= 8 else []
    if len(chunk) == 4:
        two = _is_name_start(chunk[2:]) and chunk[:2] not in COMPOUND_SURNAMES
        return [chunk[:2], chunk[2:]] if two else [chunk]

    @cache
    def split(i: int) -> tuple[str, ...] | None:
        if i == len(chunk):
            return ()
        lengths = (3, 4) if chunk[i : i + 2] in COMPOUND_SURNAMES else (3, 2)
        for length in lengths:
            piece = chunk[i : i + length]
            if len(piece) == length and _is_name_start(piece):
                rest = split(i + length)
                if rest is not None:
                    return (piece, *rest)
        return None

    return list(split(0) or ())


_UNBRACKETED_DATELINE = re.compile(r"^(?:本报|新华社|中新社|人民网|新华网|央视网)|电$|讯$")


def byline_names(text: str) -> list[str]:
    """Person names of a byline or dateline: the part in brackets if any, role words dropped."""
    inner = re.findall(r"[（(]([^（()）]*)[)）]", text)
    if inner:
        body = " ".join(inner)
    elif _UNBRACKETED_DATELINE.search(text):
        # 本报西宁电, 新华社北京3月1日电 记者张三: only a credited reporter is a name
        credited = re.search(r"(?:记者|通讯员)\s*(.+)$", text)
        body = credited.group(1) if credited else ""
    else:
        body = text
    for noise in sorted(BYLINE_NOISE, key=len, reverse=True):
        body = body.replace(noise, " ")
    names: list[str] = DOTTED.findall(body)
    body = DOTTED.sub(" ", body)
    for chunk in HAN_RUN.findall(body):
        names += _segment(chunk) if chunk else []
    return names


_TITLE_RE = re.compile(
    "(?=(" + "|".join(sorted(map(re.escape, TITLES), key=len, reverse=True)) + "))"
)


def titled_names(text: str) -> list[str]:
    """Names right after a job title and before a verb, punctuation or the end of the text."""
    names: list[str] = []
    for m in _TITLE_RE.finditer(text):  # overlapping: 党总支书记 holds 支书 and 书记
        start = m.end(1)
        while start < len(text) and text[start] == " ":
            start += 1
        head = text[start : start + 2]
        lengths = (3, 4) if head in COMPOUND_SURNAMES else (3, 2)
        for length in lengths:
            name = text[start : start + length]
            after = text[start + length :]
            if (
                len(name) == length
                and HAN_RUN.fullmatch(name)
                and _is_name_start(name)
                and (not after or after.startswith(AFTER_NAME))
            ):
                if name not in names:
                    names.append(name)
                break
    return names


_GENERICS_LONGEST = sorted(
    (g for g in GENERICS if len(g) > 1 or g in TEXT_GENERICS), key=len, reverse=True
)
_PLACE_RE = re.compile("|".join(sorted(map(re.escape, TOPONYMS), key=len, reverse=True)))


@dataclass(frozen=True)
class Named:
    """A name found in a text: its Chinese, its English, whether a person or a place, and
    whether its English can be trusted (`is_verified`; else a `name-unverified` flag)."""

    zh: str
    en: str
    kind: str  # "person" or "place"
    verified: bool = True


def known_places(
    text: str, glossary: Glossary | None = None, terms: Sequence[Match] | None = None
) -> list[tuple[str, str]]:
    """Toponyms of the shipped table in `text`, with their generic when one follows.

    When a glossary term starts at the generic (忻州|市委组织部), only the proper name is
    taken, so the term is still matched and the English reads "Xinzhou Municipal Party …".
    `terms` are the glossary's matches in `text` when the caller has them already.
    """
    if terms is None:
        terms = glossary.find(text) if glossary is not None else []
    starts = {m.start: m.entry.zh for m in terms}
    found: list[tuple[str, str]] = []
    for m in _PLACE_RE.finditer(text):
        proper, end = m.group(), m.end()
        generic = next((g for g in _GENERICS_LONGEST if text.startswith(g, end)), "")
        institution = text[end + len(generic) : end + len(generic) + 1] in ("委", "政", "直")
        if generic and not institution and not takes_generic(starts.get(end, "")):
            zh = proper + generic
            found.append((zh, romanize_place(zh, glossary)))
        else:
            found.append((proper, romanize_place(proper, glossary)))
    return found


def find_names(
    text: str, kind: str, glossary: Glossary | None = None, terms: Sequence[Match] | None = None
) -> list[Named]:
    """The person names and known places in a block of the given kind, each once.

    Bylines and datelines: every name in them. Other kinds (attribution, paragraph …):
    names after a job title. Known places in every kind.
    """
    people = byline_names(text) if kind in ("byline", "dateline") else titled_names(text)
    people += [zh for zh in dotted_names(text, glossary) if zh not in people]
    found = [
        Named(zh, romanize_name(zh, glossary), "person", is_verified(zh, glossary)) for zh in people
    ]
    found += [Named(zh, en, "place") for zh, en in known_places(text, glossary, terms)]
    unique: dict[str, Named] = {}
    for name in found:
        unique.setdefault(name.zh, name)
    return list(unique.values())


def names_in(text: str, kind: str, glossary: Glossary | None = None) -> list[tuple[str, str]]:
    """(zh, en) of `find_names`."""
    return [(n.zh, n.en) for n in find_names(text, kind, glossary)]
