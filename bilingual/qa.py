"""Quality checks on sentence pairs → `Flag`s stored on each pair.

Each check is one function registered under the flag codes it produces, so a new check is
one function and one decorator. `run_qa` checks every pair, reviewed ones included (a
reviewer who deletes a term deserves the flag too), every occurrence of a term, name and
number on its own (`terms.protect.check`). Flags of pairs not yet reviewed are the review
queue (`open`); a pair a reviewer approved or edited keeps the flags QA finds on it, shown
wherever flags are shown, but is not put back in the queue (`review --filter flagged` walks
unreviewed pairs) and does not fail `qa --strict`: the reviewer's word is final, and their
flags are a note to a later reader. On an unreviewed pair, flags with codes QA does not
compute (an engine's own), and the translator's "marker lost" flags (only MT knew a marker
went missing), are kept.

Length ratio: r = English characters / Chinese characters (whitespace ignored), compared in
log space with the edition's own median m and MAD: the band is m ± max(3·1.4826·MAD, ln 2),
i.e. never narrower than half to twice the median ratio, and always flags r < 0.7 or r > 12.
With fewer than 8 measurable pairs the band is the fixed 1.0–9.0. Pairs whose Chinese has
fewer than 6 characters (titles, bylines) are too noisy to judge and are not checked.
"""

from __future__ import annotations

import math
import re
import statistics
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from .document import REVIEWED, Flag
from .store import EditionStore
from .terms.analysis import analyse, article_credits
from .terms.glossary import Glossary
from .terms.names import Named
from .terms.protect import check, lost_slots
from .textutil import HAN_RUN

MIN_ZH = 6  # Chinese characters below which a length ratio means nothing
MIN_SAMPLE = 8  # measurable pairs needed for an edition-specific band
K_MAD = 3.0
MIN_HALF_WIDTH = math.log(2.0)
HARD_LOW, HARD_HIGH = 0.7, 12.0
FALLBACK_BAND = (1.0, 9.0)

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_UNK = re.compile(r"<unk>|⁇")


@dataclass
class Context:
    """What checks may need beyond the pair: the glossary and the edition's ratio band."""

    glossary: Glossary | None = None
    kind: str = "paragraph"  # the pair's block kind and its article's credited names,
    credited: tuple[Named, ...] = ()  # for its analysis (set per pair by run_qa)
    names: bool = False  # whether `credited` is known, so names can be checked too
    previous: tuple[Flag, ...] = ()  # the pair's flags before (its lost markers are kept)
    band: tuple[float, float] | None = None
    median: float | None = None


@dataclass
class _Check:
    name: str
    codes: tuple[str, ...]
    func: Callable[[str, str, Context], list[Flag]]


CHECKS: dict[str, _Check] = {}


def register(name: str, codes: tuple[str, ...] | None = None):
    """Register a check `func(zh, en, ctx) -> [flag]` producing flags with `codes`."""

    def deco(func: Callable[[str, str, Context], list[Flag]]):
        CHECKS[name] = _Check(name, codes or (name,), func)
        return func

    return deco


def flag(code: str, detail: str) -> Flag:
    return Flag(code, detail)


# -- the checks -------------------------------------------------------------


@register("empty")
def check_empty(zh: str, en: str, ctx: Context) -> list[Flag]:
    """No English, or English without a single word (punctuation only)."""
    if not en.strip():
        return [flag("empty", "no English (untranslated)")]
    if not _WORD.search(en):
        return [flag("empty", f"no words in the English: {en.strip()!r}")]
    return []


def zh_chars(zh: str) -> int:
    """Characters other than whitespace (`str.split` splits where `str.isspace` holds)."""
    return len("".join(zh.split()))


en_chars = zh_chars


