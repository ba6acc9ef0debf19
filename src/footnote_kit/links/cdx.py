"""The Wayback Machine's CDX answers, read defensively, and what one answer can tell.

Pure (JSON in, rows out; no network), so that every odd answer the archive gives can be
tested: a header row or none, its columns in any order, an empty body, rows of the wrong
length or with a timestamp that is not one. A 200 whose body is an HTML error page never
gets here: it is not JSON (``archive._get_json`` says so).

One query per URL serves everything asked about it (``Captures``): the captures that
answered 2xx or 3xx, nearest the cited date. The nearest *200* capture is the archive copy
to show; any of them is the evidence URL repair needs. When the archive returned fewer
rows than asked for, they are all the good captures it has, and answer for any date.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

FIELDS = ("timestamp", "original", "statuscode")
"""Exactly the fields used (``fl=``), in this order."""
GOOD = "statuscode:[23].."
"""The CDX filter for captures that answered 2xx or 3xx."""
LIMIT = 25
"""Rows asked for per URL (nearest first)."""

_KNOWN = {"urlkey", "timestamp", "original", "mimetype", "statuscode", "digest", "length", "redirect", "offset", "filename"}
_STAMP = re.compile(r"\d{4,14}")

Row = tuple[str, str, int]
"""(timestamp, original URL, HTTP status; 0 when the archive wrote ``-``)."""


def read_rows(data: Any, url: str) -> list[Row]:
    """The rows of a CDX JSON answer, whatever its shape; ``ValueError`` when it has none.

    A first row of field names (in any order) is a header and says where each field is;
    without one, the fields are in the order asked for (``FIELDS``). Rows that do not
    fit (too short, a timestamp that is not digits) are skipped, never read as data.
    """
    if data is None or data == "" or data == []:
        return []
    if not isinstance(data, list) or not all(isinstance(r, list) for r in data):
        raise ValueError("the CDX API answered something that is not a list of rows")
    rows: list[list[Any]] = data
    where = {name: i for i, name in enumerate(FIELDS)}
    first = rows[0] if rows else []
    if first and all(isinstance(v, str) and v in _KNOWN for v in first):
        where = {name: i for i, name in enumerate(first)}
        rows = rows[1:]
    if "timestamp" not in where:
        raise ValueError("the CDX API's header has no timestamp")
    out: list[Row] = []
    for row in rows:
        try:
            stamp = str(row[where["timestamp"]])
            original = str(row[where["original"]]) if "original" in where else url
            status = str(row[where["statuscode"]]) if "statuscode" in where else "200"
        except IndexError:
            continue
        if not _STAMP.fullmatch(stamp):
            continue
        out.append((stamp, original or url, int(status) if status.isdigit() else 0))
    return out


def stamp_date(ts: str) -> date | None:
    """The date of a 14-digit (or shorter) Wayback timestamp."""
    try:
        return date(int(ts[0:4]), int(ts[4:6] or 1), int(ts[6:8] or 1))
    except (ValueError, IndexError):
        return None


@dataclass(frozen=True)
class Captures:
    """The good (2xx/3xx) captures of one URL the archive returned for one query."""

    around: str
    """The timestamp the query was sorted around."""
    rows: tuple[Row, ...]
    complete: bool
    """Fewer rows than ``LIMIT``: every good capture is here, so any date can be asked."""

    def serves(self, around: str) -> bool:
        """Can this answer stand for a query around ``around``?"""
        return self.complete or self.around == around

    def nearest_ok(self, cited: date) -> tuple[str, str] | None:
        """(timestamp, original) of the status-200 capture nearest ``cited``."""
        best: tuple[int, str, str] | None = None
        for stamp, original, status in self.rows:
            d = stamp_date(stamp)
            if status != 200 or d is None:
                continue
            gap = abs((d - cited).days)
            if best is None or gap < best[0]:
                best = (gap, stamp, original)
        return (best[1], best[2]) if best else None

    def to_text(self) -> str:
        return json.dumps({"around": self.around, "complete": self.complete, "rows": list(self.rows)})

    @staticmethod
    def from_text(text: str) -> "Captures | None":
        try:
            data = json.loads(text)
            rows = tuple((str(r[0]), str(r[1]), int(r[2])) for r in data["rows"])
            return Captures(str(data["around"]), rows, bool(data["complete"]))
        except (ValueError, KeyError, TypeError, IndexError):
            return None
