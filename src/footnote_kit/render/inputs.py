"""What ``render`` reads: ``footnote_kit.inputs.load``, made tolerant of one bad entry.

The shared loader (used by export and check too) refuses a ``.bib`` with a syntax error or a
CSL-JSON array with a stray non-object, as a whole: right for export, which rewrites the
file, but a writer who wants a reference list should get the 299 good entries and a message
about the one bad one. So on such an error we read the file again entry by entry, through
the same loader, and report the entries that fail. Line numbers stay true: each entry is
parsed at its own line.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field

from footnote_kit.errors import InputError, UsageError
from footnote_kit.model import Location, Note, Problem, Record, Severity

CiteRow = tuple[str, "str | None", bool]
"""(record key, locator, came by ibid): one citation in a note, as ``records.build`` gives it."""


@dataclass(frozen=True)
class Loaded:
    """``notes`` is None for a bibliography file (.bib, CSL-JSON): it has records only."""

    records: tuple[Record, ...]
    notes: tuple[Note, ...] | None = None
    cites: dict[int, tuple[CiteRow, ...]] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()


def load_input(
    path: str | os.PathLike[str],
    *,
    notes: tuple[int, int] | None = None,
    encoding: str | None = None,
    fmt: str | None = None,
) -> Loaded:
    """Read ``path``; raises ``InputError`` only when nothing in it is usable. ``fmt`` is
    ``--from``: the document reader to use."""
    from footnote_kit import inputs

    name = os.fspath(path)
    if notes is not None and not fmt and inputs.kind_of(name) != "document":
        raise UsageError("--notes applies to a document with notes, not to a .bib or CSL-JSON file", file=name)
    try:
        loaded = inputs.load(name, notes=notes, encoding=encoding, fmt=fmt)
    except InputError as err:
        salvaged = _salvage(name, encoding, err)
        if salvaged is None:
            raise
        return salvaged
    if loaded.kind == "document":
        return Loaded(loaded.records, loaded.notes, dict(loaded.locators), loaded.warnings)
    return Loaded(loaded.records, None, {}, loaded.warnings)


def _salvage(name: str, encoding: str | None, err: InputError) -> Loaded | None:
    """Entry by entry, after the whole file was refused; None when that cannot help."""
    from footnote_kit import inputs
    from footnote_kit.files import read_text

    if name == "-":
        return None  # stdin is consumed; the one-line error stands
    kind = inputs.kind_of(name)
    if kind == "document":
        return None
    text = read_text(name, encoding=encoding)
    chunks = _bib_chunks(text) if kind == "bibtex" else _json_chunks(text, name)
    if chunks is None:
        return None
    records: list[Record] = []
    problems: list[Problem] = []
    for line, chunk in chunks:
        if isinstance(chunk, Problem):
            problems.append(chunk)
            continue
        try:
            part = inputs.load_bibliography(chunk, kind=kind, file=name)
        except InputError as bad:
            problems.append(Problem(f"{bad.message}; this entry is skipped", Location(name, bad.line or line), code="bad-entry", severity=Severity.ERROR))
            continue
        records.extend(part.records)
        problems.extend(part.warnings)
    if not records:
        return None
    return Loaded(tuple(_unique_keys(records)), None, {}, tuple(problems))


def _bib_chunks(text: str) -> list[tuple[int, str | Problem]]:
    """Each ``@entry`` alone, padded with blank lines so the parser reports true lines."""
    lines = text.splitlines(keepends=True)
    starts = [i for i, line in enumerate(lines) if re.match(r"\s*@", line)]
    out: list[tuple[int, str | Problem]] = []
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(lines)
        out.append((start + 1, "\n" * start + "".join(lines[start:end])))
    return out


def _json_chunks(text: str, name: str) -> list[tuple[int, str | Problem]] | None:
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        return None  # not JSON at all: nothing to salvage
    if isinstance(data, dict) and isinstance(data.get("items"), list):
        data = data["items"]
    if not isinstance(data, list):
        return None
    out: list[tuple[int, str | Problem]] = []
    for n, item in enumerate(data, 1):
        if isinstance(item, dict):
            out.append((n, json.dumps([item])))
        else:
            out.append((n, Problem(f"item {n} is not a JSON object; skipped", Location(name), code="bad-entry", severity=Severity.ERROR)))
    return out


def _unique_keys(records: list[Record]) -> list[Record]:
    """Entries read one by one may each get the same made-up key; keep them apart the way
    a file's duplicate keys are kept apart everywhere else (``citekeys.unique``)."""
    from dataclasses import replace

    from footnote_kit.citekeys import unique

    seen: set[str] = set()
    out = []
    for r in records:
        key = unique(r.key, seen) if r.key in seen else r.key
        seen.add(key)
        out.append(r if key == r.key else replace(r, key=key, source=r.source.with_changes(id=key)))
    return out