@register("length-ratio")
def check_length_ratio(zh: str, en: str, ctx: Context) -> list[Flag]:
    """English much shorter or longer than its Chinese, judged against the edition's band."""
    if ctx.band is None or zh_chars(zh) < MIN_ZH or not en.strip():
        return []
    ratio = en_chars(en) / zh_chars(zh)
    low, high = ctx.band
    if low <= ratio <= high:
        return []
    word = "short" if ratio < low else "long"
    median = f"median {ctx.median:.1f}×, " if ctx.median else ""
    return [
        flag(
            "length-ratio",
            f"English suspiciously {word}: {ratio:.1f}× the Chinese length "
            f"({median}band {low:.1f}–{high:.1f}×)",
        )
    ]


@register("chinese-in-english")
def check_chinese(zh: str, en: str, ctx: Context) -> list[Flag]:
    """Han characters left in the English (untranslated words, or the source echoed)."""
    runs = HAN_RUN.findall(en)
    if not runs:
        return []
    distinct = list(dict.fromkeys(r if len(r) <= 12 else r[:11] + "…" for r in runs))
    shown = "、".join(distinct[:5]) + (f" (+{len(distinct) - 5} more)" if len(distinct) > 5 else "")
    return [flag("chinese-in-english", f"Chinese left in the English: {shown}")]


@register("odd")
def check_odd(zh: str, en: str, ctx: Context) -> list[Flag]:
    """Degenerate MT output: a word 4+ times in a row, a phrase looping, unknown tokens."""
    out: list[Flag] = []
    words = [w.lower() for w in _WORD.findall(en)]
    for size in (1, 2, 3, 4):
        need = 4 if size == 1 else 3
        run = _longest_repeat(words, size)
        if run and run[1] >= need:
            out.append(flag("odd", f"{' '.join(run[0])!r} repeated {run[1]} times in a row"))
            break
    unk = _UNK.findall(en)
    if unk:
        out.append(flag("odd", f"{len(unk)} unknown-token marker(s) {unk[0]!r} in the English"))
    return out


def _longest_repeat(words: list[str], size: int) -> tuple[list[str], int] | None:
    """The n-gram of `size` words repeated most often back to back, with its count."""
    best: tuple[list[str], int] | None = None
    for start in range(len(words) - size + 1):
        gram = words[start : start + size]
        count, i = 1, start + size
        while words[i : i + size] == gram:
            count, i = count + 1, i + size
        if count > 1 and (best is None or count > best[1]):
            best = (gram, count)
    return best


NAME_CODES = ("name-miss", "name-unverified")  # need the article's credited names


@register("terms", codes=("term-miss", *NAME_CODES, "number-mismatch", "marker-leak"))
def check_terms(zh: str, en: str, ctx: Context) -> list[Flag]:
    """Glossary terms, names and numbers, every occurrence (`terms.protect.check` on the
    sentence's analysis) when the context carries a glossary.

    Names only when the context knows the article's credited names (`run_qa` does; a merge
    or split re-checks a pair without them, and keeps the translator's name flags).
    """
    if ctx.glossary is None or not en.strip():
        return []
    codes = computed_codes(ctx)
    analysis = analyse(zh, ctx.kind, ctx.glossary, ctx.credited)
    lost = lost_slots(analysis, ctx.previous)
    return [f for f in check(analysis, en, lost) if f.code in codes]


# -- running ----------------------------------------------------------------


def check_pair(zh: str, en: str, ctx: Context) -> list[Flag]:
    """All checks on one pair (no length ratio unless `ctx` carries a band, no term checks
    unless it carries a glossary)."""
    flags: list[Flag] = []
    for registered in CHECKS.values():
        flags.extend(registered.func(zh, en, ctx))
    return flags


def computed_codes(ctx: Context) -> set[str]:
    """The flag codes `check_pair` decides with this context (term codes need a glossary)."""
    codes = {c for registered in CHECKS.values() for c in registered.codes}
    if ctx.glossary is None:
        codes -= set(CHECKS["terms"].codes)
    if not ctx.names:
        codes -= set(NAME_CODES)
    return codes


