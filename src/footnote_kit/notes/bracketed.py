"""Notes set inline in brackets, Project Gutenberg's plain-text way: ``[Footnote: …]``.

Gutenberg's plain-text editions put each footnote where it is called, in square
brackets, with or without a number (``[Footnote: See below p. 268.]``, ``[Footnote 12:
Ibid.]``), over as many lines as it needs, italics as ``_underscores_``. A footnote may
hold brackets of its own (``[sic]``, even another footnote): the note ends at the
bracket that closes its own. Numbers, when printed, restart in every chapter in many
books, so they are kept only when they go up through the whole text; otherwise notes are
numbered in order.
"""

from __future__ import annotations

import re

from footnote_kit.model import Location, RawNote
from footnote_kit.notes.found import FoundNotes
from footnote_kit.notes.inline import italic, take_emphasis
from footnote_kit.notes.wrap import join

_OPEN = re.compile(r"\[\s*Footnote(?:\s+(\w{1,5}))?\s*:\s*", re.IGNORECASE)
_UNDERSCORE_ITALIC = re.compile(r"(?<![\w_])_([^_\n]+(?:\n[^_\n]+)*?)_(?![\w_])")


def find_notes(text: str, *, file: str | None = None) -> FoundNotes | None:
    """The bracketed footnotes of ``text``, or None when it has none."""
    found: list[tuple[str | None, int, str]] = []
    pos = line = counted = 0
    for m in _OPEN.finditer(text):
        if m.start() < pos:
            continue  # inside the note before: part of its text
        end = _closing(text, m.end())
        if end < 0:
            continue
        line += text.count("\n", counted, m.start())
        counted = m.start()
        found.append((m.group(1), line + 1, text[m.end() : end]))
        pos = end + 1
    if not found:
        return None
    printed = [int(label) for label, _, _ in found if label is not None and label.isdigit()]
    numbered = len(printed) == len(found) and all(a < b for a, b in zip(printed, printed[1:]))
    notes = []
    for order, (_, where, body) in enumerate(found, 1):
        marked = _UNDERSCORE_ITALIC.sub(lambda u: italic(u.group(1)), body)
        text_, emphasis = take_emphasis(join(marked.split("\n")))
        number = printed[order - 1] if numbered else order
        notes.append(RawNote(number=number, text=text_, location=Location(file, where), emphasis=emphasis))
    numbers = [n.number for n in notes]
    return FoundNotes(notes=tuple(notes), ranges=((min(numbers), max(numbers)),))


def _closing(text: str, start: int) -> int:
    """The index of the ``]`` that closes a bracket opened before ``start``; -1 if none
    does within 20,000 characters (a stray ``[Footnote`` must not swallow a book)."""
    depth = 1
    limit = min(len(text), start + 20_000)
    i = start
    while i < limit:
        c = text[i]
        if c == "[":
            depth += 1
        elif c == "]":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return -1
