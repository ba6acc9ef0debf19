"""Pages, volumes and issues: ``p.15``, ``pp. 3–5``, ``S. 12``, ``vol. 12``, ``no. 3``, and
the journal shapes ``Journal 12, no. 3 (2019): 45–67`` (Chicago) and
``Journal, 12.3 (2019), 45–67`` (MHRA)."""

from __future__ import annotations

import re
from typing import NamedTuple

_RANGE = r"[A-Za-z]?\d+[a-z]?(?:\s*[-–—]\s*[A-Za-z]?\d+[a-z]?)?"
_PAGES = rf"{_RANGE}(?:\s*,\s*{_RANGE})*(?:\s*(?:ff?\.|passim))?"
_SPACED_DASH = re.compile(r"\s*([-–—,])\s*")
PAGE_RE = re.compile(rf"^(?:pp?|pg|pgs|pages?|S|s|at|стр|с)\.?\s*(?P<page>{_PAGES})\.?$")
BARE_PAGE_RE = re.compile(rf"^(?P<page>{_RANGE})\.?$")
VOLUME_RE = re.compile(r"^(?:vol|volume|bd|t|tom)(?:\.\s*|\s+)(?P<v>\d[\w.-]*|[IVXLC]+)$", re.I)
ISSUE_RE = re.compile(r"^(?:no|nos|nr|issue|iss|num|number|heft)(?:\.\s*|\s+)(?P<i>\d[\w./-]*)$|^№\s*(?P<i2>\d[\w./-]*)$", re.I)
_VOL_NO = r"(?P<volume>\d+|[IVXLC]+)(?:\s*[.,/]\s*(?:no\.?\s*|nr\.?\s*|issue\s*)?(?P<issue>[\w-]+)|\s*,?\s*(?:no\.|nr\.|issue)\s*(?P<issue2>[\w-]+))?"
JOURNAL_RE = re.compile(
    rf"^(?P<journal>[^()\d“”\"]+?),?\s+{_VOL_NO}\s*\((?P<date>[^()]*\d{{4}}[^()]*)\)(?:\s*[:,]\s*(?:pp?\.\s*)?(?P<pages>{_PAGES}))?",
    re.I,
)
# ``Applied Psycholinguistics 19, 209–223`` / ``Journal 12(3): 45–67``: no year in brackets,
# so the pages must end the piece (``Khabar 24, 6 November 2019`` is an outlet and a date).
_PLAIN_VOLUME_ON = rf"(?P<volume>\d+)(?:\s*\((?P<issue>[\w/-]+)\))?\s*[,:]\s*(?:pp?\.\s*)?(?P<pages>{_RANGE})(?=\s*(?:[.,;]|$))"
PLAIN_JOURNAL_RE = re.compile(rf"^(?P<journal>[^()\d“”\",]+?),?\s+{_PLAIN_VOLUME_ON}")
# Guards for the two journal shapes, each implied by its regex (see journal, plain_journal).
_NOT_IN_PLAIN_NAME = re.compile(r"[()\d“”\",]")
_SPACES = re.compile(r"\s+")
_PLAIN_VOLUME_ON_RE = re.compile(_PLAIN_VOLUME_ON)
_YEAR_BRACKET = re.compile(r"\([^()]*\d{4}[^()]*\)")


VOL_ISSUE_RE = re.compile(rf"^(?P<v>\d+)\s*\((?P<i>[\w]+(?:\s*[-–/,]\s*\w+)*)\)(?:\s*[:,]?\s*(?P<p>{_RANGE}))?$")


def volume_issue(chunk: str) -> tuple[str, str, str | None] | None:
    """``38(3)``, ``1(6) 740-753``: APA's volume and issue (and pages)."""
    m = VOL_ISSUE_RE.match(chunk.strip())
    return (m.group("v"), m.group("i"), normalise_pages(m.group("p")) if m.group("p") else None) if m else None


