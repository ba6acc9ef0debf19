"""Pages, volumes and issues: ``p.15``, ``pp. 3–5``, ``S. 12``, ``vol. 12``, ``no. 3``, and
the journal shapes ``Journal 12, no. 3 (2019): 45–67`` (Chicago) and
``Journal, 12.3 (2019), 45–67`` (MHRA)."""

from __future__ import annotations

import re
from typing import NamedTuple

_RANGE = r"[A-Za-z]?\d+[a-z]?(?:\s*[-–—]\s*[A-Za-z]?\d+[a-z]?)?"
_PAGES = rf"{_RANGE}(?:\s*,\s*{_RANGE})*(?:\s*(?:ff?\.?|et\s+seqq?\.?|passim)(?!\w))?"
_SPACED_DASH = re.compile(r"\s*([-–—,])\s*")
# After a label and a stop or space a page may be in roman numerals (``p. xx``, ``S. XI``: a
# preface's pages; ``Sci`` is no page ``ci``).
_ROMAN_RANGE = r"(?:[ivxlc]+|[IVXLC]+)(?:\s*[-–—]\s*(?:[ivxlc]+|[IVXLC]+))?"
_LABELLED_PAGES = rf"(?:{_RANGE}|{_ROMAN_RANGE})(?:\s*,\s*(?:{_RANGE}|{_ROMAN_RANGE}))*(?:\s*(?:ff?\.?|et\s+seqq?\.?|passim)(?!\w))?"
PAGE_RE = re.compile(rf"^(?:pp?|pg|pgs|pages?|S|s|at|стр|с|рр?)(?:\.?\s*(?P<page>{_PAGES})|(?:\.\s*|\s+)(?P<roman>{_LABELLED_PAGES}))\.?$")
# Locators that are no page, kept with their label as CSL's citation ``locator``: chapters,
# books, sections, notes, columns, folios, leaves (``chap. i``, ``chs. iii, xxvi``, ``§ 12``,
# ``n. 4``, ``Anm. 95``, ``Bl. 115va``, ``fol. 12v``, ``col. 45``, ``art. 5``, ``book ii``).
OTHER_LOCATOR = re.compile(
    r"^(?:chaps?\.|chs?\.|chapters?|book|bk\.|pt\.|part|sec(?:t)?s?\.|sections?|§§?|nn?\.|notes?|Anm\.|Kap\.|Bl\.|fols?\.|ff\.|col(?:s)?\.|art\.|para(?:s)?\.|¶|pl\.|fig\.|l\.|ll\.|v\.|vv\.)"
    r"\s*[\dIVXLCivxlc][\w.()–-]*(?:\s*(?:,|and|&|–|-)\s*[\dIVXLCivxlc][\w.()–-]*)*$"
)
BARE_PAGE_RE = re.compile(rf"^(?P<page>{_RANGE})\.?$")
BARE_PAGES_RE = re.compile(rf"^(?P<page>{_PAGES})\.?$")
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
# PLAIN_JOURNAL_RE without its lazy name, which retries the rest after every character:
# the name runs to the first character it may not hold (taken whole by a look-ahead and a
# back-reference, as Python 3.10 has no possessive ``*+``, it gives nothing back: an
# earlier end of the name is followed by no digit, nor comma), and the volume begins there
# after a space, or after a comma there and spaces; the rest is PLAIN_JOURNAL_RE's own.
_PLAIN_JOURNAL = re.compile(rf"(?=(?P<name>[^()\d“”\",]*))(?P=name)(?P<comma>,\s+|(?<=\s)){_PLAIN_VOLUME_ON}")
# The same on ASCII text, where ``\d`` is ``[0-9]`` and no curly quote occurs: a class
# with no Unicode category is three times faster to run along a line.
_PLAIN_JOURNAL_ASCII = re.compile(rf"(?=(?P<name>[^()0-9\",]*))(?P=name)(?P<comma>,\s+|(?<=\s)){_PLAIN_VOLUME_ON}")
_YEAR_BRACKET = re.compile(r"\([^()]*\d{4}[^()]*\)")


VOL_ISSUE_RE = re.compile(rf"^(?P<v>\d+)\s*\((?P<i>[\w]+(?:\s*[-–/,]\s*\w+)*)\)(?:\s*[:,]?\s*(?P<p>{_RANGE}))?$")


