"""Read a Chinese text and its English translation, align them and store the pairs.

The edition gets one sentence per bead: its Chinese is the bead's Chinese sentences joined,
its pair holds the bead's English joined with spaces, status `machine`, the bead score and
the signature `align:<bridge>`. Where the source is segmented here, beads are grouped into
the blocks and articles that ingest finds in the Chinese (a bead goes to the block of its
first sentence); with `presegmented` input every bead is its own paragraph block.

Awkward beads, by policy:
- 0:1 (English with no Chinese): the English is appended to the previous pair's English
  (or put before the first pair's), which is flagged `extra-english`, so nothing is lost.
- 1:0 (Chinese with no English): the pair stays `untranslated` and is flagged `no-english`,
  so `translate` may fill it later.
- a bead scoring below `LOW_CONFIDENCE` is flagged `low-confidence` with its score.
Pairs already `edited` or `approved` in the edition are left as they are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..document import REVIEWED, Flag, Signature, assign_ids
from ..errors import InputError, ModelError
from ..mt import create
from ..mt.models import find_model
from ..textutil import HAN
from . import Bead, Progress, align, check_lengths
from .english import split_sentences as split_english

LOW_CONFIDENCE = 0.2
WEAK_TEXT = 0.25  # a median bead score below this: the English is likely not a translation
_LATIN = re.compile(r"[A-Za-z]")
_MD_PREFIX = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+)")


@dataclass
class AlignResult:
    """What `align_files` did: beads, sentence counts, the bridge used and edition stats."""

    beads: list[Bead]
    zh: list[str]
    en: list[str]
    bridge: str  # "mt-file", "argos" or "dictionary"
    edition_dir: Path | None = None
    pairs: int = 0
    flagged: int = 0
    kept: int = 0  # reviewed pairs left alone
    notices: list[str] = field(default_factory=list)

    def to_json(self, beads: bool = False) -> dict:
        """The `align --json` shape; `beads` adds the alignment itself (else it is null)."""
        alignment = [
            {"zh": list(b.zh_ids), "en": list(b.en_ids), "score": round(b.score, 4)}
            for b in self.beads
        ]
        return {
            "edition": str(self.edition_dir) if self.edition_dir else None,
            "bridge": self.bridge,
            "zh": len(self.zh),
            "en": len(self.en),
            "beads": len(self.beads),
            "alignment": alignment if beads else None,
            "pairs": self.pairs,
            "flagged": self.flagged,
            "kept": self.kept,
            "notices": self.notices,
        }


def read_lines(path: Path, encoding: str | None = None) -> list[str]:
    """Non-empty lines of a text file (presegmented input, MT bridge files)."""
    from ..ingest.readers import decode, read_bytes

    text = decode(read_bytes(Path(path)), Path(path), encoding)
    return [line.strip() for line in text.splitlines() if line.strip()]


def read_chinese(path: Path, encoding: str | None = None) -> list[tuple[int, str, list[str]]]:
    """Chinese units through ingest: (article number, block kind, sentences) per block."""
    from ..ingest import block_sentences, parse_text
    from ..ingest.readers import read_source

    text, fmt = read_source(Path(path), encoding)
    blocks = []
    for number, article in enumerate(parse_text(text, fmt)):
        for kind, block_text in article:
            sentences = block_sentences(kind, block_text)
            if sentences:
                blocks.append((number, kind, sentences))
    return blocks


def read_english(path: Path, encoding: str | None = None) -> list[str]:
    """English sentences: paragraphs (blank-line separated) split by `english.split_sentences`."""
    from ..ingest.readers import read_source

    text, _fmt = read_source(Path(path), encoding)
    text = "\n".join(_MD_PREFIX.sub("", line) for line in text.splitlines())
    return split_english(text)


def machine_bridge(zh: list[str]) -> tuple[list[str] | None, str]:
    """MT(zh) from the installed Argos zh→en model, or (None, reason) when there is none."""
    if find_model("zh", "en") is None:
        return None, "no zh→en model installed"
    try:
        engine = create("argos")
        return engine.translate(zh), ""
    except ModelError as exc:
        return None, exc.message


def align_files(
    zh_path: Path,
    en_path: Path,
    edition_dir: Path | None = None,
    *,
    presegmented: bool = False,
    mt_path: Path | None = None,
    use_model: bool = True,
    encoding: str | None = None,
    progress: Progress | None = None,
) -> AlignResult:
    """Align two files; with `edition_dir`, store the pairs there (see the module doc).

    `progress(done, total)` follows the alignment itself (see `align`).
    """
    if presegmented:
        zh = read_lines(zh_path, encoding)
        blocks = [(0, "paragraph", [s]) for s in zh]
        en = read_lines(en_path, encoding)
    else:
        blocks = read_chinese(zh_path, encoding)
        zh = [s for _, _, sentences in blocks for s in sentences]
        en = read_english(en_path, encoding)
    # every input is read (and a bad path refused) before any check on their content
    mt = read_lines(mt_path, encoding) if mt_path is not None else None
    if not zh:
        raise InputError(f"{zh_path} has no Chinese sentences", "Check the file.")
    if not en:
        raise InputError(f"{en_path} has no English sentences", "Check the file.")
    _check_languages(zh, en, zh_path, en_path)
    check_lengths(len(zh), len(en), str(zh_path), str(en_path))
    notices = []
    bridge = "dictionary"
    if mt is not None:
        if len(mt) != len(zh):
            raise InputError(
                f"{mt_path} has {len(mt)} lines for {len(zh)} Chinese sentences",
                "Give one translated line per Chinese sentence"
                + ("." if presegmented else " (or one per line in both files, --presegmented)."),
            )
        bridge = "mt-file"
    else:
        mt, reason = machine_bridge(zh) if use_model else (None, "model use turned off")
        if mt is not None:
            bridge = "argos"
        else:
            notices.append(f"Aligning from the dictionary alone ({reason}).")
    beads = align(zh, en, mt, progress=progress)
    scores = sorted(b.score for b in beads if b.zh_ids and b.en_ids)
    if scores and scores[len(scores) // 2] < WEAK_TEXT:
        notices.append(
            f"Most beads score low (median {scores[len(scores) // 2]:.2f}): "
            f"is {en_path} a translation of {zh_path}?"
        )
    result = AlignResult(beads=beads, zh=zh, en=en, bridge=bridge, notices=notices)
    if edition_dir is not None:
        store_beads(result, blocks, Path(edition_dir), source=f"{zh_path} + {en_path}")
    return result


def _check_languages(zh: list[str], en: list[str], zh_path: Path, en_path: Path) -> None:
    """Refuse files given the wrong way round, or twice the same language."""

    def han_share(sentences: list[str]) -> float:
        han = sum(len(HAN.findall(s)) for s in sentences)
        return han / max(1, han + sum(len(_LATIN.findall(s)) for s in sentences))

    if han_share(zh) < 0.2:
        raise InputError(
            f"{zh_path} has hardly any Chinese", "Give the Chinese file first, then the English."
        )
    if han_share(en) > 0.5:
        raise InputError(
            f"{en_path} looks like Chinese, not English", "Give the English translation second."
        )


def _bead_blocks(
    beads: list[Bead], blocks: list[tuple[int, str, list[str]]], zh: list[str]
) -> list[list[tuple[str, str, list[str]]]]:
    """Group the beads that have Chinese into articles and blocks (assign_ids input): a bead
    joins the block of its first sentence, so presegmented input gets a block per bead."""
    owner = []
    for b, (article, kind, sentences) in enumerate(blocks):
        owner.extend([(article, b, kind)] * len(sentences))
    articles: dict[int, dict[int, tuple[str, list[str]]]] = {}
    for bead in beads:
        if not bead.zh_ids:
            continue
        article, block, kind = owner[bead.zh_ids[0]]
        text = "".join(zh[k] for k in bead.zh_ids)
        articles.setdefault(article, {}).setdefault(block, (kind, []))[1].append(text)
    return [
        [(kind, "".join(texts), texts) for kind, texts in article_blocks.values()]
        for article_blocks in articles.values()
    ]


def _pair_fields(beads: list[Bead], en: list[str], bridge: str) -> list[dict]:
    """Store fields for each bead with Chinese, 0:1 English attached to a neighbour."""
    fields: list[dict] = []
    orphans: list[int] = []  # English before the first bead with Chinese
    for bead in beads:
        if not bead.zh_ids:
            if fields:
                target = fields[-1]
                target["en"] = " ".join(filter(None, [target["en"], *(en[k] for k in bead.en_ids)]))
                target["flags"].append(_extra(bead.en_ids))
            else:
                orphans.extend(bead.en_ids)
            continue
        flags: list[Flag] = []
        if not bead.en_ids:
            flags.append(Flag("no-english", "no English counterpart found"))
        elif bead.score < LOW_CONFIDENCE:
            flags.append(Flag("low-confidence", f"score {bead.score:.2f}"))
        fields.append(
            {
                "en": " ".join(en[k] for k in bead.en_ids),
                "status": "machine" if bead.en_ids else "untranslated",
                "score": bead.score,
                "signature": Signature("align", bridge),
                "flags": flags,
            }
        )
    if orphans and fields:
        first = fields[0]
        first["en"] = " ".join(filter(None, [*(en[k] for k in orphans), first["en"]]))
        first["flags"].append(_extra(tuple(orphans)))
    for f in fields:
        if f["en"] and f["status"] == "untranslated":
            f["status"] = "machine"
    return fields


def _extra(en_ids: tuple[int, ...]) -> Flag:
    ids = ", ".join(str(k) for k in en_ids)
    return Flag("extra-english", f"English sentence {ids} has no Chinese; kept here")


def store_beads(
    result: AlignResult, blocks: list[tuple[int, str, list[str]]], edition_dir: Path, source: str
) -> None:
    """Write the beads into the edition at `edition_dir` (created when missing)."""
    from ..store import EditionStore

    grouped = _bead_blocks(result.beads, blocks, result.zh)
    edition = assign_ids(grouped, edition_dir.name)
    fields = _pair_fields(result.beads, result.en, result.bridge)
    sentences = edition.sentences()
    with EditionStore(edition_dir, create=True) as store:
        store.save_edition(edition, source=source)
        with store.transaction():
            for sentence, values in zip(sentences, fields, strict=True):
                pair = store.pair(sentence.id)
                if pair is not None and pair.status in REVIEWED:
                    result.kept += 1
                    continue
                store.update_pair(sentence.id, **values)
                result.flagged += bool(values["flags"])
            store.log(
                "align",
                str(edition_dir),
                None,
                {"source": source, "beads": len(result.beads), "bridge": result.bridge},
            )
    result.edition_dir = edition_dir
    result.pairs = len(sentences)
