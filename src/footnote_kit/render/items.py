"""Records -> the CSL-JSON items the engine renders, each checked for what an editor would miss.

One item per record (``records.build`` decides which citations are one work, and its keys
are the ids, so a rendered entry and an exported ``.bib`` entry name the same key).

Why an item is checked here: a style renders a source with no title or no date without
complaint (an empty string, ``n.d.``), and the writer only notices in the proofs. Saying
which item lacks what, and where it was cited, is the useful moment.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

from footnote_kit.model import Location, Note, Problem, Record, Source


@dataclass(frozen=True)
class Item:
    """A distinct source with its engine id and where it was first cited (for messages)."""

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


def items_from_records(records: Sequence[Record], notes: Sequence[Note] | None = None, *, file: str | None = None) -> list[Item]:
    """Records -> items (``records.build`` has already left each cited page with its note).

    An item no note cites (from a ``.bib`` or CSL-JSON ``file``) is placed in that file,
    so that a message about it names the file."""
    where = {n.number: n.location for n in notes or ()}
    nowhere = Location(file)
    out = []
    for r in records:
        source = r.source
        first = r.notes[0] if r.notes else None
        if notes is not None:
            # From notes, ``note`` holds the writer's words around the citation ("See:"),
            # which notes mode puts back around it; they are no part of the entry.
            source = source.with_changes(note=None)
        out.append(Item(r.key, source, where.get(first, nowhere) if first is not None else nowhere, first))
    return out


def check(item: Item) -> list[Problem]:
    """What an editor would miss in this item's rendering: its title, its date."""
    missing = []
    s = item.source
    if not (s.title or s.extra.get("title-short")):
        missing.append("title")
    if not s.issued and not _literal_date(s.extra.get("issued")):
        missing.append("date")
    if not missing:
        return []
    return [
        Problem(
            f"{item.describe()} has no {' and no '.join(missing)}; rendered without",
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