def recheck(zh: str, en: str, old: Iterable[Flag], ctx: Context) -> list[Flag]:
    """A pair's flags now: the checks' verdict plus the old flags QA does not decide.

    Flags QA cannot recompute (an engine's `word-gloss`, the translator's `name-miss` without
    names in `ctx`) stay until a reviewer approves or edits the pair; duplicates (two merged
    halves) count once. Lost markers among `old` are checked again as lost (`ctx.previous`).
    """
    codes = computed_codes(ctx)
    kept = dict.fromkeys(f for f in old if f.code not in codes)
    return check_pair(zh, en, replace(ctx, previous=tuple(old))) + list(kept)


def ratio_band(pairs: list[tuple[str, str]]) -> tuple[tuple[float, float], float | None]:
    """The edition's acceptable en/zh length-ratio band and its median ratio (see module doc)."""
    logs = [
        math.log(en_chars(en) / zh_chars(zh))
        for zh, en in pairs
        if zh_chars(zh) >= MIN_ZH and en_chars(en) > 0
    ]
    if len(logs) < MIN_SAMPLE:
        return FALLBACK_BAND, None
    m = statistics.median(logs)
    mad = statistics.median(abs(x - m) for x in logs)
    half = max(K_MAD * 1.4826 * mad, MIN_HALF_WIDTH)
    low = max(math.exp(m - half), HARD_LOW)
    high = min(math.exp(m + half), HARD_HIGH)
    return (low, high), math.exp(m)


@dataclass
class QAReport:
    """The result of a QA run: open flags (the review queue) by type, with where they are,
    and the flags found on reviewed pairs (not in the queue)."""

    pairs: int = 0
    checked: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    open: list[dict] = field(default_factory=list)
    reviewed: list[dict] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    band: tuple[float, float] = FALLBACK_BAND
    median: float | None = None

    @property
    def total(self) -> int:
        return len(self.open)

    def to_json(self) -> dict:
        return {
            "pairs": self.pairs,
            "checked": self.checked,
            "open": self.total,
            "counts": self.counts,
            "flags": self.open,
            "reviewed": self.reviewed,
            "skipped": self.skipped,
            "length_ratio": {"low": round(self.band[0], 3), "high": round(self.band[1], 3),
                             "median": round(self.median, 3) if self.median else None},
        }  # fmt: skip


def run_qa(store: EditionStore, glossary: Glossary) -> QAReport:
    """Recompute the flags of every pair, store them (one transaction), report them: those
    of unreviewed pairs as open, those of reviewed pairs apart (see the module docstring)."""
    pairs = store.pairs()
    band, median = ratio_band([(p.zh, p.en) for p in pairs])
    ctx = Context(glossary=glossary, names=True, band=band, median=median)
    credits = article_credits(pairs, glossary)
    report = QAReport(pairs=len(pairs), band=band, median=median)
    with store.transaction():
        for index, p in enumerate(pairs):
            report.checked += 1
            own = replace(ctx, kind=p.kind, credited=credits.get(p.article, ()))
            if p.status in REVIEWED:  # the reviewer's English: what QA finds now, nothing kept
                # (a reviewer who approved or edited a transcribed name has verified it)
                found = check_pair(p.zh, p.en, own)
                flags = tuple(f for f in found if f.code != "name-unverified")
            else:
                flags = tuple(recheck(p.zh, p.en, p.flags, own))
            if flags != p.flags:
                store.update_pair(p.sid, flags=flags)
                pairs[index] = replace(p, flags=flags)
    for p in pairs:
        for f in p.flags:
            found = {"id": p.sid, "article": p.article, "status": p.status, "zh": p.zh,
                     "en": p.en, **f.to_json()}  # fmt: skip
            (report.reviewed if p.status in REVIEWED else report.open).append(found)
    report.open.sort(key=lambda f: f["code"])  # stable: by type, then document order
    report.reviewed.sort(key=lambda f: f["code"])
    report.counts = dict(sorted(Counter(f["code"] for f in report.open).items()))
    return report
