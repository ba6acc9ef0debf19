"""Footnotes and endnotes of a PDF, with each link annotation's exact target.

Reading the PDF itself, rather than text copied out of it, removes URL damage at its
root: a link annotation carries the address the writer linked, whatever the line breaks
did to the printed one. The glyphs (character, box, size, italics) and the link
annotations come from PDFium through pypdfium2, imported here only: the pre-commit
hook's warm path and every run over other formats never load it. The layout reading is
``pdf_layout``'s.

Why PDFium (pypdfium2): measured on a 209-page pdflatex PDF with 800 footnotes and
3,203 link annotations (``scripts/bench_documents.py`` builds it), reading every glyph
with its box and size and every annotation took 1.5 s and 33 MB with pypdfium2, 5.2 s
with pypdf (whose text visitor gives strings, not characters), 4.6 s and 147 MB with
PyMuPDF (AGPL, which an MIT tool cannot bundle) and 13 s with pdfminer.six. pypdfium2 is
BSD/Apache licensed with wheels for Linux, macOS and Windows.
"""

from __future__ import annotations

import ctypes
import re
from collections.abc import Iterator
from typing import Any

from footnote_kit import urls
from footnote_kit.errors import InputError
from footnote_kit.model import Location, Problem, RawNote
from footnote_kit.notes.found import FoundNotes, NoNotes
from footnote_kit.notes.inline import place_links, take_emphasis, tidy_emphasis
from footnote_kit.notes.pdf_layout import (
    _PAGE_NUMBER,
    Found,
    Glyph,
    Line,
    Link,
    body_size,
    lines_of,
    note_lines,
    split_notes,
    text_of,
)
from footnote_kit.notes.wrap import join

_ITALIC_NAME = re.compile(r"italic|oblique|slant|kursiv|-it\b|-i$|Ital", re.IGNORECASE)
_FONT_ITALIC_FLAG = 1 << 6
_BUCKET = 8
_LINK_MARKS = re.compile("\x02[^\x03]*\x03")


def read_file(data: bytes, *, file: str | None = None) -> FoundNotes:
    pages = _read_pdf(data, file)
    lines: list[Line] = []
    links: list[Link] = []
    for number, (glyphs, page_links) in enumerate(pages, 1):
        offset = len(links)
        links.extend(page_links)
        for g in glyphs:
            if g.link >= 0:
                g.link += offset
        lines.extend(lines_of(glyphs, number))
    if not any(ln.text.strip() for ln in lines):
        raise InputError("the PDF has no text layer (a scan?): run OCR on it first (e.g. ocrmypdf)", file=file)
    body = body_size(lines)
    found: list[Found] = []
    by_page: dict[int, list[Line]] = {}
    for line in lines:
        by_page.setdefault(line.page, []).append(line)
    feet: list[Line] = []
    for page in sorted(by_page):
        feet.extend(note_lines(by_page[page], body))
    found = split_notes(feet)
    if found:
        return _notes(found, links, file)
    return _endnotes(lines, links, file)


def _notes(found: list[Found], links: list[Link], file: str | None) -> FoundNotes:
    notes: list[RawNote] = []
    problems: list[Problem] = []
    evidence: dict[str, str] = {}
    for f in found:
        texts, cited, differ = text_of(f.lines, links)
        marked = place_links(" ".join(tidy_emphasis(join(t for t in texts if t.strip())).split()))
        text, emphasis = take_emphasis(marked)
        if not text:
            continue
        where = Location(file, None, f"page {f.page}")
        uris = tuple(dict.fromkeys(links[i].uri for i in cited))
        notes.append(RawNote(number=f.number, text=text, location=where, label=f.label, links=uris, emphasis=emphasis))
        for uri in uris:
            if uri in text:
                printed = _printed(f.lines, links, uri)
                # A link on words (``this report``) has no printed URL to compare.
                evidence.setdefault(uri, printed if urls.begins(printed) else uri)
        for printed, uri in differ:
            problems.append(
                Problem(
                    f"the printed URL {printed} is not the address its link points to ({uri}); kept as printed",
                    where,
                    code="pdf-link-differs",
                    note=f.number,
                )
            )
    if not notes:
        raise NoNotes("no footnotes found in the PDF", file=file)
    numbers = [n.number for n in notes]
    return FoundNotes(notes=tuple(notes), problems=tuple(problems), ranges=((min(numbers), max(numbers)),), evidence=evidence)


def _printed(lines: list[list[Glyph]], links: list[Link], uri: str) -> str:
    """The URL as the page prints it (its lines joined by ``wrap.join``, as a copy would)."""
    pieces: list[str] = []
    for glyphs in lines:
        piece = "".join(g.ch for g in glyphs if g.link >= 0 and links[g.link].uri == uri)
        if piece:
            pieces.append(piece)
    return join(pieces)


