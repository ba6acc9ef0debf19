"""What reading an input gives: records (and notes, for a document) plus problems.

Why one type: the readers (``formats.bibtex``, ``formats.csljson``, ``inputs.load`` for
documents) and every command that reads (export, check, render, lint) pass this value on,
so a problem found while reading is one ``Problem`` with its file and line, and each command
shows that same problem at that same line. Failures are data: a bibliography with one broken
entry is read as its other entries plus an error-severity problem about that entry; whether
that refuses the whole file (export, check) or renders the rest (render) is the caller's
choice, made with ``unread``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from footnote_kit.model import Note, Problem, Record, Severity

if TYPE_CHECKING:
    from footnote_kit.records import Cite, LeftOut, NoteCites


@dataclass(frozen=True)
class Loaded:
    """What an input holds, whatever its kind.

    ``notes`` is empty for a bibliography file. ``note_keys`` maps a note number to the
    keys it cites, in order, ``Ibid.`` included (empty for a bibliography file). ``kind``
    is ``document``, ``bibtex`` or ``csl-json``. ``problems`` holds everything worth telling
    the user, errors (a part that could not be read) and warnings alike, each with its place.
    """

    notes: tuple[Note, ...] = ()
    records: tuple[Record, ...] = ()
    note_keys: dict[int, tuple[str, ...]] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()
    kind: str = "document"
    locators: dict[int, tuple[tuple[str, str | None, bool], ...]] = field(default_factory=dict)
    """Per note: (key, locator, came-by-ibid) for each citation."""
    cites: dict[int, tuple[Cite, ...]] = field(default_factory=dict)
    """Per note: each citation in full (with its prefix, suffix and part), for ``--map``."""
    left_out: dict[int, tuple[LeftOut, ...]] = field(default_factory=dict)
    """Per note: the parts that became no entry, and why (a remark cites nothing...)."""
    per_note: tuple[NoteCites, ...] = ()
    """The same, one row per note in document order: ``cites``, ``left_out`` and the maps
    above go by note number, and where numbers repeat (chapters numbered from 1 again, a
    note ``15a``) they hold the last note of that number; this holds every note."""

    def notes_cited(self) -> tuple[NoteCites, ...]:
        """``per_note``, or, for a ``Loaded`` made without it, the rows of ``cites`` and
        ``left_out`` by number."""
        if self.per_note or not (self.cites or self.left_out):
            return self.per_note
        from footnote_kit.records import NoteCites as Row

        numbers = list(dict.fromkeys([*self.cites, *self.left_out]))
        return tuple(Row(n, None, self.cites.get(n, ()), self.left_out.get(n, ())) for n in numbers)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """The name ``problems`` had before readers reported errors too (kept for callers)."""
        return self.problems

    def unread(self) -> tuple[Problem, ...]:
        """The problems that mean part of the input is missing from ``records``."""
        return tuple(p for p in self.problems if p.severity is Severity.ERROR)
