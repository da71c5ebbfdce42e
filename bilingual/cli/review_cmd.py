"""`bilingual review`: the interactive reviewer, and scripted review commands.

`-e EDITION` may come before the sub-command (`review -e DIR approve ID`) or after it
(`review approve -e DIR ID`); the group callback passes it on through `ctx.obj`.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import typer

from .common import EDITION_HELP, print_json
from .typer_app import app

FILTER_HELP = (
    "unreviewed = status machine; flagged = an unreviewed pair with a flag; all = every pair."
)


class Filter(StrEnum):
    unreviewed = "unreviewed"
    flagged = "flagged"
    all = "all"


review_app = typer.Typer(
    invoke_without_command=True,
    no_args_is_help=False,
    rich_markup_mode="rich",
)
app.add_typer(review_app, name="review")


@dataclass
class _Shared:
    edition: Path | None
    filter: str | None
    article: int | None


def _edition_opt() -> typer.models.OptionInfo:
    return typer.Option(None, "--edition", "-e", help=EDITION_HELP, show_default=False)


def _filter_opt() -> typer.models.OptionInfo:
    return typer.Option(None, "--filter", "-f", help=FILTER_HELP, show_default=False)


def _article_opt() -> typer.models.OptionInfo:
    return typer.Option(None, "--article", "-a", help="Only this article (its number).")


def _shared(ctx: typer.Context) -> _Shared:
    return ctx.obj if isinstance(ctx.obj, _Shared) else _Shared(None, None, None)


def _edition(ctx: typer.Context, edition: Path | None) -> Path:
    found = edition or _shared(ctx).edition
    if found is None:
        raise typer.BadParameter(
            "missing: give the edition directory before or after the sub-command.",
            ctx=ctx,
            param_hint="'--edition' / '-e'",
        )
    return found


def _open(ctx: typer.Context, edition: Path | None):
    from ..store import EditionStore

    return EditionStore(_edition(ctx, edition))


@review_app.callback(invoke_without_command=True)
def review_cli(
    ctx: typer.Context,
    edition: Path | None = _edition_opt(),
    filter_: Filter | None = _filter_opt(),
    article: int | None = _article_opt(),
    from_start: bool = typer.Option(
        False, "--from-start", help="Start at the first pair, not where you left off."
    ),
    plain: bool = typer.Option(
        False, "--plain", help="The line reviewer (for dumb terminals and screen readers)."
    ),
) -> None:
    """Review sentence pairs full screen with single keys: a approve, e edit, E $EDITOR,
    m merge, s split, < > move English to the previous/next pair, t use the translation
    memory's best match, r re-translate, u undo, n/p next/previous, g go to, y pinyin,
    ? help, q quit. Every change is saved when made; the next session resumes where this
    one left off. Default filter: unreviewed.

    Example: bilingual review -e output/seed-page --filter flagged
    """
    ctx.obj = _Shared(edition, filter_.value if filter_ else None, article)
    if ctx.invoked_subcommand is not None:
        return
    from .review_ui import run_review

    run_review(
        _edition(ctx, None),
        filter_.value if filter_ else "unreviewed",
        article,
        plain=plain,
        from_start=from_start,
    )


@review_app.command("list")
def list_cli(
    ctx: typer.Context,
    edition: Path | None = _edition_opt(),
    filter_: Filter | None = _filter_opt(),
    article: int | None = _article_opt(),
    as_json: bool = typer.Option(False, "--json", help="Print the pairs as JSON."),
) -> None:
    """List pairs (default filter: unreviewed) with id, status, origin of the English (argos,
    ct2:NAME, llm:NAME, gloss, human, aligned…), flags, Chinese and English.

    Example: bilingual review list -e output/seed-page --filter flagged --json
    """
    from ..document import origin
    from ..review import select

    shared = _shared(ctx)
    with _open(ctx, edition) as store:
        chosen = filter_.value if filter_ else shared.filter or "unreviewed"
        pairs = select(store, chosen, article or shared.article)
    if as_json:
        print_json([{"k": k, **p.to_json()} for k, p in enumerate(pairs, 1)])
        return
    for k, p in enumerate(pairs, 1):
        codes = ",".join(f.code for f in p.flags)
        typer.echo(
            f"[{k}/{len(pairs)}] {p.sid}  {p.status:<12} {origin(p) or '-':<8} article {p.article}"
            f"  {p.kind:<9}"
            f" {p.zh} | {p.en}" + (f"  [{codes}]" if codes else "")
        )


def _json_opt() -> typer.models.OptionInfo:
    return typer.Option(False, "--json", help="Print the change and the pairs it left as JSON.")


def _saved(store, change, shown: list[str], as_json: bool, lines: bool = True) -> None:
    """Print a saved change: `Saved: …` (and `ID: zh | en` per pair in `shown` when `lines`),
    or with `--json` the change and those pairs."""
    pairs = [p for p in (store.pair(sid) for sid in dict.fromkeys(shown)) if p is not None]
    if change.note:
        print(f"Note: {change.note}.", file=sys.stderr)
    if as_json:
        print_json(
            {
                "action": change.action,
                "history_id": change.history_id,
                "message": change.message,
                "removed": change.removed,
                "added": change.added,
                "pairs": [p.to_json() for p in pairs],
            }
        )
        return
    typer.echo(f"Saved: {change.message}.")
    for pair in pairs if lines else []:
        typer.echo(f"{pair.sid}: {pair.zh} | {pair.en}")


@review_app.command("approve")
def approve_cli(
    ctx: typer.Context,
    ids: list[str] = typer.Argument(..., help="Sentence ids.", show_default=False),
    edition: Path | None = _edition_opt(),
    as_json: bool = _json_opt(),
) -> None:
    """Approve pairs as they are (clears their flags).

    Example: bilingual review approve -e output/seed-page s1a2b3c4d5 s5d4c3b2a1
    """
    from ..review import approve

    with _open(ctx, edition) as store:
        _saved(store, approve(store, ids), ids, as_json, lines=False)


@review_app.command("edit")
def edit_cli(
    ctx: typer.Context,
    sid: str = typer.Argument(..., metavar="ID", help="Sentence id.", show_default=False),
    en: str = typer.Option(..., "--en", help="The new English.", show_default=False),
    edition: Path | None = _edition_opt(),
    as_json: bool = _json_opt(),
) -> None:
    """Replace a pair's English (status edited, flags cleared).

    Example: bilingual review edit -e output/seed-page s1a2b3c4d5 --en "Grid management."
    """
    from ..review import edit

    with _open(ctx, edition) as store:
        _saved(store, edit(store, sid, en), [sid], as_json, lines=False)


@review_app.command("merge")
def merge_cli(
    ctx: typer.Context,
    id1: str = typer.Argument(..., metavar="ID1", help="Sentence id.", show_default=False),
    id2: str = typer.Argument(
        ..., metavar="ID2", help="The adjacent sentence.", show_default=False
    ),
    edition: Path | None = _edition_opt(),
    as_json: bool = _json_opt(),
) -> None:
    """Join two adjacent sentences of one block into one pair (Chinese and English).

    To move only English between neighbouring pairs, see `review move-en`.

    Example: bilingual review merge -e output/seed-page s1a2b3c4d5 s5d4c3b2a1
    """
    from ..review import merge

    with _open(ctx, edition) as store:
        change = merge(store, id1, id2)
        _saved(store, change, [change.focus], as_json)


@review_app.command("split")
def split_cli(
    ctx: typer.Context,
    sid: str = typer.Argument(..., metavar="ID", help="Sentence id.", show_default=False),
    at: int = typer.Option(
        ..., "--at", help="Character offset in the Chinese where the second part starts."
    ),
    en_at: int | None = typer.Option(
        None, "--en-at", help="Character offset in the English (default: the matching point)."
    ),
    edition: Path | None = _edition_opt(),
    as_json: bool = _json_opt(),
) -> None:
    """Split a pair in two at a point in the Chinese; the English is cut at the matching point.

    To move only English between neighbouring pairs, see `review move-en`.

    Example: bilingual review split -e output/seed-page s1a2b3c4d5 --at 12
    """
    from ..review import split

    with _open(ctx, edition) as store:
        change = split(store, sid, at, en_at=en_at)
        _saved(store, change, change.added, as_json)


class Direction(StrEnum):
    prev = "prev"
    next = "next"


@review_app.command("move-en")
def move_en_cli(
    ctx: typer.Context,
    sid: str = typer.Argument(..., metavar="ID", help="Sentence id.", show_default=False),
    to: Direction = typer.Option(
        ...,
        "--to",
        help="prev: onto the end of the previous pair; next: onto the start of the next pair.",
        show_default=False,
    ),
    at: int | None = typer.Option(
        None,
        "--at",
        help="Cut the English here (offset): next moves from it to the end, "
        "prev up to it. Default: one sentence (the last for next, the first for prev).",
    ),
    whole: bool = typer.Option(
        False, "--all", help="Move all of the English (a merge of one side)."
    ),
    edition: Path | None = _edition_opt(),
    as_json: bool = _json_opt(),
) -> None:
    """Move English from a pair to its neighbour, the Chinese untouched (split or merge one
    side only): for aligned translations whose English landed one pair off. Undoable.

    Example: bilingual review move-en -e output/seed-page s1a2b3c4d5 --to next
    """
    from ..review_moves import move_en, neighbour

    with _open(ctx, edition) as store:
        other = neighbour(store, sid, to.value)
        pair = store.pair(sid)
        if whole and pair is not None:
            at = 0 if to == Direction.next else len(pair.en.strip())
        change = move_en(store, sid, to.value, at)
        assert other is not None  # move_en refuses a pair without that neighbour
        _saved(store, change, [sid, other.sid][:: 1 if to == Direction.next else -1], as_json)


@review_app.command("undo")
def undo_cli(
    ctx: typer.Context, edition: Path | None = _edition_opt(), as_json: bool = _json_opt()
) -> None:
    """Revert the last change not yet undone (works across sessions).

    Example: bilingual review undo -e output/seed-page
    """
    from ..review import undo

    with _open(ctx, edition) as store:
        change = undo(store)
        _saved(store, change, [change.focus, *change.added], as_json, lines=False)


@review_app.command("history")
def history_cli(
    ctx: typer.Context,
    edition: Path | None = _edition_opt(),
    as_json: bool = typer.Option(
        False, "--json", help="Print the log as JSON (with before/after)."
    ),
) -> None:
    """Show the audit log of review changes, oldest first.

    Example: bilingual review history -e output/seed-page --json
    """
    from ..review import history, summarize

    with _open(ctx, edition) as store:
        rows = history(store)
    if as_json:
        print_json(rows)
        return
    if not rows:
        typer.echo("No review changes yet.")
    for row in rows:
        typer.echo(summarize(row))