def _endnotes(lines: list[Line], links: list[Link], file: str | None) -> FoundNotes:
    """No note lines at any page's foot: the pages' text, links applied, read as plain text."""
    from footnote_kit.notes import plain
    from footnote_kit.notes.inline import strip_emphasis

    rows, _cited, _differ = text_of([ln.glyphs for ln in lines], links)
    texts: list[str] = []
    pages: list[int] = []
    for i, (ln, row) in enumerate(zip(lines, rows)):
        if _PAGE_NUMBER.match(ln.text.strip()):
            continue  # a page number is no part of a note
        if i and ln.page != lines[i - 1].page:
            texts.append("")  # a page break ends a paragraph
            pages.append(ln.page)
        texts.append(_LINK_MARKS.sub(" ", strip_emphasis(row)))
        pages.append(ln.page)
    try:
        found = plain.find_notes("\n".join(texts), file=file)
    except NoNotes:
        raise NoNotes("no footnotes found in the PDF (no small print at the pages' feet, no numbered notes)", file=file) from None
    from dataclasses import replace

    def moved(loc: Location) -> Location:
        line = loc.line
        return Location(file, None, f"page {pages[line - 1]}" if line and line <= len(pages) else None)

    uris = [ln.uri for ln in links]
    notes = tuple(
        replace(n, location=moved(n.location), links=tuple(dict.fromkeys(u for u in uris if u in n.text))) for n in found.notes
    )
    problems = tuple(replace(p, location=moved(p.location)) for p in found.problems)
    return FoundNotes(notes=notes, problems=problems, ranges=found.ranges)


def _read_pdf(data: bytes, file: str | None) -> Iterator[tuple[list[Glyph], list[Link]]]:
    """Each page's glyphs (in the page's reading order) and link annotations, a page at a
    time, so that a long PDF's glyph boxes are never all held at once."""
    import pypdfium2 as pdfium  # type: ignore[import-untyped]
    import pypdfium2.raw as raw  # type: ignore[import-untyped]

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as err:
        message = str(err)
        if "password" in message.lower():
            raise InputError("the PDF is encrypted: footnote-kit cannot read it without its password", file=file) from None
        raise InputError(f"not a readable PDF ({message})", file=file) from None
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            text_page = page.get_textpage()
            try:
                links = _links(raw, page)
                glyphs = _glyphs(raw, text_page, links)
            finally:
                text_page.close()
                page.close()
            yield glyphs, links
    finally:
        pdf.close()


