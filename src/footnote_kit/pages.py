"""Which page a note prints is the cited work's own extent, and which is a locator.

Why this is a rule of the records and not of the parser: the parser copies what the note
printed (``112–14`` after a book, ``479–94`` after an article), and only the kind of work
tells what those numbers are. A book, a report or a web page has no page range of its own
that a note would print: its printed page is where the writer pointed (a locator), and
putting it in the entry makes APA print ``Westphal (2015). Central Asian Energy Security
(pp. 112–14)``. An article or a chapter does have one (``45–67``): that range is the work's
extent and belongs to its entry, while a single page (``: 50``) is a pinpoint. Where a note
prints both (``45–67, at 50``), the parser gives the pinpoint as ``Citation.locator``.

This module imports the standard library only.
"""

from __future__ import annotations

import re

from footnote_kit.model import Source

#: CSL types whose entry carries the pages the work occupies in its container.
HAS_EXTENT = frozenset(
    """article article-journal article-magazine article-newspaper chapter paper-conference
    entry entry-dictionary entry-encyclopedia review review-book""".split()
)

_RANGE = re.compile(r"[0-9ivxlcdm]+\s*(?:[-–—‒]|--)\s*[0-9ivxlcdm]+", re.I)
_LABEL = re.compile(r"^\s*(?:pp?\.|pages?|s\.|с\.|стр\.)\s*", re.I)


def is_range(page: str | None) -> bool:
    """``45–67``, ``xi-xv``, ``12--14``: a span of pages, not one page."""
    return bool(page) and bool(_RANGE.search(page or ""))


def split(source: Source, pinpoint: str | None = None) -> tuple[str | None, str | None]:
    """(the work's own extent, the pages this citation points at) from what a note printed.

    ``pinpoint`` is the citation's own locator when the note printed one beside the range.
    Without one, the printed page is also what the note pointed at: a note that prints an
    article's whole range cites the whole article there, and its re-rendered note must
    print it again (Chicago prints a chapter's pages only as a locator).
    """
    page = unlabel(source.page)
    pinpoint = unlabel(pinpoint)
    extent = page if source.type in HAS_EXTENT and is_range(page) else None
    return extent, pinpoint or page


def unlabel(page: str | None) -> str | None:
    """``p.15`` -> ``15``: styles and biblatex print their own label."""
    if not page:
        return None
    return _LABEL.sub("", page).strip() or None
