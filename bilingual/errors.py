"""One exception hierarchy for the whole tool; the CLI turns each into one line and an exit code."""

from __future__ import annotations

import errno


class BilingualError(Exception):
    """Base class: a problem the user can act on. `exit_code` is what the CLI exits with."""

    exit_code = 1

    def __init__(self, what: str, todo: str = "") -> None:
        self.what = what.rstrip(".")
        self.todo = todo
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return f"{self.what}. {self.todo}".strip()


class InputError(BilingualError):
    """A source file is missing, unreadable, empty, binary or undecodable."""

    exit_code = 2


class EditionError(BilingualError):
    """The edition directory or its store is missing, unwritable or corrupt."""

    exit_code = 3


class ModelError(BilingualError):
    """A translation model package is missing, invalid or cannot be loaded."""

    exit_code = 4


class NetworkError(BilingualError):
    """A command that needs the network could not reach it."""

    exit_code = 5


class GlossaryError(BilingualError):
    """A glossary file is malformed or an edit is not possible."""

    exit_code = 6


class ConfigError(BilingualError):
    """The user's config file cannot be read or holds a setting we do not know."""

    exit_code = 10


class ReviewError(BilingualError):
    """A review operation does not apply (unknown id, nothing to undo, bad split point)."""

    exit_code = 7


class RenderError(BilingualError):
    """Rendering or validating an output failed."""

    exit_code = 8


class QAFailed(BilingualError):
    """`qa --strict` found open flags."""

    exit_code = 9


class Interrupted(BilingualError):
    """The user stopped a long run (Ctrl-C) and it stopped cleanly, keeping what it finished.
    Not an error: the CLI prints its message as it is, without "Error:"."""

    exit_code = 130


FULL_ADVICE = "Free some space and run the command again."


def os_advice(exc: OSError, otherwise: str) -> str:
    """What to do about an OSError: free space when the disk is full, check permissions when
    access is denied, else `otherwise` (the caller's advice for its own path)."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return FULL_ADVICE
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "Check the permissions of the file and its folder."
    return otherwise
