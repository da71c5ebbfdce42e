"""The curated glossary: entries, layered loading and a fast longest-leftmost term matcher.

Layers, later overriding earlier: the shipped `glossary/*.tsv`, the user's TSV under the
platformdirs user data dir (so `XDG_DATA_HOME` moves it), then any extra files. The matcher
is one pyahocorasick automaton over every Chinese surface form (the term and its Chinese
variants), built lazily once per Glossary.

File format (TSV, UTF-8, header row): `zh en pinyin category note source variants status`;
only `zh` and `en` are required. `variants` holds alternative Chinese surface forms of the
term separated by `|` (`;` and `；` are accepted too). Variants without any Han character are
accepted English alternatives (kept in `Entry.en_alternatives`, used by nothing that changes
output). Blank lines and lines starting with `#` are skipped.

Matching is on characters, with no word segmentation, so a short term can turn up across a
word boundary (民生 in 人民生活, 市长 in 城市长效). The shipped `not-terms.txt` lists such
contexts, one a line: a not-term claims its characters like a term but renders nothing.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

from .errors import GlossaryError, os_advice
from .paths import link_problem

COLUMNS = ("zh", "en", "pinyin", "category", "note", "source", "variants", "status")
STATUSES = ("approved", "provisional")
VARIANT_SPLIT = re.compile(r"\s*[|;；]\s*")
HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
USER_FILE = "glossary.tsv"
NOT_TERMS_FILE = "not-terms.txt"
PLACE_CATEGORIES = ("place", "places", "toponym", "geography")
# One-character place generics and their English (GB/T 16159), for `Glossary.find`.
PLACE_GENERICS = {
    "市": ("City", "Municipality"),
    "县": ("County",),
    "区": ("District",),
    "州": ("Prefecture",),
    "省": ("Province",),
    "镇": ("Town",),
    "乡": ("Township",),
}


@dataclass(frozen=True)
class Entry:
    """One glossary term: the approved English `en` for the Chinese `zh`."""

    zh: str
    en: str
    pinyin: str = ""
    category: str = ""
    note: str = ""
    source: str = ""
    variants: tuple[str, ...] = ()
    status: str = "approved"
    layer: str = ""  # label of the file it came from: "shipped/<name>.tsv", "user" or a path

    @property
    def zh_variants(self) -> tuple[str, ...]:
        """Alternative Chinese surface forms that match as this term."""
        return tuple(v for v in self.variants if HAN.search(v))

    @property
    def en_alternatives(self) -> tuple[str, ...]:
        """Variants without Han characters: other English renderings, for reference only."""
        return tuple(v for v in self.variants if v and not HAN.search(v))

    def to_json(self) -> dict:
        """The `glossary list --json` shape."""
        return {
            "zh": self.zh,
            "en": self.en,
            "pinyin": self.pinyin,
            "category": self.category,
            "note": self.note,
            "source": self.source,
            "variants": list(self.variants),
            "status": self.status,
            "layer": self.layer,
        }

    def to_row(self) -> dict[str, str]:
        """The entry as a TSV row (variants joined with `|`)."""
        row = {c: str(getattr(self, c)) for c in COLUMNS if c != "variants"}
        row["variants"] = "|".join(self.variants)
        return row


@dataclass(frozen=True)
class Match:
    """A term found in a text: `text[start:end] == surface`, the term or one of its variants."""

    start: int
    end: int
    entry: Entry
    surface: str


def _digest(pairs: Iterable[tuple[str, str]]) -> str:
    h = hashlib.sha1()
    for zh, en in sorted(set(pairs)):
        h.update(f"{zh}\t{en}\n".encode())
    return h.hexdigest()[:16]


@dataclass
class Glossary:
    """Entries after layering (by zh), the files they came from, and the matcher."""

    entries: dict[str, Entry] = field(default_factory=dict)
    sources: dict[str, Path] = field(default_factory=dict)  # layer label → file
    not_terms: frozenset[str] = frozenset()  # contexts that are no term (see the docstring)

    @classmethod
    def from_entries(cls, entries: Iterable[Entry]) -> Glossary:
        """A glossary from entries in layer order (a later entry with the same zh wins)."""
        return cls(entries={e.zh: e for e in entries})

    def __len__(self) -> int:
        return len(self.entries)

    def __contains__(self, zh: object) -> bool:
        return zh in self.entries

    def get(self, zh: str) -> Entry | None:
        return self.entries.get(zh)

    @cached_property
    def _automaton(self):
        import ahocorasick

        automaton = ahocorasick.Automaton()
        for surface in self.not_terms:  # first, so that a term of the same surface wins
            automaton.add_word(surface, (len(surface), surface, None))
        # Variants first so that an entry's own zh wins when a variant equals another term.
        for entry in self.entries.values():
            for surface in entry.zh_variants:
                automaton.add_word(surface, (len(surface), surface, entry.zh))
        for entry in self.entries.values():
            automaton.add_word(entry.zh, (len(entry.zh), entry.zh, entry.zh))
        if len(automaton):
            automaton.make_automaton()
        return automaton

    def find(self, text: str) -> list[Match]:
        """Terms in `text`, longest-leftmost and non-overlapping, in text order.

        One exception: a place term ending in a generic (忻州市) that overlaps a longer term
        starting at that generic (市委组织部) is cut back to its proper name (忻州 → Xinzhou),
        so Party and government bodies named after a place keep their approved rendering.
        """
        automaton = self._automaton
        if not len(automaton) or not text:
            return []
        candidates = [
            (end - length + 1, -length, surface, zh)
            for end, (length, surface, zh) in automaton.iter(text)
        ]
        candidates.sort()
        surface_at: dict[int, str] = {}
        for start, _, surface, zh in candidates:
            if zh is not None:
                surface_at.setdefault(start, surface)  # the longest term starting there
        matches: list[Match] = []
        taken = 0
        for start, neg_length, surface, zh in candidates:
            if start < taken:
                continue
            if zh is None:  # a not-term: its characters hold no term
                taken = start - neg_length
                continue
            end, entry = start - neg_length, self.entries[zh]
            following = surface_at.get(end - 1, "")
            if takes_generic(following) and (proper := self._proper_part(entry, surface)):
                # 盐城市|市委 → 盐城 + 市委…: a place yields its generic to the term after it.
                matches.append(Match(start, end - 1, proper, surface[:-1]))
                taken = end - 1
                continue
            matches.append(Match(start, end, entry, surface))
            taken = end
        return matches

    def _proper_part(self, entry: Entry, surface: str) -> Entry | None:
        """The proper-name part of a place term ending in a one-character generic, if known:
        its own entry, or the place's English without the generic word (Xinzhou City → Xinzhou).
        """
        words = PLACE_GENERICS.get(surface[-1:])
        if entry.category not in PLACE_CATEGORIES or not words or len(surface) < 3:
            return None
        proper = surface[:-1]
        if proper in self.entries:
            return self.entries[proper]
        for word in words:
            if entry.en.endswith(" " + word):
                return replace(entry, zh=proper, en=entry.en[: -len(word) - 1], variants=())
        return None

    @cached_property
    def hash(self) -> str:
        """A stable hash of all (zh, en) pairs and not-terms: part of a translation's signature."""
        pairs = [(e.zh, e.en) for e in self.entries.values()]
        return _digest(pairs + [(surface, "") for surface in self.not_terms])

    def terms_key(self, text: str) -> str:
        """A hash of the (zh, en) of the terms found in `text` ("" when none).

        Part of a sentence's translation cache key, so that a glossary edit re-does only the
        sentences holding a changed (or newly matching) term.
        """
        matches = self.find(text)
        if not matches:
            return ""
        return _digest((m.entry.zh, m.entry.en) for m in matches)

    def by_category(self, category: str) -> list[Entry]:
        return [e for e in self.entries.values() if e.category == category]


