"""CSL-JSON: the interchange format of Zotero, pandoc and citeproc.

Written through ``Source.to_csl`` with ``id`` = the record's key, so export and ``parse``
agree on every field. What CSL has no variable for travels in ``custom`` (the schema's place
for key-value pairs), so a ``.bib`` converted to CSL-JSON and back keeps its unknown fields;
every item validates against the CSL-JSON schema (``tests/data/csl-data.json``).
"""

from __future__ import annotations

import json
import re
from typing import Any, Sequence

from footnote_kit import citekeys
from footnote_kit.errors import InputError
from footnote_kit.model import Location, Problem, Record, Source

# Keys the CSL-JSON schema allows on an item (besides those ``Source`` models), so that an
# item read from a user's file writes back unchanged; anything else goes into ``custom``.
_SCHEMA_KEYS = frozenset(
    """type id categories language journalAbbreviation shortTitle author chair collection-editor
    compiler composer container-author contributor curator director editor editorial-director
    executive-producer interviewer illustrator organizer original-author performer producer
    recipient reviewed-author translator accessed available-date container event-date issued
    original-date submitted abstract annote archive archive_collection archive_location
    archive-place authority call-number chapter-number citation-number citation-label
    collection-number collection-title container-title container-title-short dimensions division
    DOI edition event event-place first-reference-note-number genre ISAN ISBN ISCI ISMN ISRC ISSN
    ISWC issue jurisdiction keyword locator medium note number number-of-pages number-of-volumes
    original-publisher original-publisher-place original-title page page-first part part-title
    PMCID PMID printing publisher publisher-place references reviewed-title scale section source
    status supplement title title-short translated-title translated-title-short URL version
    volume year-suffix custom""".split()
)


def item(record: Record) -> dict[str, Any]:
    """One record as a schema-valid CSL-JSON item."""
    data = record.source.with_changes(id=record.key).to_csl()
    if "_bibtex" in data:
        from footnote_kit.formats.bibtex import unmodelled

        kept = unmodelled(record.source)
        if kept:
            data["_bibtex"] = kept
        else:
            del data["_bibtex"]
    custom: dict[str, Any] = dict(data.pop("custom", None) or {})
    for key in [k for k in data if k not in _SCHEMA_KEYS]:
        custom[key.lstrip("_")] = data.pop(key)
    if custom:
        data["custom"] = custom
    return data


def write(records: Sequence[Record], *, ascii: bool = False) -> str:
    """The records as a CSL-JSON array (UTF-8; ``ascii`` escapes non-ASCII as ``\\uXXXX``)."""
    return json.dumps([item(r) for r in records], ensure_ascii=ascii, indent=2) + "\n"


def read(text: str, *, file: str | None = None) -> tuple[list[Record], list[Problem]]:
    """A CSL-JSON array (or ``{"items": [...]}``) -> records keyed by their ``id``.

    Items without an ``id`` get one later (``inputs.load`` assigns keys); a duplicate
    ``id`` or an item without a title is a warning with its line.
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise InputError(f"not valid JSON: {err.msg} (column {err.colno})", file=file, line=err.lineno) from None
    if isinstance(data, dict) and isinstance(data.get("items"), list):
        data = data["items"]
    if not isinstance(data, list):
        raise InputError("CSL-JSON must be an array of items", file=file, line=1)
    records: list[Record] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    for n, raw in enumerate(data, start=1):
        if not isinstance(raw, dict):
            raise InputError(f"item {n} is not an object", file=file, line=_line_of(text, None, n))
        custom = raw.get("custom")
        flat = {k: v for k, v in raw.items() if k != "custom"}
        if isinstance(custom, dict) and isinstance(custom.get("bibtex"), dict):
            flat["_bibtex"] = custom["bibtex"]
            custom = {k: v for k, v in custom.items() if k != "bibtex"} or None
        if custom:
            flat["custom"] = custom
        source = Source.from_csl(flat)
        key = source.id or ""
        if (key and key in seen) or not source.title:
            where = Location(file, _line_of(text, key or None, n))  # only when needed: a text scan
        if key and key in seen:
            new = citekeys.unique(key, seen)
            problems.append(Problem(f"duplicate id {key!r}: written as {new!r}", where, code="duplicate-key"))
            key = new
            source = source.with_changes(id=key)
        if not source.title:
            problems.append(Problem(f"item {key or n} has no title", where, code="no-title"))
        seen.add(key)
        records.append(Record(key=key, source=source))
    return records, problems


def _line_of(text: str, key: str | None, n: int) -> int | None:
    """Where an item sits, for warnings: the line of its ``"id"``, else of its n-th ``{``."""
    if key:
        m = re.search(r'"id"\s*:\s*' + re.escape(json.dumps(key)), text)
        if m:
            return text.count("\n", 0, m.start()) + 1
    return None
