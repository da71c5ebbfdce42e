"""Placeholders: one token each with the tiny real model, spelled per sentence, and found
again tolerantly by `restore` (glued, plural, side by side, lower case) but never inside a
word."""

from __future__ import annotations

import pytest
from mt_support import make_edition, run_cli

from bilingual.store import EditionStore
from bilingual.terms.analysis import analyse
from bilingual.terms.glossary import Entry, Glossary
from bilingual.terms.placeholders import LETTER_ORDER, ZZ, Placeholders
from bilingual.terms.protect import Protected, Slot, protect, restore
from bilingual.translate import translate_edition

GLOSSARY = Glossary.from_entries(
    [
        Entry("组织部", "Organization Department"),
        Entry("社区工作者", "community workers"),
        Entry("慰问金", "solatium"),
    ]
)
SENTENCE = "市委组织部为社区工作者送去慰问金，2月13日共计三万元。"


@pytest.fixture
def tiny_engine(tiny_argosmodel, capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "argos"))
    assert run_cli(capsys, "models", "install", tiny_argosmodel)[0] == 0
    from bilingual.mt import EngineOptions, create

    return create("argos", EngineOptions())


def test_markers_are_single_tokens_the_tiny_model_holds(tiny_engine):
    from bilingual.mt.argos import model_vocabulary

    letters = tiny_engine.placeholders.letters
    vocabulary = model_vocabulary(tiny_engine.info.path / "model")
    assert letters and all(c in vocabulary and c in LETTER_ORDER for c in letters)
    analysis = analyse(SENTENCE, "paragraph", GLOSSARY)
    protected = protect(analysis, tiny_engine.placeholders)
    assert len(protected.slots) >= 4  # three terms and a date or amount
    tokens = tiny_engine.tokenize([protected.text])[0]
    for slot in protected.slots:
        assert slot.marker in letters and tokens.count(slot.marker) == 1
    old = protect(analysis)  # ZZ<n>ZZ: several pieces, or one this model cannot read (<unk>)
    old_tokens = tiny_engine.tokenize([old.text])[0]
    assert old.slots[0].marker == "ZZ1ZZ" and len(tokens) < len(old_tokens)
    assert [t for t in old_tokens if "ZZ" in t and t not in vocabulary]
    # what the model would write back, markers copied: restored to the approved English
    english = " ".join(f"{s.marker} and" for s in protected.slots) + " more."
    restored = restore(english, protected)
    assert restored.startswith("Organization Department and community workers and")
    assert not any(s.marker in restored.split() for s in protected.slots)


@pytest.mark.parametrize(
    ("text", "count", "expected"),
    [
        ("组织部送去慰问金", 2, ["Q", "X"]),
        ("X光机和Q币", 3, ["J", "K", "V"]),  # letters of the sentence itself are never used
        ("x光", 1, ["Q"]),  # nor in lower case
    ],
)
def test_spell_skips_the_sentences_own_letters(text, count, expected):
    assert Placeholders(LETTER_ORDER).spell(text, count) == expected


def test_spell_falls_back_to_zz_markers():
    assert Placeholders("QX").spell("中文", 4) == ["Q", "X", ZZ.format(3), ZZ.format(4)]
    assert Placeholders().spell("中文", 2) == ["ZZ1ZZ", "ZZ2ZZ"]


SLOTS = Protected(
    "",
    [
        Slot(1, "组织部", "Organization Department", "term", "Q"),
        Slot(2, "社区工作者", "community worker", "term", "X"),
        Slot(3, "三万元", "30,000 yuan", "number", ""),  # past the letters: ZZ3ZZ
    ],
)


@pytest.mark.parametrize(
    ("mt", "expected"),
    [
        ("Q sent X money.", "Organization Department sent community worker money."),
        ("theQ sent money toXs.", "the Organization Department sent money to community workers."),
        ("QX got ZZ3ZZ.", "Organization Department community worker got 30,000 yuan."),
        ("q met the X's families.", "Organization Department met the community worker's families."),
        ("Xinhua and McQueen reported X.", "Xinhua and McQueen reported community worker."),
        ("Q and Q again.", "Organization Department and again."),  # a marker used twice
        ("The QED of X.", "The QED of community worker."),  # inside an acronym: left alone
    ],
)
def test_restore_finds_letter_markers_tolerantly(mt, expected):
    assert restore(mt, SLOTS) == expected


def test_translate_spells_markers_as_the_engine_says(tmp_path, monkeypatch):
    """The engine's placeholders reach protect and restore: the fake engine keeps Latin
    letters, so letter markers come back and are restored."""
    from bilingual.mt import fake

    monkeypatch.setattr(fake.FakeEngine, "placeholders", Placeholders(LETTER_ORDER))
    seen = []
    original = fake.FakeEngine.translate
    monkeypatch.setattr(
        fake.FakeEngine,
        "translate",
        lambda self, texts: seen.extend(texts) or original(self, texts),
    )
    edition = make_edition(tmp_path / "p", ["标题", SENTENCE])
    with EditionStore(edition) as store:
        translate_edition(store, engine_name="fake", glossary=GLOSSARY)
        en = next(p.en for p in store.pairs() if p.zh == SENTENCE)
    assert any(t.startswith("市委Q为X送去J") for t in seen)
    assert "ZZ" not in "".join(seen)
    assert "Organization Department community workers solatium" in en
