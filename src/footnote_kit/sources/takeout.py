"""The pieces of a segment whose shape cannot be mistaken, taken out before anything else is
read: links, DOIs and ISBNs, an access date (``accessed 3 May 2021``), a language note
(``(in Russian)``). What is left is read for names, title and the rest.
"""

from __future__ import annotations

import re

from footnote_kit import urls
from footnote_kit.sources import dates, identifiers
from footnote_kit.sources.draft import Draft

_CLOSE_BRACKET = re.compile(r"\s*[)\]]")


def take_identifiers(seg: str, d: Draft) -> tuple[str, str]:
    """Remove URL, DOI, ISBN; return (head before the URL, tail after it)."""
    head, tail = seg, ""
    found = urls.find(seg)
    if found:
        d.text["URL"] = found.url
        d.certain.add("URL")
        head, tail = seg[: found.start], seg[found.end :]
        if head.endswith("<") and tail.startswith(">"):  # ``anchor text <URL>`` from HTML/Markdown links
            head, tail = head[:-1], tail[1:]
        extra = urls.find(tail)
        while extra:  # a second link to the same source: kept as words, never lost
            d.notes.append(extra.url)
            tail = tail[: extra.start] + tail[extra.end :]
            extra = urls.find(tail)
        doi = identifiers.doi_from_url(found.url)
        if doi:
            d.text["DOI"] = doi
            d.certain.add("DOI")
    doi_found = identifiers.find_doi(head)
    if doi_found:
        d.text.setdefault("DOI", doi_found.value)
        d.certain.add("DOI")
        head = head[: doi_found.start] + head[doi_found.end :]
    isbn = identifiers.find_isbn(head)
    if isbn:
        d.text["ISBN"] = isbn.value
        d.certain.add("ISBN")
        head = head[: isbn.start] + head[isbn.end :]
    return head, tail


def _may_print_access_date(text: str) -> bool:
    """Whether one of the access words (``accessed``, ``retrieved``, ``consulted``,
    ``viewed``, ``visited``, ``abgerufen``, ``consulté``) is in ``text``: a chain of substring
    tests, since most segments print none and this runs twice on each."""
    return (
        "ccessed" in text or "etrieved" in text or "onsulted" in text or "iewed" in text
        or "isited" in text or "bgerufen" in text or "onsulté" in text
    )


_IN_LANGUAGE = re.compile(r"\s*[(\[]in (?P<lang>[A-Z][a-z]+)[)\]]")
_LANGUAGE_NAMES = {
    "russian": "ru", "uzbek": "uz", "kazakh": "kk", "kyrgyz": "ky", "tajik": "tg", "turkmen": "tk", "german": "de",
    "french": "fr", "spanish": "es", "italian": "it", "arabic": "ar", "persian": "fa", "farsi": "fa", "dari": "fa",
    "pashto": "ps", "turkish": "tr", "chinese": "zh", "ukrainian": "uk", "polish": "pl", "portuguese": "pt",
    "japanese": "ja", "korean": "ko", "urdu": "ur", "hebrew": "he", "georgian": "ka", "armenian": "hy", "azerbaijani": "az",
}


def take_language_note(text: str, d: Draft) -> str:
    """``(in Russian)``: the writer says the language; the words stay in ``note``."""
    if "(in " not in text and "[in " not in text:
        return text
    m = _IN_LANGUAGE.search(text)
    if not m or m.group("lang").lower() not in _LANGUAGE_NAMES:
        return text
    d.language = _LANGUAGE_NAMES[m.group("lang").lower()]
    d.notes.append(m.group(0).strip())
    return text[: m.start()] + text[m.end() :]


def take_accessed(text: str, d: Draft) -> str:
    if not _may_print_access_date(text):
        return text
    m = dates.ACCESSED_RE.search(text)
    if not m:
        return text
    found = dates.find_date(text, m.end())
    if not found or found.start > m.end() + 1 or not found.parts:
        return text
    d.accessed = found.parts
    d.certain.add("accessed")
    end = found.end
    close = _CLOSE_BRACKET.match(text, end)
    start = m.start()
    if close and "(" in text[max(0, start - 2) : m.end()] or (close and text[start : start + 1] in "(["):
        end = close.end()
    return text[:start] + text[end:]
