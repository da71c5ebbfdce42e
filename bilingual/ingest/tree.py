"""A readable tree of an edition's structure, for `bilingual show`."""

from __future__ import annotations

from ..document import Edition


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
