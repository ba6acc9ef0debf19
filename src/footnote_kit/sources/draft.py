"""The source being read, as the recognisers fill it in, and small helpers they share."""

from __future__ import annotations

import re
from dataclasses import MISSING, dataclass, field, fields
from typing import Any, Callable, NamedTuple, TypeVar

from footnote_kit.model import DateParts, Name, Source
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


T = TypeVar("T")


class _Shape(NamedTuple):
    defaults: dict[str, Any]
    factories: tuple[tuple[str, Callable[[], Any]], ...]
    accepted: frozenset[str]
    """The fields ``__init__`` takes."""
    required: frozenset[str]


_SHAPES: dict[type, _Shape] = {}


def _shape(cls: type) -> _Shape:
    if hasattr(cls, "__post_init__") or hasattr(cls, "__slots__"):  # pragma: no cover
        raise TypeError(f"build() cannot make {cls.__name__}: it has __post_init__ or __slots__")
    fs = fields(cls)
    shape = _Shape(
        {f.name: f.default for f in fs if f.init and f.default is not MISSING},  # as __init__ sets them
        tuple((f.name, f.default_factory) for f in fs if f.default_factory is not MISSING),  # type: ignore[misc]
        frozenset(f.name for f in fs if f.init),
        frozenset(f.name for f in fs if f.init and f.default is MISSING and f.default_factory is MISSING),
    )
    _SHAPES[cls] = shape
    return shape


def build(cls: type[T], values: dict[str, Any]) -> T:
    """``cls(**values)`` for one of the model's frozen dataclasses (``Source``, ``Note``,
    ``Citation``...), built without its ``__init__``.

    Why: a frozen dataclass's ``__init__`` sets every field through
    ``object.__setattr__``: 8 us for a ``Source`` and its 29 fields, a thirtieth of the
    time a note takes to parse. The result is the same object: same fields, defaults and
    equality (a test checks); an unknown or missing field is still a ``TypeError``."""
    shape = _SHAPES.get(cls) or _shape(cls)
    if not shape.accepted.issuperset(values) or not shape.required.issubset(values):
        raise TypeError(f"{cls.__name__}: unknown field(s) {sorted(values.keys() - shape.accepted)} or missing {sorted(shape.required - values.keys())}")
    obj = object.__new__(cls)
    state = obj.__dict__
    state.update(shape.defaults)
    for name, factory in shape.factories:
        state[name] = factory()
    state.update(values)
    return obj


def with_page(source: Source, page: str) -> Source:
    """``source.with_changes(page=page)`` through ``build`` (``dataclasses.replace`` walks
    the fields and calls ``__init__``: 15 us for every ibid. with a page)."""
    values = {name: getattr(source, name) for name in (_SHAPES.get(Source) or _shape(Source)).accepted}
    values["page"] = page
    return build(Source, values)


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
