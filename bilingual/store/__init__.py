"""The SQLite stores: one per edition (`edition.py`: structure, pairs, history) and the
translation cache shared by all editions (`cache.py`), over the plumbing in `db.py`.

This package is the only place that writes SQL.
"""

from .cache import TranslationCache, default_cache_dir
from .edition import EditionStore
from .schema import DB_NAME, SCHEMA_VERSION, check_edition_dir, create_store

__all__ = [
    "DB_NAME",
    "SCHEMA_VERSION",
    "EditionStore",
    "TranslationCache",
    "check_edition_dir",
    "create_store",
    "default_cache_dir",
]
