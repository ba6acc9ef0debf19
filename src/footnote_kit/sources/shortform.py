"""Shortened notes: ``Smith, Long Road Home, 45.`` or ``Serenko, “Tadzhikskiye taliby,” 5.``
after a full first citation (Chicago's subsequent-note form, MHRA's short references).

A short form repeats a source printed in full earlier, so it is resolved like ``Ibid.``:
to the note that printed it, with the new page. It is recognised only with strong
evidence, so that no real citation is taken for a repetition: the note is short, prints
no link and no year, names an author the earlier source has (or none), and its title is
the beginning of that source's title, or its words in order.
"""

from __future__ import annotations

import re
from typing import NamedTuple, Sequence

from footnote_kit.model import Source
from footnote_kit.sources import locators
from footnote_kit.sources.titles import first_quoted

_WORD = re.compile(r"[^\W_]+")
_YEARISH = re.compile(r"(?<!\d)(?:1[5-9]\d\d|20\d\d)(?!\d)|https?://|www\.", re.I)
_STOP = frozenset("a an the of on in and for to".split())


class Short(NamedTuple):
    author: str | None
    title: str | None
    """None for an author-and-page short form (MHRA's ``Smith, p. 45.``)."""
    locator: str | None


def _words(text: str) -> list[str]:
    return [w for w in _WORD.findall(text.lower()) if w not in _STOP]


_POINTER = re.compile(r"^(?:.{0,60}?\b)?(?:see(?:,? for example,?| also| further)?|cf\.|compare)\s+", re.I)


def read(text: str) -> Short | None:
    """The author, short title and locator of a note that could be a short form
    (after a pointer such as ``see also`` or ``For a fuller discussion, see``)."""
    t = text.strip().rstrip(".")
    pointer = _POINTER.match(t)
    if pointer:
        t = t[pointer.end() :]
    if len(t) > 160 or _YEARISH.search(t):
        return None
    q = first_quoted(t)
    if q is not None:
        who = t[: q.start].strip(" ,")
        title = q.text
        rest = t[q.end :].strip(" ,.")
    else:
        parts = [p.strip() for p in t.split(",")]
        if len(parts) < 2 or len(parts) > 3:
            return None
        who, title = parts[0], parts[1]
        rest = parts[2] if len(parts) == 3 else ""
        page = locators.page(title)
        if len(parts) == 2 and page and who[:1].isupper() and len(who.split()) <= 3:
            return Short(who, None, page)
    if who and (len(who.split()) > 4 or not who[:1].isupper()):
        return None
    locator = None
    if rest:
        locator = locators.page(rest) or locators.bare_page(rest)
        if locator is None:
            return None
    if not title or len(title.split()) > 12:
        return None
    return Short(who or None, title, locator)


def _title_matches(short: str, full: str | None) -> bool:
    if not full:
        return False
    s, f = _words(short), _words(full)
    if not s or len(s) > len(f):
        return False
    if f[: len(s)] == s:
        return True
    it = iter(f)
    return len(s) >= 2 and all(w in it for w in s)  # the short title's words, in order


def _author_matches(who: str, source: Source) -> bool:
    want = [w for w in _words(who)]
    for name in source.author or source.editor:
        family = _words(name.family or name.literal or "")
        if family and all(w in want for w in family[-1:]):
            return True
    return False


def resolve(text: str, history: Sequence[tuple[int, Source]]) -> tuple[int, Source, str | None] | None:
    """The earlier source ``text`` shortens, latest first: (note number, source, locator)."""
    short = read(text)
    if short is None:
        return None
    if short.title is None:  # ``Smith, p. 45.``: only when one earlier source is Smith's
        by_author = [(n, s) for n, s in history if short.author and _author_matches(short.author, s)]
        distinct = {(s.title, s.container_title, s.URL) for _, s in by_author}
        if len(distinct) == 1:
            number, source = by_author[-1]
            return number, source, short.locator
        return None
    for number, source in reversed(history):
        if short.author and not _author_matches(short.author, source):
            continue
        if _title_matches(short.title, source.title) or _title_matches(short.title, source.translated_title):
            return number, source, short.locator
    return None
