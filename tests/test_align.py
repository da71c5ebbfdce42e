"""The aligner: English splitting, lexicon, sparse band products, band DP, beads."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from align_texts import EN, GOLD, MT, ZH

from bilingual.align import TYPES, AlignOptions, Bead, align, search, zh_lengths
from bilingual.align.boundaries import ClauseEvidence, questions, quote_states, speech_starts
from bilingual.align.bridge import mt_space
from bilingual.align.english import content_stems, split_sentences
from bilingual.align.lexicon import Lexicon, default_lexicon, zh_number, zh_numbers
from bilingual.align.scoring import BeadScorer
from bilingual.align.search import band_search, monotone_band
from bilingual.align.signals import dictionary_space, end_clauses
from bilingual.align.sparse import Rows
from bilingual.errors import InputError


@pytest.fixture(scope="session")
def lexicon() -> Lexicon:
    return default_lexicon()


# --- English sentence splitting ------------------------------------------------

LONG = (
    "Li Ming, deputy director of the National Bureau of Statistics, said that total grain "
    "output reached 695 million tonnes"
)
SPLITS = [
    ("One. Two.", ["One.", "Two."]),
    ("Mr. Li met Dr. Wang. They talked.", ["Mr. Li met Dr. Wang.", "They talked."]),
    ("Growth was 3.5 percent. Prices rose.", ["Growth was 3.5 percent.", "Prices rose."]),
    ("He visited the U.S. in May. Then he left.", ["He visited the U.S. in May.", "Then he left."]),
    ("He flew to the U.S. The talks began.", ["He flew to the U.S.", "The talks began."]),
    ("See No. 5 Document. It is short.", ["See No. 5 Document.", "It is short."]),
    ("J. K. Rowling wrote it. Fine.", ["J. K. Rowling wrote it.", "Fine."]),
    ('He said, "We will win." Then he sat.', ['He said, "We will win."', "Then he sat."]),
    ("“Go home!” she cried. He went.", ["“Go home!” she cried.", "He went."]),
    ("“Is it true?” “Yes.”", ["“Is it true?”", "“Yes.”"]),
    ("Really? Yes! Good…", ["Really?", "Yes!", "Good…"]),
    ("Wrapped\nline here. Next\n\nNew para", ["Wrapped line here.", "Next", "New para"]),
    ("It opened at 9 a.m. and closed late.", ["It opened at 9 a.m. and closed late."]),
    ("Apples, pears, etc. are sold.", ["Apples, pears, etc. are sold."]),
    ("", []),
    ("He can't. It's Xi's. Then he left.", ["He can't.", "It's Xi's.", "Then he left."]),
    ("The answer was no. Vol. 3 is out.", ["The answer was no.", "Vol. 3 is out."]),
    # a headline (short, no final punctuation) in hard-wrapped text ends its own unit
    (
        "Grain Output Hits Record\nBy Li Wei\nTotal grain output rose 1.3 percent this "
        "year to 695 million tonnes, the\nbureau said on Monday.",
        [
            "Grain Output Hits Record",
            "By Li Wei",
            "Total grain output rose 1.3 percent this year to 695 million tonnes, the bureau "
            "said on Monday.",
        ],
    ),
    # one paragraph per line (lines over the wrap width): every line break ends a unit
    (
        "Grain Output Hits a Record in the Year of Floods and Drought\n" + LONG + "\n" + LONG,
        ["Grain Output Hits a Record in the Year of Floods and Drought", LONG, LONG],
    ),
]


@pytest.mark.parametrize(("text", "expected"), SPLITS)
def test_split_english(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The reforms were reformed", ["reform", "reform"]),
        ("She didn't go", ["=she", "=not", "go"]),
        ("3,000 people in 2023", ["#3000", "peopl", "#2023"]),
        ("Why did they", ["=why", "=they"]),
        ("I'll see they're right", ["=i", "see", "=they", "right"]),
        # irregular forms meet the base forms of dictionary glosses ("to say")
        ("He said she came", ["=he", "say", "=she", "come"]),
        ("Two women's feet", ["two", "woman", "foot"]),
        # … but not the ones that are words of their own
        ("He left the founded party", ["=he", "left", "found", "parti"]),
    ],
)
def test_content_stems(text: str, expected: list[str]) -> None:
    assert content_stems(text) == expected


# --- lexicon -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [("三千五百", 3500), ("二〇二三", 2023), ("十五", 15), ("两万", 20000), ("一亿", 10**8)],
)
def test_zh_number(text: str, value: int) -> None:
    assert zh_number(text) == value


def test_zh_numbers_arabic_and_chinese() -> None:
    assert sorted(zh_numbers("2023年增长1.3%，达三千五百人")) == ["#1.3", "#2023", "#3500"]


def test_lexicon_segments_longest_and_maps_to_stems(lexicon: Lexicon) -> None:
    assert lexicon.segment("中华人民共和国") == ["中华人民共和国"]
    bag = lexicon.bag("谷物产量")  # CC-CEDICT words (粮食产量 is a glossary term: grain output)
    assert {"cereal", "output"} <= set(bag)
    assert lexicon.bag("我们")["=we"] > 0


def test_lexicon_add_term() -> None:
    lex = Lexicon({"改革": {"reform": 1.0}})
    lex.add("开放", "opening up")
    lex.rebuild()
    assert lex.segment("改革开放") == ["改革", "开放"]
    assert set(lex.bag("开放")) == {"open"}


# --- sparse products and the band DP -------------------------------------------


def _brute_force(n: int, m: int, score, skip: float, node) -> float:
    best = {(0, 0): 0.0}
    for i, j in itertools.product(range(n + 1), range(m + 1)):
        for a, b in TYPES:
            if (i - a, j - b) in best:
                gain = (skip if not (a and b) else score(a, b, i, j)) + node[i, j]
                best[i, j] = max(best.get((i, j), -np.inf), best[i - a, j - b] + gain)
    return best[n, m]


@pytest.mark.parametrize("with_nodes", [False, True], ids=["beads", "beads+nodes"])
def test_band_search_finds_the_optimum(with_nodes: bool) -> None:
    rng = np.random.default_rng(3)
    table = {t: rng.random((9, 11)) for t in TYPES}
    node = -rng.random((9, 11)) * with_nodes
    node[0, 0] = 0.0

    def score(a, b, i, j):
        return table[a, b][np.clip(i, 0, 8), np.clip(j, 0, 10)]

    lo, hi = monotone_band(np.zeros(9, dtype=int), np.full(9, 10), 10)
    gain = (lambda i, jj: node[i, np.minimum(jj, 10)]) if with_nodes else None
    path = band_search(lo, hi, TYPES, score, skip=-0.2, node_gain=gain)
    total, i, j = 0.0, 0, 0
    for a, b in path:
        i, j = i + a, j + b
        total += (score(a, b, i, j) if a and b else -0.2) + node[i, j]
    assert (i, j) == (8, 10)
    assert total == pytest.approx(_brute_force(8, 10, score, -0.2, node))


@pytest.mark.parametrize(
    ("sentences", "states"),
    [
        (["韦小宝道：“你好。", "我不去。”", "他走了。"], [0, 1, 0, 0]),
        (["'Yes, I'll try.", "Let's hope it works.'", "Then he left."], [0, 1, 0, 0]),
        (['"It must be a malfunction!"', "Sha stared."], [0, 0, 0]),
        (["He said: 'Come", "here.' And the boys' dog barked."], [0, 1, 0]),
        (["Xi's visit didn't end.", "Rock 'n' roll."], [0, 0, 0]),
    ],
)
def test_quote_states(sentences: list[str], states: list[int]) -> None:
    assert quote_states(sentences).astype(int).tolist() == states


def test_questions() -> None:
    text = ["你好吗？”", "'How are you?'", "Fine.", "真的吗?"]
    assert questions(text).astype(int).tolist() == [0, 1, 1, 0, 1]


@pytest.mark.parametrize(
    ("sentence", "starts"),
    [
        ("韦小宝道：“好，你上来！”", True),  # attribution, colon, quotation
        ("“不过怎么？”", True),
        ("海老公沉声道：“好你个屁！", True),
        ("他说了一句话：“走吧。”", True),  # up to 12 characters before the colon
        ("那男孩见他突然现身，脸上又缠了白布，道：“好！”", False),  # a turn in mid-sentence
        ("他走了。", False),
        ("'Now,' went on Old Hai, 'you must be careful.'", True),
        ("“Go home!” she cried.", True),
        ('He said: "We will win."', True),
        ("It's Xi's turn.", False),  # an apostrophe is no quotation
        ("Trinket chuckled and said, 'Why not?'", False),
    ],
)
def test_speech_starts(sentence: str, starts: bool) -> None:
    assert speech_starts([sentence, "x"]).tolist() == [starts, False, False]


@pytest.mark.parametrize(
    ("text", "head", "tail"),
    [
        ("改革，开放；发展。", "改革", "发展。"),
        ("经济增长了。", "经济增长了。", "经济增长了。"),  # one clause: both ends
        ("“好，”他说。", "“好", "”他说。"),
        ("Growth rose, prices fell: a good year.", "Growth rose", " a good year."),
        ("，开头是逗号", "，开头是逗号", "，开头是逗号"),  # an empty clause does not count
    ],
)
def test_end_clauses(text: str, head: str, tail: str) -> None:
    assert end_clauses(text) == (head, tail)


# a lexicon of four words, so that the clause features are known
CLAUSE_LEXICON = {
    "改革": {"reform": 1.0},
    "开放": {"open": 1.0},
    "经济": {"economi": 1.0},
    "增长": {"growth": 1.0},
}
CLAUSE_ZH = ["改革，开放。", "经济，增长。", "改革开放。"]
CLAUSE_EN = ["Reform and opening.", "The economy.", "Growth.", "Reform."]


def _features(rows: Rows, r: int) -> set[int]:
    return set(rows.feat[rows.row == r].tolist())


def test_dictionary_space_clauses_hold_the_first_and_last_words() -> None:
    space = dictionary_space(CLAUSE_ZH, CLAUSE_EN, Lexicon(dict(CLAUSE_LEXICON)), clauses=True)
    assert space.clauses is not None
    head, tail = space.clauses.head, space.clauses.tail
    full = _features(space.zh, 0)
    assert _features(head, 0) | _features(tail, 0) <= full
    assert _features(head, 0) and _features(tail, 0)
    assert not _features(head, 0) & _features(tail, 0)
    # a sentence of one clause is marked whole, its clause rows left empty
    assert space.clauses.whole.tolist() == [False, False, True]
    assert not _features(head, 2) and not _features(tail, 2)


def test_mt_space_clauses_hold_their_ngrams() -> None:
    mt = ["Reform, opening up.", "Growth."]
    space = mt_space(mt, ["Reform.", "Opening up.", "Growth."], (4,), clauses=True)
    assert space.clauses is not None
    alone = mt_space(["Reform.", "opening up."], ["x"], (4,))
    head, tail = space.clauses.head, space.clauses.tail
    assert len(_features(head, 0)) == len(_features(alone.zh, 0))
    assert len(_features(tail, 0)) == len(_features(alone.zh, 1))
    assert space.clauses.whole.tolist() == [False, True]


def test_clause_evidence_prefers_the_boundary_where_content_turns() -> None:
    """zh0 ends with 开放 (opening), zh1 begins with 经济 (economy): the boundary after zh0
    belongs between "Reform and opening." and "The economy.", not one sentence later."""
    space = dictionary_space(CLAUSE_ZH, CLAUSE_EN, Lexicon(dict(CLAUSE_LEXICON)), clauses=True)
    n, m = len(CLAUSE_ZH), len(CLAUSE_EN)
    clo, chi = np.zeros(n, dtype=np.int64), np.full(n, m)
    lengths = np.ones(n), np.ones(m)
    scorer = BeadScorer([(space, 1.0)], *lengths, clo, chi, 2, 2)
    evidence = ClauseEvidence([(space, 1.0)], scorer, clo, chi)
    at = evidence(np.full(m + 1, 1), np.arange(m + 1))
    assert at[1] > 0 > at[2]
    assert at[0] == at[m] == 0.0  # no evidence at the ends of either side
    assert evidence(np.zeros(m + 1, dtype=np.int64), np.arange(m + 1)).tolist() == [0.0] * (m + 1)


@pytest.mark.parametrize(
    ("mt", "share", "lengths"),
    [
        (None, 0.3, [4, 2]),
        (["a b", "c"], 0.0, [4, 2]),
        # MT lengths 3 and 1, rescaled to the Chinese total of 6: 4.5 and 1.5
        (["a b", "c"], 1.0, [4.5, 1.5]),
        (["a b", "c"], 0.5, [4.25, 1.75]),
    ],
)
def test_zh_lengths_blend_the_mt(mt: list[str] | None, share: float, lengths: list[float]) -> None:
    assert zh_lengths(["改革开放", "发展"], mt, share).tolist() == lengths


# --- align ---------------------------------------------------------------------


def _pairs(beads: list[Bead]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(b.zh_ids, b.en_ids) for b in beads]


@pytest.mark.parametrize("mt", [None, MT], ids=["dictionary", "mt-bridge"])
def test_align_news_text(lexicon: Lexicon, mt: list[str] | None) -> None:
    beads = align(ZH, EN, mt, lexicon=lexicon)
    assert _pairs(beads) == GOLD
    assert all(0.0 <= b.score <= 1.0 for b in beads)
    assert next(b for b in beads if not b.en_ids).score == 0.0


def test_align_anchor_pass_in_a_narrow_band(lexicon: Lexicon) -> None:
    """Three copies of the text with a narrow first band: the coarse-to-fine path finds
    what the whole grid finds, and the gold beads on the signals without clause evidence.

    With the clause evidence the three copies lose one bead each (8+9 → 9 becomes 8 → 9 and
    9+10+11 → 10, on the whole grid too): the glossary's 农村居民人均可支配收入 and 实际增长
    make the last clause of sentence 8 match English 9 exactly, while nothing in the
    dictionary links 这一增速高于城镇居民 to "faster than that of urban residents"."""
    zh, en, gold = [], [], []
    for _ in range(3):
        gold += [
            (tuple(z + len(zh) for z in gz), tuple(e + len(en) for e in ge)) for gz, ge in GOLD
        ]
        zh += ZH
        en += EN
    narrow = AlignOptions(anchor_window=4, coarse_rows=14, band=3)
    whole = align(zh, en, lexicon=lexicon)
    assert _pairs(align(zh, en, lexicon=lexicon, options=narrow)) == _pairs(whole)
    plain = AlignOptions(anchor_window=4, coarse_rows=14, band=3, clause_weight=0.0)
    assert _pairs(align(zh, en, lexicon=lexicon, options=plain)) == gold


@pytest.mark.parametrize("narrow", [False, True], ids=["whole-grid", "coarse-to-fine"])
def test_align_reports_progress(
    lexicon: Lexicon, narrow: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The callback sees rising counts that end at the total, a block of rows at a time."""
    monkeypatch.setattr(search, "SCORE_CELLS", 100)  # blocks of a few rows
    calls: list[tuple[int, int]] = []
    options = AlignOptions(anchor_window=4, coarse_rows=14, band=3) if narrow else None
    with_progress = align(
        ZH * 3, EN * 3, lexicon=lexicon, options=options, progress=lambda d, t: calls.append((d, t))
    )
    assert with_progress == align(ZH * 3, EN * 3, lexicon=lexicon, options=options)
    done = [d for d, _ in calls]
    assert done == sorted(done) and done[0] == 0
    assert {t for _, t in calls} == {3 * len(ZH) * 3 + 2} and done[-1] == calls[-1][1]
    assert len(set(done)) > 10


