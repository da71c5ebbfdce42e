"""`bilingual models`: list, install (file or download), remove, and the online index."""

from __future__ import annotations

from pathlib import Path

import typer

from . import app
from .common import print_json

models_app = typer.Typer(
    help="Manage Argos translation models (stored in Argos's package directory; "
    "ARGOS_PACKAGES_DIR overrides it).\n\nExample: bilingual models install --download zh en",
    no_args_is_help=True,
)
app.add_typer(models_app, name="models")


@models_app.command("list")
def list_cli(as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """List installed models.

    Example: bilingual models list --json
    """
    from ..mt.models import installed, packages_dir

    models = installed()
    if as_json:
        print_json([m.to_json() for m in models])
        return
    if not models:
        typer.echo(f"No models installed in {packages_dir()}.")
        typer.echo("Install one: bilingual models install --download zh en")
    for m in models:
        typer.echo(f"{m.name}\t{m.from_code}→{m.to_code}\tv{m.version}\t{m.path}")


@models_app.command("install")
def install_cli(
    file: Path | None = typer.Argument(None, help="A .argosmodel file.", show_default=False),
    download: tuple[str, str] | None = typer.Option(
        None,
        "--download",
        metavar="FROM TO",
        help="Download the pair's package from the Argos index (needs the network).",
    ),
) -> None:
    """Install a model from a .argosmodel file, or download one from the Argos index.

    Example: bilingual models install translate-zh_en-1_9.argosmodel
    """
    from ..errors import ModelError
    from ..mt.models import install_download, install_file

    if (file is None) == (download is None):
        raise ModelError(
            "Give either a FILE or --download FROM TO", "See `bilingual models install --help`."
        )
    info = install_download(*download) if download else install_file(file)
    typer.echo(
        f"Installed {info.name} ({info.from_code}→{info.to_code} v{info.version}) in {info.path}"
    )


@models_app.command("remove")
def remove_cli(name: str = typer.Argument(..., help="Model name, as in `models list`.")) -> None:
    """Remove an installed model.

    Example: bilingual models remove translate-zh_en-1_9
    """
    from ..mt.models import remove

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
