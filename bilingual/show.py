"""An edition's structure for `bilingual show`: a readable tree, or JSON written in pieces."""

from __future__ import annotations

import json
from collections.abc import Iterator

from .document import Edition


def json_pieces(edition: Edition) -> Iterator[str]:
    """`edition.to_json()` as text, an article a piece, a block a line.

    `json.dumps` with an indent runs the pure-Python encoder and holds the whole document
    (twice the text of a 50 MB edition); blocks on lines of their own go through the C
    encoder one at a time, so a long edition prints in seconds, in little memory.
    """
    yield "{\n" + f'  "name": {_dumps(edition.name)},\n  "articles": ['
    for a_i, article in enumerate(edition.articles):
        lines = [_dumps(b.to_json()) for b in article.blocks]
        blocks = "[\n        " + ",\n        ".join(lines) + "\n      ]" if lines else "[]"
        yield ("," if a_i else "") + f'\n    {{\n      "id": {article.id},\n      "blocks": '
        yield blocks + "\n    }"
    yield "\n  ]" if edition.articles else "]"
    if edition.pages:
        pages = ",\n    ".join(_dumps(p.to_json()) for p in edition.pages)
        yield f',\n  "pages": [\n    {pages}\n  ]'
    yield "\n}\n"


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def render_tree(edition: Edition, width: int = 60) -> str:
    lines = [
        f"{edition.name}  ({len(edition.articles)} articles, {len(edition.sentences())} sentences)"
    ]
    for a_i, article in enumerate(edition.articles):
        last_article = a_i == len(edition.articles) - 1
        lines.append(f"{'└' if last_article else '├'}── Article {article.id}: {article.title}")
        pad = "    " if last_article else "│   "
        for b_i, block in enumerate(article.blocks):
            last = b_i == len(article.blocks) - 1
            text = block.text if len(block.text) <= width else block.text[: width - 1] + "…"
            count = f" [{len(block.sentences)} sentences]" if len(block.sentences) > 1 else ""
            lines.append(f"{pad}{'└' if last else '├'}── {block.kind:<11} {text}{count}")
    return "\n".join(lines)
