"""URLs, DOIs, ISBNs and document symbols: the identifiers a note prints.

Why a URL is kept as printed: the repair stage (issue 7) needs the damaged form to find
the original, and export must not silently change what the writer cited. The only
cleaning is what cannot be ambiguous: white space a line wrap left inside the URL when
the fragment after it completes a file extension, and sentence punctuation after it.
"""

from __future__ import annotations

import re
from typing import NamedTuple

# A URL runs to the next white space; trailing punctuation is trimmed afterwards.
URL_RE = re.compile(r"(?:https?://|ftp://|www\.)[^\s<>\"“”«»]+", re.I)
_TRAIL = ".,;:!?’'\"”»"
# A fragment that completes a URL a wrap broke: "…eksperty.h tml" -> "…eksperty.html".
_EXT_TAIL = re.compile(r"\.(?:s?html?|php\d?|aspx?|jsp|pdf|cfm)$", re.I)
_FRAGMENT = re.compile(r"\s([A-Za-z0-9]{1,6})(?=[.,;:)]*(?:\s|$))")

DOI_RE = re.compile(r"\b(?:https?://(?:dx\.)?doi\.org/|doi:\s*|DOI:?\s*)?(10\.\d{4,9}/[^\s\"“”<>]+)", re.I)
ISBN_RE = re.compile(r"\bISBN(?:-1[03])?:?\s*((?:97[89][-\s]?)?\d{1,5}[-\s]?\d{1,7}[-\s]?\d{1,7}[-\s]?[\dX])\b", re.I)
# UN document symbols (S/2020/717, A/RES/70/1, A/HRC/43/1) as a document server's URL spells them.
_SYMBOL_IN_URL = re.compile(r"^https?://(?:www\.)?(?:undocs\.org|docs\.un\.org|documents\.un\.org/symbol)(?:/[a-z]{2})?/((?:[A-Za-z]{1,4}(?:\.\d+)?/){1,4}(?:\d{1,4}/)?\d{1,5})/?$", re.I)


_DOI_URL = re.compile(r"https?://(?:dx\.)?doi\.org/(10\.\d{4,9}/\S+)$", re.I)


class Found(NamedTuple):
    value: str
    start: int
    end: int


def find_url(text: str) -> Found | None:
    """The first URL in ``text``, trimmed of trailing punctuation and mended across a space
    when the fragment after the space plainly completes it."""
    if "http" not in text and "www." not in text and "ftp" not in text and "WWW." not in text and "HTTP" not in text:
        return None
    m = search_url(text)
    if not m:
        return None
    url, end = m.group(0), m.end()
    frag = _FRAGMENT.match(text, end)
    if frag and _EXT_TAIL.search(url + frag.group(1)) and not _EXT_TAIL.search(url.rstrip(_TRAIL)):
        url, end = url + frag.group(1), frag.end()
    url = trim_url(url)
    return Found(url, m.start(), m.start() + _printed_len(text, m.start(), url, end))


def search_url(text: str) -> re.Match[str] | None:
    """``URL_RE.search(text)``, begun where a match can first begin."""
    start = _url_search_start(text)
    return URL_RE.search(text, start) if start >= 0 else None


def _url_search_start(text: str) -> int:
    """No URL_RE match begins before this index (-1: none can), so its search may start
    here (it has no look-behind); without this it tries its case-blind three-way
    alternation at every index before the URL (about 10 µs a note).

    A match holds ``://`` five, four or three places in (``https://``, ``http://``,
    ``ftp://``), or begins ``www.`` in any case: ``w`` and ``W`` are the only characters
    that match ``w`` ignoring case. A ``www.`` all in lower case holds ``ww``; one with a
    ``W`` holds ``www.`` (lowered) within two places of its first ``W``."""
    scheme = text.find("://")
    end = len(text) if scheme < 0 else scheme  # a www. from here on starts after the bound
    start = max(scheme - 5, 0) if scheme >= 0 else -1
    ww = text.find("ww", 0, end)
    if ww >= 0 and (start < 0 or ww < start):
        start = ww
    cap = text.find("W", 0, end)
    while cap >= 0 and (start < 0 or cap - 2 < start):
        if "www." in text[max(cap - 2, 0) : cap + 4].lower():
            return max(cap - 2, 0)
        cap = text.find("W", cap + 1, end)
    return start


def _printed_len(text: str, start: int, url: str, end: int) -> int:
    """How much of ``text`` the (possibly space-mended) URL covers."""
    if text.startswith(url, start):
        return len(url)
    # mended across a space: cover up to the end of the fragment, minus trimmed punctuation
    covered = end - start
    while covered > 0 and text[start + covered - 1] in _TRAIL:
        covered -= 1
    return covered


def trim_url(url: str) -> str:
    """Strip sentence punctuation after a URL; a ``)`` only when the URL opened none."""
    while url:
        last = url[-1]
        if last in _TRAIL:
            url = url[:-1]
        elif last == ")" and url.count("(") < url.count(")"):
            url = url[:-1]
        elif last == "]" and url.count("[") < url.count("]"):
            url = url[:-1]
        else:
            break
    return url


def find_doi(text: str) -> Found | None:
    if "10." not in text:
        return None
    m = DOI_RE.search(text)
    if not m:
        return None
    return Found(trim_url(m.group(1)), m.start(), m.start() + len(m.group(0).rstrip(_TRAIL)))


def find_isbn(text: str) -> Found | None:
    if "ISBN" not in text and "isbn" not in text:
        return None
    m = ISBN_RE.search(text)
    return Found(m.group(1).strip(), m.start(), m.end()) if m else None


def symbol_from_url(url: str) -> str | None:
    """A document symbol that a document-server URL spells out (``undocs.org/S/2020/717``)."""
    if "un" not in url.lower():
        return None  # each server's name holds ``un`` (no other character matches u or n ignoring case)
    m = _SYMBOL_IN_URL.match(url)
    return m.group(1).upper() if m else None


def doi_from_url(url: str) -> str | None:
    if "doi" not in url.lower():
        return None
    m = _DOI_URL.match(url)
    return m.group(1) if m else None
