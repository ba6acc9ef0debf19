"""One exception family, turned into one line of user text in one place (``commands.main``).

Library code raises these and never prints or exits; the CLI maps them to exit codes.
Pipelines report recoverable trouble as ``model.Problem`` data instead of raising, so a
single bad note or entry never hides the rest.
"""

from __future__ import annotations

import enum


class ExitCode(enum.IntEnum):
    """Documented in the README ("Exit codes"); outside scripts rely on them."""

    OK = 0
    FINDINGS = 1
    """Something the user asked us to find was found: a dead link, a lint error."""
    BAD_INPUT = 2
    """Bad usage or unreadable input: nothing useful could be done."""
    INTERNAL = 3
    """A bug in footnote-kit: please report it with the ``--traceback`` output."""


class FootnoteKitError(Exception):
    """Base class. ``str(err)`` is the complete one-line message a user sees."""

    exit_code: ExitCode = ExitCode.BAD_INPUT

    def __init__(self, message: str, *, file: str | None = None, line: int | None = None) -> None:
        self.message = message
        self.file = file
        self.line = line
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = ""
        if self.file is not None:
            where = f"{self.file}:{self.line}: " if self.line else f"{self.file}: "
        return f"{where}{self.message}"


class InputError(FootnoteKitError):
    """A file that cannot be read, decoded or understood (empty, binary, no notes...)."""


class UsageError(FootnoteKitError):
    """Options that contradict each other or name nothing (``--notes 5-3``)."""


class ConfigError(FootnoteKitError):
    """A bad ``[tool.footnote-kit]`` table or ``.footnote-kit.toml`` (unknown key, bad value)."""


class StyleNotFound(FootnoteKitError):
    """A CSL style name or path that resolves to nothing; the message suggests close names."""
