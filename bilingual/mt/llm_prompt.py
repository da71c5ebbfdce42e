"""What the llm engine sends and how it reads the answer: the versioned prompt template.

A request holds consecutive sentences of one article as a JSON object (number → Chinese),
with the article's title and the sentences around them as context, and the glossary terms,
names and numbers those sentences hold as binding instructions (`render 两个维护 as "Two
Upholds"`). The answer must be a JSON object with exactly those numbers as keys; a numbered
list (`1. …`) is read too, as small models often give one. Anything else is malformed.

`prompt_id()` (the version and a hash of the template) is part of the engine's signature, so
editing the template re-translates: bump PROMPT_VERSION with any change of meaning.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence

from . import SentenceInContext

PROMPT_VERSION = "1"

SYSTEM = (
    "You translate Chinese news articles into English for a bilingual edition. Translate "
    "each numbered Chinese sentence into accurate, fluent English, one translation per "
    "number: never merge, split, skip or reorder sentences. The article's title and the "
    "sentences before and after are context only: do not translate them. The terminology "
    "list is binding: wherever a Chinese term in it occurs, use its English rendering word "
    "for word. Keep the value of every number. Answer with one JSON object only, mapping each "
    "sentence number (as a string) to its English translation, and nothing else."
)
USER = """{title}{before}Sentences to translate (JSON, number → Chinese):
{sentences}
{after}{terms}Answer with one JSON object: {shape}"""
RETRY = (
    "Your answer could not be used: {problem}. Answer again with only one JSON object whose "
    "keys are exactly {keys}, each mapped to the English translation of that sentence."
)

_FENCE = re.compile(r"^\s*```(?:json)?\s*|\s*```\s*$", re.IGNORECASE)
_NUMBERED = re.compile(r"^\s*(?:\[(\d+)\]|(\d+)\s*[.):：、])\s*(.*\S)\s*$")
_REFUSAL = re.compile(
    r"^\W*(?:I'?m sorry|I am sorry|I apologi[sz]e|Sorry\b|I can(?:no|')t\b|I'?m unable|I am "
    r"unable|I won'?t\b|As an AI\b)",
    re.IGNORECASE,
)


def prompt_id() -> str:
    """`1-3fa2c1`: the template's version and a hash of its text."""
    digest = hashlib.sha1("\x1f".join((SYSTEM, USER, RETRY)).encode("utf-8")).hexdigest()
    return f"{PROMPT_VERSION}-{digest[:6]}"


def instructions(units: Sequence[SentenceInContext]) -> list[str]:
    """The binding renderings of what the sentences hold: glossary terms, names, and numbers
    with an English form (`1.2万亿` → "1.2 trillion"), each once, in order of appearance. They
    are the spans the other engines get as markers (`Analysis.protected`: no overlaps, so the
    两 of 两个维护 is not a number of its own)."""
    lines: dict[str, None] = {}
    for unit in units:
        text = unit.analysis.text
        for span in unit.analysis.protected:
            lines.setdefault(f'- render {text[span.start : span.end]} as "{span.en}"', None)
    return list(lines)


def messages(units: Sequence[SentenceInContext]) -> list[dict[str, str]]:
    """The chat messages for one request: consecutive sentences of one article."""
    first, last = units[0], units[-1]
    numbered = {str(i): u.analysis.text for i, u in enumerate(units, start=1)}
    terms = instructions(units)

    def block(label: str, lines: Sequence[str]) -> str:
        return f"{label}\n" + "\n".join(lines) + "\n\n" if lines else ""

    user = USER.format(
        title=f"Article title: {first.title}\n\n" if first.title else "",
        before=block("Context before (do not translate):", first.before),
        sentences=json.dumps(numbered, ensure_ascii=False, indent=1),
        after="\n" + block("Context after (do not translate):", last.after),
        terms=block("Terminology (binding):", terms),
        shape=json.dumps({k: "…" for k in numbered}, ensure_ascii=False),
    )
    return [{"role": "system", "content": SYSTEM}, {"role": "user", "content": user}]


def retry_messages(sent: list[dict[str, str]], answer: str, problem: str, count: int):
    """The request again, with the unusable answer and what was wrong with it."""
    keys = ", ".join(f'"{i}"' for i in range(1, count + 1))
    return [
        *sent,
        {"role": "assistant", "content": answer},
        {"role": "user", "content": RETRY.format(problem=problem, keys=keys)},
    ]


def looks_like_refusal(text: str) -> bool:
    return bool(_REFUSAL.match(text))


def parse(answer: str, count: int) -> tuple[list[str] | None, str]:
    """(one English translation per sentence, "") or (None, what is wrong with the answer)."""
    text = _FENCE.sub("", answer.strip())
    found = _from_json(text)
    if found is None:
        found = _from_numbered(text)
    if found is None:
        return None, "it is neither a JSON object nor a numbered list"
    wanted = [str(i) for i in range(1, count + 1)]
    if sorted(found, key=_number) != wanted:
        return None, f"it has {len(found)} translations for {count} sentences"
    out = [" ".join(str(found[k]).split()) for k in wanted]
    empty = [k for k, en in zip(wanted, out, strict=True) if not en]
    if empty:
        return None, f"the translation of sentence {empty[0]} is empty"
    return out, ""


def _number(key: str) -> int:
    return int(key) if key.isdigit() else 0


def _from_json(text: str) -> dict[str, str] | None:
    start, end = text.find("{"), text.rfind("}")
    if start < 0 or end < start:
        if text.startswith("["):  # a bare list of translations
            try:
                items = json.loads(text)
            except ValueError:
                return None
            if isinstance(items, list) and all(isinstance(i, str) for i in items):
                return {str(i): v for i, v in enumerate(items, start=1)}
        return None
    try:
        data = json.loads(text[start : end + 1])
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    if len(data) == 1 and isinstance(next(iter(data.values())), dict | list):
        inner = next(iter(data.values()))  # {"translations": {...}} or {"translations": [...]}
        data = inner if isinstance(inner, dict) else {str(i): v for i, v in enumerate(inner, 1)}
    if not all(isinstance(v, str) for v in data.values()):
        return None
    return {str(k).strip(): v for k, v in data.items()}


def _from_numbered(text: str) -> dict[str, str] | None:
    found: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip():
            continue
        m = _NUMBERED.match(line)
        if not m:
            return None
        found[m.group(1) or m.group(2)] = m.group(3)
    return found or None
