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
from footnote_kit.loaded import Loaded
from footnote_kit.model import Location, Problem, Record, Severity, Source

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


def read(text: str, *, file: str | None = None) -> Loaded:
    """A CSL-JSON array (or ``{"items": [...]}``) -> records keyed by their ``id``.

    Items without an ``id`` get one later (``inputs.load`` assigns keys). Failures are data:
    text that is not JSON, or not an array, is one error and no records; an item that is not
    an object is an error and is left out; a duplicate ``id`` or an item without a title is
    a warning. Each names its line.
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        return _unread(f"not valid JSON: {err.msg} (column {err.colno})", file, err.lineno)
    if isinstance(data, dict) and isinstance(data.get("items"), list):
        data = data["items"]
    if not isinstance(data, list):
        return _unread("CSL-JSON must be an array of items", file, 1)
    records: list[Record] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    lines: list[int] | None = None
    for n, raw in enumerate(data, start=1):
        if not isinstance(raw, dict):
            lines = lines if lines is not None else _item_lines(text)
            where = Location(file, lines[n - 1] if n <= len(lines) else None)
            message = f"item {n} is not an object (a JSON {_json_type(raw)})"
            problems.append(Problem(message, where, code="bad-entry", severity=Severity.ERROR))
            continue
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
            lines = lines if lines is not None else _item_lines(text)  # only when needed: a text scan
            where = Location(file, lines[n - 1] if n <= len(lines) else None)
        if key and key in seen:
            new = citekeys.unique(key, seen)
            problems.append(Problem(f"duplicate id {key!r}: written as {new!r}", where, code="duplicate-key"))
            key = new
            source = source.with_changes(id=key)
        if not source.title:
            problems.append(Problem(f"item {key or n} has no title", where, code="no-title"))
        seen.add(key)
        records.append(Record(key=key, source=source))
    return Loaded(records=tuple(records), problems=tuple(problems), kind="csl-json")


def _unread(message: str, file: str | None, line: int) -> Loaded:
    """A file of which nothing could be read: no records, one error."""
    problem = Problem(message, Location(file, line), code="bad-file", severity=Severity.ERROR)
    return Loaded(problems=(problem,), kind="csl-json")


def _json_type(value: Any) -> str:
    return {list: "array", str: "string", bool: "boolean", type(None): "null"}.get(type(value), "number")


def _item_lines(text: str) -> list[int]:
    """The line each item of the (already validated) array starts on, in order.

    ``json`` gives no positions, so the array is walked with ``raw_decode``, item by item.
    """
    decoder = json.JSONDecoder()
    space = re.compile(r"[\s,]*")
    start = text.find("[")
    items = re.search(r'"items"\s*:\s*\[', text)
    if text.lstrip().startswith("{") and items:
        start = items.end() - 1
    pos, line = start + 1, 1
    out: list[int] = []
    while True:
        pos = space.match(text, pos).end()  # type: ignore[union-attr]
        if pos >= len(text) or text[pos] == "]":
            return out
        line += text.count("\n", start, pos)
        start = pos
        out.append(line)
        _, pos = decoder.raw_decode(text, pos)
