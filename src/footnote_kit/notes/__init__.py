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
# A definition ``[^x]:``; an inline note is checked by hand (``_inline_note``).
_MARKDOWN = re.compile(r"^ {0,3}\[\^[^\]\s\[^]{1,200}\]:", re.MULTILINE)
_WORDS = re.compile(r"\w\s+\w")
_HTML = re.compile(r"<(?:!doctype html|html|body|p|div|ol|li|sup|aside|section)\b[^>]*>", re.IGNORECASE)


class NoNotes(InputError):
    """The document has no notes this reader can see (another reader may)."""


@dataclass(frozen=True)
class FoundNotes:
    notes: tuple[RawNote, ...]
    problems: tuple[Problem, ...] = ()
    ranges: tuple[tuple[int, int], ...] = field(default=())
    """The blocks of consecutively numbered notes found (or selected), as (first, last)."""


def detect_format(text: str, file: str | None = None) -> str:
    """The format of a document: from its file suffix, else from what its text contains.

    The suffix wins because it is the writer's own statement; sniffing is for stdin and
    for files whose suffix says nothing (``.txt``, none, one we do not know): people save
    HTML and Markdown as ``.txt``, so only clear markers of another format move them.
    """
    return _suffix_format(file) or sniff(text)


def _suffix_format(file: str | None) -> str | None:
    if not file:
        return None
    name = file.replace("\\", "/").rsplit("/", 1)[-1]
    if "." not in name:
        return None
    fmt = _SUFFIXES.get(name[name.rfind(".") :].lower())
    return fmt if fmt != "plain" else None


def sniff(text: str) -> str:
    """Guess the format from the text alone (the first 64 KiB are enough)."""
    head = text[:65536]
    if _LATEX.search(head):
        return "latex"
    if len(_HTML.findall(head, 0, 16384)) >= 2:
        return "html"
    if _MARKDOWN.search(head) or _inline_note(head):
        return "markdown"
    return "plain"


def _inline_note(text: str) -> bool:
    """Is there a pandoc inline note of words (``^[See Smith, p. 4.]``, not a regex's
    ``^[a-z]``)? Bounded: the first 50 ``^[`` and 500 characters after each."""
    pos = text.find("^[")
    for _ in range(50):
        if pos < 0:
            return False
        end = text.find("]", pos, pos + 500)
        if end > 0 and "\n\n" not in text[pos:end] and _WORDS.search(text, pos, end):
            return True
        pos = text.find("^[", pos + 2)
    return False


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
    sniffed = fmt is None and _suffix_format(file) is None
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
    try:
        found = reader.find_notes(text, file=file)
    except NoNotes:
        if not sniffed:
            raise
        # A guess from the text was wrong (a '^[' in prose is not Markdown): plain text.
        from footnote_kit.notes import plain

        return plain.find_notes(text, file=file, notes=notes)
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
