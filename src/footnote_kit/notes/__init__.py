"""Finding footnotes in documents: the first stage of the pipeline.

One module per document format (``plain``: text copied from a PDF or a web page;
``markdown``, ``latex``, ``html``), each returning ``RawNote``s with their location, and
``wrap`` for the line-joining rules they share. A reader is imported only when a document
of its format comes in: the HTML reader pulls in beautifulsoup4, which a run over plain
text should not pay for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from footnote_kit.errors import InputError, UsageError
from footnote_kit.model import Problem, RawNote

FORMATS = ("plain", "markdown", "latex", "html")

_SUFFIXES = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdown": "markdown",
    ".mkd": "markdown",
    ".pandoc": "markdown",
    ".tex": "latex",
    ".ltx": "latex",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".txt": "plain",
    ".text": "plain",
}
_LATEX = re.compile(r"\\(?:footnote(?:text)?\s*(?:\[[^\]]*\])?\s*\{|documentclass|begin\{document\})")
_MARKDOWN = re.compile(r"^ {0,3}\[\^[^\]\s]+\]:|\^\[", re.MULTILINE)
_HTML = re.compile(r"<(?:!doctype html|html|body|p|div|ol|li|sup|aside|section)\b[^>]*>", re.IGNORECASE)


@dataclass(frozen=True)
class FoundNotes:
    notes: tuple[RawNote, ...]
    problems: tuple[Problem, ...] = ()
    ranges: tuple[tuple[int, int], ...] = field(default=())
    """The blocks of consecutively numbered notes found (or selected), as (first, last)."""


def detect_format(text: str, file: str | None = None) -> str:
    """The format of a document: from its file suffix, else from what its text contains.

    The suffix wins because it is the writer's own statement; sniffing is for stdin and
    for files named ``.txt`` that are not (a suffix we do not know falls through to it).
    ``.txt`` itself is sniffed too, since people save HTML and Markdown as ``.txt``; only
    clear markers of another format move a ``.txt`` away from plain.
    """
    if file:
        suffix = file[file.rfind(".") :].lower() if "." in file.rsplit("/", 1)[-1] else ""
        fmt = _SUFFIXES.get(suffix)
        if fmt is not None and fmt != "plain":
            return fmt
    return sniff(text)


def sniff(text: str) -> str:
    """Guess the format from the text alone (the first 64 KiB are enough)."""
    head = text[:65536]
    if _LATEX.search(head):
        return "latex"
    if len(_HTML.findall(head, 0, 16384)) >= 2:
        return "html"
    if _MARKDOWN.search(head):
        return "markdown"
    return "plain"


def read_notes(
    text: str,
    *,
    file: str | None = None,
    fmt: str | None = None,
    notes: tuple[int, int] | None = None,
) -> FoundNotes:
    """Find the notes of a document. Raises ``InputError`` when there are none.

    ``fmt`` is one of ``FORMATS`` or ``None`` (detect it). ``notes`` keeps only the notes
    numbered in that range, in every format.
    """
    fmt = detect_format(text, file) if fmt is None else fmt.lower()
    if fmt == "plain":
        from footnote_kit.notes import plain

        return plain.find_notes(text, file=file, notes=notes)
    if fmt == "markdown":
        from footnote_kit.notes import markdown as reader
    elif fmt == "latex":
        from footnote_kit.notes import latex as reader  # type: ignore[no-redef]
    elif fmt == "html":
        from footnote_kit.notes import html as reader  # type: ignore[no-redef]
    else:
        raise UsageError(f"unknown document format {fmt!r}; use one of: {', '.join(FORMATS)}")
    found = reader.find_notes(text, file=file)
    return found if notes is None else select(found, notes, file)


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
    return FoundNotes(notes=kept, problems=problems, ranges=((min(numbers), max(numbers)),))
