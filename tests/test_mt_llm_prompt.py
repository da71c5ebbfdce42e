"""The llm engine's prompt: reading answers (JSON, fenced, numbered, wrong counts), the binding
instructions a request carries, the request's shape, the prompt's id in the signature."""

from __future__ import annotations

import json

import pytest

from bilingual.mt import SentenceInContext, llm_prompt
from bilingual.mt.llm_prompt import instructions, looks_like_refusal, messages, parse, prompt_id
from bilingual.terms.analysis import analyse
from bilingual.terms.glossary import Entry, Glossary

GLOSSARY = Glossary.from_entries(
    [
        Entry("两个维护", "Two Upholds"),
        Entry("组织部", "Organization Department"),
        Entry("一带一路", "Belt and Road Initiative", variants=("一带一路倡议",)),
    ]
)


@pytest.mark.parametrize(
    ("answer", "count", "expected"),
    [
        ('{"1": "One.", "2": "Two."}', 2, ["One.", "Two."]),
        ('{"2": "Two.", "1": "One."}', 2, ["One.", "Two."]),  # any key order
        ('```json\n{"1": "One."}\n```', 1, ["One."]),
        ('Here it is: {"1": "One.",\n "2": "Two."} Hope it helps', 2, ["One.", "Two."]),
        ('{"translations": {"1": "One.", "2": "Two."}}', 2, ["One.", "Two."]),
        ('{"translations": ["One.", "Two."]}', 2, ["One.", "Two."]),
        ('["One.", "Two."]', 2, ["One.", "Two."]),
        ("1. One.\n2. Two.", 2, ["One.", "Two."]),
        ("1) One.\n\n2) Two.", 2, ["One.", "Two."]),
        ("[1] One.\n[2] Two.", 2, ["One.", "Two."]),
        ('{"1": "  One\\n more. "}', 1, ["One more."]),  # whitespace collapsed
    ],
)
def test_answers_that_are_read(answer: str, count: int, expected: list[str]) -> None:
    assert parse(answer, count) == (expected, "")


@pytest.mark.parametrize(
    ("answer", "count", "problem"),
    [
        ("Sure, here you go.", 2, "it is neither a JSON object nor a numbered list"),
        ('{"1": "One."}', 2, "it has 1 translations for 2 sentences"),
        ('{"1": "One.", "2": "Two.", "3": "Three."}', 2, "it has 3 translations for 2 sentences"),
        ('{"1": "One.", "3": "Three."}', 2, "it has 2 translations for 2 sentences"),
        ('{"1": "One.", "2": ""}', 2, "the translation of sentence 2 is empty"),
        ('{"1": 1}', 1, "it is neither a JSON object nor a numbered list"),
        ("1. One.\nand then some prose", 2, "it is neither a JSON object nor a numbered list"),
        ('{"1": "One.", ', 1, "it is neither a JSON object nor a numbered list"),
    ],
)
def test_answers_that_are_malformed(answer: str, count: int, problem: str) -> None:
    assert parse(answer, count) == (None, problem)


@pytest.mark.parametrize(
    ("text", "refusal"),
    [
        ("I'm sorry, but I can't help with that.", True),
        ("Sorry, I cannot translate this.", True),
        ("As an AI, I must decline.", True),
        ("I cannot assist with this request.", True),
        ('{"1": "Sorry, the meeting was postponed."}', False),
        ("1. I'm sorry to say the harvest failed.", False),
    ],
)
def test_refusals(text: str, refusal: bool) -> None:
    assert looks_like_refusal(text) is refusal


def unit(zh: str, title: str = "", before=(), after=()) -> SentenceInContext:
    return SentenceInContext(analyse(zh, "paragraph", GLOSSARY), 1, title, before, after)


@pytest.mark.parametrize(
    ("sentences", "expected"),
    [
        (["坚决做到两个维护。"], ['- render 两个维护 as "Two Upholds"']),
        (["坚决做到两个维护。", "两个维护是根本。"], ['- render 两个维护 as "Two Upholds"']),
        (["推进一带一路倡议。"], ['- render 一带一路倡议 as "Belt and Road Initiative"']),
        (["市委组织部拨付200余万元。"],
         ['- render 组织部 as "Organization Department"', '- render 200余万元 as "over 2 million yuan"']),
        (["今天天气很好。"], []),
    ],
)  # fmt: skip
def test_instructions_are_what_the_request_holds(sentences: list[str], expected: list[str]):
    assert instructions([unit(s) for s in sentences]) == expected


def test_a_request_numbers_its_sentences_and_gives_context_and_terms() -> None:
    group = [
        unit("坚决做到两个维护。", "标题", before=("前一句。",)),
        unit("今天天气很好。", "标题", after=("后一句。",)),
    ]
    system, user = messages(group)
    assert system == {"role": "system", "content": llm_prompt.SYSTEM}
    text = user["content"]
    assert text.startswith(
        "Article title: 标题\n\nContext before (do not translate):\n前一句。\n\n"
    )
    numbered = text.split("(JSON, number → Chinese):\n", 1)[1].split("\n}\n", 1)[0] + "\n}"
    assert json.loads(numbered) == {"1": "坚决做到两个维护。", "2": "今天天气很好。"}
    assert "Context after (do not translate):\n后一句。\n" in text
    assert 'Terminology (binding):\n- render 两个维护 as "Two Upholds"\n' in text
    assert text.endswith('Answer with one JSON object: {"1": "…", "2": "…"}')


def test_the_prompt_id_follows_the_template(monkeypatch: pytest.MonkeyPatch) -> None:
    first = prompt_id()
    assert first.startswith(f"{llm_prompt.PROMPT_VERSION}-") and len(first) == len("1-") + 6
    monkeypatch.setattr(llm_prompt, "SYSTEM", llm_prompt.SYSTEM + " Be brief.")
    assert prompt_id() != first  # an edited template re-translates