def test_align_covers_everything_once(lexicon: Lexicon) -> None:
    beads = align(ZH[:5], EN[5:], lexicon=lexicon)
    assert [z for b in beads for z in b.zh_ids] == list(range(5))
    assert [e for b in beads for e in b.en_ids] == list(range(len(EN) - 5))


def test_align_empty_sides() -> None:
    assert _pairs(align(["一。"], [])) == [((0,), ())]
    assert _pairs(align([], ["One."])) == [((), (0,))]


@pytest.mark.parametrize("n", [1, 2, 3, 4])
def test_align_fewer_sentences_than_the_largest_bead(lexicon: Lexicon, n: int) -> None:
    """A short pair (fewer sentences than a 5:1 or 1:5 bead needs) aligns one to one."""
    beads = align(ZH[:n], EN[:n], lexicon=lexicon)
    assert _pairs(beads) == [((k,), (k,)) for k in range(n)]


@pytest.mark.parametrize(
    ("n_zh", "n_en", "refused"),
    [(1, 5, False), (1, 6, True), (6, 1, True), (3, 15, False), (3, 16, True), (20000, 1, True)],
)
def test_align_lopsided_counts(lexicon: Lexicon, n_zh: int, n_en: int, refused: bool) -> None:
    """More than MAX_RATIO to 1 is refused at once with one clear message; up to it aligns."""
    zh = (ZH * (n_zh // len(ZH) + 1))[:n_zh]
    en = (EN * (n_en // len(EN) + 1))[:n_en]
    if refused:
        with pytest.raises(InputError, match="more than 5 to 1, too lopsided"):
            align(zh, en, lexicon=lexicon)
        return
    beads = align(zh, en, lexicon=lexicon)
    assert [z for b in beads for z in b.zh_ids] == list(range(n_zh))
    assert [e for b in beads for e in b.en_ids] == list(range(n_en))


def test_band_search_across_a_steep_band() -> None:
    """A band far steeper than its width (1 × 2000) stays connected: no 'no path'."""
    n, m = 1, 2000
    centre = np.array([0, m])
    lo, hi = monotone_band(centre - 10, centre + 10, m)
    assert all(lo[1:] <= hi[:-1])
    path = band_search(lo, hi, TYPES, lambda a, b, i, j: np.ones(np.shape(i)), skip=-0.1)
    assert sum(a for a, _ in path) == n and sum(b for _, b in path) == m


def test_align_rejects_mt_of_wrong_length(lexicon: Lexicon) -> None:
    with pytest.raises(ValueError, match="MT bridge"):
        align(ZH, EN, MT[:-1], lexicon=lexicon)


@pytest.mark.parametrize(
    ("bead", "line"),
    [
        (Bead((7, 8), (7,), 0.834), "[7,8]:[7]\t0.83"),
        (Bead((5,), (), 0.1), "[5]:[]\t0.10"),
        (Bead((), (3,), 0.0), "[]:[3]\t0.00"),
    ],
)
def test_bead_format(bead: Bead, line: str) -> None:
    assert str(bead) == line
