"""DOIs, ISBNs and document symbols: the identifiers a note prints besides its URL.

URLs are found by ``footnote_kit.urls`` (every command's one rule); a DOI ends as a URL
does (``urls.trim``), since it is printed in the same places and often as a URL.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from footnote_kit import urls

DOI_RE = re.compile(r"\b(?:https?://(?:dx\.)?doi\.org/|doi:\s*|DOI:?\s*)?(10\.\d{4,9}/[^\s\"“”<>]+)", re.I)
ISBN_RE = re.compile(r"\bISBN(?:-1[03])?:?\s*((?:97[89][-\s]?)?\d{1,5}[-\s]?\d{1,7}[-\s]?\d{1,7}[-\s]?[\dX])\b", re.I)
# UN document symbols (S/2020/717, A/RES/70/1, A/HRC/43/1) as a document server's URL spells them.
_SYMBOL_IN_URL = re.compile(r"^https?://(?:www\.)?(?:undocs\.org|docs\.un\.org|documents\.un\.org/symbol)(?:/[a-z]{2})?/((?:[A-Za-z]{1,4}(?:\.\d+)?/){1,4}(?:\d{1,4}/)?\d{1,5})/?$", re.I)


_DOI_URL = re.compile(r"https?://(?:dx\.)?doi\.org/(10\.\d{4,9}/\S+)$", re.I)


_DOI_TRAIL = ".,;:!?’'\"”»"
"""What the span of a printed DOI leaves out at its end (the DOI itself ends as a URL does)."""


class Found(NamedTuple):
    value: str
    start: int
    end: int


def find_doi(text: str) -> Found | None:
    if "10." not in text:
        return None
    m = DOI_RE.search(text)
    if not m:
        return None
    return Found(urls.trim(m.group(1)), m.start(), m.start() + len(m.group(0).rstrip(_DOI_TRAIL)))


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
