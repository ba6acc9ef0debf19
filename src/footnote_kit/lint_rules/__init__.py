"""Lint rules: one module per rule family, each rule a named function over a ``Document``.

A rule takes one document (its text and its parsed notes) and yields ``Problem``s whose
``code`` is the rule's name, so that configuration can switch it off and decide whether
it fails a run. Rules never print and never raise for a user's text.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Callable, Iterable

from footnote_kit.model import Location, Note, Problem

__all__ = ["Document", "Rule", "problem"]


@dataclass(frozen=True)
class Document:
    """One file being linted: its text, its format and its parsed notes (maybe none)."""

    path: str
    text: str
    fmt: str
    notes: tuple[Note, ...] = ()

    @cached_property
    def lines(self) -> list[str]:
        return self.text.splitlines()

    def line_of(self, needle: str, start: int | None = None) -> int | None:
        """The first line at or after ``start`` whose text holds ``needle`` (or its start).

        Notes are joined onto one line when read, so a message about one URL of a
        three-line note would otherwise point at the note's first line.
        """
        lines = self.lines
        begin = max((start or 1) - 1, 0)
        for probe in (needle, needle[:40]):
            if not probe:
                continue
            for i in range(begin, len(lines)):
                if probe in lines[i]:
                    return i + 1
        return start

    def at(self, note: Note | None, needle: str | None = None) -> Location:
        if note is not None and note.location.file not in (None, self.path):
            return note.location  # a note of a file the document includes (LaTeX)
        start = note.location.line if note is not None else None
        line = self.line_of(needle, start) if needle and self.text else start
        return Location(self.path, line, note.location.part if note is not None else None)


Rule = Callable[[Document], Iterable[Problem]]


def problem(doc: Document, rule: str, message: str, note: Note | None = None, needle: str | None = None) -> Problem:
    return Problem(message=message, location=doc.at(note, needle), code=rule, note=note.number if note else None)
