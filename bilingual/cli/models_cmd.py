"""`bilingual models`: list, install (file or download), remove, and the online index."""

from __future__ import annotations

from pathlib import Path

import typer

from .common import print_json
from .typer_app import app

models_app = typer.Typer(
    help="Manage translation models: Argos packages (in Argos's package directory; "
    "ARGOS_PACKAGES_DIR overrides it) and CTranslate2 models converted from OPUS-MT, NLLB-200 "
    "or M2M100 (in the user data directory; BILINGUAL_MODELS_DIR overrides it).\n\n"
    "Example: bilingual models install --download zh en",
    no_args_is_help=True,
)
app.add_typer(models_app, name="models")


@models_app.command("list")
def list_cli(as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """List installed models: name, kind (argos, opus-mt, nllb, m2m100), pair, version, path.

    Example: bilingual models list --json
    """
    from ..mt.catalog import all_installed
    from ..mt.ct2_models import models_dir
    from ..mt.models import packages_dir

    models = all_installed()
    if as_json:
        print_json([m.to_json() for m in models])
        return
    if not models:
        typer.echo(f"No models installed in {packages_dir()} or {models_dir()}.")
        typer.echo("Install one: bilingual models install --download zh en")
    for m in models:
        typer.echo(f"{m.name}\t{m.kind}\t{m.from_code}→{m.to_code}\t{m.version_label}\t{m.path}")


@models_app.command("install")
def install_cli(
    file: Path | None = typer.Argument(
        None,
        metavar="[DIR|FILE]",
        help="A .argosmodel file, or a CTranslate2 model folder converted from OPUS-MT "
        "(with source.spm and target.spm), NLLB-200 or M2M100 (with sentencepiece.bpe.model).",
        show_default=False,
    ),
    name: str | None = typer.Option(
        None, "--name", help="Install under this name (default: the folder's or package's)."
    ),
    download: tuple[str, str] | None = typer.Option(
        None,
        "--download",
        metavar="FROM TO",
        help="Download the pair's package from the Argos index (needs the network).",
    ),
) -> None:
    """Install a model: a .argosmodel file, a CTranslate2 model folder (its kind is found from
    its files and it is checked before it is moved into place), or a download from the Argos
    index.

    Example: bilingual models install nllb-200-distilled-600M-ct2 --name nllb-600m
    """
    from ..mt.catalog import install

    info = install(file, name, download)
    typer.echo(
        f"Installed {info.name} ({info.kind}, {info.from_code}→{info.to_code} {info.version_label}) "
        f"in {info.path}"
    )


@models_app.command("remove")
def remove_cli(name: str = typer.Argument(..., help="Model name, as in `models list`.")) -> None:
    """Remove an installed model.

    Example: bilingual models remove translate-zh_en-1_9
    """
    from ..mt.catalog import remove

    path = remove(name)
    typer.echo(f"Removed {name} ({path}).")


@models_app.command("available")
def available_cli(as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """List the models in Argos's online index (needs the network).

    Example: bilingual models available --json
    """
    from ..mt.models import available

    packages = available()
    if as_json:
        print_json(packages)
        return
    for p in packages:
        mark = " (installed)" if p["installed"] else ""
        typer.echo(f"{p['name']}\t{p['from']}→{p['to']}\tv{p['version']}{mark}")
