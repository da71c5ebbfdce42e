"""Align an English translation to its Chinese original: n:m sentence beads with scores.

Offline signals only, no neural embeddings: each sentence becomes a sparse, idf-weighted
feature vector — CC-CEDICT (+ glossary) stems of the Chinese words against English stems,
numbers, pinyin of names, punctuation and, when given, character 4-grams of a machine
translation of the Chinese (the MT bridge) against the English. A bead's similarity is the
cosine of its summed sentence vectors times a length agreement (Bertalign's scheme; with an
MT bridge the Chinese lengths are blended with the MT's). The boundaries between beads gain
or cost a little (`boundaries.py`): by the clause evidence — whether the last clause of
the Chinese sentence before a boundary matches the English sentence before it, and the
first clause of the one after it the English after it, better than the other way round —
and, in dialogue, where free translations regroup sentences most, by quotations open on
one side only, questions ending one side only and turns of dialogue beginning on both. The
search is coarse-to-fine, so time and memory grow linearly: a long text is first aligned
1:1 in blocks of sentences on the whole (small) grid, then 1:1 sentence by sentence in a
band around that path (these two on the dictionary signals alone), and last every bead
shape (1:0, 0:1 and n:m with n + m ≤ 6) is searched by dynamic programming in a narrow
band around the 1:1 path; a text of up to `anchor_window` sentences a side gets the last
pass on its whole grid. Sentence counts more than `MAX_RATIO` to 1 apart are refused.

    from bilingual.align import align
    beads = align(zh_sentences, en_sentences, mt=None, progress=None)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ..errors import InputError
from .boundaries import BoundaryGain, ClauseEvidence
from .bridge import mt_space
from .lexicon import Lexicon, default_lexicon
from .scoring import BeadScorer
from .search import band_search, monotone_band
from .signals import Space, dictionary_space

__all__ = ["MAX_RATIO", "TYPES", "AlignOptions", "Bead", "Progress", "align", "check_lengths"]

# progress(done, total): called with rising `done`, ending at done == total
Progress = Callable[[int, int], None]

TYPES: tuple[tuple[int, int], ...] = (
    (0, 1),
    (1, 0),
    (1, 1),
    (1, 2),
    (2, 1),
    (1, 3),
    (3, 1),
    (2, 2),
    (1, 4),
    (4, 1),
    (2, 3),
    (3, 2),
    (1, 5),
    (5, 1),
    (2, 4),
    (4, 2),
    (3, 3),
)
# Floor of the median raw score that scales bead scores: about the median raw score of
# correctly aligned text (align-dev: 0.14 dictionary, 0.20 MT bridge; the news text of the
# tests: 0.33, 0.52). Without it, a wrong English file (median 0.03) would score mid-range.
MIN_REFERENCE = 0.15

# Sentence counts further apart than this cannot be one text and its translation: even with
# every bead 1:5 (the largest shape) part of the longer side would have no counterpart.
MAX_RATIO = 5

ANCHOR_TYPES: tuple[tuple[int, int], ...] = ((0, 1), (1, 0), (1, 1))


@dataclass(frozen=True)
class Bead:
    """Chinese sentence ids aligned to English sentence ids (0-based), score in [0, 1].

    The score is the bead's similarity (weighted cosine × length agreement) relative to the
    text's median bead, which scores 0.5 (unless the median is below `MIN_REFERENCE`, as
    when the English is not a translation of the Chinese); 1:0 and 0:1 beads score 0.
    """

    zh_ids: tuple[int, ...]
    en_ids: tuple[int, ...]
    score: float

    def __str__(self) -> str:
        zh = ",".join(map(str, self.zh_ids))
        en = ",".join(map(str, self.en_ids))
        return f"[{zh}]:[{en}]\t{self.score:.2f}"


@dataclass(frozen=True)
class AlignOptions:
    """Search settings. `skip` is Bertalign's default; the rest (like the features and bead
    shapes) were chosen on the align-dev set that bench/align_eval.py scores, so its pooled
    figures are not held-out ones (`--cv` there chooses the main knobs inside each fold)."""

    skip: float = -0.1  # gain of a 1:0 or 0:1 bead (Bertalign's default)
    mt_weight: float = 0.5  # share of the MT bridge in the similarity when there is one
    mt_ngrams: tuple[int, ...] = (4,)  # MT bridge n-gram sizes: (3, 4) scores 0.1 point more
    # on align-dev and costs a third more time on long texts
    mt_max_df: float = (
        0.2  # MT bridge: drop n-grams in more sentences than this share (cheap, harmless)
    )
    anchor_window: int = 500  # texts up to this many sentences a side are searched whole
    coarse_rows: int = 400  # longer ones are first aligned in blocks, this many a side
    coarse_max_df: float = 0.2  # blocks: drop features in more blocks than this share
    anchor_max_df: float = 0.05  # first pass: drop features in more sentences than this
    band: int = 8  # half-width of the second pass band around the first path
    margin: bool = False  # score a bead by its similarity minus its neighbours' (Bertalign)
    quote_penalty: float = 0.05  # a bead boundary inside a quotation on one side only
    question_penalty: float = 0.02  # a bead that ends in a question on one side only
    speech_bonus: float = 0.02  # a bead that starts a turn of dialogue on both sides
    mt_length: float = 0.3  # share of the MT lengths in the Chinese side's lengths
    # weight of the clause evidence at bead boundaries: align-dev is as good at 0.15 and
    # worse at 0.05; the tests' news text, in three copies, splits a 2:1 bead wrongly
    # from 0.05 on since the glossary knows its statistics terms (see its test)
    clause_weight: float = 0.1


def _spaces(
    zh: list[str], en: list[str], mt: list[str] | None, lexicon: Lexicon, options: AlignOptions
) -> list[tuple[Space, float]]:
    clauses = options.clause_weight > 0
    spaces = [
        (dictionary_space(zh, en, lexicon, clauses), 1.0 - (options.mt_weight if mt else 0.0))
    ]
    if mt is not None:
        spaces.append(
            (
                mt_space(mt, en, options.mt_ngrams, clauses).pruned(options.mt_max_df, floor=0),
                options.mt_weight,
            )
        )
    return [(s, w) for s, w in spaces if w > 0]


def _path_rows(path: list[tuple[int, int]], n: int, m: int) -> tuple[np.ndarray, np.ndarray]:
    """The first and last column of each row that a path of shapes passes through."""
    jmin = np.full(n + 1, m)
    jmax = np.zeros(n + 1, dtype=np.int64)
    i = j = 0
    jmin[0] = jmax[0] = 0
    for a, b in path:
        i, j = i + a, j + b
        jmin[i] = min(jmin[i], j)
        jmax[i] = max(jmax[i], j)
    return jmin, jmax


def _coarse_band(
    spaces: list[tuple[Space, float]],
    zh_len: np.ndarray,
    en_len: np.ndarray,
    options: AlignOptions,
) -> tuple[np.ndarray, np.ndarray]:
    """The text in blocks of f sentences a side, aligned 1:1 on the whole (small) grid; the
    path, scaled back up and widened by a block, is the band of the sentence-level pass."""
    n, m = len(zh_len), len(en_len)
    f = -(-max(n, m) // options.coarse_rows)
    blocks = [(space.blocks(f).pruned(options.coarse_max_df, floor=4), w) for space, w in spaces]
    zl = np.add.reduceat(zh_len, np.arange(0, n, f))
    el = np.add.reduceat(en_len, np.arange(0, m, f))
    nc, mc = len(zl), len(el)
    lo, hi = np.zeros(nc + 1, dtype=np.int64), np.full(nc + 1, mc)
    scorer = BeadScorer(blocks, zl, el, lo[:-1], hi[1:], 1, 1)

    def off_diagonal(ii: np.ndarray, jj: np.ndarray) -> np.ndarray:
        # a tie-breaker towards the diagonal where the blocks share nothing
        return -1e-4 * np.abs(jj / mc - ii / nc)

    path = band_search(lo, hi, ANCHOR_TYPES, scorer, skip=0.0, node_gain=off_diagonal)
    jmin, jmax = _path_rows(path, nc, mc)
    rows = np.arange(n + 1)
    lo = jmin[rows // f] * f - f
    hi = jmax[np.minimum(-(-rows // f), nc)] * f + f
    return monotone_band(lo, hi, m)


def _anchor_band(
    spaces: list[tuple[Space, float]],
    zh_len: np.ndarray,
    en_len: np.ndarray,
    options: AlignOptions,
    on_rows: Callable[[int], None] | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """First pass: 1:1 beads in a band around the coarse path; returns the final pass band.

    A text short enough (`anchor_window`) is searched whole by the final pass directly.
    """
    n, m = len(zh_len), len(en_len)
    if max(n, m) <= options.anchor_window:
        return monotone_band(np.zeros(n + 1), np.full(n + 1, m), m)
    lo, hi = _coarse_band(spaces, zh_len, en_len, options)
    pruned = [(space.pruned(options.anchor_max_df), w) for space, w in spaces]
    clo = np.maximum(lo[:-1] - 1, 0)
    chi = np.minimum(hi[1:], m)
    scorer = BeadScorer(pruned, zh_len, en_len, clo, chi, 1, 1)
    path = band_search(lo, hi, ANCHOR_TYPES, scorer, skip=0.0, on_rows=on_rows)
    jmin, jmax = _path_rows(path, n, m)
    return monotone_band(jmin - options.band, jmax + options.band, m)


def check_lengths(
    n_zh: int, n_en: int, zh_name: str = "The Chinese", en_name: str = "the English"
) -> None:
    """Refuse sentence counts more than `MAX_RATIO` to 1 apart (InputError), before any work."""
    if max(n_zh, n_en) <= MAX_RATIO * max(1, min(n_zh, n_en)):
        return

    def count(n: int) -> str:
        return f"{n:,} sentence{'s' if n != 1 else ''}"

    raise InputError(
        f"{zh_name} has {count(n_zh)} and {en_name} {count(n_en)}: more than {MAX_RATIO} to 1, "
        "too lopsided to be a text and its translation",
        "Check that the files belong together, or cut the longer one to the translated part.",
    )


def align(
    zh: list[str],
    en: list[str],
    mt: list[str] | None = None,
    *,
    lexicon: Lexicon | None = None,
    options: AlignOptions | None = None,
    progress: Progress | None = None,
) -> list[Bead]:
    """Align Chinese sentences to English sentences; `mt` is MT(zh), line for line.

    Returns beads in order, covering every sentence of both sides exactly once. An empty
    side gives unaligned beads; sentence counts more than `MAX_RATIO` to 1 apart raise
    InputError (see `check_lengths`). `progress(done, total)` is called as the work goes
    on (features, then each pass a block of rows at a time), `done` rising to `total`.
    """
    options = options or AlignOptions()
    if mt is not None and len(mt) != len(zh):
        raise ValueError(f"MT bridge has {len(mt)} lines for {len(zh)} Chinese sentences")
    if not zh or not en:
        return [Bead((k,), (), 0.0) for k in range(len(zh))] + [
            Bead((), (k,), 0.0) for k in range(len(en))
        ]
    check_lengths(len(zh), len(en))
    n, m = len(zh), len(en)
    report = _stages(progress, n)
    report(0)(0)
    lexicon = lexicon or default_lexicon()
    spaces = _spaces(zh, en, mt, lexicon, options)
    zh_len = zh_lengths(zh, mt, options.mt_length)
    en_len = np.array([max(len(s), 1) for s in en], dtype=np.float64)
    report(0)(n)
    # the first passes only need the path's course: the (sparse, cheap) dictionary space
    # finds it; the MT bridge, ten times denser, is kept for the last pass
    lo, hi = _anchor_band(spaces[:1], zh_len, en_len, options, report(n))
    report(n)(n + 1)
    max_zh = max(a for a, _ in TYPES)
    max_en = max(b for _, b in TYPES)
    clo = np.maximum(lo[:-1] - max_en - 1, 0)
    chi = np.minimum(hi[np.minimum(np.arange(n) + max_zh + 1, n)] + 1, m)
    scorer = BeadScorer(spaces, zh_len, en_len, clo, chi, max_zh, max_en, margin=options.margin)
    boundary = BoundaryGain(
        zh,
        en,
        options.speech_bonus,
        options.quote_penalty,
        options.question_penalty,
        ClauseEvidence(spaces, scorer, clo, chi) if options.clause_weight > 0 else None,
        options.clause_weight,
    )
    path = band_search(
        lo, hi, TYPES, scorer, skip=options.skip, node_gain=boundary, on_rows=report(2 * n + 1)
    )
    return _beads(path, scorer)


def zh_lengths(zh: list[str], mt: list[str] | None, mt_share: float) -> np.ndarray:
    """Lengths of the Chinese sentences for the length agreement, in characters.

    With an MT bridge, `mt_share` of each length comes from the sentence's MT (rescaled
    to Chinese characters by the two texts' totals): how long the English of a sentence
    runs depends on its content as much as on its number of characters, and two noisy
    estimates averaged are steadier than either (align-dev: strict F1 +0.5 point at 0.3).
    """
    lengths = np.array([max(len(s), 1) for s in zh], dtype=np.float64)
    if mt is None or not mt_share:
        return lengths
    mt_len = np.array([max(len(s), 1) for s in mt], dtype=np.float64)
    return (1 - mt_share) * lengths + mt_share * mt_len * (lengths.sum() / mt_len.sum())


def _stages(progress: Progress | None, n: int) -> Callable[[int], Callable[[int], None]]:
    """`report(offset)(k)` tells `progress` that offset + k of 3n + 2 steps are done: n for
    the features, n + 1 rows of the first pass (at once when there is none), n + 1 of the
    last."""
    total = 3 * n + 2

    def report(offset: int) -> Callable[[int], None]:
        def done(k: int) -> None:
            if progress is not None:
                progress(offset + k, total)

        return done

    return report


def _beads(path: list[tuple[int, int]], scorer: BeadScorer) -> list[Bead]:
    """Turn a path of shapes into beads, scoring all beads of one shape at once."""
    shapes = np.array(path, dtype=np.int64).reshape(-1, 2)
    ends = np.cumsum(shapes, axis=0)
    scores = np.zeros(len(path))
    both = (shapes[:, 0] > 0) & (shapes[:, 1] > 0)
    for a, b in set(path):
        if a and b:
            rows = np.flatnonzero((shapes[:, 0] == a) & (shapes[:, 1] == b))
            scores[rows] = scorer(a, b, ends[rows, 0], ends[rows, 1])
    # Raw scores (cosine × length agreement) depend on the signals and the text, so they
    # are put on a common scale: the text's median bead maps to 0.5, twice it or more to 1.
    content = scores[both]
    reference = max(float(np.median(content)) if len(content) else 0.0, MIN_REFERENCE)
    scores = np.clip(scores / (2 * reference), 0.0, 1.0)
    beads = []
    for (a, b), (i, j), score in zip(path, ends, scores, strict=True):
        zh_ids = tuple(range(int(i) - a, int(i)))
        en_ids = tuple(range(int(j) - b, int(j)))
        beads.append(Bead(zh_ids, en_ids, round(float(score), 4)))
    return beads