def _glyphs(raw: Any, text_page: Any, links: list[Link]) -> list[Glyph]:
    api = _api(raw)
    handle = ctypes.cast(text_page.raw, ctypes.c_void_p).value
    count = api.count(handle)
    left, right, bottom, top = ctypes.c_double(), ctypes.c_double(), ctypes.c_double(), ctypes.c_double()
    box = (ctypes.byref(left), ctypes.byref(right), ctypes.byref(bottom), ctypes.byref(top))
    get_box, get_size, get_unicode, get_object = api.box, api.size, api.unicode, api.text_object
    fonts: dict[int, tuple[float, bool]] = {}
    out: list[Glyph] = []
    # Link rectangles by the band of the page they cross, so a glyph tests only its own.
    buckets: dict[int, list[tuple[float, float, float, float, int]]] = {}
    for i, link in enumerate(links):
        for x0, y0, x1, y1 in link.rects:
            for band in range(int(y0) // _BUCKET, int(y1) // _BUCKET + 1):
                buckets.setdefault(band, []).append((x0, y0, x1, y1, i))
    for k in range(count):
        code = get_unicode(handle, k)
        # PDFium reports a hyphen that breaks a word at a line end as U+0002: a soft
        # hyphen, which the line join removes (``wrap``).
        ch = "\u00ad" if code == 2 else chr(code) if 0 < code < 0x110000 and not 0xD800 <= code < 0xE000 else " "
        if ch == "\r" or ch == "\n":
            out.append(Glyph(ch, 0, 0, 0, 0, 0))
            continue
        get_box(handle, k, *box)
        # A text object has one font and size: ask PDFium once per object, not per glyph.
        obj = get_object(handle, k) or 0
        style = fonts.get(obj)
        if style is None:
            style = fonts[obj] = (get_size(handle, k), _italic(raw, obj))
        size, italic = style
        glyph = Glyph(ch, left.value, bottom.value, right.value, top.value, size, italic)
        if buckets and ch != " ":
            cx, cy = (left.value + right.value) / 2, (bottom.value + top.value) / 2
            for x0, y0, x1, y1, i in buckets.get(int(cy) // _BUCKET, ()):
                if x0 <= cx <= x1 and y0 <= cy <= y1:
                    glyph.link = i
                    break
        out.append(glyph)
    _space_links(out)
    return out


class _Api:
    """PDFium's per-character calls with plain C types: pypdfium2's typed pointers cost
    a Python conversion on every call, and a page has thousands of characters."""

    def __init__(self, raw: Any) -> None:
        def bind(fn: Any, restype: Any, *argtypes: Any) -> Any:
            address = ctypes.cast(fn, ctypes.c_void_p).value
            if address is None:  # pragma: no cover - a PDFium without the function
                raise InputError("this build of PDFium cannot read text")
            return ctypes.CFUNCTYPE(restype, *argtypes)(address)

        page, double = ctypes.c_void_p, ctypes.POINTER(ctypes.c_double)
        self.count = bind(raw.FPDFText_CountChars, ctypes.c_int, page)
        self.unicode = bind(raw.FPDFText_GetUnicode, ctypes.c_uint, page, ctypes.c_int)
        self.size = bind(raw.FPDFText_GetFontSize, ctypes.c_double, page, ctypes.c_int)
        self.box = bind(raw.FPDFText_GetCharBox, ctypes.c_int, page, ctypes.c_int, double, double, double, double)
        self.text_object = bind(raw.FPDFText_GetTextObject, ctypes.c_void_p, page, ctypes.c_int)
        self.font = bind(raw.FPDFTextObj_GetFont, ctypes.c_void_p, ctypes.c_void_p)


_API: list[_Api] = []


def _api(raw: Any) -> _Api:
    if not _API:
        _API.append(_Api(raw))
    return _API[0]


def _space_links(glyphs: list[Glyph]) -> None:
    """A space between two glyphs of one link belongs to it (a URL never has one; anchor
    words do)."""
    for i in range(1, len(glyphs) - 1):
        g = glyphs[i]
        if g.ch == " " and g.link < 0 and glyphs[i - 1].link >= 0 and glyphs[i - 1].link == glyphs[i + 1].link:
            g.link = glyphs[i - 1].link


def _italic(raw: Any, obj: int) -> bool:
    """Is a text object's font italic (its flags, its angle, or its name)?"""
    if not obj:
        return False
    address = _api(raw).font(obj)
    if not address:
        return False
    font = ctypes.cast(address, raw.FPDF_FONT)
    flags = raw.FPDFFont_GetFlags(font)
    if flags >= 0 and flags & _FONT_ITALIC_FLAG:
        return True
    angle = ctypes.c_int(0)
    if raw.FPDFFont_GetItalicAngle(font, ctypes.byref(angle)) and angle.value != 0:
        return True
    size = raw.FPDFFont_GetBaseFontName(font, None, 0)
    if size > 0:
        buffer = ctypes.create_string_buffer(size)
        raw.FPDFFont_GetBaseFontName(font, buffer, size)
        return bool(_ITALIC_NAME.search(buffer.value.decode("latin-1", "replace")))
    return False


def _links(raw: Any, page: Any) -> list[Link]:
    """The page's link annotations with a URI, and the rectangles each covers."""
    out: list[Link] = []
    position = ctypes.c_int(0)
    link = raw.FPDF_LINK()
    rect = raw.FS_RECTF()
    while raw.FPDFLink_Enumerate(page, ctypes.byref(position), ctypes.byref(link)):
        action = raw.FPDFLink_GetAction(link)
        if not action or raw.FPDFAction_GetType(action) != raw.PDFACTION_URI:
            continue
        length = raw.FPDFAction_GetURIPath(page.pdf, action, None, 0)
        if length <= 1:
            continue
        buffer = ctypes.create_string_buffer(length)
        raw.FPDFAction_GetURIPath(page.pdf, action, buffer, length)
        uri = buffer.value.decode("utf-8", "replace").strip()
        rects: list[tuple[float, float, float, float]] = []
        quads = raw.FPDFLink_CountQuadPoints(link)
        for q in range(max(quads, 0)):
            points = raw.FS_QUADPOINTSF()
            if raw.FPDFLink_GetQuadPoints(link, q, ctypes.byref(points)):
                xs = (points.x1, points.x2, points.x3, points.x4)
                ys = (points.y1, points.y2, points.y3, points.y4)
                rects.append((min(xs), min(ys), max(xs), max(ys)))
        if not rects and raw.FPDFLink_GetAnnotRect(link, ctypes.byref(rect)):
            rects.append((min(rect.left, rect.right), min(rect.bottom, rect.top), max(rect.left, rect.right), max(rect.bottom, rect.top)))
        if rects:
            out.append(Link(uri, rects))
    return out
