"""A reading of a note (gold, or the rules') as labelled character spans of its text.

Why: gold files and the rules say *what* each field is (``"title": "Pompeii Revealed"``),
a sequence model needs to know *where* (which tokens). Each value is looked up in the
note's text, part after part, left to right, so that the same words are labelled the
same way whoever read the note. A value the text does not print (a gold date written
as numbers for ``19 December``) is found by the same readers the parser uses.
"""

from __future__ import annotations

import re
from typing import Any, Iterable, Mapping, NamedTuple, Sequence

from footnote_kit.sources import dates
from footnote_kit.sources.learned.labels import NAME_LABELS, OTHER
from footnote_kit.sources.scan import Scan

_FOLD = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "–": "-", "—": "-", "\u00a0": " "})
_IBID = re.compile(
    r"\b(?:ibid|ibidem|ib|id|ebd|ebenda|eod|ders|dies|idem|eadem)\b\.?|\b(?:op|loc|art)\.?\s*cit\b\.?|\ba\.\s?a\.\s?O\b\.?|там\s+же|\bтам\b",
    re.I,
)
_FIELD_ORDER = (
    "URL", "DOI", "ISBN", "title", "translated-title", "container-title", "collection-title", "publisher",
    "publisher-place", "genre", "number", "edition", "volume", "issue", "page",
)  # fmt: skip


_KNOWN = frozenset((*_FIELD_ORDER, *NAME_LABELS, "issued", "accessed", "type", "id", "language", "note", "translated-title"))


class Labelled(NamedTuple):
    start: int
    end: int
    label: str
    part: int
    """Which part of the note (0, 1, …) the span belongs to."""


def _fold(text: str) -> str:
    """Lower case with quotes and dashes made plain, one character for one, so that
    offsets in the folded text are offsets in the original."""
    out = text.translate(_FOLD)
    low = out.lower()
    return low if len(low) == len(out) else "".join(c.lower() if len(c.lower()) == 1 else c for c in out)


