"""Every installed model, whatever its kind: what `bilingual models list|install|remove` see.

Argos packages (`mt/models.py`) and CTranslate2 model folders (`mt/ct2_models.py`) are kept
in their own directories; a name is unique across both (each install refuses the other's).
"""

from __future__ import annotations

from pathlib import Path

from ..errors import ModelError
from . import ct2_models
from .models import ModelInfo, install_download, install_file, installed


def all_installed() -> list[ModelInfo]:
    """Every installed model, Argos packages and CTranslate2 models, by name."""
    models = installed() + [m.info for m in ct2_models.installed()]
    return sorted(models, key=lambda m: m.name)


def install(
    path: Path | None, name: str | None = None, download: tuple[str, str] | None = None
) -> ModelInfo:
    """A CTranslate2 model folder, a `.argosmodel` file, or (`download`) the Argos index's
    package for a pair."""
    if (path is None) == (download is None):
        raise ModelError(
            "Give either a DIR or FILE, or --download FROM TO",
            "See `bilingual models install --help`.",
        )
    if download:
        return install_download(*download)
    assert path is not None
    if Path(path).is_dir():
        return ct2_models.install_dir(Path(path), name)
    return install_file(Path(path), name)


def remove(name: str) -> Path:
    """Delete an installed model by name: a CTranslate2 model folder or an Argos package."""
    from . import models

    return ct2_models.remove(name) or models.remove(name)
