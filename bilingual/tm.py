"""The translation memory across editions: every approved or edited pair, found again by its
Chinese — exactly, or fuzzily with a similarity percentage — in later editions.

The memory is one SQLite file in the user's data directory (`BILINGUAL_TM` names another).
Review operations keep it in step with the edition (`remember`: a reviewed pair is in, a
pair undone back to machine English is out). `search` finds the exact units (100 %) and
fuzzy ones: FTS5 picks candidates sharing the query's rarest Chinese bigrams, then each is
scored by character edit distance, similarity = 1 − distance / longer length (the measure
CAT tools show). `translate --tm` takes exact matches before any engine. TMX files go in and
out through the project's TMX reader and writer, so other CAT tools can share the memory.
"""

from __future__ import annotations

import math
import os
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

from rapidfuzz.distance import Levenshtein

from .document import REVIEWED, TM, Signature, origin
from .errors import BilingualError, InputError, os_advice
from .render.tmx import TmxUnit, read_tmx, tmx_document
from .store import EditionStore
from .store.tm import TMStore, UnitRow
from .textutil import write_text_atomic

DEFAULT_MINIMUM = 75  # per cent: the usual threshold for a fuzzy match worth showing
CANDIDATES = 60  # FTS5 candidates scored per search
POSTINGS, MIN_GRAMS = 1500, 3  # how many of a query's rarest grams rank candidates
TM_SIGNATURE = Signature(TM, "memory", note="exact match")

_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+|[A-Za-z0-9]+(?:[.,][0-9]+)*")


def default_tm_path() -> Path:
    """The user's translation memory: `BILINGUAL_TM`, else `tm.sqlite` in the user data dir."""
    env = os.environ.get("BILINGUAL_TM")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_data_dir("bilingual")) / "tm.sqlite"


def normalize(zh: str) -> str:
    """The Chinese as an exact match compares it: NFKC (full-width Latin and digits folded)
    and no whitespace (OCR and layout spaces mean nothing in Chinese)."""
    return "".join(unicodedata.normalize("NFKC", zh).split())


def grams(text: str) -> list[str]:
    """The index tokens of a text, in order: bigrams of each run of Han characters (a run of
    one is itself) and whole Latin words and numbers (lower case)."""
    out: list[str] = []
    for run in _RUN.findall(normalize(text)):
        if run.isascii():
            out.append(run.lower())
        elif len(run) == 1:
            out.append(run)
        else:
            out.extend(run[i : i + 2] for i in range(len(run) - 1))
    return out


def similarity(a: str, b: str) -> int:
    """Per cent: 100 × (1 − edit distance / the longer length), on normalised text."""
    return math.floor(100 * Levenshtein.normalized_similarity(normalize(a), normalize(b)))


@dataclass(frozen=True)
class TMMatch:
    """A unit found for a query: how similar its Chinese is, and where it came from."""

    similarity: int
    zh: str
    en: str
    edition: str
    date: str
    origin: str

    def to_json(self) -> dict:
        return asdict(self)