_TITLE_VOLUME_PAGE = re.compile(
    r"^[A-ZÀ-ÖØ-ÞА-ЯЁ][^;()]{2,200}?,\s+(?:(?:vol\.\s*\d{1,3}|[IVXLC]+|[ivxlc]+),\s+(?:pp?\.|S\.|стр\.)?\s*[\dIVXLCivxlc]"
    r"|(?:pp?\.|S\.|стр\.)\s*[\dIVXLCivxlc][^,;]*$|(?:\d{1,4},\s*)*\d{1,4}\s*[-–]\s*\d{1,4}(?:,\s*\d{1,4}(?:\s*[-–]\s*\d{1,4})?)*\.?$)"
)


_TITLE_BY_PAGES = re.compile(
    r"^[A-ZÀ-ÖØ-ÞА-ЯЁ][^;()]{2,200}?[\s,](?:by|ed\.|edited by|trans\.|translated by|zusammengestellt von|hg\. v(?:on|\.)|hrsg\. v(?:on|\.))\s+"
    r"[A-ZÀ-ÖØ-ÞА-ЯЁ][^;()]{1,80}?,\s+(?:[IVXLC]+,\s+|[ivxlc]+,\s+)?\d{1,4}(?:\s*[-–]\s*\d{1,4})?(?:,\s*\d{1,4}(?:\s*[-–]\s*\d{1,4})?)*\.?$"
)


def title_volume_page(text: str) -> bool:
    """``Colonial Records of North Carolina, iv, p. xx``, ``The Greville Memoirs, I, 5–7``,
    ``Early Years of the Prince Consort, by Charles Grey, 384, 386–8``: words in capitals, then
    a volume (roman, or ``vol. 3``) and a page, a labelled page, or pages with a range that end
    it; a work cited though no year is printed. (``Title, 12, 45`` is left alone: a journal's
    volume and page as often as two pages, unless its author or editor is named:
    ``Victoria, Queen and Ruler by Emily Crawford, 24``.)"""
    t = text.strip()
    return _TITLE_VOLUME_PAGE.match(t) is not None or (" by " in t or "ed" in t or " von " in t) and _TITLE_BY_PAGES.match(t) is not None


def volume_issue(chunk: str) -> tuple[str, str, str | None] | None:
    """``38(3)``, ``1(6) 740-753``: APA's volume and issue (and pages)."""
    m = VOL_ISSUE_RE.match(chunk.strip())
    return (m.group("v"), m.group("i"), normalise_pages(m.group("p")) if m.group("p") else None) if m else None


_MONTH_END = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?$", re.I)
_MONTH_PREFIX = re.compile("jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec")


def _ends_with_month(name: str) -> bool:
    """Whether _MONTH_END matches ``name``, asked only where it can: its match is all
    in the last word, whose lowered form then holds a month's first three letters (each
    character that matches one of them ignoring case lowers to it, bar ``ſ`` for ``s``)."""
    words = name.rsplit(None, 1)
    last = words[-1].lower() if words else ""
    if "ſ" not in last and not _MONTH_PREFIX.search(last):
        return False
    return _MONTH_END.search(name) is not None


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
    return normalise_pages(m.group("page") or m.group("roman")) if m else None


def passim(chunk: str) -> bool:
    """``passim``: the work throughout, the place a note cites when it names no page."""
    return chunk.strip(" .").lower() == "passim"


def bare_page(chunk: str) -> str | None:
    m = BARE_PAGE_RE.match(chunk.strip())
    return normalise_pages(m.group("page")) if m else None


def bare_pages(chunk: str) -> str | None:
    """``13-32, 57-75, 124-40``, ``12 ff.``: pages with no label, one range or several."""
    m = BARE_PAGES_RE.match(chunk.strip())
    return normalise_pages(m.group("page")) if m else None


def page_runs(pieces: list[str]) -> list[str]:
    """``pieces`` with each run of bare pages joined into one piece (``13-32``, ``57-75``,
    ``124-40`` -> ``13-32, 57-75, 124-40``): after a book's or journal's own facts, the
    pages a note cites, however many."""
    out: list[str] = []
    run = False
    for piece in pieces:
        bare = BARE_PAGE_RE.match(piece.strip()) is not None or piece.strip() in ("ff.", "f.", "passim")
        if bare and run:
            out[-1] = out[-1].rstrip() + "," + piece
        else:
            out.append(piece)
        run = bare
    return out


