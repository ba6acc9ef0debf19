"""The source being read, as the recognisers fill it in, and small helpers they share."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from footnote_kit.model import DateParts, Name
from footnote_kit.sources import dates, kinds
from footnote_kit.sources.split import top_level_split

_TRAILING = " ,.;:–—-"
_YEAR_FIRST = re.compile(r"\s*(?:1[5-9]\d\d|20\d\d)\b")
_ENDS_WITH_INITIAL = re.compile(r"(?:^|[\s.])[^\W\d_]\.$")


@dataclass(slots=True)
class Draft:
    """A source while its segment is read: mutable, unlike ``Source``, because a dozen
    recognisers each add what they find; ``set`` keeps the first value a field gets."""

    author: list[Name] = field(default_factory=list)
    editor: list[Name] = field(default_factory=list)
    translator: list[Name] = field(default_factory=list)
    interviewer: list[Name] = field(default_factory=list)
    text: dict[str, str] = field(default_factory=dict)
    issued: DateParts | None = None
    accessed: DateParts | None = None
    month_day: tuple[int, int] | None = None
    language: str | None = None
    prefix_org: str | None = None
    """Capitalised words before the title that are no person: an outlet or an institution."""
    notes: list[str] = field(default_factory=list)
    ev: kinds.Evidence = field(default_factory=kinds.Evidence)

    def set(self, key: str, value: str | None) -> bool:
        value = (value or "").strip(_TRAILING + " ")
        if not value or key in self.text:
            return False
        self.text[key] = value
        return True


def chunks(text: str) -> list[str]:
    """Comma-separated pieces, with ``March 3, 2021`` kept whole."""
    out: list[str] = []
    for piece in top_level_split(text, ","):
        if out and _YEAR_FIRST.match(piece) and dates.is_partial_date(out[-1]):
            out[-1] = out[-1] + "," + piece
        else:
            out.append(piece)
    return out


def clip(text: str) -> str:
    return text.strip(" ,;:")


def strip_stop(text: str) -> str:
    """``Tucker, Noah.`` -> ``Tucker, Noah`` (MLA); an initial keeps its stop (``Tucker, N.``)."""
    if text.endswith(".") and not _ENDS_WITH_INITIAL.search(text):
        return text[:-1].rstrip()
    return text