def takes_generic(term: str) -> bool:
    """Whether a term that starts with a place's generic claims it: 市委组织部, 县委书记 and
    市政府 do (the place before is then its proper name); 区长 in 忻府区长征街 does not."""
    return len(term) >= 3 or term[1:2] in ("委", "政", "直")


# --- files -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """A raw TSV row, unstripped, with its 1-based line number (for lint messages) and the
    cells past the header's last column, which belong to no field."""

    line: int
    fields: dict[str, str]
    extra: tuple[str, ...] = ()


def read_rows(path: Path) -> list[Row]:
    """Read a glossary TSV into raw rows. Raises GlossaryError on a missing `zh`/`en` header."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise GlossaryError(f"Glossary file {path} not found", "Check the path.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise GlossaryError(
            f"Cannot read glossary file {path} ({exc})", "Save it as UTF-8 text."
        ) from None
    lines = text.splitlines()
    header: list[str] | None = None
    rows: list[Row] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = [c.strip().lower() for c in cells]
            if "zh" not in header or "en" not in header:
                raise GlossaryError(
                    f"{path}:{number}: the header row has no zh and en columns",
                    "Start the file with a tab-separated header: zh, en, pinyin, category …",
                )
            continue
        cells += [""] * (len(header) - len(cells))
        extra = tuple(cells[len(header) :])
        rows.append(Row(number, dict(zip(header, cells, strict=False)), extra))
    return rows


def entry_from_fields(fields: dict[str, str], layer: str = "") -> Entry:
    """An Entry from raw fields: values stripped, variants split, status defaulted."""
    get = lambda key: (fields.get(key) or "").strip()  # noqa: E731
    variants = tuple(v for v in VARIANT_SPLIT.split(get("variants")) if v)
    return Entry(
        zh=get("zh"),
        en=get("en"),
        pinyin=get("pinyin"),
        category=get("category"),
        note=get("note"),
        source=get("source"),
        variants=variants,
        status=get("status") or "approved",
        layer=layer,
    )


def read_tsv(path: Path, layer: str = "") -> list[Entry]:
    """The entries of one TSV file, in file order (rows without a zh are skipped)."""
    entries = [entry_from_fields(r.fields, layer or str(path)) for r in read_rows(path)]
    return [e for e in entries if e.zh]


def _clean(value: str) -> str:
    return re.sub(r"[\t\r\n]+", " ", value)


def tsv_text(entries: Iterable[Entry]) -> str:
    """Entries as glossary TSV text: header row, `|`-joined variants, no tabs inside fields."""
    lines = ["\t".join(COLUMNS)]
    for entry in entries:
        row = entry.to_row()
        lines.append("\t".join(_clean(row[c]) for c in COLUMNS))
    return "\n".join(lines) + "\n"


def write_text(path: Path, text: str) -> None:
    """Write a glossary file atomically (temp file, then rename), creating its folder."""
    tmp = path.with_name(path.name + ".tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)  # half written: the file itself is as it was
        raise GlossaryError(
            f"Cannot write {path} ({exc.strerror or exc})",
            os_advice(exc, "Check the path and its permissions."),
        ) from None


def write_tsv(path: Path, entries: Iterable[Entry]) -> None:
    """Write entries as a glossary TSV, atomically."""
    write_text(path, tsv_text(entries))


# --- layers ----------------------------------------------------------------------------------


def shipped_dir() -> Path:
    """The shipped glossary directory: $BILINGUAL_GLOSSARY_DIR, the wheel's copy, or the repo's."""
    override = os.environ.get("BILINGUAL_GLOSSARY_DIR")
    if override:
        return Path(override)
    package = Path(__file__).resolve().parent
    wheel = package / "_glossary"
    return wheel if wheel.is_dir() else package.parent / "glossary"


def user_glossary_path() -> Path:
    """The user's glossary TSV (platformdirs user data dir; XDG_DATA_HOME moves it)."""
    import platformdirs

    return Path(platformdirs.user_data_dir("bilingual")) / USER_FILE


