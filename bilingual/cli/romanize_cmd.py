"""`bilingual romanize`: person names, places or text → pinyin, one line per word."""

from __future__ import annotations

import typer

from . import app


@app.command("romanize")
def romanize_cli(
    words: list[str] = typer.Argument(
        ..., help="Chinese names, places or text.", show_default=False
    ),
    kind: str = typer.Option(
        "name", "--kind", "-k", help="name (GB/T 28039), place (GB/T 16159) or text (tone marks)."
    ),
) -> None:
    """Romanise person names, places or text, one line per word: `zh<TAB>pinyin`.

    Example: bilingual romanize 葛新爱 欧阳少峰   ·   bilingual romanize --kind place 忻州市
    """
    from ..terms.files import load_glossary
    from ..terms.names import romanize

    glossary = load_glossary() if kind == "place" else None
    for word in words:
        typer.echo(f"{word}\t{romanize(word, kind, glossary)}")