_LIST_ITEM = re.compile(r"^\s*(?:[A-Za-z]?\d+[a-z]?|[ivxlc]+|[IVXLC]+)(?:\s*[-–—]\s*(?:[A-Za-z]?\d+[a-z]?|[ivxlc]+|[IVXLC]+))?\.?\s*$")
_YEAR_ALONE = re.compile(r"^\s*(?:1[5-9]|20)\d\d\.?\s*$")
_LABEL_START = re.compile(r"^\s*(?:pp\.|S\.|стр\.|chs?\.|chaps?\.|nn?\.|§§?|fols?\.|cols?\.|paras?\.|vv?\.|ll?\.)\s*[\dIVXLCivxlc]")


def label_runs(pieces: list[str]) -> list[str]:
    """``pieces`` with the items of a labelled list joined to their label: ``pp. 4``, ``60``,
    ``61`` -> ``pp. 4, 60, 61``; ``chs. iii``, ``xxvi`` -> ``chs. iii, xxvi`` (a comma split them).
    A year alone after them (``pp. 12–15, 2019``) is the date, not another page."""
    out: list[str] = []
    run = False
    for piece in pieces:
        if run and _LIST_ITEM.match(piece) and not _YEAR_ALONE.match(piece):
            out[-1] = out[-1].rstrip() + "," + piece
            continue
        out.append(piece)
        run = _LABEL_START.match(piece) is not None
    return out


def volume(chunk: str) -> str | None:
    m = VOLUME_RE.match(chunk.strip())
    return m.group("v") if m else None


def issue(chunk: str) -> str | None:
    m = ISSUE_RE.match(chunk.strip())
    return (m.group("i") or m.group("i2")) if m else None


def journal(text: str) -> Journal | None:
    """``Journal 12, no. 3 (2019): 45–67`` at the start of ``text``."""
    stripped = text.strip()
    if "(" in stripped and _may_be_journal(stripped):
        m = JOURNAL_RE.match(stripped)
        if m:
            return _journal(text, m.group("journal"), m, bracketed=True)
    return _plain_journal(text, stripped)


def _may_be_journal(text: str) -> bool:
    """Whether JOURNAL_RE can match ``text``: the bracket that holds its year is the first
    ``(`` (no part before it, name, volume or issue, may hold one), and no quote mark comes
    before it (the name may hold none, and volume and issue are word characters)."""
    bracket = text.find("(")
    return (
        _YEAR_BRACKET.match(text, bracket) is not None
        and "“" not in text[:bracket]
        and "”" not in text[:bracket]
        and '"' not in text[:bracket]
    )


def _plain_journal(text: str, stripped: str) -> Journal | None:
    """PLAIN_JOURNAL_RE's reading, through _PLAIN_JOURNAL: the two match the same text
    (bar an empty name, which PLAIN_JOURNAL_RE refuses), with the same volume, issue, pages
    and end (the same pattern at the same place). PLAIN_JOURNAL_RE's lazy name stops where
    ``,?\\s+`` and the volume can follow: before the comma, or before the spaces."""
    m = (_PLAIN_JOURNAL_ASCII if stripped.isascii() else _PLAIN_JOURNAL).match(stripped)
    if not m:
        return None
    name = m.group("name") if m.group("comma") else m.group("name").rstrip()
    if not name or _ends_with_month(name):
        return None
    return _journal(text, name, m, bracketed=False)


def _journal(text: str, journal_group: str, m: re.Match[str], bracketed: bool) -> Journal | None:
    """The Journal of a match of JOURNAL_RE (``bracketed``: it alone has issue2 and date)
    or of _PLAIN_JOURNAL, with the name it matched."""
    name = journal_group.strip().rstrip(",")
    if not name or len(name) > 120 or name.lower().rstrip(".").endswith((" no", " nr", " #", " number")):
        return None  # ``Europe Report No. 233``: a report's number, no journal's volume
    offset = len(text) - len(text.lstrip())
    return Journal(
        name,
        m.group("volume"),
        m.group("issue") or (m.group("issue2") if bracketed else None),
        (m.group("date") if bracketed else None) or "",
        normalise_pages(m.group("pages")) if m.group("pages") else None,
        offset + m.end(),
    )
