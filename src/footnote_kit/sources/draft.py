"""The source being read, as the recognisers fill it in, and small helpers they share."""

from __future__ import annotations

import re
from dataclasses import MISSING, dataclass, field, fields
from typing import Any

from footnote_kit.model import DateParts, Name, Source
from footnote_kit.sources import dates, kinds
from footnote_kit.sources.split import top_level_split

_TRAILING = " ,.;:–—-"
_ONE_OR_TWO = ("1", "2")
"""How ``_YEAR_FIRST`` can start after its white space."""
_YEAR_FIRST = re.compile(r"\s*(?:1[5-9]\d\d|20\d\d)\b")
_THOUSANDS = re.compile(r"\d{3}(?!\d)")
_ENDS_WITH_INITIAL = re.compile(r"(?:^|[\s.])[^\W\d_]\.$")
_ABBREVIATED = frozenset(("publisher_place", "publisher"))
"""Fields whose last word may be an abbreviation that keeps its stop."""


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
    prefix: str | None = None
    """The writer's signal words before the source (``See also``, ``Vgl.``): ``Citation.prefix``."""
    suffix: list[str] = field(default_factory=list)
    """Commentary after the source (``arguing that …``): ``Citation.suffix``."""
    locator: str | None = None
    """A pinpoint printed after the source's own pages (``45–67, at 50``): ``Citation.locator``."""
    certain: set[str] = field(default_factory=set)
    """Fields (``text`` keys, ``author``…, ``issued``, ``accessed``) read by a rule that
    does not guess: see ``citation.read_segment_detailed``."""

    def set(self, key: str, value: str | None, sure: bool = False) -> bool:
        """Give field ``key`` its value unless it has one; ``sure`` when the rule that read it
        cannot have mistaken another piece for it (a quoted title, a labelled page)."""
        raw = (value or "").strip(" ,;:")
        value = raw.strip(_TRAILING + " ")
        if raw.endswith(".") and key in _ABBREVIATED and _ENDS_WITH_INITIAL.search(raw):
            value = raw.lstrip(_TRAILING)  # ``Washington, D.C.``, ``Berlin u.a.``: the stop is the abbreviation's
        if not value or key in self.text:
            return False
        self.text[key] = value
        if sure:
            self.certain.add(key)
        return True


_SOURCE_DEFAULTS = {f.name: f.default for f in fields(Source) if f.default is not MISSING}
_SOURCE_FACTORIES = tuple((f.name, f.default_factory) for f in fields(Source) if f.default_factory is not MISSING)
_SOURCE_FIELDS = frozenset(f.name for f in fields(Source))
if hasattr(Source, "__post_init__") or hasattr(Source, "__slots__") or not all(f.init for f in fields(Source)):  # pragma: no cover
    raise ImportError("new_source assumes every Source field is an __init__ field in __dict__, and no __post_init__")


def new_source(values: dict[str, Any]) -> Source:
    """``Source(**values)``, built without the frozen dataclass's ``__init__``.

    Why: that ``__init__`` sets each of ``Source``'s 29 fields through
    ``object.__setattr__`` (6.5 us, a thirtieth of the time a note takes to parse; this
    takes 2.4). The result is the same object: the same instance dict, so the same
    fields, equality and repr (a test checks); an unknown field is still a ``TypeError``.
    Only ``Source`` gets this: for the model's small dataclasses ``__init__`` is faster."""
    if not _SOURCE_FIELDS.issuperset(values):
        raise TypeError(f"Source has no field(s) {sorted(values.keys() - _SOURCE_FIELDS)}")
    source = object.__new__(Source)
    state = source.__dict__
    state.update(_SOURCE_DEFAULTS)
    for name, factory in _SOURCE_FACTORIES:
        state[name] = factory()
    state.update(values)
    return source


def with_page(source: Source, page: str) -> Source:
    """``source.with_changes(page=page)``, for every ibid. and short form with a page:
    a copy of the instance dict (``dataclasses.replace`` walks the fields and calls
    ``__init__``, several times slower)."""
    copy = object.__new__(Source)
    copy.__dict__.update(source.__dict__, page=page)
    return copy


def chunks(text: str) -> list[str]:
    """Comma-separated pieces, with ``March 3, 2021`` and ``1,000,000`` kept whole."""
    out: list[str] = []
    for piece in top_level_split(text, ","):
        if out and piece[:1].isdecimal() and out[-1][-1:].isdecimal() and _THOUSANDS.match(piece):
            out[-1] = out[-1] + "," + piece  # a thousands separator: no space after the comma
        elif out and piece.lstrip()[:1] in _ONE_OR_TWO and _YEAR_FIRST.match(piece) and dates.is_partial_date(out[-1]):
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
