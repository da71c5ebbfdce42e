"""What every output format renders: an edition's articles, blocks and sentence pairs with
their inline pieces (pinyin, glossary terms), plus who made the English.

Built once per `render_edition` call and shared by the HTML and EPUB writers, so the
expensive part (segmentation and pinyin) is done once.
"""

from __future__ import annotations

import hashlib
import textwrap
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..document import ALIGNED, HUMAN, ORIGIN_LABELS, TM, Flag, Pair, Signature, origin
from ..ingest.meta import edition_title_and_date
from ..store import EditionStore
from ..terms.analysis import analyse, credited_names
from ..terms.glossary import Glossary
from ..textutil import HAN_RUN, xml_safe
from .markup import Piece, en_pieces, zh_pieces
from .names_view import name_matches

# What each origin of the English (`document.origin`) is called on the page; `ct2:NAME` and
# `llm:NAME` are looked up by the part before the colon.
PAGE_LABELS = {
    "argos": "Argos Translate machine translation",
    "ct2": "CTranslate2 machine translation",
    "llm": "LLM translation",
    "gloss": "word gloss",
    "fake": "fake engine (for tests)",
    "aligned": ORIGIN_LABELS[ALIGNED],  # a person's translation: never called machine
    "human": "edited by a reviewer",
    TM: ORIGIN_LABELS[TM],
}
# The short note a sentence carries when its English came from elsewhere than most of the
# edition's (a mixed edition): the masthead names the main origin once.
ORIGIN_NOTES = {"gloss": "word gloss", "human": "edited", "aligned": "aligned", "tm": "TM"}
# Flags that hold for every sentence an engine made: the masthead says it once, so they do
# not mark each sentence (they stay in the hover text).
QUIET_FLAGS = frozenset({"word-gloss"})
# An untitled article's English line in the contents: its first sentence, cut to this length.
TOC_ENGLISH = 60
GLOSS_NOTICE = (
    "The English is a literal word-by-word gloss from CC-CEDICT and the glossary, "
    "not a translation."
)
MIXED_GLOSS_NOTICE = (
    "{gloss} of the {english} English sentences are a literal word-by-word gloss from "
    "CC-CEDICT and the glossary, not a translation; each is marked “word gloss”."
)


def origin_label(value: str) -> str:
    """`ct2:opus-mt-zh-en` → "CTranslate2 machine translation"; unknown origins as they are."""
    return PAGE_LABELS.get(value.partition(":")[0], value)


def origin_note(value: str) -> str:
    """The short per-sentence note for an origin (`ct2:NAME` → NAME)."""
    return ORIGIN_NOTES.get(value) or value.partition(":")[2] or value


@dataclass
class SentenceView:
    sid: str
    zh: str
    en: str
    status: str
    flags: tuple[Flag, ...]
    zh_pieces: list[Piece]
    en_pieces: list[Piece]
    origin: str = ""  # who made the English (`document.origin`)
    note: str = ""  # the origin, shown when it is not the edition's main one

    @property
    def flag_text(self) -> str:
        """Flags as one line for a hover title: `code: detail; …`."""
        return "; ".join(str(f) for f in self.flags)

    @property
    def marked(self) -> bool:
        """Whether a flag needs the reader's attention (not just an edition-wide note)."""
        return any(f.code not in QUIET_FLAGS for f in self.flags)

    @property
    def flag_codes(self) -> str:
        return " ".join(f.code for f in self.flags)


@dataclass
class BlockView:
    id: str
    kind: str
    sentences: list[SentenceView]


@dataclass
class ArticleView:
    number: int
    id: int
    blocks: list[BlockView]
    title_zh: str
    title_en: str

    @property
    def anchor(self) -> str:
        return f"a{self.number}"

    @property
    def filename(self) -> str:
        return f"article-{self.number:04d}.xhtml"


@dataclass
class EngineUse:
    """One origin of the edition's English, the model behind it and how many sentences."""

    origin: str
    model: str
    sentences: int

    @property
    def label(self) -> str:
        return origin_label(self.origin)


@dataclass
class EditionView:
    name: str
    title: str
    date: str
    source: str
    identifier: str
    articles: list[ArticleView]
    engines: list[EngineUse]
    status_counts: dict[str, int] = field(default_factory=dict)
    ruby: bool = True

    @property
    def title_lang(self) -> str:
        """The masthead's language: a Chinese title, or an edition name like `seed-page`."""
        return "zh-Hans" if HAN_RUN.search(self.title) else "en"

    @property
    def sentences(self) -> int:
        return sum(self.status_counts.values())

    @property
    def dateline(self) -> str:
        """The masthead's line under the title: the page's date, when known, and what this is."""
        return " · ".join(part for part in (self.date, "Chinese–English edition") if part)

    @property
    def gloss_notice(self) -> str:
        """What the reader must know about word-gloss English: all of it, or how much of a
        mixed edition ("" when there is none)."""
        gloss = sum(u.sentences for u in self.engines if u.origin == "gloss")
        english = sum(u.sentences for u in self.engines)
        if not gloss:
            return ""
        if gloss == english:
            return GLOSS_NOTICE
        return MIXED_GLOSS_NOTICE.format(gloss=gloss, english=english)

    @property
    def engine_line(self) -> str:
        """`English: Argos … (model X), 12 sentences; word gloss, 3 sentences`."""
        if not self.engines:
            return "English: not translated yet."
        parts = []
        for use in self.engines:
            model = f" (model {use.model})" if use.model else ""
            plural = "s" * (use.sentences != 1)
            parts.append(f"{use.label}{model}, {use.sentences} sentence{plural}")
        return "English: " + "; ".join(parts) + "."

    @property
    def contributor(self) -> str:
        """The translator credit for EPUB metadata."""
        return (
            "; ".join(f"{u.label} ({u.model})" if u.model else u.label for u in self.engines)
            or "untranslated"
        )

    @property
    def review_line(self) -> str:
        c = self.status_counts
        return (
            f"{self.sentences} sentences: {c.get('approved', 0)} approved, "
            f"{c.get('edited', 0)} edited, {c.get('machine', 0)} not reviewed, "
            f"{c.get('untranslated', 0)} untranslated."
        )