class TranslationMemory:
    """The user's translation memory; open it with `with TranslationMemory() as tm:`."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_tm_path()
        self.store = TMStore(self.path)

    def __enter__(self) -> TranslationMemory:
        return self

    def __exit__(self, *exc: object) -> None:
        self.store.close()

    def __len__(self) -> int:
        return self.store.count()

    # -- finding --------------------------------------------------------------
    def search(self, text: str, minimum: int = DEFAULT_MINIMUM, limit: int = 5) -> list[TMMatch]:
        """Units whose Chinese is at least `minimum` % similar to `text`, best first (then
        newest); each (Chinese, English) once, from its latest edition."""
        key = normalize(text)
        if not key:
            return []
        rows = list(self.store.exact(key))
        if minimum < 100:
            rows += self.store.candidates(
                self._query_grams(text),
                shortest=math.ceil(len(key) * minimum / 100),
                longest=math.floor(len(key) * 100 / max(minimum, 1)),
                limit=CANDIDATES,
            )
        best: dict[tuple[str, str], TMMatch] = {}
        for row in rows:
            score = 100 if row["zh"] == text else similarity(text, row["zh"])
            found = TMMatch(score, row["zh"], row["en"], row["edition"], row["date"],
                            row["origin"])  # fmt: skip
            seen = best.get((found.zh, found.en))
            if score >= minimum and (seen is None or found.date > seen.date):
                best[(found.zh, found.en)] = found
        newest_first = sorted(best.values(), key=lambda m: m.date, reverse=True)
        return sorted(newest_first, key=lambda m: -m.similarity)[:limit]

    def exact(self, text: str) -> TMMatch | None:
        """The newest unit with exactly this Chinese (normalised), if any."""
        rows = self.store.exact(normalize(text))
        if not rows:
            return None
        r = rows[0]
        return TMMatch(100, r["zh"], r["en"], r["edition"], r["date"], r["origin"])

    def _query_grams(self, text: str) -> list[str]:
        """The query's grams that some unit holds, rarest first, while their units number
        at most POSTINGS (but at least MIN_GRAMS grams): ranking costs one step per unit
        holding a gram, and a near match shares most grams, so it shares rare ones too —
        common grams (坚持, 工作) would only rank half the memory."""
        distinct = list(dict.fromkeys(grams(text)))
        if not distinct:
            return []
        counts = self.store.doc_counts(distinct)
        chosen, postings = [], 0
        for gram in sorted((g for g in distinct if g in counts), key=lambda g: counts[g]):
            if len(chosen) >= MIN_GRAMS and postings + counts[gram] > POSTINGS:
                break
            chosen.append(gram)
            postings += counts[gram]
        return chosen

    # -- adding ---------------------------------------------------------------
    def add(self, units: Iterable[UnitRow]) -> int:
        """Add units in one transaction; how many were new."""
        with self.store.transaction():
            return sum(self.store.put(u) for u in units)

    def remember(self, edition: EditionStore, sids: Iterable[str]) -> tuple[int, int]:
        """Bring these sentences of an edition into step: a reviewed pair with English is
        (re)stored, any other (machine again after an undo, merged away) is taken out.
        Returns (stored, removed)."""
        source = str(edition.directory.resolve())
        name, date = edition.name, edition_date(edition)
        keep, drop = [], []
        for sid in dict.fromkeys(sids):
            pair = edition.pair(sid)
            if pair is not None and pair.status in REVIEWED and pair.en.strip():
                keep.append(_row(pair.zh, pair.en, name, date, origin(pair), source, sid))
            else:
                drop.append(sid)
        with self.store.transaction():
            for unit in keep:
                self.store.put(unit)
            removed = self.store.remove(source, drop)
        return len(keep), removed

    # -- TMX --------------------------------------------------------------------
    def import_tmx(self, path: Path) -> tuple[int, int]:
        """Add the Chinese–English units of a TMX file; (added, already there)."""
        units = list(read_tmx(path))
        if not units:
            raise InputError(f"{path} holds no Chinese–English units", "Check the languages.")
        fallback = path.stem
        rows = []
        for unit in units:
            props = dict(unit.props)
            rows.append(
                _row(unit.zh, unit.en, props.get("x-edition") or fallback,
                     props.get("x-date") or _tmx_day(unit.created), props.get("x-origin", ""))
            )  # fmt: skip
        added = self.add(rows)
        return added, len(rows) - added

    def export_tmx(self, path: Path) -> int:
        """Write every unit to a TMX 1.4b file (edition, date and origin as props)."""
        units = [
            TmxUnit(
                r["zh"], r["en"], "",
                (("x-edition", r["edition"]), ("x-date", r["date"]), ("x-origin", r["origin"])),
                _tmx_stamp(r["added"]),
            )
            for r in self.store.units()
        ]  # fmt: skip
        try:
            write_text_atomic(path, tmx_document(units))
        except OSError as exc:
            raise InputError(
                f"Cannot write {path} ({exc.strerror or exc})",
                os_advice(exc, "Choose a file in an existing, writable directory."),
            ) from None
        return len(units)


def _row(zh: str, en: str, edition: str, date: str, made_by: str, source: str = "",
         sid: str = "") -> UnitRow:  # fmt: skip
    return UnitRow(zh, en, normalize(zh), " ".join(grams(zh)), edition, date, made_by,
                   source, sid)  # fmt: skip


def edition_date(edition: EditionStore) -> str:
    """The edition's date: the page's (`date` meta) or the day it was ingested."""
    return edition.get_meta("date") or edition.get_meta("ingested")[:10]


def _tmx_day(stamp: str) -> str:
    """TMX `20240501T101500Z` → `2024-05-01` ('' when it is not such a date)."""
    try:
        return datetime.strptime(stamp[:8], "%Y%m%d").date().isoformat()
    except ValueError:
        return ""


def _tmx_stamp(iso: str) -> str:
    """Our ISO timestamp as a TMX date."""
    try:
        return datetime.fromisoformat(iso).strftime("%Y%m%dT%H%M%SZ")
    except ValueError:
        return ""


def remember(edition: EditionStore, sids: Iterable[str]) -> str:
    """`TranslationMemory.remember` for a review operation: '' when done, else why the
    memory could not be updated (the review change itself is saved either way)."""
    try:
        with TranslationMemory() as tm:
            tm.remember(edition, sids)
    except BilingualError as exc:
        return f"not added to the translation memory: {exc.message}"
    return ""
