"""Document -> parsed notes: the ``parse`` stage that every other command builds on.

Two steps, each its own package: ``notes`` finds the footnotes in a document (plain text
copied from a PDF, Markdown, LaTeX, HTML) and mends what wrapping broke; ``sources``
splits each note's text into parts (citations, remarks, ibid.) and resolves ibid. to the
note it repeats.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Mapping

from footnote_kit.model import ParseResult, iso_date

if TYPE_CHECKING:
    from footnote_kit.model import Note
    from footnote_kit.notes import FoundNotes


def parse_text(
    text: str,
    *,
    file: str | None = None,
    notes: tuple[int, int] | None = None,
    fmt: str | None = None,
    reader: str | None = None,
) -> ParseResult:
    """Parse the footnotes of a document given as text.

    ``fmt`` is ``plain``, ``markdown``, ``latex`` or ``html``; ``None`` guesses it from the
    file name and the text. ``notes`` restricts plain-text notes to a range of numbers.
    ``reader`` chooses the field reader (``rules``, ``model``, ``combined``; default: the
    combination where the model is installed). Raises ``InputError`` when no notes are
    found (or none in the range).
    """
    from footnote_kit.notes import read_notes

    return parse_found(read_notes(text, file=file, fmt=fmt, notes=notes), reader=reader)


def parse_file(
    path: str | os.PathLike[str],
    *,
    notes: tuple[int, int] | None = None,
    encoding: str | None = None,
    fmt: str | None = None,
    reader: str | None = None,
) -> ParseResult:
    """Read and parse a document; every failure is an ``InputError`` naming the file.

    ``fmt`` is a reader's name (``documents.READERS``: ``docx``, ``pdf``…); ``None`` takes
    the file's suffix, then its first bytes, then its text.
    """
    from footnote_kit.notes import read_file

    return parse_found(read_file(path, fmt=fmt, notes=notes, encoding=encoding), reader=reader)


def parse_found(found: "FoundNotes", reader: str | None = None) -> ParseResult:
    """The notes a reader found -> parsed notes, with the reader's problems kept.
    ``reader`` chooses the field reader (see ``parse_text``)."""
    from footnote_kit.sources import parse_notes

    parsed, problems = parse_notes(found.notes, reader=reader)
    notes = tuple(parsed)
    if len(notes) == len(found.notes) and any(n.emphasis for n in found.notes):
        from dataclasses import replace

        notes = tuple(replace(n, emphasis=raw.emphasis) if raw.text == n.text else n for n, raw in zip(notes, found.notes))
    if found.evidence:
        notes = tuple(_with_evidence(n, found.evidence) for n in notes)
    return ParseResult(notes=notes, warnings=tuple(found.problems) + tuple(problems), ranges=found.ranges)


def _with_evidence(note: "Note", evidence: Mapping[str, str]) -> "Note":
    """Sources whose URL a link annotation gave carry it: ``URL-evidence: pdf-link``, and
    ``URL-printed`` where the page prints it otherwise (broken by a line end)."""
    from dataclasses import replace

    from footnote_kit.model import Citation, Ibid, Source

    def mark(source: Source) -> Source:
        printed = evidence.get(source.URL or "")
        if printed is None:
            return source
        extra = {**source.extra, "URL-evidence": "pdf-link"}
        if printed != source.URL:
            extra["URL-printed"] = printed
        return source.with_changes(extra=extra)

    parts = []
    for part in note.parts:
        if isinstance(part, Citation):
            part = replace(part, source=mark(part.source))
        elif isinstance(part, Ibid):
            part = replace(part, sources=tuple(mark(s) for s in part.sources))
        parts.append(part)
    return replace(note, parts=tuple(parts))


UNSURE = 0.6
"""Below this confidence, a field the learned reader judged is marked for a human look."""


def describe(result: ParseResult) -> str:
    """A human reading of a parse: one line a part, for ``parse --format text``."""
    lines: list[str] = []
    for note in result.notes:
        lines.append(f"{note.number}")
        for part in note.parts:
            if part.kind == "citation":
                s = part.source  # type: ignore[union-attr]
                who = "; ".join(n.display() for n in s.author) or "-"
                date = iso_date(s.issued) or "n.d."
                lines.append(f"  [{s.type}] {who} | {s.title or '?'} | {s.container_title or s.publisher or '-'} | {date} | {s.URL or ''}")
                unsure = [f"{k} {v:.2f}" for k, v in part.confidence.items() if v < UNSURE]  # type: ignore[union-attr]
                if unsure:
                    lines.append(f"    unsure: {', '.join(unsure)}")
            elif part.kind == "ibid":
                lines.append(f"  [ibid -> {part.refers_to}] {part.text}")  # type: ignore[union-attr]
            else:
                lines.append(f"  [note] {part.text}")
    return "\n".join(lines)
