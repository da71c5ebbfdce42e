"""Quality checks on sentence pairs → flags (`{"code", "detail"}`) stored on each pair.

Each check is one function registered under the flag codes it produces, so a new check is
one function and one decorator. `run_qa` recomputes the flags of pairs not yet reviewed;
pairs a reviewer approved or edited keep their flags cleared (the reviewer's word is final:
approving or fixing a pair is how a flag is closed). Flags with codes QA did not compute in
this run (e.g. term checks when the glossary is unavailable, or an engine's own flags) are
kept as they are.

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
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from .store import EditionStore

Flag = dict[str, str]

REVIEWED = ("edited", "approved")
MIN_ZH = 6  # Chinese characters below which a length ratio means nothing
MIN_SAMPLE = 8  # measurable pairs needed for an edition-specific band
K_MAD = 3.0
MIN_HALF_WIDTH = math.log(2.0)
HARD_LOW, HARD_HIGH = 0.7, 12.0
FALLBACK_BAND = (1.0, 9.0)

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]+")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_UNK = re.compile(r"<unk>|⁇")


@dataclass
class Context:
    """What checks may need beyond the pair: the glossary and the edition's ratio band."""

    glossary: object | None = None
    term_check: Callable | None = None
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
    return {"code": code, "detail": detail}


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
    return sum(1 for ch in zh if not ch.isspace())


def en_chars(en: str) -> int:
    return sum(1 for ch in en if not ch.isspace())


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
    runs = _HAN.findall(en)
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


@register("terms", codes=("term-miss", "number-mismatch", "marker-leak"))
def check_terms(zh: str, en: str, ctx: Context) -> list[Flag]:
    """Glossary terms and numbers, via `bilingual.terminology.check` (when available).

    Name checks (`name-miss`) need the names the translator found from the block kind, so
    those flags are left as the translator set them.
    """
    if ctx.term_check is None or not en.strip():
        return []
    flags = [as_flag(f) for f in ctx.term_check(zh, en, ctx.glossary)]
    return [f for f in flags if f["code"] in CHECKS["terms"].codes]


def as_flag(f: object) -> Flag:
    """A flag from a dict or an object with `code` and `detail` (another module's result)."""
    if isinstance(f, dict):
        return flag(str(f.get("code", "")), str(f.get("detail", "")))
    return flag(str(getattr(f, "code", "")), str(getattr(f, "detail", "")))


# -- glossary / terminology (other modules, optional) -------------------------


def terminology(glossary: object | None = None) -> tuple[Callable | None, object | None, str]:
    """(`terminology.check`, glossary, "") or (None, None, why the term checks are skipped)."""
    try:
        from .terminology import check
    except ImportError:
        return (
            None,
            None,
            "term-miss and number-mismatch skipped: bilingual.terminology not available",
        )
    if glossary is None:
        glossary = default_glossary()
        if glossary is None:
            return (
                None,
                None,
                "term-miss and number-mismatch skipped: bilingual.glossary not available",
            )
    return check, glossary, ""


@lru_cache(maxsize=1)
def default_glossary() -> object | None:
    """`bilingual.glossary.load_glossary()`, loaded once; None when that module is absent."""
    try:
        from .glossary import load_glossary
    except ImportError:
        return None
    return load_glossary()


def glossary_terms(glossary: object | None, zh: str) -> list[tuple[str, str]]:
    """(term, approved English) for each glossary term found in `zh`; [] when unknown."""
    if glossary is None:
        return []
    for name in ("find", "matches", "match", "find_terms"):
        method = getattr(glossary, name, None)
        if callable(method):
            out = []
            for hit in method(zh):
                entry = getattr(hit, "entry", hit)
                term = getattr(entry, "zh", None) or (hit[0] if isinstance(hit, tuple) else None)
                en = getattr(entry, "en", None) or (hit[1] if isinstance(hit, tuple) else "")
                if term:
                    out.append((str(term), str(en)))
            return list(dict.fromkeys(out))
    return []


# -- running ----------------------------------------------------------------


def check_pair(
    zh: str, en: str, glossary: object | None = None, ctx: Context | None = None
) -> list[Flag]:
    """All checks on one pair (no length ratio unless `ctx` carries a band)."""
    if ctx is None:
        term_check, glossary, _ = terminology(glossary)
        ctx = Context(glossary=glossary, term_check=term_check)
    flags: list[Flag] = []
    for check in CHECKS.values():
        flags.extend(check.func(zh, en, ctx))
    return flags


def computed_codes(ctx: Context) -> set[str]:
    """The flag codes `check_pair` decides with this context (term codes need a term check)."""
    codes = {c for check in CHECKS.values() for c in check.codes}
    if ctx.term_check is None:
        codes -= set(CHECKS["terms"].codes)
    return codes


def recheck(zh: str, en: str, old: list[Flag], ctx: Context | None = None) -> list[Flag]:
    """A pair's flags now: the checks' verdict plus the old flags QA does not decide.

    Flags QA cannot recompute (an engine's `word-gloss`, the translator's `name-miss`) stay
    until a reviewer approves or edits the pair; duplicates (two merged halves) count once.
    """
    if ctx is None:
        term_check, glossary, _ = terminology()
        ctx = Context(glossary=glossary, term_check=term_check)
    codes = computed_codes(ctx)
    kept = {(f.get("code"), f.get("detail")): f for f in old if f.get("code") not in codes}
    return check_pair(zh, en, ctx=ctx) + list(kept.values())


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
    """The result of a QA run: open flags by type, with where they are."""

    pairs: int = 0
    checked: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    open: list[dict] = field(default_factory=list)
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
            "skipped": self.skipped,
            "length_ratio": {"low": round(self.band[0], 3), "high": round(self.band[1], 3),
                             "median": round(self.median, 3) if self.median else None},
        }  # fmt: skip


def run_qa(store: EditionStore, glossary: object | None = None) -> QAReport:
    """Recompute the flags of unreviewed pairs, store them (one transaction), report all open."""
    term_check, glossary, note = terminology(glossary)
    pairs = store.pairs()
    band, median = ratio_band([(p.zh, p.en) for p in pairs])
    ctx = Context(glossary=glossary, term_check=term_check, band=band, median=median)
    report = QAReport(pairs=len(pairs), band=band, median=median, skipped=[note] if note else [])
    with store.transaction():
        for p in pairs:
            if p.status in REVIEWED:
                continue
            report.checked += 1
            flags = recheck(p.zh, p.en, p.flags, ctx)
            if flags != p.flags:
                store.update_pair(p.sid, flags=flags)
                p.flags = flags
    for p in pairs:
        for f in p.flags:
            report.open.append(
                {"id": p.sid, "article": p.article, "status": p.status, "zh": p.zh, "en": p.en, **f}
            )
    report.open.sort(key=lambda f: f["code"])  # stable: by type, then document order
    report.counts = dict(sorted(Counter(f["code"] for f in report.open).items()))
    return report
