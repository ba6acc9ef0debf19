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
_BRANCHES = {
    "iso": rf"(?P<iso>(?<![\d/]){_Y}-[01]\d-[0-3]\d(?!\d))",
    "dots": rf"(?P<dots>(?<![\w/.])[0-3]?\d\.[01]?\d\.{_Y}(?!\d))",
    "dmy": rf"(?P<dmy>(?<![\w/])(?P<d1>{_D})\s*(?:de\s+)?(?P<m1>{_MW})\.?(?:\s+de)?,?\s+(?P<y1>{_Y})(?!\d))",
    "mdy": rf"(?P<mdy>(?<![\w/])(?P<m2>{_MW})\.?\s+(?P<d2>{_D}),?\s+(?P<y2>{_Y})(?!\d))",
    "my": rf"(?P<my>(?<![\w/])(?:{_SEASON}\s+)?(?P<m3>{_MW})\.?,?\s+(?:de\s+)?(?P<y3>{_Y})(?!\d))",
    "dm": rf"(?P<dm>(?<![\w/])(?P<d4>{_D})\s*(?:de\s+)?(?P<m4>{_MW})\.?(?!\w))",
    "md": rf"(?P<md>(?<![\w/])(?P<m5>{_MW})\.?\s+(?P<d5>{_D})(?![\w]))",
}
# The seven shapes, tried in this order at one place, are one alternation in which the
# first shape that fits wins. Four begin with a digit (``\d``, ``[0-3]``, ``1``/``2``) and
# three with a letter (a month or season word), and no character is both, so at a given
# place only one half can fit: each half keeps the order of its shapes, and the half is
# chosen by the first character (``_date_match``).
_DATE_AT_DIGIT = re.compile("|".join(_BRANCHES[k] for k in ("iso", "dots", "dmy", "dm")), re.I)
_DATE_AT_LETTER = re.compile("|".join(_BRANCHES[k] for k in ("mdy", "my", "md")), re.I)
# Where a date may begin: the first digit of a run of digits not after ``/`` (every
# digit-first shape is preceded by neither a digit nor ``/``), or a whole word of 3 to 11
# letters not after a word character or ``/`` (every letter-first shape has that
# look-behind, and its month (``_MW``) or season word is followed by ``.``, ``-``, ``,`` or
# space, so it is the whole word).
_DATE_START = re.compile(r"(?<![\d/])\d|(?<![\w/])[^\W\d_]{3,11}(?![^\W\d_])")
# The same on ASCII text, where ``\d`` is ``[0-9]``, a word character ``[A-Za-z0-9_]`` and
# a letter ``[A-Za-z]``: classes with no Unicode category run three times faster.
_DATE_START_ASCII = re.compile(r"(?<![0-9/])[0-9]|(?<![A-Za-z0-9_/])[A-Za-z]{3,11}(?![A-Za-z])")
_WORD = re.compile(r"[^\W\d_]+")
_SEASON_WORD = re.compile(r"(?:spring|summer|autumn|fall|winter|early|late|mid)", re.I)
# The first letters, lowered, of the month names and of the seasons (``ſ`` matches ``s``
# ignoring case but lowers to itself): a word that begins otherwise is neither.
_FIRST_LETTERS = frozenset(name[0] for name in _MONTHS) | frozenset("safwelmſ")
# Which groups hold the month, day and year of each shape with a month word.
_FIELDS: dict[str, tuple[str, str | None, str | None]] = {
    "dmy": ("m1", "d1", "y1"),
    "mdy": ("m2", "d2", "y2"),
    "my": ("m3", None, "y3"),
    "dm": ("m4", "d4", None),
    "md": ("m5", "d5", None),
}
# The commonest whole date, read without the seven shapes (see _day_month_year).
_DAY_MONTH_YEAR = re.compile(r"([0-3]?[0-9]) ([A-Za-z]{3,11}) ((?:1[5-9]|20)[0-9][0-9])")
_DIGIT = re.compile(r"\d")
_DIGIT_ASCII = re.compile(r"[0-9]")  # ``\d`` on ASCII text
_YEAR_ONLY = re.compile(rf"^\(?(?:{_SEASON}\s+)?(?P<year>{_Y})[a-z]?\)?$", re.I)
_YEAR_ANY = re.compile(rf"(?<![\w/.-])(?P<year>{_Y})(?:[a-h](?![\w/-]))?(?![\w/-])")
# The four digits of a year: where _YEAR_ANY can match. Unlike _YEAR_ANY (which begins
# with a look-behind) it lets the engine skip ahead to a ``1`` or ``2``.
_YEAR_DIGITS = re.compile(_Y)
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
    """The day a ``_D`` group spells: its one or two leading digits (``[0-3]?\\d``; what
    follows them begins with no digit)."""
    return int(text[:2]) if text[1:2].isdecimal() else int(text[:1])