def layer_files(extra: Sequence[Path] = (), user: bool = True) -> list[tuple[str, Path]]:
    """(label, path) of every existing layer file, in override order."""
    files: list[tuple[str, Path]] = []
    directory = shipped_dir()
    if directory.is_dir():
        files += [(f"shipped/{p.name}", p) for p in sorted(directory.glob("*.tsv"))]
    if user:
        path = user_glossary_path()
        if path.is_file():
            files.append(("user", path))
    for path in extra:
        check_file(Path(path), "Check the --glossary path.")
        files.append((str(path), Path(path)))
    return files


def check_file(path: Path, todo: str = "Check the path.") -> None:
    """Raise a GlossaryError unless `path` is an existing file (not a directory or a link
    that cannot be followed)."""
    problem = link_problem(path)
    if problem is None and path.is_dir():
        problem, todo = f"{path} is a directory", "Give a glossary file (TSV, CSV or TBX) in it."
    elif problem is None and not path.is_file():
        problem = f"Glossary file {path} not found"
    if problem:
        raise GlossaryError(problem, todo)


def read_not_terms(path: Path) -> frozenset[str]:
    """The not-terms of a `not-terms.txt` (first tab-separated field of each line; `#`
    comments and blank lines skipped); empty when the file is missing."""
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except FileNotFoundError:
        return frozenset()
    except (OSError, UnicodeDecodeError) as exc:
        raise GlossaryError(f"Cannot read {path} ({exc})", "Save it as UTF-8 text.") from None
    fields = (line.split("\t", 1)[0].strip() for line in lines if not line.startswith("#"))
    return frozenset(f for f in fields if f)


