"""What a notes reader returns (``FoundNotes``) or raises (``NoNotes``).

Why a module of its own: every reader (``plain``, ``markdown``, ``html``...) returns these,
and the package's dispatcher (``notes.read_notes``) imports the readers; kept here, the
readers import this module and not the package that imports them. ``footnote_kit.notes``
still exports both names.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from footnote_kit.errors import InputError
from footnote_kit.model import Problem, RawNote


class NoNotes(InputError):
    """The document has no notes this reader can see (another reader may)."""


@dataclass(frozen=True)
class FoundNotes:
    notes: tuple[RawNote, ...]
    problems: tuple[Problem, ...] = ()
    ranges: tuple[tuple[int, int], ...] = field(default=())
    """The blocks of consecutively numbered notes found (or selected), as (first, last)."""
    evidence: Mapping[str, str] = field(default_factory=dict)
    """URLs a link annotation confirmed (PDF), each with the text the page prints for it:
    ``parse`` marks the sources citing them (``URL-evidence``, ``URL-printed``)."""


def select(found: FoundNotes, notes: tuple[int, int], file: str | None) -> FoundNotes:
    """Keep the notes numbered in ``notes``; nothing there is an ``InputError``."""
    kept = tuple(n for n in found.notes if notes[0] <= n.number <= notes[1])
    if not kept:
        asked = f"{notes[0]}-{notes[1]}" if notes[0] != notes[1] else str(notes[0])
        have = ", ".join(f"{a}-{b}" for a, b in found.ranges)
        raise InputError(f"--notes {asked} matches no note; notes found: {have}", file=file)
    lines = {n.location.line for n in kept}
    problems = tuple(p for p in found.problems if p.note is None or notes[0] <= p.note <= notes[1] or p.location.line in lines)
    numbers = [n.number for n in kept]
    return FoundNotes(notes=kept, problems=problems, ranges=((min(numbers), max(numbers)),), evidence=found.evidence)
