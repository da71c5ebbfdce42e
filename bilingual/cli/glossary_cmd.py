"""`bilingual glossary …`: list, search, match, show, add, edit, remove, import, export, lint,
stats."""

from __future__ import annotations

from pathlib import Path

import typer

from .common import print_json
from .typer_app import app

glossary_app = typer.Typer(
    name="glossary",
    help="Read and edit the glossary: shipped terms, your own terms, extra --glossary files.\n\n"
    "Example: bilingual glossary search 网格化",
    no_args_is_help=True,
)
app.add_typer(glossary_app, name="glossary")

FILE_HELP = "Glossary file to change (TSV or CSV). Default: your glossary in the user data dir."


def _extra(ctx: typer.Context) -> list[Path]:
    return (ctx.obj or {}).get("glossary_files", []) if isinstance(ctx.obj, dict) else []


def _load(ctx: typer.Context):
    from ..terms.files import load_glossary

    return load_glossary(extra=_extra(ctx))


def _target(file: Path | None) -> Path:
    from ..terms.files import user_glossary_path

    return file or user_glossary_path()


@glossary_app.callback()
def glossary_callback(
    ctx: typer.Context,
    glossary: list[Path] = typer.Option(
        [], "--glossary", "-g", help="Extra glossary file (TSV/CSV/TBX) layered on top; repeatable."
    ),
) -> None:
    """Read and edit the glossary. Layers: shipped, then yours, then --glossary files.

    Example: bilingual glossary --glossary house.tsv list --category slogan
    """
    ctx.obj = {"glossary_files": list(glossary)}


def _line(entry) -> str:
    return "\t".join([entry.zh, entry.en, entry.category])


