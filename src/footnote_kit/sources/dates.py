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

_MONTH = "(?P<month>" + "|".join(sorted((re.escape(m) for m in _MONTHS), key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|er|º)?\.?"
_YEAR = r"(?P<year>1[5-9]\d\d|20\d\d)"
_SEASON = r"(?:spring|summer|autumn|fall|winter|early|late|mid-?)"

_PATTERNS = [
    re.compile(rf"\b{_YEAR}-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b"),
    re.compile(rf"(?<![\w/.])(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.{_YEAR}\b"),
    re.compile(rf"(?<![\w/]){_DAY}\s*(?:de\s+)?{_MONTH}(?:\s+de)?,?\s+{_YEAR}(?!\d)", re.I),
    re.compile(rf"(?<![\w/]){_MONTH}\s+{_DAY},?\s+{_YEAR}(?!\d)", re.I),
    re.compile(rf"(?<![\w/])(?:{_SEASON}\s+)?{_MONTH},?\s+(?:de\s+)?{_YEAR}\b", re.I),
    re.compile(rf"(?<![\w/]){_DAY}\s*(?:de\s+)?{_MONTH}(?![\w])", re.I),
    re.compile(rf"(?<![\w/]){_MONTH}\s+{_DAY}(?![\w])", re.I),
]
_YEAR_ONLY = re.compile(rf"^\(?(?:{_SEASON}\s+)?{_YEAR}[a-z]?\)?$", re.I)
_YEAR_ANY = re.compile(rf"(?<![\w/.-]){_YEAR}(?![\w/-])")
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


def find_date(text: str, start: int = 0) -> FoundDate | None:
    """The first date in ``text`` (full dates before partial ones at the same place)."""
    best: FoundDate | None = None
    for i, pat in enumerate(_PATTERNS):
        m = pat.search(text, start)
        if not m or (best is not None and m.start() >= best.start):
            continue
        g = m.groupdict()
        if i in (0, 1):
            y, mo, d = int(g["year"]), int(g["m"]), int(g["d"])
            if not _valid(y, mo, d):
                continue
            best = FoundDate((y, mo, d), (mo, d), m.start(), m.end())
            continue
        mo = _MONTHS[g["month"].lower()]
        day = int(g["day"]) if g.get("day") else None
        if day is not None and not 1 <= day <= 31:
            continue
        if g.get("year"):
            parts: DateParts = (int(g["year"]), mo, day) if day else (int(g["year"]), mo)
            best = FoundDate(parts, (mo, day) if day else None, m.start(), m.end())
        elif day:
            best = FoundDate(None, (mo, day), m.start(), m.end())
    return best


def parse_date(chunk: str) -> DateParts | None:
    """``chunk`` read as a date when the date is all of it (bar punctuation and brackets)."""
    text = chunk.strip(" .,;:()[]")
    if not text:
        return None
    m = _YEAR_ONLY.match(text)
    if m:
        return (int(m.group("year")),)
    found = find_date(text)
    if found and found.parts and found.start == 0 and found.end >= len(text.rstrip(".")):
        return found.parts
    return None


def is_partial_date(chunk: str) -> tuple[int, int] | None:
    """``November 10``: a month and day with no year, as the whole chunk."""
    text = chunk.strip(" .,;:()")
    found = find_date(text)
    if found and found.parts is None and found.month_day and found.start == 0 and found.end >= len(text):
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