Read = tuple[DateParts | None, tuple[int, int] | None]
"""What a date match says: its parts (None when the year is unknown) and month and day."""


def _date_match(text: str, pos: int) -> re.Match[str] | None:
    """What the seven date shapes match at ``pos``, the half chosen by the first character:
    ``\\d`` is ``str.isdecimal``, and a letter-first shape begins with a word character."""
    ch = text[pos : pos + 1]
    if ch.isdecimal():
        if text[pos + 2 : pos + 3].isdecimal() and text[pos + 1].isdecimal() and text[pos + 4 : pos + 5] != "-":
            # Three digits: a day (``[0-3]?\\d``) takes at most two, and neither what may
            # follow it (a suffix, ``.``, space, a word) nor a dotted date's ``.`` is a
            # digit, so only ISO fits, whose year is followed by ``-``.
            return None
        return _DATE_AT_DIGIT.match(text, pos)
    return _DATE_AT_LETTER.match(text, pos) if ch.isalnum() else None


def find_date(text: str, start: int = 0) -> FoundDate | None:
    """The first date in ``text`` (a full date before a partial one at the same place).

    A match is tried only where a date may begin (``_DATE_START``), and at a word only when
    it is a month or a season (a season may come before the month): the month of a
    letter-first shape is the word it begins with unless a season is, and ``_read`` finds
    no date where that word is no month."""
    ascii = text.isascii()
    if not (_DIGIT_ASCII if ascii else _DIGIT).search(text, start):
        return None
    for tok in (_DATE_START_ASCII if ascii else _DATE_START).finditer(text, start):
        word = tok.group(0)
        if not word.isdecimal() and word.lower() not in _MONTHS and (len(word) > 6 or not _SEASON_WORD.fullmatch(word)):
            continue  # neither a digit, a month nor a season (three to six letters)
        m = _date_match(text, tok.start())
        read = _read(m) if m else None
        if m and read is not None:
            return FoundDate(read[0], read[1], m.start(), m.end())
    return None


def _read(m: re.Match[str]) -> Read | None:
    kind = m.lastgroup
    if kind == "iso" or kind == "dots":
        s = m.group(0)
        if kind == "iso":  # YYYY-MM-DD: every field has its fixed width
            y, mo, d = int(s[:4]), int(s[5:7]), int(s[8:10])
        else:  # D.M.YYYY: three fields, two dots
            d_, mo_, y_ = s.split(".")
            y, mo, d = int(y_), int(mo_), int(d_)
        return ((y, mo, d), (mo, d)) if _valid(y, mo, d) else None
    # Only the groups of the shape that matched are set (a shape that failed sets none),
    # so these are the first month, day and year among all shapes' groups.
    month_group, day_group, year_group = _FIELDS[kind]  # type: ignore[index]
    month = _MONTHS.get(m.group(month_group).lower())
    if month is None:
        return None
    day_text = m.group(day_group) if day_group else None
    day = _day(day_text) if day_text else None
    if day is not None and not 1 <= day <= 31:
        return None
    year = m.group(year_group) if year_group else None
    if year:
        parts: DateParts = (int(year), month, day) if day else (int(year), month)
        return parts, ((month, day) if day else None)
    return (None, (month, day)) if day else None


