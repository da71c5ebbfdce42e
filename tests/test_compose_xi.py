"""terms.compose_xi through terms.matcher.match: Xi Jinping's expositions, instructions and
speeches on a subject, and the look-alikes that must stay apart."""

from __future__ import annotations

import pytest
from compose_support import assert_one_span, assert_restored

from bilingual.terms.glossary import Glossary
from bilingual.terms.matcher import match


def found(text: str, glossary: Glossary) -> list[tuple[str, str, str]]:
    return [(m.surface, m.entry.en, m.entry.layer) for m in match(text, glossary)]


GS = "General Secretary Xi Jinping's"


# Composed: (sentence, the composed span, its English); the pattern read in Xinhua via gov.cn
# ("Xi delivers important instructions on flood control and drought relief", 2024-06-19) and
# the glossary's own 重要论述, 重要指示, 重要讲话 and … 重要指示精神 entries.
@pytest.mark.parametrize(
    ("text", "surface", "en"),
    [
        ("学习贯彻习近平总书记关于乡村振兴的重要论述", "习近平总书记关于乡村振兴的重要论述",
         f"{GS} important expositions on rural revitalization"),
        ("深入学习习近平关于全面从严治党的重要论述。", "习近平关于全面从严治党的重要论述",
         "Xi Jinping's important expositions on full and rigorous Party self-governance"),
        # a subject composed by another rule (乡村振兴 + 工作, term-head)
        ("落实习近平总书记关于乡村振兴工作的重要指示", "习近平总书记关于乡村振兴工作的重要指示",
         f"{GS} important instructions on rural revitalization work"),
        ("贯彻习近平总书记关于党的建设的重要指示精神", "习近平总书记关于党的建设的重要指示精神",
         f"the guiding principles of {GS} important instructions on Party building"),
        ("贯彻落实习近平总书记对防汛救灾工作作出的重要指示精神",
         "习近平总书记对防汛救灾工作作出的重要指示精神",
         f"the guiding principles of {GS} important instructions on flood control and "
         "disaster relief work"),
        # no subject: the name and the kind (的 between them or not)
        ("认真学习习近平总书记重要讲话", "习近平总书记重要讲话", f"{GS} important speech"),
        ("传达习近平总书记的重要指示", "习近平总书记的重要指示", f"{GS} important instructions"),
        ("学习习近平重要讲话精神", "习近平重要讲话精神",
         "the guiding principles of Xi Jinping's important speeches"),
    ],
)  # fmt: skip
def test_composed(real_glossary: Glossary, text: str, surface: str, en: str) -> None:
    assert (surface, en, "composed") in found(text, real_glossary)


XI = ("习近平总书记", "General Secretary Xi Jinping")


# Look-alikes: (sentence, what is matched), none composed by this pass.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the glossary's own whole wins
        ("贯彻落实习近平总书记重要指示精神", [
            ("贯彻落实", "implement"),
            ("习近平总书记重要指示精神",
             "the guiding principles of General Secretary Xi Jinping's important instructions")]),
        ("习近平总书记关于党的自我革命的重要思想", [
            ("习近平总书记关于党的自我革命的重要思想",
             "Xi Jinping's important thought on the Party's self-reform")]),
        # the subject is a clause, not one term
        ("习近平总书记关于做好新时代党的统一战线工作的重要论述", [
            XI, ("新时代", "new era"), ("统一战线工作", "united front work"),
            ("重要论述", "important expositions")]),
        # the subject is an organ (its English would need "the")
        ("习近平总书记关于国务院的重要指示", [
            XI, ("国务院", "State Council"), ("重要指示", "important instructions")]),
        # no official English read for 重要要求 and 重要回信精神
        ("落实习近平总书记重要要求", [("落实", "implement"), XI]),
        # the kind begins a longer word (a speech's draft)
        ("习近平总书记重要讲话稿", [XI, ("重要讲话", "important speech")]),
        # another person
        ("李强总理的重要讲话", [("李强", "Li Qiang"), ("总理", "Premier"),
                                ("重要讲话", "important speech")]),
    ],
)  # fmt: skip
def test_not_composed(real_glossary: Glossary, text: str, expected: list) -> None:
    matches = match(text, real_glossary)
    assert [(m.surface, m.entry.en) for m in matches] == expected
    assert not any(m.entry.note.endswith("(xi-expositions)") for m in matches)


def test_a_composed_span_goes_through_protect_and_restore(real_glossary: Glossary) -> None:
    assert_restored(
        real_glossary,
        "学习贯彻习近平总书记关于乡村振兴的重要论述。",
        "习近平总书记关于乡村振兴的重要论述",
        f"{GS} important expositions on rural revitalization",
    )


def test_glossary_match_json_shows_it_as_one_span() -> None:
    assert_one_span(
        "习近平总书记关于乡村振兴的重要论述", f"{GS} important expositions on rural revitalization"
    )
