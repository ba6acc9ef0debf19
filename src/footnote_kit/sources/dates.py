"""Dates as writers print them: ``19 December 2019``, ``December 19, 2019``, ``Dec. 19``,
``2020-12-11``, ``15. April 2020``, ``3 mai 2021``, ``2020``.

A date without a year (``November 10``) is completed only from evidence in the same
source, a URL that spells the same month and day (``/20201110/``); otherwise the year is
unknown and the date is left out rather than guessed.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from footnote_kit.model import DateParts

_MONTHS: dict[str, int] = {}
for _num, _names in enumerate(
    (
        "january jan janvier janv enero ene januar jänner gennaio января январь январ yanvarya",
        "february feb febr février fév fev febrero februar febbraio февраля февраль fevralya",
        "march mar mars marzo märz maerz марта март marta",
        "april apr avril abril aprile апреля апрель aprelya",
        "may mai mayo mei maggio мая май maya",
        "june jun juin junio juni giugno июня июнь iyunya",
        "july jul juillet julio juli luglio июля июль iyulya",
        "august aug août aout agosto августа август avgusta",
        "september sep sept septembre septiembre setiembre settembre сентября сентябрь sentyabrya",
        "october oct octobre octubre oktober okt ottobre октября октябрь oktyabrya",
        "november nov novembre noviembre ноября ноябрь noyabrya",
        "december dec déc décembre diciembre dic dezember dez dicembre декабря декабрь dekabrya",
    ),
    1,
):
    for _name in _names.split():
        _MONTHS[_name] = _num

# A month is any word here, checked against the table afterwards: one regex with a
# 150-way alternation tried at every position was the parser's slowest step.
_MW = r"[^\W\d_]{3,11}"
_D = r"[0-3]?\d(?:st|nd|rd|th|er|º)?\.?"
_Y = r"(?:1[5-9]\d\d|20\d\d)"
_SEASON = r"(?:spring|summer|autumn|fall|winter|early|late|mid-?)"
_DATE = re.compile(
    "|".join(
        (
            rf"(?P<iso>(?<![\d/]){_Y}-[01]\d-[0-3]\d(?!\d))",
            rf"(?P<dots>(?<![\w/.])[0-3]?\d\.[01]?\d\.{_Y}(?!\d))",
            rf"(?P<dmy>(?<![\w/])(?P<d1>{_D})\s*(?:de\s+)?(?P<m1>{_MW})\.?(?:\s+de)?,?\s+(?P<y1>{_Y})(?!\d))",
            rf"(?P<mdy>(?<![\w/])(?P<m2>{_MW})\.?\s+(?P<d2>{_D}),?\s+(?P<y2>{_Y})(?!\d))",
            rf"(?P<my>(?<![\w/])(?:{_SEASON}\s+)?(?P<m3>{_MW})\.?,?\s+(?:de\s+)?(?P<y3>{_Y})(?!\d))",
            rf"(?P<dm>(?<![\w/])(?P<d4>{_D})\s*(?:de\s+)?(?P<m4>{_MW})\.?(?!\w))",
            rf"(?P<md>(?<![\w/])(?P<m5>{_MW})\.?\s+(?P<d5>{_D})(?![\w]))",
        )
    ),
    re.I,
)
_ISO = re.compile(rf"({_Y})-([01]\d)-([0-3]\d)")
_DOTS = re.compile(rf"([0-3]?\d)\.([01]?\d)\.({_Y})")
_DIGIT = re.compile(r"\d")
_LEADING_DIGITS = re.compile(r"\d+")
_YEAR_ONLY = re.compile(rf"^\(?(?:{_SEASON}\s+)?(?P<year>{_Y})[a-z]?\)?$", re.I)
_YEAR_ANY = re.compile(rf"(?<![\w/.-])(?P<year>{_Y})(?![\w/-])")
_URL_DATE = re.compile(r"(?<!\d)(20\d\d|19\d\d)[/_-]?([01]\d)[/_-]?([0-3]\d)(?!\d)")

ACCESSED_RE = re.compile(
    r"[(\[,;.]?\s*\b(?:last\s+)?(?:accessed|retrieved|consulted|viewed|visited|abgerufen am|consulté le)(?:\s+on)?:?\s+",
    re.I,
)


class FoundDate(NamedTuple):
    parts: DateParts | None
    """(year[, month[, day]]), or None when the year is unknown."""
    month_day: tuple[int, int] | None
    start: int
    end: int


def _valid(y: int, m: int, d: int) -> bool:
    return 1 <= m <= 12 and 1 <= d <= 31


def _day(text: str) -> int:
    return int(_LEADING_DIGITS.match(text).group(0))  # type: ignore[union-attr]


def find_date(text: str, start: int = 0) -> FoundDate | None:
    """The first date in ``text`` (a full date before a partial one at the same place)."""
    if not _DIGIT.search(text, start):
        return None
    pos = start
    while True:
        m = _DATE.search(text, pos)
        if not m:
            return None
        found = _read(m)
        if found is not None:
            return found
        pos = m.start() + 1


def _read(m: re.Match[str]) -> FoundDate | None:
    kind = m.lastgroup
    g = m.groupdict()
    if kind == "iso" or kind == "dots":
        parts = _ISO.match(m.group(0)) if kind == "iso" else _DOTS.match(m.group(0))
        assert parts is not None
        y, mo, d = (int(parts.group(1)), int(parts.group(2)), int(parts.group(3))) if kind == "iso" else (int(parts.group(3)), int(parts.group(2)), int(parts.group(1)))
        return FoundDate((y, mo, d), (mo, d), m.start(), m.end()) if _valid(y, mo, d) else None
    for n in "12345":
        month_word = g.get("m" + n)
        if month_word is None:
            continue
        month = _MONTHS.get(month_word.lower())
        if month is None:
            return None
        day = _day(g["d" + n]) if g.get("d" + n) else None
        if day is not None and not 1 <= day <= 31:
            return None
        year = g.get("y" + n)
        if year:
            parts_: DateParts = (int(year), month, day) if day else (int(year), month)
            return FoundDate(parts_, (month, day) if day else None, m.start(), m.end())
        return FoundDate(None, (month, day), m.start(), m.end()) if day else None
    return None


def parse_date(chunk: str) -> DateParts | None:
    """``chunk`` read as a date when the date is all of it (bar punctuation and brackets)."""
    text = chunk.strip(" .,;:()[]")
    if not text or not _DIGIT.search(text):
        return None
    m = _YEAR_ONLY.match(text)
    if m:
        return (int(m.group("year")),)
    found = _date_at_start(text)
    if found and found.parts and found.end >= len(text.rstrip(".")):
        return found.parts
    return None


def _date_at_start(text: str) -> FoundDate | None:
    """A date that begins ``text`` (anchored: a whole-chunk test need not search)."""
    if not text[:1].isalnum():
        return None
    m = _DATE.match(text)
    return _read(m) if m else None


def is_partial_date(chunk: str) -> tuple[int, int] | None:
    """``November 10``: a month and day with no year, as the whole chunk."""
    text = chunk.strip(" .,;:()")
    if not _DIGIT.search(text):
        return None
    found = _date_at_start(text)
    if found and found.parts is None and found.month_day and found.end >= len(text):
        return found.month_day
    return None


def year_from_url(url: str | None, month_day: tuple[int, int]) -> int | None:
    """The year of ``month_day`` when the URL spells that very month and day."""
    if not url:
        return None
    for m in _URL_DATE.finditer(url):
        if (int(m.group(2)), int(m.group(3))) == month_day:
            return int(m.group(1))
    return None


def find_year(text: str) -> int | None:
    m = _YEAR_ANY.search(text)
    return int(m.group("year")) if m else None
