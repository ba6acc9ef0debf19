"""Finding footnotes in documents: the first stage of the pipeline.

One module per document format (``plain``: text copied from a PDF or a web page;
``markdown``, ``latex``, ``html``), each returning ``RawNote``s with their location.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from footnote_kit.model import Problem, RawNote


@dataclass(frozen=True)
class FoundNotes:
    notes: tuple[RawNote, ...]
    problems: tuple[Problem, ...] = ()
    ranges: tuple[tuple[int, int], ...] = field(default=())


def read_notes(
    text: str,
    *,
    file: str | None = None,
    fmt: str | None = None,
    notes: tuple[int, int] | None = None,
) -> FoundNotes:
    """Find the notes of a document. Raises ``InputError`` when there are none."""
    from footnote_kit.notes import plain

    return plain.find_notes(text, file=file, notes=notes)
