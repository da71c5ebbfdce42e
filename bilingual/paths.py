"""Paths the user names: why one cannot be used, in words, and comparisons that never raise.

`Path.exists()` and `Path.is_file()` answer False for a symbolic link loop, so a loop would
be reported as "not found", and `Path.resolve()` raises RuntimeError on one (Python 3.11),
which would end a command in an internal error. Every place that checks or resolves a path
the user gave (page files, edition directories, glossary files, model archives) asks here.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path


def link_problem(path: Path) -> str | None:
    """'… goes through a symbolic link loop' or '… is a broken symbolic link' when a link in
    `path` cannot be followed; None otherwise (the path exists, or is simply missing)."""
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return f"{path} goes through a symbolic link loop"
        if os.path.islink(path):
            return f"{path} is a broken symbolic link (to {os.readlink(path)})"
    except ValueError:  # an embedded NUL byte: no such file
        return None
    return None


def same_file(a: Path, b: Path) -> bool:
    """Whether two paths name the same existing file; False when either cannot be followed."""
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return False


def resolved(path: Path) -> Path | None:
    """`path.resolve()`, or None when a symbolic link loop (or an OS error) is in the way."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return None
