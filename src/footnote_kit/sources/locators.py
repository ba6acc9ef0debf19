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
PLAIN_JOURNAL_RE = re.compile(
    rf"^(?P<journal>[^()\d“”\",]+?),?\s+(?P<volume>\d+)(?:\s*\((?P<issue>[\w/-]+)\))?\s*[,:]\s*(?:pp?\.\s*)?(?P<pages>{_RANGE})(?=\s*(?:[.,;]|$))",
)


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
    return _SPACED_DASH.sub(lambda m: m.group(1) + (" " if m.group(1) == "," else ""), pages.strip()).rstrip(".")


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
    if "(" not in text:
        return plain_journal(text)
    m = JOURNAL_RE.match(text.strip())
    if not m:
        return plain_journal(text)
    return _journal(text, m)


def plain_journal(text: str) -> Journal | None:
    """``Journal 19, 209–223``: a journal, volume and pages with no bracketed year."""
    m = PLAIN_JOURNAL_RE.match(text.strip())
    if not m or _MONTH_END.search(m.group("journal")):
        return None
    return _journal(text, m)


def _journal(text: str, m: re.Match[str]) -> Journal | None:
    name = m.group("journal").strip().rstrip(",")
    if not name or len(name) > 120:
        return None
    offset = len(text) - len(text.lstrip())
    return Journal(
        name,
        m.group("volume"),
        m.group("issue") or m.groupdict().get("issue2"),
        m.groupdict().get("date") or "",
        normalise_pages(m.group("pages")) if m.group("pages") else None,
        offset + m.end(),
    )
