"""analyse(): the terms, names and numbers of one sentence, as spans, computed once."""

from __future__ import annotations

import pytest

from bilingual.terms.analysis import analyse, credited_names
from bilingual.terms.glossary import Entry, Glossary
from bilingual.terms.names import Named

G = Glossary.from_entries(
    [Entry("市委组织部", "Municipal Party Committee Organization Department"),
     Entry("党费", "Party membership dues")]
)  # fmt: skip
QIN = Named("秦书义", "Qin Shuyi", "person")


@pytest.mark.parametrize(
    ("zh", "kind", "credited", "terms", "names", "numbers"),
    [
        ("市委组织部拨付党费30万元", "paragraph", (), ["市委组织部", "党费"], [], ["30万元"]),
        ("书记张华介绍，党费", "paragraph", (), ["党费"], ["张华"], []),
        ("本报记者 王晓东", "byline", (), [], ["王晓东"], []),
        ("秦书义说，秦书义交了党费", "paragraph", (QIN,), ["党费"], ["秦书义", "秦书义"], []),
        ("没有名字的句子", "paragraph", (QIN,), [], [], []),
        ("忻州市委组织部部长", "paragraph", (), ["市委组织部"], ["忻州"], []),
    ],
)  # fmt: skip
def test_spans(zh, kind, credited, terms, names, numbers) -> None:
    analysis = analyse(zh, kind, G, credited)
    assert [m.surface for m in analysis.terms] == terms
    assert [zh[n.start : n.end] for n in analysis.names] == names
    assert [n.text for n in analysis.numbers] == numbers


def test_protected_spans_are_longest_first_and_never_overlap() -> None:
    analysis = analyse("忻州市委组织部部长秦书义拨付30万元", "paragraph", G, (QIN,))
    spans = [(analysis.text[s.start : s.end], s.kind) for s in analysis.protected]
    assert spans == [("忻州", "name"), ("市委组织部", "term"), ("秦书义", "name"),
                     ("30万元", "number")]  # fmt: skip


def test_one_analysis_per_sentence_and_glossary() -> None:
    first = analyse("党费", "paragraph", G)
    assert analyse("党费", "paragraph", G) is first
    other = Glossary.from_entries([Entry("党费", "dues")])
    assert analyse("党费", "paragraph", other).terms[0].entry.en == "dues"


def test_credited_names_come_from_credit_blocks_only() -> None:
    blocks = [("byline", "本报记者 王晓东"), ("paragraph", "书记张华介绍"),
              ("attribution", "——市文明办副主任 康志友")]  # fmt: skip
    assert [n.zh for n in credited_names(blocks, G)] == ["王晓东", "康志友"]
