"""Sources -> the CSL-JSON items the engine renders, one per distinct work, each checked.

Why an item is checked here: a style renders a source with no title or no date without
complaint (an empty string, ``n.d.``), and the writer only notices in the proofs. Saying
which item lacks what, and where it was cited, is the useful moment.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Iterable, Sequence

from footnote_kit.model import Location, Note, Problem, Source


@dataclass(frozen=True)
class Item:
    """A distinct source with its engine id and where it was first seen (for messages)."""

    id: str
    source: Source
    where: Location = Location()
    note: int | None = None

    def describe(self) -> str:
        title = self.source.title or self.source.container_title or self.source.URL or "(untitled)"
        if len(title) > 60:
            title = title[:57] + "..."
        who = f"note {self.note}" if self.note is not None else f"item {self.id!r}"
        return f"{who} ({title})"


def _norm(text: str | None) -> str:
    if not text:
        return ""
    folded = unicodedata.normalize("NFKD", text.casefold())
    return re.sub(r"[\W_]+", "", "".join(c for c in folded if not unicodedata.combining(c)))


def _url(url: str | None) -> str:
    if not url:
        return ""
    u = re.sub(r"^[a-z]+://(www\.)?", "", url.strip().lower())
    return u.rstrip("/")


def identity(source: Source) -> str:
    """What makes two citations one work: DOI, else URL, else title with year and outlet.

    A page is a locator, not an identity: the same report cited at p. 15 and at p. 20 is one
    entry in the bibliography.
    """
    if source.DOI:
        return "doi:" + source.DOI.strip().lower()
    if source.URL:
        return "url:" + _url(source.URL)
    if source.title:
        return f"title:{_norm(source.title)}|{source.year or ''}|{_norm(source.container_title)}"
    return f"anon:{_norm(source.note)}|{_norm(source.publisher)}|{source.year or ''}"


class Catalogue:
    """Distinct sources in the order first cited, each with a stable id."""

    def __init__(self) -> None:
        self.items: list[Item] = []
        self._by_identity: dict[str, Item] = {}
        self._ids: set[str] = set()

    def add(self, source: Source, *, where: Location = Location(), note: int | None = None) -> str:
        key = identity(source)
        found = self._by_identity.get(key)
        if found is not None:
            return found.id
        item_id = self._fresh_id(source.id or f"source-{len(self.items) + 1}")
        kept = source.with_changes(page=None) if note is not None and is_locator(source.page) else source
        item = Item(item_id, kept, where, note)
        self.items.append(item)
        self._by_identity[key] = item
        return item_id

    def _fresh_id(self, wanted: str) -> str:
        candidate, n = wanted, 2
        while candidate in self._ids:
            candidate, n = f"{wanted}-{n}", n + 1
        self._ids.add(candidate)
        return candidate


def is_locator(page: str | None) -> bool:
    """A single page cited in a note (``p.15``) points into the work; a range (``7-47``) is
    the extent of an article or chapter and belongs to the entry."""
    return bool(page) and not re.search(r"\d\s*[-–—]\s*\d", page or "")


def catalogue_notes(notes: Sequence[Note]) -> Catalogue:
    cat = Catalogue()
    for note in notes:
        for source in note.sources:
            cat.add(source, where=note.location, note=note.number)
    return cat


def catalogue_sources(sources: Iterable[Source], where: Location = Location()) -> Catalogue:
    cat = Catalogue()
    for source in sources:
        cat.add(source, where=where)
    return cat


def check(item: Item) -> list[Problem]:
    """What an editor would miss in this item's rendering: its title, its date."""
    missing = []
    s = item.source
    if not (s.title or s.extra.get("title-short")):
        missing.append("a title")
    if not s.issued and not _literal_date(s.extra.get("issued")):
        missing.append("a date")
    if not missing:
        return []
    return [
        Problem(
            f"{item.describe()} has no {' and no '.join(m.removeprefix('a ') for m in missing)}; rendered without",
            item.where,
            code="incomplete-item",
            note=item.note,
        )
    ]


def _literal_date(value: Any) -> bool:
    return isinstance(value, dict) and bool(value.get("literal") or value.get("raw"))


def engine_item(item: Item) -> dict[str, Any]:
    """The CSL-JSON the engine gets: ``Source.to_csl`` under the item's id (the engine folds
    our ``translated-title`` into the title as ``Title [Translation]``)."""
    data = item.source.to_csl()
    data["id"] = item.id
    return data
