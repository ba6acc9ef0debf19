"""Finding footnotes in documents: the first stage of the pipeline.

One module per document format (``plain``: text copied from a PDF or a web page;
``markdown``, ``latex``, ``html``; ``docx``, ``odt``, ``epub``, ``pdf`` read from bytes),
each returning ``RawNote``s with their location, and ``wrap`` for the line-joining rules
they share. Which reader takes which file is ``documents.READERS``. A reader is imported
only when a document of its format comes in: the HTML reader pulls in beautifulsoup4 and
the PDF reader a PDF library, which a run over plain text should not pay for.
"""

from __future__ import annotations

import os
import re

from footnote_kit.errors import InputError, UsageError
from footnote_kit.notes.found import FoundNotes as FoundNotes, NoNotes as NoNotes, select as select  # re-exported: the readers' results

FORMATS = ("plain", "markdown", "latex", "html")
"""The formats read from text (``read_notes``); ``documents.READERS`` lists them all."""
_LATEX = re.compile(r"\\(?:footnote(?:text)?\s*(?:\[[^\]]*\])?\s*\{|documentclass|begin\{document\})")
# A definition ``[^x]:``; an inline note is checked by hand (``_inline_note``).
_MARKDOWN = re.compile(r"^ {0,3}\[\^[^\]\s\[^]{1,200}\]:", re.MULTILINE)
_WORDS = re.compile(r"\w\s+\w")
_HTML = re.compile(r"<(?:!doctype html|html|body|p|div|ol|li|sup|aside|section)\b[^>]*>", re.IGNORECASE)


def detect_format(text: str, file: str | None = None) -> str:
    """The format of a document: from its file suffix, else from what its text contains.

    The suffix wins because it is the writer's own statement; sniffing is for stdin and
    for files whose suffix says nothing (``.txt``, none, one we do not know): people save
    HTML and Markdown as ``.txt``, so only clear markers of another format move them.
    """
    return _suffix_format(file) or sniff(text)


def _suffix_format(file: str | None) -> str | None:
    from footnote_kit.documents import by_suffix

    reader = by_suffix(file)
    if reader is None or reader.name in ("plain", "rst") or reader.kind != "text":
        return None
    return reader.name


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
    if fmt not in FORMATS:
        from footnote_kit.documents import by_name

        if by_name(fmt).binary:
            raise UsageError(f"{fmt} documents are read from their file, not from text (stdin)", file=file)
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


def read_file(
    path: str | os.PathLike[str],
    *,
    fmt: str | None = None,
    notes: tuple[int, int] | None = None,
    encoding: str | None = None,
) -> FoundNotes:
    """Find the notes of a document on disk (``-``: stdin), with the reader its suffix (or
    ``fmt``) names. A binary document whose suffix says otherwise (a PDF saved as ``.txt``,
    a PDF on stdin) is recognised by its first bytes. Raises ``InputError`` when there are
    no notes or the file cannot be read.
    """
    from footnote_kit.documents import reader_for
    from footnote_kit.files import decode, read_bytes, shown_name

    name = os.fspath(path)
    reader = reader_for(name, fmt)
    data = read_bytes(name)
    shown = shown_name(name)
    if fmt is None:
        from footnote_kit.documents import by_name

        magic = sniff_bytes(data, shown)
        if magic is not None:
            reader = by_name(magic)
    if reader is not None and reader.binary:
        import importlib

        module = importlib.import_module(reader.module)
        found: FoundNotes = module.read_file(data, file=shown)
        return found if notes is None else select(found, notes, shown)
    text = decode(data, shown, encoding)
    return read_notes(text, file=shown, fmt=reader.name if reader is not None and fmt else None, notes=notes)


def sniff_bytes(data: bytes, file: str | None = None) -> str | None:
    """A binary format from a file's first bytes: ``pdf``, ``docx``, ``odt``, ``epub``;
    an old binary Word file is refused with what to do about it."""
    if data[:5] == b"%PDF-" or data[:1024].lstrip()[:5] == b"%PDF-":
        return "pdf"
    if data[:4] == b"PK\x03\x04":
        head = data[:200]
        if b"mimetypeapplication/epub+zip" in head:
            return "epub"
        if b"mimetypeapplication/vnd.oasis.opendocument.text" in head:
            return "odt"
        if b"word/" in data[:65536] or b"[Content_Types].xml" in data[:4096]:
            return "docx"
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise InputError(
            "this is an old binary Word (.doc) file, not .docx: save it as .docx (Word: File > Save As) and try again", file=file
        )
    return None