@glossary_app.command("list")
def list_cli(
    ctx: typer.Context,
    category: str | None = typer.Option(None, "--category", "-c", help="Only this category."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON objects."),
) -> None:
    """List terms (zh, en, category, tab-separated), after layering.

    Example: bilingual glossary list --category party-body --json
    """
    entries = list(_load(ctx).entries.values())
    if category is not None:
        entries = [e for e in entries if e.category == category]
    if as_json:
        print_json([e.to_json() for e in entries])
    else:
        for entry in entries:
            typer.echo(_line(entry))


@glossary_app.command("search")
def search_cli(
    ctx: typer.Context,
    query: str = typer.Argument(
        ..., help="Chinese, English or pinyin (tones and spaces optional)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print JSON objects."),
) -> None:
    """Find terms by Chinese, English or pinyin.

    Example: bilingual glossary search wanggehua
    """
    from ..terms.search import search

    hits = search(_load(ctx), query)
    if as_json:
        print_json([e.to_json() for e in hits])
        return
    for entry in hits:
        typer.echo(_line(entry))
    if not hits:
        typer.echo(f"No term matches {query!r}.", err=True)
        raise typer.Exit(1)


@glossary_app.command("match")
def match_cli(
    ctx: typer.Context,
    texts: list[str] = typer.Argument(None, help="Texts to match, each one text."),
    file: Path | None = typer.Option(None, "--file", "-f", help="A file: each line is one text."),
    as_json: bool = typer.Option(False, "--json", help="Print a JSON list, one object per text."),
) -> None:
    """Show the glossary terms translate would protect in each text: word boundaries,
    variants through quotation marks and commas, and composed bodies and posts applied.

    JSON: [{"text", "matches": [{"start", "end", "zh", "en", "layer"}]}], offsets in
    characters into the text (layer `composed` for a composed body or post).

    Example: bilingual glossary match "省委常委会研究部署“十四五”规划"
    """
    from ..terms.matcher import match_report, read_texts

    report = match_report(read_texts(texts or [], file), _load(ctx))
    if as_json:
        print_json(report)
        return
    for item in report:
        typer.echo(item["text"])
        for m in item["matches"]:
            surface = item["text"][m["start"] : m["end"]]
            typer.echo(f"  {m['start']}-{m['end']}\t{surface}\t{m['en']}\t{m['layer']}")
        if not item["matches"]:
            typer.echo("  (no glossary term)")


@glossary_app.command("show")
def show_cli(
    ctx: typer.Context,
    term: str = typer.Argument(..., help="The Chinese term (or its exact English)."),
    as_json: bool = typer.Option(False, "--json", help="Print a JSON object."),
) -> None:
    """Show every field of one term and the layer it comes from.

    Example: bilingual glossary show 网格化管理
    """
    from ..errors import GlossaryError

    glossary = _load(ctx)
    entry = glossary.get(term) or next(
        (e for e in glossary.entries.values() if e.en.lower() == term.lower()), None
    )
    if entry is None:
        raise GlossaryError(f"{term} is not in the glossary", "Try `bilingual glossary search`.")
    if as_json:
        print_json(entry.to_json())
        return
    for key, value in entry.to_json().items():
        shown = " | ".join(value) if isinstance(value, list) else value
        typer.echo(f"{key + ':':10} {shown}")


@glossary_app.command("add")
def add_cli(
    zh: str = typer.Argument(..., help="The Chinese term."),
    en: str = typer.Argument(..., help="Its approved English rendering."),
    category: str = typer.Option("", "--category", "-c", help="Category, e.g. slogan."),
    note: str = typer.Option("", "--note", help="Note: other renderings, usage."),
    pinyin: str | None = typer.Option(None, "--pinyin", help="Pinyin; default: generated."),
    source: str = typer.Option("", "--source", help="Where the rendering comes from."),
    status: str = typer.Option("approved", "--status", help="approved or provisional."),
    file: Path | None = typer.Option(None, "--file", "-f", help=FILE_HELP),
) -> None:
    """Add a term to your glossary (or --file).

    Example: bilingual glossary add 火线入党 "join the Party on the front line" -c party-membership
    """
    from ..terms.edits import add_entry
    from ..terms.glossary import Entry
    from ..terms.names import pinyin_of

    target = _target(file)
    zh = zh.strip()
    entry = Entry(zh, en.strip(), pinyin or pinyin_of(zh), category, note, source, status=status)
    add_entry(target, entry)
    typer.echo(f"Added {entry.zh} → {entry.en} to {target}.")


@glossary_app.command("edit")
def edit_cli(
    ctx: typer.Context,
    zh: str = typer.Argument(..., help="The Chinese term to change."),
    en: str | None = typer.Option(None, "--en", help="New English rendering."),
    note: str | None = typer.Option(None, "--note", help="New note."),
    category: str | None = typer.Option(None, "--category", "-c", help="New category."),
    pinyin: str | None = typer.Option(None, "--pinyin", help="New pinyin."),
    source: str | None = typer.Option(None, "--source", help="New source."),
    status: str | None = typer.Option(None, "--status", help="approved or provisional."),
    file: Path | None = typer.Option(None, "--file", "-f", help=FILE_HELP),
) -> None:
    """Change a term in your glossary (or --file); a shipped term gets an override there.

    Example: bilingual glossary edit 居委会 --en "neighborhood committee"
    """
    from ..terms.edits import edit_entry

    target = _target(file)
    base = _load(ctx).get(zh)
    changes = dict(en=en, note=note, category=category, pinyin=pinyin, source=source)
    entry = edit_entry(target, zh, base=base, status=status, **changes)
    typer.echo(f"Saved {entry.zh} → {entry.en} in {target}.")


@glossary_app.command("remove")
def remove_cli(
    zh: str = typer.Argument(..., help="The Chinese term to remove."),
    file: Path | None = typer.Option(None, "--file", "-f", help=FILE_HELP),
) -> None:
    """Remove a term from your glossary (or --file). Shipped terms are never removed.

    Example: bilingual glossary remove 火线入党
    """
    from ..terms.edits import remove_entry

    target = _target(file)
    remove_entry(target, zh)
    typer.echo(f"Removed {zh} from {target}.")


@glossary_app.command("import")
def import_cli(
    source: Path = typer.Argument(..., help="A TSV, CSV or TBX file."),
    file: Path | None = typer.Option(None, "--file", "-f", help=FILE_HELP),
) -> None:
    """Merge the terms of a TSV, CSV or TBX file (2008 or v3) into your glossary (or --file).

    Each row is checked as `glossary add` checks a term; one bad row refuses the import.

    (A row with cells past the header, a TBX with a DTD or entities: refused too.)

    Example: bilingual glossary import terms.tbx
    """
    from ..terms.edits import import_entries

    target = _target(file)
    added, updated, unchanged = import_entries(source, target)
    typer.echo(
        f"Imported {source} into {target}: {added} added, {updated} updated, {unchanged} unchanged."
    )


@glossary_app.command("export")
def export_cli(
    ctx: typer.Context,
    fmt: str = typer.Option(
        "tsv",
        "--format",
        help="tsv, csv, tbx (TBX-Basic 2008 <martif>, what CAT tools read) or tbx3 "
        "(TBX v3, ISO 30042:2019).",
    ),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="File to write; default stdout."
    ),
) -> None:
    """Export the layered glossary as TSV, CSV or TBX.

    `tbx` opens in OmegaT, translate-toolkit and most CAT tools; `glossary import` reads
    both TBX forms.

    CSV cells starting with = + - or @ get a ' first, so spreadsheets do not run them.

    (Import takes that ' off again: export and import give the same glossary.)

    Example: bilingual glossary export --format tbx -o glossary.tbx
    """
    from ..terms.files import export_text, write_text

    text = export_text(_load(ctx).entries.values(), fmt)
    if output is None:
        typer.echo(text, nl=False)
    else:
        write_text(output, text)
        typer.echo(f"Wrote {output}.", err=True)


@glossary_app.command("lint")
def lint_cli(
    ctx: typer.Context,
    as_json: bool = typer.Option(False, "--json", help="Print problems as JSON."),
) -> None:
    """Check every layer: duplicates, empty fields, pinyin, whitespace, shadowed terms.

    Exits 1 when there is any problem.

    Example: bilingual glossary lint
    """
    from ..terms.files import layer_files
    from ..terms.lint import lint_files

    files = layer_files(extra=_extra(ctx))
    problems = lint_files(files)
    if as_json:
        print_json([p.to_json() for p in problems])
    else:
        for problem in problems:
            typer.echo(str(problem))
        typer.echo(f"{len(problems)} problems in {len(files)} files.", err=True)
    if problems:
        raise typer.Exit(1)


@glossary_app.command("stats")
def stats_cli(
    ctx: typer.Context,
    as_json: bool = typer.Option(False, "--json", help="Print counts as JSON."),
) -> None:
    """Count terms by category, layer and status (after layering).

    Example: bilingual glossary stats
    """
    from ..terms.search import stats

    glossary = _load(ctx)
    counts = stats(glossary)
    if as_json:
        print_json({"entries": len(glossary), **counts})
        return
    typer.echo(f"{len(glossary)} entries")
    for group, table in counts.items():
        typer.echo(f"by {group}:")
        for key, count in table.items():
            typer.echo(f"  {count:6}  {key}")
