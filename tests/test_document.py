"""The shared records: Signature's string form round-trips, old forms still parse; Flag, Pair."""

from __future__ import annotations

import pytest

from bilingual.document import (
    REVIEWED,
    Flag,
    Pair,
    Signature,
    flags_from_json,
    flags_json,
    origin,
    origin_label,
)

ARGOS = Signature("argos", "translate-zh_en", "v1.9", (("beam", "4"), ("maxlen", "256")), "ab12")


@pytest.mark.parametrize(
    ("text", "signature"),
    [
        ("argos translate-zh_en v1.9 beam=4 maxlen=256 | glossary=ab12", ARGOS),
        ("gloss cc-cedict 1.2.1 rules=7 (word gloss, not MT) | glossary=0",
         Signature("gloss", "cc-cedict", "1.2.1", (("rules", "7"),), "0",
                   note="word gloss, not MT")),
        ("fake v1 beam=4 maxlen=256", Signature("fake", "v1", "", (("beam", "4"), ("maxlen", "256")))),
        ("llm qwen2.5-7b temperature=0 prompt=3 | glossary=ff",
         Signature("llm", "qwen2.5-7b", "", (("temperature", "0"),), "ff", prompt="3")),
        ("align dictionary", Signature("align", "dictionary")),
        ("", Signature("")),
    ],
)  # fmt: skip
def test_str_and_parse_round_trip(text: str, signature: Signature) -> None:
    assert Signature.parse(text) == signature
    assert str(signature) == text


@pytest.mark.parametrize(
    ("old", "engine", "model_label"),
    [("align:mt-file", "align", "mt-file"), ("gloss:cedict:x=1", "gloss", "cedict"),
     ("align v1", "align", "v1")],
)  # fmt: skip
def test_older_stored_forms_still_parse(old: str, engine: str, model_label: str) -> None:
    parsed = Signature.parse(old)
    assert (parsed.engine, parsed.model_label) == (engine, model_label)


def test_identity_leaves_out_only_the_glossary() -> None:
    assert ARGOS.identity == ARGOS.with_glossary("")
    assert ARGOS.identity.with_glossary("ab12") == ARGOS
    assert str(ARGOS.identity) == "argos translate-zh_en v1.9 beam=4 maxlen=256"


def test_flags_and_pairs() -> None:
    flags = (Flag("term-miss", "党费 → dues"), Flag("odd"))
    assert flags_from_json(flags_json(flags)) == flags
    assert [str(f) for f in flags] == ["term-miss: 党费 → dues", "odd"]
    pair = Pair("s1", 1, "b1", "paragraph", "党费", "dues", status="edited", flags=flags)
    assert pair.reviewed and {"edited", "approved"} == REVIEWED
    assert pair.to_json()["flags"] == [
        {"code": "term-miss", "detail": "党费 → dues"}, {"code": "odd", "detail": ""}
    ]  # fmt: skip
    with pytest.raises(AttributeError):
        pair.en = "changed"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("en", "status", "signature", "expected", "label"),
    [
        ("", "untranslated", "", "", "no English yet"),
        ("A road.", "machine", "align dictionary", "aligned", "human translation (aligned)"),
        ("A road.", "approved", "align:bridge", "aligned", "human translation (aligned)"),
        ("A road.", "edited", "argos translate-zh_en v1.9", "human", "human (a reviewer's English)"),
        ("A road.", "machine", "argos translate-zh_en v1.9 | glossary=ab", "argos",
         "machine translation (Argos)"),
        ("A road.", "machine", "gloss cc-cedict 1.2 (word gloss, not MT)", "gloss",
         "word gloss (not a translation)"),
        ("A road.", "machine", "tm user", "tm", "translation memory"),
        ("A road.", "machine", "ct2 opus-mt-zh-en 3f2a9c01 kind=opus-mt beam=4 | glossary=0",
         "ct2:opus-mt-zh-en", "machine translation (CTranslate2, opus-mt-zh-en)"),
        ("A road.", "approved", "llm qwen2.5:7b-instruct prompt=1-ab12cd | glossary=0",
         "llm:qwen2.5:7b-instruct", "LLM translation (qwen2.5:7b-instruct)"),
        ("A road.", "machine", "ct2", "ct2", "machine translation (CTranslate2)"),
        ("A road.", "approved", "", "human", "human (a reviewer's English)"),
    ],
)  # fmt: skip
def test_origin_says_who_made_the_english(en, status, signature, expected, label) -> None:
    pair = Pair("s1", 1, "b1", "paragraph", "修路。", en, status=status, signature=signature)
    assert origin(pair) == expected
    assert origin_label(origin(pair)) == label
    assert pair.to_json()["origin"] == expected