_MONTH_END = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?$", re.I)


class Journal(NamedTuple):
    journal: str
    volume: str | None
    issue: str | None
    date: str
    pages: str | None
    end: int


def normalise_pages(pages: str) -> str:
    """``3 – 5`` -> ``3–5``: spacing only; the dash the writer printed is kept."""
    text = pages.strip()
    if "," in text or (("-" in text or "–" in text or "—" in text) and len(text.split()) > 1):
        # with no comma and no space, each dash would be put back as it is
        text = _SPACED_DASH.sub(_spaced, text)
    return text.rstrip(".")


def _spaced(m: re.Match[str]) -> str:
    return m.group(1) + (" " if m.group(1) == "," else "")


def page(chunk: str) -> str | None:
    m = PAGE_RE.match(chunk.strip())
    return normalise_pages(m.group("page")) if m else None


def bare_page(chunk: str) -> str | None:
    m = BARE_PAGE_RE.match(chunk.strip())
    return normalise_pages(m.group("page")) if m else None


def volume(chunk: str) -> str | None:
    m = VOLUME_RE.match(chunk.strip())
    return m.group("v") if m else None


def issue(chunk: str) -> str | None:
    m = ISSUE_RE.match(chunk.strip())
    return (m.group("i") or m.group("i2")) if m else None


def journal(text: str) -> Journal | None:
    """``Journal 12, no. 3 (2019): 45–67`` at the start of ``text``."""
    bracket = text.find("(")
    if bracket < 0 or not _may_be_journal(text.strip()):
        return plain_journal(text)
    m = JOURNAL_RE.match(text.strip())
    if not m:
        return plain_journal(text)
    return _journal(text, m)


def _may_be_journal(text: str) -> bool:
    """Whether JOURNAL_RE can match ``text``: the bracket that holds its year is the first
    ``(`` (no part before it, name, volume or issue, may hold one), and no quote mark comes
    before it (the name may hold none, and volume and issue are word characters)."""
    bracket = text.find("(")
    return (
        bracket >= 0
        and _YEAR_BRACKET.match(text, bracket) is not None
        and "“" not in text[:bracket]
        and "”" not in text[:bracket]
        and '"' not in text[:bracket]
    )


def plain_journal(text: str) -> Journal | None:
    """``Journal 19, 209–223``: a journal, volume and pages with no bracketed year."""
    stripped = text.strip()
    if not _may_be_plain_journal(stripped):
        return None
    m = PLAIN_JOURNAL_RE.match(stripped)
    if not m or _MONTH_END.search(m.group("journal")):
        return None
    return _journal(text, m)


def _may_be_plain_journal(text: str) -> bool:
    """Whether PLAIN_JOURNAL_RE can match ``text`` (stripped). Its name runs to the first
    character that it may not hold; the volume begins there after spaces, or after a comma
    there and spaces; and what follows the name is all its regex asks from there on."""
    stop = _NOT_IN_PLAIN_NAME.search(text)
    if stop is None:
        return False
    at = stop.start()
    if text[at] == ",":
        spaces = _SPACES.match(text, at + 1)
        if spaces is None:
            return False
        at = spaces.end()
    elif not (at > 0 and text[at - 1].isspace()):
        return False
    return _PLAIN_VOLUME_ON_RE.match(text, at) is not None


def _journal(text: str, m: re.Match[str]) -> Journal | None:
    name = m.group("journal").strip().rstrip(",")
    if not name or len(name) > 120:
        return None
    offset = len(text) - len(text.lstrip())
    bracketed = m.re is JOURNAL_RE  # only JOURNAL_RE has the groups issue2 and date
    return Journal(
        name,
        m.group("volume"),
        m.group("issue") or (m.group("issue2") if bracketed else None),
        (m.group("date") if bracketed else None) or "",
        normalise_pages(m.group("pages")) if m.group("pages") else None,
        offset + m.end(),
    )