class _Finder:
    """Finds values in one note's text, never twice the same characters."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.folded = _fold(text)
        self.taken: list[tuple[int, int]] = []

    def free(self, start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in self.taken)

    def bounded(self, start: int, end: int) -> bool:
        """The match starts and ends at word boundaries (or at punctuation)."""
        t = self.text
        left = start == 0 or not (t[start - 1].isalnum() and t[start].isalnum())
        right = end >= len(t) or not (t[end - 1].isalnum() and t[end].isalnum())
        return left and right

    def find(self, value: str, start: int) -> tuple[int, int] | None:
        value = value.strip()
        if not value:
            return None
        for hay, needle in ((self.text, value), (self.folded, _fold(value))):
            k = hay.find(needle, start)
            while k >= 0:
                end = k + len(needle)
                if self.bounded(k, end) and self.free(k, end):
                    return k, end
                k = hay.find(needle, k + 1)
        return None

    def take(self, span: tuple[int, int]) -> None:
        self.taken.append(span)


def _name_parts(name: Mapping[str, Any]) -> list[str]:
    if "literal" in name:
        return [str(name["literal"])]
    out = [str(name[k]) for k in ("family", "given") if name.get(k)]
    return out


def _find_names(f: _Finder, names: Sequence[Mapping[str, Any]], start: int) -> tuple[int, int] | None:
    """The span from the first printed name to the last one of a name list."""
    lo, hi = None, None
    pos = start
    for name in names:
        parts = _name_parts(name)
        if not parts:
            continue
        anchor = f.find(parts[0], pos)
        if anchor is None:
            continue
        a, b = anchor
        for extra in parts[1:]:
            near = f.find(extra, max(start, a - 60))
            if near is None and " " in extra:  # initials printed without spaces or full stops
                near = f.find(extra.replace(" ", ""), max(start, a - 60))
            if near is not None and abs(near[0] - a) <= 60:
                a, b = min(a, near[0]), max(b, near[1])
        lo = a if lo is None else min(lo, a)
        hi = b if hi is None else max(hi, b)
        pos = b
    return (lo, hi) if lo is not None and hi is not None else None


def _find_date(f: _Finder, parts: Sequence[int], start: int) -> tuple[int, int] | None:
    """Where the text prints the date ``parts``: a date the parser reads as those parts,
    else the year alone."""
    year = str(parts[0])
    pos = start
    while True:
        k = f.find(year, pos)
        if k is None:
            return None
        window = max(start, k[0] - 25)
        found = dates.find_date(f.text[: k[1] + 1], window)
        while found is not None and found.end < k[0]:
            found = dates.find_date(f.text[: k[1] + 1], found.end)
        if found is not None and found.parts == tuple(parts) and f.free(found.start, found.end):
            return found.start, found.end
        if len(parts) == 1:
            return k
        pos = k[1]


def _gold_date(value: Any) -> tuple[int, ...] | None:
    if isinstance(value, Mapping):
        dp = value.get("date-parts")
        if isinstance(dp, list) and dp and isinstance(dp[0], list) and dp[0]:
            try:
                return tuple(int(p) for p in dp[0][:3])
            except (TypeError, ValueError):
                return None
    return None


def _part_values(part: Mapping[str, Any], others: bool = False) -> Iterable[tuple[str, Any]]:
    """(label, value) of one part, in the order they are looked up; with ``others``, also
    CSL variables that have no label (as ``extra``)."""
    if part.get("prefix"):
        yield "prefix", part["prefix"]
    item = part.get("item") or {}
    if part.get("kind") == "citation":
        for key in _FIELD_ORDER[:3]:
            if item.get(key):
                yield key, str(item[key])
        for key in NAME_LABELS:
            if item.get(key):
                yield key, item[key]
        for key in _FIELD_ORDER[3:]:
            if item.get(key):
                yield key, str(item[key])
        for key in ("issued", "accessed"):
            if _gold_date(item.get(key)):
                yield key, _gold_date(item[key])
        for key, value in item.items() if others else ():  # CSL variables with no label (section, authority)
            if key not in _KNOWN and isinstance(value, str) and value.strip():
                yield "extra", value
    if part.get("kind") == "ibid":
        yield "ibid", None
    if part.get("locator"):
        yield "locator", str(part["locator"])
    if part.get("suffix"):
        yield "suffix", part["suffix"]


def spans(text: str, parts: Sequence[Mapping[str, Any]], others: bool = False) -> tuple[list[Labelled], int, int]:
    """The labelled spans of ``text`` for ``parts`` (the JSON form of a note's parts: gold,
    or ``part.to_json()``), with how many values were looked for and how many found.
    ``others`` also locates CSL variables that have no label of their own, as ``extra``
    (the words a reading has used, for the combination; never a training label)."""
    f = _Finder(text)
    out: list[Labelled] = []
    wanted = found = 0
    cursor = 0
    for k, part in enumerate(parts):
        ends: list[int] = []
        starts: list[int] = []
        for label, value in _part_values(part, others):
            wanted += 1
            if label in NAME_LABELS:
                where = _find_names(f, value, cursor)
            elif label in ("issued", "accessed"):
                where = _find_date(f, value, cursor)
            elif label == "ibid":
                m = _IBID.search(f.text, cursor)
                where = (m.start(), m.end()) if m and f.free(m.start(), m.end()) else None
            else:
                where = f.find(value, cursor)
                if where is None and label == "DOI":
                    where = f.find(value.lower(), cursor)
            if where is None:
                continue
            found += 1
            f.take(where)
            out.append(Labelled(where[0], where[1], label, k))
            starts.append(where[0])
            ends.append(where[1])
        if ends and part.get("kind") != "note":
            cursor = max(cursor, min(max(ends), len(text)))
    out.sort()
    return out, wanted, found


def token_labels(sc: Scan, labelled: Sequence[Labelled]) -> list[str]:
    """The label of each token: the span that covers its first character, else ``other``."""
    out: list[str] = []
    k = 0
    n = len(labelled)
    for tok in sc.tokens:
        while k < n and labelled[k].end <= tok.start:
            k += 1
        if k < n and labelled[k].start <= tok.start < labelled[k].end:
            out.append(labelled[k].label)
        else:
            out.append(OTHER)
    return out
