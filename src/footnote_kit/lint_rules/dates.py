"""``date-mismatch``: the date a note gives disagrees with the date in the cited URL.

News sites put the publication date in their paths (``/2020/11/05/``, ``/20201105/``,
``2020-11-05``). When a note says 5 October 2020 for ``…/2020/11/05/…`` one of the two is
wrong, and a reader (or the archive lookup, which searches near the cited date) is sent
to the wrong month. A difference of one day is tolerated: sites date by their own time
zone, notes by the writer's.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Iterator

from footnote_kit import urls as url_finder
from footnote_kit.lint_rules import Document, problem
from footnote_kit.model import Citation, DateParts, Problem

NAME = "date-mismatch"

_MONTHS = {
    # English, German, French, Spanish: the languages notes are most often dated in.
    "january": 1, "jan": 1, "januar": 1, "janvier": 1, "enero": 1,
    "february": 2, "feb": 2, "februar": 2, "février": 2, "fevrier": 2, "febrero": 2,
    "march": 3, "mar": 3, "märz": 3, "maerz": 3, "mars": 3, "marzo": 3,
    "april": 4, "apr": 4, "avril": 4, "abril": 4,
    "may": 5, "mai": 5, "mayo": 5,
    "june": 6, "jun": 6, "juni": 6, "juin": 6, "junio": 6,
    "july": 7, "jul": 7, "juli": 7, "juillet": 7, "julio": 7,
    "august": 8, "aug": 8, "août": 8, "aout": 8, "agosto": 8,
    "september": 9, "sep": 9, "sept": 9, "septembre": 9, "septiembre": 9,
    "october": 10, "oct": 10, "oktober": 10, "octobre": 10, "octubre": 10,
    "november": 11, "nov": 11, "novembre": 11, "noviembre": 11,
    "december": 12, "dec": 12, "dezember": 12, "décembre": 12, "decembre": 12, "diciembre": 12,
}
_MONTH = r"(?P<month>[A-Za-zäéû]{3,9})\.?"
_TEXT_DATES = [
    re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\.?\s+(?:de\s+)?{_MONTH}\s+(?:de\s+)?(?P<year>\d{{4}})\b"),
    re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})\b"),
    re.compile(r"\b(?P<year>\d{4})-(?P<mnum>\d{2})-(?P<day>\d{2})\b"),
]
_ACCESSED = re.compile(r"(accessed|retrieved|viewed|consulted|abgerufen|consulté|consultado)\W*(on\W*)?$", re.I)


def url_dates(url: str) -> list[tuple[DateParts, str]]:
    """Dates a URL's path spells, with the text that spells them; the host is ignored.

    ``DD-MM-YYYY`` is also read as ``MM-DD-YYYY`` when both are valid: the rule then
    fires only if neither reading agrees with the note.
    """
    path = re.sub(r"^[a-z]+://[^/]*", "", url, flags=re.I)
    found: list[tuple[DateParts, str]] = []
    patterns = [
        (r"/(\d{4})/(\d{1,2})/(\d{1,2})(?=/|$|[?#.])", "ymd"),
        (r"/(\d{4})/(\d{2})(?=/)", "ym"),
        (r"(?<![\d])(\d{4})(\d{2})(\d{2})(?![\d])", "ymd"),
        (r"(?<![\d])(\d{4})[-_.](\d{1,2})[-_.](\d{1,2})(?![\d])", "ymd"),
        (r"(?<![\d])(\d{1,2})[-_.](\d{1,2})[-_.](\d{4})(?![\d])", "dmy"),
    ]
    taken: list[tuple[int, int]] = []
    for pattern, order in patterns:
        for m in re.finditer(pattern, path):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            nums = [int(g) for g in m.groups()]
            readings: list[DateParts] = []
            if order == "ym":
                readings = [(nums[0], nums[1])]
            elif order == "ymd":
                readings = [(nums[0], nums[1], nums[2])]
            else:
                readings = [(nums[2], nums[1], nums[0]), (nums[2], nums[0], nums[1])]
            valid = [r for r in readings if _valid(r)]
            if valid:
                taken.append((m.start(), m.end()))
                found.extend((r, m.group(0).strip("/")) for r in dict.fromkeys(valid))
    return found


def _valid(parts: DateParts) -> bool:
    if not 1990 <= parts[0] <= 2100:
        return False
    try:
        dt.date(parts[0], parts[1], parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return False
    return True


def text_date(text: str) -> DateParts | None:
    """The publication date a citation's text gives: the last date before its URL that is
    not an access date."""
    head = text.split("http", 1)[0]
    best: tuple[int, DateParts] | None = None
    for pattern in _TEXT_DATES:
        for m in pattern.finditer(head):
            if _ACCESSED.search(head[: m.start()]):
                continue
            groups = m.groupdict()
            month = int(groups["mnum"]) if groups.get("mnum") else _MONTHS.get((groups.get("month") or "").lower())
            if month is None:
                continue
            parts = (int(groups["year"]), month, int(groups["day"]))
            if _valid(parts) and (best is None or m.start() > best[0]):
                best = (m.start(), parts)
    return best[1] if best else None


def agree(cited: DateParts, in_url: DateParts) -> bool:
    """Same year and month; and days within one of each other when both have a day."""
    n = min(len(cited), len(in_url))
    if n < 2:
        return cited[0] == in_url[0]
    if n == 2:
        return cited[:2] == in_url[:2]
    a, b = dt.date(*cited[:3]), dt.date(*in_url[:3])
    return abs((a - b).days) <= 1


def _human(parts: DateParts) -> str:
    if len(parts) >= 3:
        return dt.date(*parts[:3]).strftime("%-d %B %Y")
    if len(parts) == 2:
        return dt.date(parts[0], parts[1], 1).strftime("%B %Y")
    return str(parts[0])


def check(doc: Document) -> Iterator[Problem]:
    for note in doc.notes:
        for part in note.parts:
            if not isinstance(part, Citation):
                continue
            src = part.source
            urls = [src.URL] if src.URL else [u.url for u in url_finder.find_all(part.text)]
            cited = src.issued if src.issued and len(src.issued) >= 2 else text_date(part.text or note.text)
            if not cited or not urls:
                continue
            for url in urls:
                readings = url_dates(url)
                if not readings or any(agree(cited, r) for r, _ in readings):
                    continue
                spelled = readings[0][1]
                yield problem(
                    doc,
                    NAME,
                    f"note {note.number} dates this source {_human(cited)} but its URL says "
                    f"{_human(readings[0][0])} ('{spelled}' in {url})",
                    note,
                    needle=url[:40],
                )
