"""Shortened notes: ``Smith, Long Road Home, 45.`` or ``Serenko, “Tadzhikskiye taliby,” 5.``
after a full first citation (Chicago's subsequent-note form, MHRA's short references).

A short form repeats a source printed in full earlier, so it is resolved like ``Ibid.``:
to the note that printed it, with the new page. It is recognised only with strong
evidence, so that no real citation is taken for a repetition: the note is short, prints
no link, names an author the earlier source has (or none), and its title is the
beginning of that source's title, or its words in order. Without a title (``Beard, 120.``)
it needs one earlier source of that author; a year (``Beard 2008, 112``, author-date
styles) must be that source's year, and the pages that end it may be several
(``120, 134``).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from footnote_kit.model import Source
from footnote_kit.sources import locators, signals
from footnote_kit.sources.textscan import YEAR, fold, names_web_address
from footnote_kit.sources.titles import first_quoted

_WORD = re.compile(r"[^\W_]+")
_STOP = frozenset("a an the of on in and for to".split())


class Short(NamedTuple):
    author: str | None
    title: str | None
    """None for an author-and-page short form (MHRA's ``Smith, p. 45.``, ``Beard, 120.``)."""
    locator: str | None
    year: int | None = None
    """For an author-date short form (``Beard 2008, 112``, ``Müller (2008), S. 45``)."""


def _words(text: str) -> list[str]:
    low = text.lower()
    if low.isalnum():  # one word (most family names): what ``_WORD`` would find
        return [low] if low not in _STOP else []
    return [w for w in _WORD.findall(low) if w not in _STOP]


_AUTHOR_YEAR = re.compile(
    r"^(?P<who>[^\W\d_][\w’'.-]*(?:\s+(?:and|&|und|et|y)?\s*[^\W\d_][\w’'.-]*){0,3}),?\s+\(?(?P<year>(?:1[5-9]|20)\d\d)[a-z]?\)?"
    r"(?:\s*[,:]\s*(?P<rest>.+))?$"
)


def _pages_at_end(parts: list[str]) -> tuple[list[str], str | None]:
    """The comma-separated parts without the pages that end them (``120``, ``134``;
    ``S. 45``), and those pages joined: a short form may cite several."""
    pages: list[str] = []
    while len(parts) > 1:
        page = locators.page(parts[-1]) or locators.bare_page(parts[-1])
        if page is None:
            break
        pages.insert(0, page)
        parts = parts[:-1]
    return parts, ", ".join(pages) or None


def read(text: str) -> Short | None:
    """The author, short title and locator of a note that could be a short form
    (after a pointer such as ``see also`` or ``For a fuller discussion, see``)."""
    _, t = signals.strip(text.strip())
    t = t.strip().rstrip(".")
    if len(t) > 160 or names_web_address(fold(t)):
        return None
    if YEAR.search(t) is not None:
        return _author_year(t)
    q = first_quoted(t)
    if q is not None:
        who = t[: q.start].strip(" ,")
        title = q.text
        rest = t[q.end :].strip(" ,.")
    else:
        parts, pages = _pages_at_end([p.strip() for p in t.split(",")])
        if len(parts) == 1 and pages and parts[0][:1].isupper() and len(parts[0].split()) <= 3:
            return Short(parts[0], None, pages)  # ``Beard, 120.``, ``Smith, p. 45.``
        if len(parts) < 2 or len(parts) > 3 or (pages and len(parts) == 3):
            return None
        who, title = parts[0], parts[1]
        rest = parts[2] if len(parts) == 3 else (pages or "")
    if who and (len(who.split()) > 4 or not who[:1].isupper()):
        return None
    locator = None
    if rest:
        locator = locators.page(rest) or locators.bare_pages(rest)
        if locator is None:
            return None
    if not title or len(title.split()) > 12:
        return None
    return Short(who or None, title, locator)


def _author_year(t: str) -> Short | None:
    """``Beard 2008, 112``, ``Müller (2008), S. 45``, ``Smith and Jones 2019: 4``."""
    m = _AUTHOR_YEAR.match(t)
    if not m or not m.group("who")[:1].isupper():
        return None
    locator = None
    if m.group("rest"):
        locator = locators.page(m.group("rest")) or locators.bare_pages(m.group("rest"))
        if locator is None:
            return None
    return Short(m.group("who"), None, locator, int(m.group("year")))


def _title_matches(s: list[str], f: list[str]) -> bool:
    """Whether the short title's words ``s`` begin the full title's ``f``, or appear in it in order."""
    if not s or len(s) > len(f):
        return False
    if f[: len(s)] == s:
        return True
    it = iter(f)
    return len(s) >= 2 and all(w in it for w in s)  # the short title's words, in order


class History:
    """The sources cited so far (note number, source), in order, with the words a short
    form is matched on.

    Why an index: a short form names an author, and comparing it with every earlier
    source re-tokenised the whole history for every candidate note, quadratic in the
    length of the document. The words are computed once per source, and only when a note
    first reads as a short form (most documents have none)."""

    __slots__ = ("cited", "_indexed", "_by_family", "_titles")

    def __init__(self) -> None:
        self.cited: list[tuple[int, Source]] = []
        self._indexed = 0
        self._by_family: dict[str, list[int]] = {}
        """The last word of each author's (or editor's) family name -> positions in ``cited``."""
        self._titles: dict[int, tuple[list[str], list[str]]] = {}

    def add(self, number: int, source: Source) -> None:
        self.cited.append((number, source))

    def by_author(self, who: str) -> list[int]:
        """Positions (ascending) of the sources one of whose authors' family name ends with a
        word of ``who``; with no authors, the editors count."""
        for i in range(self._indexed, len(self.cited)):
            source = self.cited[i][1]
            for name in source.author or source.editor:
                family = _words(name.family or name.literal or "")
                if family:
                    positions = self._by_family.setdefault(family[-1], [])
                    if not positions or positions[-1] != i:
                        positions.append(i)
        self._indexed = len(self.cited)
        found: set[int] = set()
        for word in _words(who):
            found.update(self._by_family.get(word, ()))
        return sorted(found)

    def title_words(self, i: int) -> tuple[list[str], list[str]]:
        """The words of source ``i``'s title and translated title."""
        words = self._titles.get(i)
        if words is None:
            source = self.cited[i][1]
            words = self._titles[i] = (_words(source.title or ""), _words(source.translated_title or ""))
        return words


def resolve(text: str, history: History) -> tuple[int, Source, str | None] | None:
    """The earlier source ``text`` shortens, latest first: (note number, source, locator)."""
    short = read(text)
    if short is None:
        return None
    cited = history.cited
    if short.title is None:  # ``Smith, p. 45.``: only when one earlier source is Smith's (of that year)
        by_author = [cited[i] for i in history.by_author(short.author)] if short.author else []
        if short.year is not None:
            by_author = [(n, s) for n, s in by_author if s.issued and s.issued[0] == short.year]
        distinct = {(s.title, s.container_title, s.URL) for _, s in by_author}
        if len(distinct) == 1:
            number, source = by_author[-1]
            return number, source, short.locator
        return None
    candidates = reversed(history.by_author(short.author)) if short.author else range(len(cited) - 1, -1, -1)
    want = _words(short.title)
    for i in candidates:
        title, translated = history.title_words(i)
        if _title_matches(want, title) or _title_matches(want, translated):
            number, source = cited[i]
            return number, source, short.locator
    return None
