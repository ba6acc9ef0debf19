"""Finding the notes of a PDF from its layout: which lines are notes, where each begins,
and what its links point at. Pure functions over glyphs, so they are tested without a PDF
library (``notes.pdf`` reads the glyphs and links out of a file).

A PDF has no notes, only glyphs at places, so we read them as a reader's eye does:

- the body size is the size most of the document's characters are set in; a *note line*
  is a line set smaller than that, with no body line below it in its column (a page's
  foot, each column's foot on a two-column page);
- a note begins at a note line that opens with its number: a raised, smaller number (the
  mark LaTeX and Word print), or a number followed by text that is the next number
  expected; a raised symbol (``*``, ``†``) begins a note with that label. A note line
  that opens otherwise carries on the note before it, across a page break too;
- a link annotation belongs to the characters its rectangle covers. Where the printed
  characters are the annotation's URI but for line-break damage (a break inside, a
  hyphen lost or added, the scheme left out), the URI replaces them whole, so no join can
  damage it; where they are words (``this report``) the URI is written after them as
  every reader writes a link; where they are another URL, they stay as printed and a
  warning says so.

When no page has note lines (endnotes printed at body size under a ``Notes`` heading),
the text of the pages goes to the plain-text reader, links applied the same way.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from footnote_kit import urls
from footnote_kit.notes.inline import EM_END, EM_START

SMALLER = 0.93
"""A line set below this share of the body size is a candidate note line."""
_NUMBER = re.compile(r"^(\d{1,5})(?:[.)]\s*|\s+|(?=[^\d\s.,]))")
_SYMBOLS = frozenset("*†‡§¶‖#")
_PAGE_NUMBER = re.compile(r"^(?:[-–—]?\s*\d{1,4}\s*[-–—]?|[ivxlcdm]{1,7}|page\s+\d+(?:\s+of\s+\d+)?)$", re.IGNORECASE)
_URL_TAIL = re.compile(r"(?:https?://|www\.)\S*\u00ad$", re.IGNORECASE)
_LEADING_PUNCT = re.compile(r"^[.,;:)\]”’»]+")


class Glyph:
    """One character as printed: its box (PDF points, y upwards), size (rounded to a tenth
    of a point) and italics. ``link`` is the index of the link annotation covering it."""

    __slots__ = ("ch", "italic", "link", "size", "x0", "x1", "y0", "y1")

    def __init__(self, ch: str, x0: float, y0: float, x1: float, y1: float, size: float, italic: bool = False, link: int = -1) -> None:
        self.ch, self.x0, self.y0, self.x1, self.y1 = ch, x0, y0, x1, y1
        self.size = round(size, 1)
        self.italic = italic
        self.link = link


@dataclass
class Link:
    uri: str
    rects: list[tuple[float, float, float, float]]
    """(x0, y0, x1, y1) rectangles on its page."""


class Line:
    """A line of glyphs, with what the layout asks of it worked out once."""

    __slots__ = ("bottom", "glyphs", "left", "page", "right", "size", "text")

    def __init__(self, page: int, glyphs: list[Glyph]) -> None:
        self.page = page
        self.glyphs = glyphs
        self.text = "".join(g.ch for g in glyphs)
        ink = [g for g in glyphs if not g.ch.isspace()]
        sizes = Counter(g.size for g in ink)
        self.size = sizes.most_common(1)[0][0] if sizes else 0.0
        self.bottom = min((g.y0 for g in ink), default=0.0)
        self.left = min((g.x0 for g in ink), default=0.0)
        self.right = max((g.x1 for g in ink), default=0.0)
        # The layout needs no glyph's box after this; letting the floats go halves the
        # memory of a long PDF (800 notes, 200 pages: 232 MB -> about half).
        for g in glyphs:
            g.x0 = g.y0 = g.x1 = g.y1 = 0.0


@dataclass
class Found:
    """One note as the layout gives it: where it begins and its lines (glyph runs)."""

    number: int
    label: str | None
    page: int
    lines: list[list[Glyph]] = field(default_factory=list)


def lines_of(glyphs: list[Glyph], page: int) -> list[Line]:
    """Glyphs in the order the page gives them -> lines: a new line where the text goes
    back to the left or moves down by more than half a character."""
    lines: list[Line] = []
    current: list[Glyph] = []
    for g in glyphs:
        if g.ch in "\r\n":
            if current:
                lines.append(Line(page, current))
                current = []
            continue
        if current and not g.ch.isspace():
            last = next((c for c in reversed(current) if not c.ch.isspace()), None)
            if last is not None and (g.x0 < last.x0 - 2 * last.size) and abs(g.y0 - last.y0) > 0.5 * last.size:
                lines.append(Line(page, current))
                current = []
        current.append(g)
    if current:
        lines.append(Line(page, current))
    return _marks_joined([ln for ln in lines if ln.text.strip()])


def _marks_joined(lines: list[Line]) -> list[Line]:
    """A note's raised mark that the page gives as a line of its own (``2`` above
    ``“Border Talks…``) joins the line it stands before."""
    out: list[Line] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        mark = line.text.strip()
        if i + 1 < len(lines) and len(mark) <= 4 and (mark.isdigit() or all(c in _SYMBOLS for c in mark)):
            after = lines[i + 1]
            if after.size > line.size and abs(after.left - line.right) < after.size and abs(after.bottom - line.bottom) < after.size:
                out.append(Line(line.page, line.glyphs + after.glyphs))
                i += 2
                continue
        out.append(line)
        i += 1
    return out


def body_size(lines: list[Line]) -> float:
    """The size the document's running text is set in: the largest size that holds a
    tenth of its characters or more. Not simply the commonest size: a report whose notes
    run longer than its text (the bundled example's do) has more characters in its
    notes; headings, set larger, hold far less than a tenth."""
    sizes: Counter[float] = Counter()
    for line in lines:
        if not _PAGE_NUMBER.match(line.text.strip()):
            sizes[line.size] += len(line.glyphs)
    total = sum(sizes.values())
    common = [size for size, count in sizes.items() if count >= 0.1 * total]
    return max(common) if common else 0.0


def note_lines(page_lines: list[Line], body: float) -> list[Line]:
    """The lines of one page that are set small and have no body line below them in
    their column: the page's (or each column's) notes. A page number is none of them."""
    big = [ln for ln in page_lines if ln.size >= body * SMALLER and not _PAGE_NUMBER.match(ln.text.strip())]
    out: list[Line] = []
    for line in page_lines:
        if line.size >= body * SMALLER or _PAGE_NUMBER.match(line.text.strip()):
            continue
        if not any(o.bottom < line.bottom - 1 and o.left < line.right and line.left < o.right for o in big):
            out.append(line)
    return out


def split_notes(lines: list[Line]) -> list[Found]:
    """Note lines in reading order -> notes, each begun by its mark (see the module)."""
    notes: list[Found] = []
    last = 0
    for line in lines:
        start = _mark(line, last, bool(notes))
        if start is not None:
            number, label, skip = start
            notes.append(Found(number, label, line.page, [line.glyphs[skip:]]))
            last = number
        elif notes:
            notes[-1].lines.append(line.glyphs)
    return notes


def _mark(line: Line, last: int, started: bool) -> tuple[int, str | None, int] | None:
    """(number, label, glyphs to skip) when ``line`` begins a note, else None."""
    glyphs = line.glyphs
    k = 0
    while k < len(glyphs) and glyphs[k].ch.isspace():
        k += 1
    if k >= len(glyphs):
        return None
    size = line.size
    raised = [g for g in glyphs[k : k + 8] if g.size < size * 0.9 and not g.ch.isspace()]
    first = glyphs[k]
    if raised and raised[0] is first:
        # A raised mark: the smaller characters at the line's start.
        j = k
        while j < len(glyphs) and glyphs[j].size < size * 0.9 and not glyphs[j].ch.isspace():
            j += 1
        mark = "".join(g.ch for g in glyphs[k:j])
        if mark.isdigit():
            return int(mark), None, j
        if mark and all(c in _SYMBOLS for c in mark):
            return last, mark, j
        return None
    m = _NUMBER.match(line.text[k:])
    if m is None:
        return None
    number = int(m.group(1))
    if started and number != last + 1:
        return None  # a year or a page number that opens a continued line
    return number, None, k + m.end()


def text_of(lines: list[list[Glyph]], links: list[Link]) -> tuple[list[str], list[int], list[tuple[str, str]]]:
    """A note's lines as text for ``wrap.join``, with its links applied (see the module).

    Returns (one text per line, some maybe empty; indexes of the links it cites; (printed,
    URI) pairs where the printed URL was kept because it is another URL than the link's).
    A link's pieces are gathered by URI: hyperref writes one annotation per line of a
    broken URL, and a page break splits one in two.
    """
    runs: dict[str, list[tuple[int, int]]] = {}  # URI -> [(line, glyph index)]
    first: dict[str, int] = {}
    for li, glyphs in enumerate(lines):
        for gi, g in enumerate(glyphs):
            if g.link >= 0:
                runs.setdefault(links[g.link].uri, []).append((li, gi))
                first.setdefault(links[g.link].uri, g.link)
    replace: dict[tuple[int, int], str] = {}  # first glyph of a link -> what to print there
    after: dict[tuple[int, int], str] = {}  # last glyph of a link -> what follows it
    drop: set[tuple[int, int]] = set()
    cited: list[int] = []
    differ: list[tuple[str, str]] = []
    for uri, places in runs.items():
        printed = "".join(lines[li][gi].ch for li, gi in places)
        cited.append(first[uri])
        if same_url(printed, uri):
            replace[places[0]] = uri
            drop.update(places[1:])
        elif urls.begins(printed.strip()):
            differ.append(("".join(printed.split()), uri))
        else:
            after[places[-1]] = f"\x02{uri}\x03"
    out: list[str] = []
    for li, glyphs in enumerate(lines):
        parts: list[str] = []
        italic = False
        continued = False
        for gi, g in enumerate(glyphs):
            if (li, gi) in drop:
                continued = True
                continue
            if g.italic != italic and not g.ch.isspace():
                parts.append(EM_START if g.italic else EM_END)
                italic = g.italic
            parts.append(replace.get((li, gi), g.ch))
            if (li, gi) in after:
                parts.append(after[(li, gi)])
        if parts and parts[-1] == "\u00ad" and _URL_TAIL.search("".join(parts[-80:])):
            parts[-1] = "-"  # a hyphen that breaks a URL is the URL's own: the page cannot say
        if italic:
            # Close italics before a hyphen at the line end, so the join still sees it.
            hyphen = parts.pop() if parts[-1] in ("\u00ad", "-") else ""
            parts.append(EM_END + hyphen)
        text = "".join(parts)
        if continued and out:
            # The rest of a replaced URL was dropped from this line: what followed the URL
            # (``.``, ``,``) goes back beside it, so the join adds no space before it.
            m = _LEADING_PUNCT.match(text.lstrip())
            if m:
                out[-1] = out[-1].rstrip() + m.group(0)
                text = text.lstrip()[m.end() :]
        out.append(text)
    return out, cited, differ


def same_url(printed: str, uri: str) -> bool:
    """Is ``printed`` the URI but for what a line break does to it (a break inside, a
    hyphen lost or added there) and how a page shows an address (no scheme, no ``www.``,
    no final slash)?"""
    a = _bare("".join(printed.replace("\u00ad", "-").split()))
    b = _bare(uri)
    if not a or "." not in a:
        return False
    if a == b:
        return True
    return a.replace("-", "") == b.replace("-", "") and abs(len(a) - len(b)) <= 3


def _bare(url: str) -> str:
    url = url.strip().rstrip(".,;:")
    url = re.sub(r"^(?:https?://|ftp://)?(?:www\.)?", "", url, flags=re.IGNORECASE)
    return url.rstrip("/")
