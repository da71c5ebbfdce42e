"""`bilingual romanize`: person names, places or text → pinyin, one line per word."""

from __future__ import annotations

import typer

from .common import print_json
from .typer_app import app


@app.command("romanize")
def romanize_cli(
    words: list[str] = typer.Argument(
        ..., help="Chinese names, places or text.", show_default=False
    ),
    kind: str = typer.Option(
        "name",
        "--kind",
        "-k",
        help="name (GB/T 28039; glossary people first), place (GB/T 16159) or text (tone "
        "marks, by word).",
    ),
    as_json: bool = typer.Option(
        False, "--json", help="Print a JSON object: kind, words (a list of zh, romanized)."
    ),
) -> None:
    """Romanise person names, places or text, one line per word: `zh<TAB>pinyin`.

    Example: bilingual romanize 葛新爱 欧阳少峰   ·   bilingual romanize --kind place 忻州市
    """
    from ..terms.files import load_glossary
    from ..terms.names import romanize

    # Names and places: the glossary's established forms first (乌兰夫 Ulanhu, 日喀则 Xigaze).
    glossary = load_glossary() if kind in ("name", "place") else None
    pairs = [(word, romanize(word, kind, glossary)) for word in words]
    if as_json:
        print_json({"kind": kind, "words": [{"zh": zh, "romanized": r} for zh, r in pairs]})
        return
    for word, romanized in pairs:
        typer.echo(f"{word}\t{romanized}")
