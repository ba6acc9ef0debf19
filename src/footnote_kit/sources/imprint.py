"""A book's imprint printed without brackets, as continental notes print it: ``Berlin 2008``,
``Berlin: Suhrkamp 2008``, ``Frankfurt am Main u.a. 2010``, ``Paris, Gallimard, 1999``,
``Lima, PUCP, 2001``; and the series in brackets after it (``(Studien zur Geschichte 4)``).

Why apart from ``rest.book_paren``: the bracketed ``(London: Verso, 2019)`` proves a book
wherever it stands; these shapes do not (``Reuters 2019`` would read as a place and a year),
so they are tried only where a book is being read: after an unquoted title, and in the
German ``Author: Title, Place Year`` style.
"""

from __future__ import annotations

import re

from footnote_kit.sources import dates, names
from footnote_kit.sources.draft import Draft

_Y = r"(?:1[5-9]\d\d|20\d\d)"
# ``Berlin``, ``Frankfurt am Main``, ``Frankfurt a. M.``, ``Berlin u.a.``, ``Berlin/New York``,
# ``New York``, ``Cambridge, MA``: one to three capitalised words, a particle between them.
_PLACE = (
    r"[A-ZÀ-ÖØ-Þ][\w’'-]+(?:\s+(?:am|an|der|de|on|upon|sur|en|a\.\s?M\.|a\.\s?d\.|[A-ZÀ-ÖØ-Þ][\w’'-]+)){0,2}"
    r"(?:\s*/\s*[A-ZÀ-ÖØ-Þ][\w’'-]+(?:\s+[A-ZÀ-ÖØ-Þ][\w’'-]+)?)*(?:\s+(?:u\.\s?a\.|et al\.|etc\.))?"
)
_PLACE_YEAR = re.compile(rf"^(?P<place>{_PLACE})(?:\s*:\s*(?P<pub>[^,:;()]{{2,80}}?))?,?\s+(?P<year>{_Y})[a-z]?$")
_PLACE_ONLY = re.compile(rf"^{_PLACE}$")
_YEAR_ONLY = re.compile(rf"^\(?{_Y}[a-z]?\)?$")
_SERIES = re.compile(r"^(?P<before>.*?)\s*\((?P<series>[^()]{3,120}?)(?:,?\s+(?:Bd\.|Band|vol\.|Nr\.|no\.)?\s*(?P<no>\d+))?\)$", re.I)
_EDITION_DE = re.compile(r"^(?P<ed>\d+)\.\s*(?:,\s*)?(?:[\wäöü.]+\s+)*Aufl(?:\.|age)$", re.I)


_NO_PLACE_WORDS = frozenset("report review journal yearbook survey paper bulletin annual outlook index studies world global".split())


def _may_be_place(text: str) -> bool:
    """A place's name: no institution (``names.is_org``), no month (``March 2019``), no
    word of a serial's title (``World Report 2021``, ``Annual Review 2019``)."""
    words = text.lower().split()
    return not (names.is_org(text) or dates.is_month(words[0]) or not _NO_PLACE_WORDS.isdisjoint(words))


def place_year(chunk: str, d: Draft) -> bool:
    """``Berlin 2008`` or ``Berlin: Suhrkamp 2008`` (a series in brackets may follow):
    place, publisher and year of a book."""
    c = chunk.strip(" .;")
    series = _SERIES.match(c) if c.endswith(")") else None
    if series and series.group("before"):
        c = series.group("before").rstrip(" ,")
    m = _PLACE_YEAR.match(c)
    if not m or "publisher_place" in d.text or not _may_be_place(m.group("place")):
        return False
    d.set("publisher_place", m.group("place"))
    if m.group("pub"):
        d.set("publisher", m.group("pub"))
    d.issued = d.issued or dates.parse_date(m.group("year"))
    d.ev.shapes.add("book")
    if series:
        d.set("collection_title", series.group("series"))
        if series.group("no"):
            d.set("volume", series.group("no"))
    return True


_REGION_PUB = re.compile(r"^\s*(?:[A-Z]{2}|[A-Z]\.\s?[A-Z]\.|[A-Z][a-z]{1,12}\.?)\s*:\s*\S")


def place_then_region(place: str, rest: str) -> bool:
    """``Washington`` then ``D.C.: Counterpoint`` (``Cambridge``, ``MA: Harvard``): a place
    whose comma is its own, with the publisher after the region."""
    return _PLACE_ONLY.match(place.strip()) is not None and _REGION_PUB.match(rest) is not None


def is_place_year(chunk: str) -> bool:
    """``Berlin 2008``, ``Berlin: Suhrkamp 2008``: the shape ``place_year`` reads."""
    m = _PLACE_YEAR.match(chunk.strip(" .;"))
    return m is not None and _may_be_place(m.group("place"))


def place_publisher_year(pieces: list[str], d: Draft) -> int:
    """``Paris, Gallimard, 1999``, ``Lima, PUCP, 2001``: three comma-separated pieces, a
    place, a publisher and a year alone. How many pieces were read (0 or 3)."""
    if len(pieces) < 3 or "publisher_place" in d.text:
        return 0
    place, pub, year = (p.strip(" .") for p in pieces[:3])
    if not (_PLACE_ONLY.match(place) and _YEAR_ONLY.match(year)) or not _may_be_place(place):
        return 0
    if not pub or not pub[:1].isupper() or dates.parse_date(pub) or any(ch.isdigit() or ch == ":" for ch in pub):
        return 0
    d.set("publisher_place", place)
    d.set("publisher", pub)
    d.issued = d.issued or dates.parse_date(year)
    d.ev.shapes.add("book")
    return 3


def edition(chunk: str, d: Draft) -> bool:
    """``2. Aufl.``, ``3., überarb. Auflage``: the German edition statement."""
    m = _EDITION_DE.match(chunk.strip())
    if not m:
        return False
    d.set("edition", m.group("ed"))
    return True

