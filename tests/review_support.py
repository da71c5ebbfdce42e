"""A small translated edition for the review, QA and reviewer-UI tests."""

from __future__ import annotations

from pathlib import Path

from bilingual.document import assign_ids
from bilingual.store import EditionStore

ARTICLES = [
    [
        ("title", "乡村振兴", ["乡村振兴"]),
        (
            "paragraph",
            "村里修了新路。村民很高兴。大家都来看。",
            ["村里修了新路。", "村民很高兴。", "大家都来看。"],
        ),
    ],
    [("paragraph", "甲乙。丙丁。", ["甲乙。", "丙丁。"])],
]
ENGLISH = {
    "乡村振兴": "Rural revitalisation",
    "村里修了新路。": "The village built a new road.",
    "村民很高兴。": "The villagers are very happy.",
    "大家都来看。": "Everyone came to see it.",
    "甲乙。": "A and B.",
    "丙丁。": "C and D.",
}


def make_edition(directory: Path, articles=None, english: dict[str, str] | None = None) -> Path:
    """Save an edition and give every sentence its English (status machine)."""
    english = ENGLISH if english is None else english
    edition = assign_ids(articles or ARTICLES, directory.name)
    with EditionStore(directory, create=True) as store:
        store.save_edition(edition)
        with store.transaction():
            for pair in store.pairs():
                if pair.zh in english:
                    store.update_pair(pair.sid, en=english[pair.zh], status="machine")
    return directory


def sid_of(store: EditionStore, zh: str) -> str:
    """The id of the (first) sentence with this Chinese."""
    return next(p.sid for p in store.pairs() if p.zh == zh)


def run(*args: str, code: int = 0) -> str:
    """Invoke the app in-process; a library error comes back as main() prints it."""
    from typer.testing import CliRunner

    from bilingual.cli import app
    from bilingual.errors import BilingualError

    result = CliRunner().invoke(app, list(args))
    exc = result.exception
    if isinstance(exc, BilingualError):
        assert exc.exit_code == code, exc.message
        return f"Error: {exc.message}"
    if exc and not isinstance(exc, SystemExit):
        raise exc
    assert result.exit_code == code, result.output
    return result.stdout


ALIGNED = {  # an aligned translation whose English landed one pair off (for one-side moves)
    "乡村振兴": "Rural revitalisation",
    "村里修了新路。": "The village built a new road. The villagers are very happy.",
    "村民很高兴。": "Everyone came to see it.",
    "大家都来看。": "",
    "甲乙。": "A and B.",
    "丙丁。": "C and D.",
}