def load_file(path: Path, label: str) -> list[Entry]:
    """Entries of one layer file, by its suffix (TSV here; CSV and TBX via glossary_io)."""
    if path.suffix.lower() in (".csv", ".tbx", ".xml"):
        from .glossary_io import read_any

        return read_any(path, layer=label)
    return read_tsv(path, layer=label)


def load_glossary(extra: Sequence[Path] = (), user: bool = True) -> Glossary:
    """Load and layer the shipped glossary, the user's TSV and `extra` files."""
    glossary = Glossary(not_terms=read_not_terms(shipped_dir() / NOT_TERMS_FILE))
    for label, path in layer_files(extra, user):
        glossary.sources[label] = path
        for entry in load_file(path, label):
            glossary.entries[entry.zh] = entry
    return glossary


# --- queries ---------------------------------------------------------------------------------


def plain_pinyin(text: str) -> str:
    """Pinyin reduced for comparison: no tones (marks or digits), spaces or apostrophes."""
    import unicodedata

    decomposed = unicodedata.normalize("NFD", text.lower().replace("ü", "v"))
    return re.sub(r"[^a-z]", "", "".join(c for c in decomposed if not unicodedata.combining(c)))


def search(glossary: Glossary, query: str) -> list[Entry]:
    """Entries whose zh (or a variant) contains a Chinese query; else whose English or pinyin
    (tones, spaces and apostrophes ignored) contains it. Exact hits first."""
    query = query.strip()
    if not query:
        return []
    if HAN.search(query):
        hits = [
            e for e in glossary.entries.values() if any(query in s for s in (e.zh, *e.variants))
        ]
        return sorted(hits, key=lambda e: (e.zh != query, len(e.zh)))
    lowered, plain = query.lower(), plain_pinyin(query)
    hits = []
    for entry in glossary.entries.values():
        if (
            lowered in entry.en.lower()
            or any(lowered in v.lower() for v in entry.en_alternatives)
            or (plain and plain in plain_pinyin(entry.pinyin or _generated_pinyin(entry.zh)))
        ):
            hits.append(entry)
    return sorted(hits, key=lambda e: (e.en.lower() != lowered, len(e.zh)))


def _generated_pinyin(zh: str) -> str:
    from .names import pinyin_of

    return pinyin_of(zh)


def stats(glossary: Glossary) -> dict[str, dict[str, int]]:
    """Entry counts after layering: {"category": {name: n}, "layer": {label: n}, "status": …}."""
    from collections import Counter

    values = list(glossary.entries.values())
    return {
        "category": dict(Counter(e.category or "(none)" for e in values).most_common()),
        "layer": dict(Counter(e.layer for e in values).most_common()),
        "status": dict(Counter(e.status for e in values).most_common()),
    }