def engines_used(pairs: list[Pair]) -> list[EngineUse]:
    """Who made the English (by origin, with the model), most sentences first; pairs without
    English are skipped."""
    counts: Counter[tuple[str, str]] = Counter()
    for p in pairs:
        made = origin(p)
        if made:
            # a person made it: no model; align's "model" is the bridge it aligned with
            plain = made in (HUMAN, ALIGNED)
            counts[(made, "" if plain else Signature.parse(p.signature).model_label)] += 1
    return [EngineUse(o, m, n) for (o, m), n in counts.most_common()]


def main_origin(engines: list[EngineUse]) -> str:
    """The origin of most sentences; "" when the edition has one origin or none (no
    sentence then needs a note)."""
    origins = Counter()
    for use in engines:
        origins[use.origin] += use.sentences
    return origins.most_common(1)[0][0] if len(origins) > 1 else ""


def edition_identifier(name: str, zh_texts: list[str]) -> str:
    """A stable `urn:uuid:` from the edition name and a hash of its Chinese text."""
    digest = hashlib.sha1("\n".join(zh_texts).encode("utf-8")).hexdigest()
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'bilingual:{name}:{digest}')}"


def _source_names(source: str) -> str:
    """File names only: an absolute path of the user's machine does not belong in a book."""
    return ", ".join(Path(part.strip()).name for part in source.split(",") if part.strip())


def build_view(
    store: EditionStore, glossary: Glossary | None = None, ruby: bool = True
) -> EditionView:
    """Read the edition and its pairs and prepare the inline pieces of every sentence
    (`glossary` None: no terms, names still shown)."""
    glossary = Glossary() if glossary is None else glossary
    edition = store.load_edition()
    pairs = store.pairs()
    by_sid = {p.sid: p for p in pairs}
    engines = engines_used(pairs)
    main = main_origin(engines)
    status_counts: Counter[str] = Counter()
    articles: list[ArticleView] = []
    zh_texts: list[str] = []
    for number, article in enumerate(edition.articles, start=1):
        blocks: list[BlockView] = []
        title_zh = title_en = ""
        credits = credited_names(((b.kind, b.text) for b in article.blocks), glossary)
        for block in article.blocks:
            sentences = []
            for s in block.sentences:
                pair = by_sid.get(s.id)
                made = origin(pair) if pair else ""
                zh = xml_safe(s.zh)
                en = xml_safe(pair.en) if pair else ""
                status = pair.status if pair else "untranslated"
                status_counts[status] += 1
                analysis = analyse(zh, block.kind, glossary, credits)
                terms = list({m.entry.zh: m.entry for m in analysis.terms}.values())
                matches = sorted([*analysis.terms, *name_matches(analysis)], key=lambda m: m.start)
                sentences.append(
                    SentenceView(
                        sid=s.id,
                        zh=zh,
                        en=en,
                        status=status,
                        flags=pair.flags if pair else (),
                        zh_pieces=zh_pieces(zh, matches, ruby),
                        en_pieces=en_pieces(en, terms),
                        origin=made,
                        note=origin_note(made) if main and made and made != main else "",
                    )
                )
            zh_texts.append(block.text)
            blocks.append(BlockView(block.id, block.kind, sentences))
            if block.kind == "title" and not title_zh:
                title_zh = block.text
                title_en = " ".join(s.en for s in sentences if s.en)
        if not title_zh:  # an untitled article (e.g. a run of quotes): its opening words
            title_zh = article.title
            first_en = next((s.en for b in blocks for s in b.sentences if s.en), "")
            title_en = textwrap.shorten(first_en, TOC_ENGLISH, placeholder=" …")
        articles.append(ArticleView(number, article.id, blocks, title_zh, title_en))
    title, date = edition_title_and_date(store, edition)
    return EditionView(
        name=edition.name,
        title=title,
        date=date,
        source=_source_names(store.get_meta("source")) or edition.name,
        identifier=edition_identifier(edition.name, zh_texts),
        articles=articles,
        engines=engines,
        status_counts=dict(status_counts),
        ruby=ruby,
    )
