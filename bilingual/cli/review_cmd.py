"""`bilingual review`: the interactive reviewer, and scripted review commands.

`-e EDITION` may come before the sub-command (`review -e DIR approve ID`) or after it
(`review approve -e DIR ID`); the group callback passes it on through `ctx.obj`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import typer

from . import app
from .common import EDITION_HELP, print_json

FILTER_HELP = "unreviewed = status machine; flagged = any open flag; all = every pair."


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
) -> None:
    """Walk through sentence pairs with single keys: a approve, e edit, E $EDITOR,
    m merge, s split, r re-translate, u undo, n/p next/previous, g go to, y pinyin,
    ? help, q quit. Every change is saved when made. Default filter: unreviewed.

    Example: bilingual review -e output/seed-page --filter flagged
    """
    ctx.obj = _Shared(edition, filter_.value if filter_ else None, article)
    if ctx.invoked_subcommand is not None:
        return
    from .review_tui import run_review

    run_review(_edition(ctx, None), filter_.value if filter_ else "unreviewed", article)


@review_app.command("list")
def list_cli(
    ctx: typer.Context,
    edition: Path | None = _edition_opt(),
    filter_: Filter | None = _filter_opt(),
    article: int | None = _article_opt(),
    as_json: bool = typer.Option(False, "--json", help="Print the pairs as JSON."),
) -> None:
    """List pairs (default filter: unreviewed) with id, status, flags, Chinese and English.

    Example: bilingual review list -e output/seed-page --filter flagged --json
    """
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
            f"[{k}/{len(pairs)}] {p.sid}  {p.status:<12} article {p.article}  {p.kind:<9}"
            f" {p.zh} | {p.en}" + (f"  [{codes}]" if codes else "")
        )


@review_app.command("approve")
def approve_cli(
    ctx: typer.Context,
    ids: list[str] = typer.Argument(..., help="Sentence ids.", show_default=False),
    edition: Path | None = _edition_opt(),
) -> None:
    """Approve pairs as they are (clears their flags).

    Example: bilingual review approve -e output/seed-page s1a2b3c4d5 s5d4c3b2a1
    """
    from ..review import approve

    with _open(ctx, edition) as store:
        change = approve(store, ids)
    typer.echo(f"Saved: {change.message}.")


@review_app.command("edit")
def edit_cli(
    ctx: typer.Context,
    sid: str = typer.Argument(..., metavar="ID", help="Sentence id.", show_default=False),
    en: str = typer.Option(..., "--en", help="The new English.", show_default=False),
    edition: Path | None = _edition_opt(),
) -> None:
    """Replace a pair's English (status edited, flags cleared).

    Example: bilingual review edit -e output/seed-page s1a2b3c4d5 --en "Grid management."
    """
    from ..review import edit

    with _open(ctx, edition) as store:
        change = edit(store, sid, en)
    typer.echo(f"Saved: {change.message}.")


@review_app.command("merge")
def merge_cli(
    ctx: typer.Context,
    id1: str = typer.Argument(..., metavar="ID1", help="Sentence id.", show_default=False),
    id2: str = typer.Argument(
        ..., metavar="ID2", help="The adjacent sentence.", show_default=False
    ),
    edition: Path | None = _edition_opt(),
) -> None:
    """Join two adjacent sentences of one block into one pair (Chinese and English).

    Example: bilingual review merge -e output/seed-page s1a2b3c4d5 s5d4c3b2a1
    """
    from ..review import merge

    with _open(ctx, edition) as store:
        change = merge(store, id1, id2)
        pair = store.pair(change.focus)
    typer.echo(f"Saved: {change.message}.")
    if pair:
        typer.echo(f"{pair.sid}: {pair.zh} | {pair.en}")


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
) -> None:
    """Split a pair in two at a point in the Chinese; the English is cut at the matching point.

    Example: bilingual review split -e output/seed-page s1a2b3c4d5 --at 12
    """
    from ..review import split

    with _open(ctx, edition) as store:
        change = split(store, sid, at, en_at=en_at)
        pairs = [store.pair(s) for s in change.added]
    typer.echo(f"Saved: {change.message}.")
    for pair in pairs:
        if pair:
            typer.echo(f"{pair.sid}: {pair.zh} | {pair.en}")


@review_app.command("undo")
def undo_cli(ctx: typer.Context, edition: Path | None = _edition_opt()) -> None:
    """Revert the last change not yet undone (works across sessions).

    Example: bilingual review undo -e output/seed-page
    """
    from ..review import undo

    with _open(ctx, edition) as store:
        change = undo(store)
    typer.echo(f"Saved: {change.message}.")


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