def parse_date(chunk: str) -> DateParts | None:
    """``chunk`` read as a date when the date is all of it (bar punctuation and brackets)."""
    text = chunk.strip(" .,;:()[]")
    if not text:
        return None
    if text[0].isdecimal():
        if len(text) == 4 and text.isascii() and text.isdigit():
            # four ASCII digits: what _YEAR_ONLY reads, a year when it is one of _Y's
            year = int(text)
            if 1500 <= year <= 2099:
                return (year,)
        elif len(text) > 6:
            # _YEAR_ONLY cannot fit: no season (a word), so _Y comes first, and at most
            # ``[a-z]?\)?`` follow it (the strip leaves no leading bracket)
            plain = _DAY_MONTH_YEAR.fullmatch(text)
            return _day_month_year(plain) if plain else _whole_date(text)
    else:
        # Text that begins with no digit fits _YEAR_ONLY only after a season word, and
        # a date shape only when its first word is a month or season (see find_date).
        if text[0].lower()[:1] not in _FIRST_LETTERS:
            return None
        word = _WORD.match(text)
        if not word:
            return None
        if word.group(0).lower() in _MONTHS:
            return _whole_date(text)
        if len(word.group(0)) > 6 or not _SEASON_WORD.fullmatch(word.group(0)):
            return None  # a season is three to six letters
    m = _YEAR_ONLY.match(text)
    if m:
        return (int(m.group("year")),)
    return _whole_date(text)


def _day_month_year(m: re.Match[str]) -> DateParts | None:
    """What _whole_date reads in a plain ``19 December 2019`` (_DAY_MONTH_YEAR): ISO and
    dotted dates need a ``-`` or ``.`` after the first digits, so the ``dmy`` shape is the
    first to fit, with its day, word and year these three groups (the word is no ``de``,
    and no `` de`` follows it)."""
    month = _MONTHS.get(m.group(2).lower())
    day = int(m.group(1))
    return (int(m.group(3)), month, day) if month is not None and 1 <= day <= 31 else None


def _whole_date(text: str) -> DateParts | None:
    """The date with a known year that is all of ``text`` but a final stop."""
    if not text.rstrip(".")[-1:].isdecimal():
        return None  # every shape with a year ends with a digit
    m = _date_match(text, 0)
    read = _read(m) if m else None
    if m and read and read[0] and m.end() >= len(text.rstrip(".")):
        return read[0]
    return None


def is_partial_date(chunk: str) -> tuple[int, int] | None:
    """``November 10``: a month and day with no year, as the whole chunk."""
    text = chunk.strip(" .,;:()")
    if not text:
        return None
    if text[0].isdecimal():
        # the digit-first shape with no year (``dm``) ends with its month word
        if text[-1].isdecimal() or not text[-1].isalnum():
            return None
    else:
        # the letter-first one (``md``) begins with its month word
        if text[0].lower()[:1] not in _FIRST_LETTERS:
            return None
        word = _WORD.match(text)
        if not word or word.group(0).lower() not in _MONTHS:
            return None
    m = _date_match(text, 0)
    read = _read(m) if m else None
    if m and read and read[0] is None and read[1] and m.end() >= len(text):
        return read[1]
    return None


def is_month(word: str) -> bool:
    """Whether ``word`` (any case, a final stop allowed) names a month: ``Sept.``, ``März``, ``mai``."""
    return word.rstrip(".").lower() in _MONTHS


def year_from_url(url: str | None, month_day: tuple[int, int]) -> int | None:
    """The year of ``month_day`` when the URL spells that very month and day."""
    if not url:
        return None
    for m in _URL_DATE.finditer(url):
        if (int(m.group(2)), int(m.group(3))) == month_day:
            return int(m.group(1))
    return None


def find_year(text: str) -> int | None:
    """The first year that stands alone (not part of a longer number, path or range; the
    ``2004a`` of author-date styles counts)."""
    pos = 0
    while True:
        digits = _YEAR_DIGITS.search(text, pos)
        if not digits:
            return None
        m = _YEAR_ANY.match(text, digits.start())
        if m:
            return int(m.group("year"))
        pos = digits.start() + 1
