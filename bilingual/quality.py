"""Score an edition's English against a reference translation: how a user compares engines on
their own texts (`bilingual eval`).

The figures:
- chrF++ and BLEU (sacrebleu, corpus level) of the edition's English against the reference;
- glossary term accuracy, the WMT terminology-task measure: the share of glossary term
  occurrences in the Chinese whose approved English occurs in the pair's English (a term
  twice in a sentence needs its rendering twice);
- the share of pairs with an open flag, and how many pairs each origin made.

The reference is a text file with one English line per sentence of the edition, in order,
or an edition made with `align` from the same Chinese text. An aligned edition may group
the Chinese differently (its beads are n:m): both sides are walked along the Chinese text,
and wherever their sentence boundaries meet, the sentences between are one scored segment.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .document import Pair, origin
from .errors import InputError
from .store import EditionStore
from .terms.analysis import analyse, article_credits
from .terms.glossary import Glossary
from .terms.renderings import rendering_spans


@dataclass
class EvalReport:
    """The figures of one edition against one reference."""

    reference: str
    sentences: int
    segments: int
    chrf: float
    bleu: float
    term_occurrences: int
    terms_rendered: int
    flagged: int
    origins: dict[str, int] = field(default_factory=dict)
    metrics: dict[str, str] = field(default_factory=dict)  # sacrebleu's signatures

    @property
    def term_accuracy(self) -> float | None:
        return self.terms_rendered / self.term_occurrences if self.term_occurrences else None

    @property
    def flagged_share(self) -> float:
        return self.flagged / self.sentences if self.sentences else 0.0

    def to_json(self) -> dict:
        accuracy = self.term_accuracy
        return {
            "reference": self.reference,
            "sentences": self.sentences,
            "segments": self.segments,
            "chrf++": round(self.chrf, 2),
            "bleu": round(self.bleu, 2),
            "term_accuracy": None if accuracy is None else round(accuracy, 4),
            "terms": {"occurrences": self.term_occurrences, "rendered": self.terms_rendered},
            "flagged": {"pairs": self.flagged, "share": round(self.flagged_share, 4)},
            "origins": self.origins,
            "metrics": self.metrics,
        }


def _key(zh: str) -> str:
    """The Chinese as compared across editions: NFKC, no whitespace."""
    return "".join(unicodedata.normalize("NFKC", zh).split())


def read_reference(path: Path, pairs: list[Pair]) -> tuple[list[tuple[str, str]], str]:
    """(hypothesis, reference) segments for the edition's pairs, and what the reference is."""
    path = Path(path)
    if path.is_dir() or path.name == "edition.sqlite":
        directory = path if path.is_dir() else path.parent
        with EditionStore(directory) as ref:
            theirs = ref.pairs()
        return regroup(pairs, theirs), f"edition {directory}"
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except FileNotFoundError:
        raise InputError(f"No such reference file: {path}", "Check the path.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(
            f"Cannot read the reference {path} ({exc})",
            "Give a UTF-8 text file with one English line per sentence, or an edition folder.",
        ) from None
    if len(lines) != len(pairs):
        raise InputError(
            f"The reference {path.name} has {len(lines)} lines but the edition has "
            f"{len(pairs)} sentences",
            "Give one English line per sentence, in order (`bilingual export --format tsv` "
            "lists them), or an edition made with `bilingual align`.",
        )
    return [(p.en, line.strip()) for p, line in zip(pairs, lines, strict=True)], f"file {path}"


def regroup(ours: list[Pair], theirs: list[Pair]) -> list[tuple[str, str]]:
    """Walk both editions along their Chinese; where their sentence boundaries meet, the
    English between is one (hypothesis, reference) segment. Different Chinese is an error."""
    a = [(_key(p.zh), p.en, p.sid) for p in ours if _key(p.zh)]
    b = [(_key(p.zh), p.en) for p in theirs if _key(p.zh)]
    segments: list[tuple[str, str]] = []
    i = j = 0
    zh_a = zh_b = sid = ""
    hyp: list[str] = []
    ref: list[str] = []
    while i < len(a) or j < len(b):
        if (len(zh_a) <= len(zh_b) and i < len(a)) or j >= len(b):
            zh_a, sid = zh_a + a[i][0], a[i][2]
            hyp.append(a[i][1])
            i += 1
        else:
            zh_b += b[j][0]
            ref.append(b[j][1])
            j += 1
        short, long_ = sorted((zh_a, zh_b), key=len)
        if not long_.startswith(short):
            at = next(k for k, (x, y) in enumerate(zip(short, long_, strict=False)) if x != y)
            start = max(0, at - 6)  # a little of what agrees, then where it stops agreeing
            raise InputError(
                f"The reference edition's Chinese differs from this edition's at sentence "
                f"{sid} ({zh_a[start : at + 6]!r} against {zh_b[start : at + 6]!r})",
                "Align the same Chinese text (`bilingual align ZH EN`), or give a file with "
                "one English line per sentence.",
            )
        if zh_a == zh_b:
            segments.append((" ".join(filter(None, hyp)), " ".join(filter(None, ref))))
            zh_a = zh_b = ""
            hyp, ref = [], []
    if zh_a or zh_b:
        raise InputError(
            "The reference edition's Chinese ends before this edition's"
            if len(zh_a) > len(zh_b)
            else "This edition's Chinese ends before the reference edition's",
            "Align the same Chinese text (`bilingual align ZH EN`).",
        )
    return segments


def rendered_count(en: str, rendering: str) -> int:
    """How many times an approved rendering occurs in `en` (any of its forms, not overlapping)."""
    return len(rendering_spans(en, rendering))


def term_counts(pairs: list[Pair], glossary: Glossary) -> tuple[int, int]:
    """(term occurrences in the Chinese, those whose rendering the English holds)."""
    credits = article_credits(pairs, glossary)
    total = rendered = 0
    for pair in pairs:
        analysis = analyse(pair.zh, pair.kind, glossary, credits.get(pair.article, ()))
        needed = Counter(m.entry for m in analysis.terms)
        for entry, count in needed.items():
            total += count
            rendered += min(count, rendered_count(pair.en, entry.en)) if pair.en else 0
    return total, rendered


def evaluate(store: EditionStore, reference: Path, glossary: Glossary) -> EvalReport:
    """Score the edition in `store` against `reference` (see the module docstring)."""
    from sacrebleu.metrics import BLEU, CHRF

    pairs = store.pairs()
    if not pairs:
        raise InputError(
            f"Edition {store.directory} has no sentences", "Ingest and translate a page first."
        )
    segments, what = read_reference(reference, pairs)
    hypotheses = [h for h, _ in segments]
    references = [[r for _, r in segments]]
    chrf, bleu = CHRF(word_order=2), BLEU()
    chrf_score = chrf.corpus_score(hypotheses, references)
    bleu_score = bleu.corpus_score(hypotheses, references)
    total, rendered = term_counts(pairs, glossary)
    origins = Counter(origin(p) or "untranslated" for p in pairs)
    return EvalReport(
        reference=what,
        sentences=len(pairs),
        segments=len(segments),
        chrf=chrf_score.score,
        bleu=bleu_score.score,
        term_occurrences=total,
        terms_rendered=rendered,
        flagged=sum(1 for p in pairs if p.flags),
        origins=dict(origins.most_common()),
        metrics={"chrf++": str(chrf.get_signature()), "bleu": str(bleu.get_signature())},
    )
