"""What ``render`` accepts: a document with notes, a ``.bib`` file, or CSL-JSON.

A document keeps its notes (notes mode needs them); a ``.bib`` or CSL-JSON file is a list
of sources only. Bad entries are reported as ``Problem``s and skipped, never fatal: one
broken entry in a 300-entry ``.bib`` must not stop the other 299 from rendering.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from footnote_kit.errors import InputError
from footnote_kit.files import read_text
from footnote_kit.model import Location, Name, Note, Problem, Source


@dataclass(frozen=True)
class Loaded:
    """``notes`` is None for a bibliography file (.bib, CSL-JSON): it has sources only."""

    sources: tuple[Source, ...]
    notes: tuple[Note, ...] | None = None
    problems: tuple[Problem, ...] = ()


def kind_of(path: str, text: str) -> str:
    """``bib``, ``csl-json`` or ``document``: by suffix, then by the first character."""
    suffix = Path(path).suffix.lower()
    if suffix in {".bib", ".bibtex"}:
        return "bib"
    if suffix == ".json":
        return "csl-json"
    head = text.lstrip()[:1]
    if head in {"[", "{"} and suffix not in {".md", ".txt", ".tex", ".html", ".htm"}:
        return "csl-json"
    if suffix == "" and re.match(r"\s*@\w+\s*[{(]", text):
        return "bib"
    return "document"


def load_input(
    path: str | os.PathLike[str],
    *,
    notes: tuple[int, int] | None = None,
    encoding: str | None = None,
) -> Loaded:
    """Read ``path`` as whatever it is; raises ``InputError`` only when nothing is usable."""
    name = os.fspath(path)
    text = read_text(name, encoding=encoding)
    kind = kind_of(name, text)
    if kind == "csl-json":
        if notes is not None:
            raise InputError("--notes applies to a document with notes, not to CSL-JSON", file=name)
        return read_csl_json(text, file=name)
    if kind == "bib":
        if notes is not None:
            raise InputError("--notes applies to a document with notes, not to a .bib file", file=name)
        return read_bib(text, file=name)
    from footnote_kit.parse import parse_text

    result = parse_text(text, file=name, notes=notes)
    sources = tuple(s for note in result.notes for s in note.sources)
    return Loaded(sources=sources, notes=result.notes, problems=result.warnings)


# ---------------------------------------------------------------------------------------
# CSL-JSON
# ---------------------------------------------------------------------------------------


def read_csl_json(text: str, *, file: str | None = None) -> Loaded:
    """A CSL-JSON array (or ``{"items": [...]}``); entries that are not objects are skipped."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise InputError(f"not valid CSL-JSON: {err.msg} (column {err.colno})", file=file, line=err.lineno) from None
    if isinstance(data, dict) and isinstance(data.get("items"), list):
        data = data["items"]
    elif isinstance(data, dict) and "type" in data:
        data = [data]
    if not isinstance(data, list):
        raise InputError("not CSL-JSON: expected an array of items", file=file)
    sources: list[Source] = []
    problems: list[Problem] = []
    for n, item in enumerate(data, 1):
        if not isinstance(item, dict):
            problems.append(Problem(f"item {n} is not a JSON object; skipped", Location(file), code="bad-item"))
            continue
        source = Source.from_csl(item)
        sources.append(source if source.id else source.with_changes(id=f"item-{n}"))
    return Loaded(sources=tuple(sources), problems=tuple(problems))


# ---------------------------------------------------------------------------------------
# BibTeX / BibLaTeX
# ---------------------------------------------------------------------------------------

_BIB_TYPES = {
    "article": "article-journal",
    "book": "book",
    "mvbook": "book",
    "inbook": "chapter",
    "incollection": "chapter",
    "collection": "book",
    "inproceedings": "paper-conference",
    "conference": "paper-conference",
    "proceedings": "book",
    "techreport": "report",
    "report": "report",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "thesis": "thesis",
    "online": "webpage",
    "www": "webpage",
    "electronic": "webpage",
    "manual": "book",
    "unpublished": "manuscript",
    "misc": "document",
    "newspaper": "article-newspaper",
}
_BIB_TEXT = {
    "title": "title",
    "booktitle": "container_title",
    "journal": "container_title",
    "journaltitle": "container_title",
    "series": "collection_title",
    "publisher": "publisher",
    "institution": "publisher",
    "organization": "publisher",
    "school": "publisher",
    "address": "publisher_place",
    "location": "publisher_place",
    "pages": "page",
    "volume": "volume",
    "edition": "edition",
    "url": "URL",
    "doi": "DOI",
    "isbn": "ISBN",
    "langid": "language",
    "language": "language",
    "note": "note",
    "type": "genre",
    "titleaddon": "translated_title",
}
_MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}


def read_bib(text: str, *, file: str | None = None) -> Loaded:
    """BibTeX/BibLaTeX -> sources; syntax errors are reported and the rest is kept."""
    import pybtex.errors  # type: ignore[import-untyped]
    from pybtex.database import parse_string  # type: ignore[import-untyped]
    from pybtex.scanner import PybtexError  # type: ignore[import-untyped]

    problems: list[Problem] = []
    with pybtex.errors.capture() as captured:
        try:
            data = parse_string(text, "bibtex")
        except PybtexError as err:
            raise InputError(f"not a readable .bib file: {err}", file=file, line=getattr(err, "lineno", None)) from None
    for trouble in captured:
        line = getattr(trouble, "lineno", None)
        problems.append(Problem(f"malformed .bib: {trouble}; the entry there may be incomplete or skipped", Location(file, line), code="bad-bib"))
    sources = [_bib_source(key, entry) for key, entry in data.entries.items()]
    if not sources and problems:
        raise InputError(f"no entry could be read: {problems[0].message}", file=file, line=problems[0].location.line)
    return Loaded(sources=tuple(sources), problems=tuple(problems))


def _bib_source(key: str, entry: Any) -> Source:
    fields = {k.lower(): _bib_text(str(v)) for k, v in entry.fields.items()}
    kwargs: dict[str, Any] = {"id": key, "type": _BIB_TYPES.get(entry.type.lower(), "document")}
    for bib, attr in _BIB_TEXT.items():
        if fields.get(bib) and attr not in kwargs:
            kwargs[attr] = fields[bib]
    if fields.get("number"):
        kwargs["issue" if kwargs["type"].startswith("article") else "number"] = fields["number"]
    if kwargs["type"] == "article-journal" and fields.get("entrysubtype", "").lower() in {"newspaper", "magazine"}:
        kwargs["type"] = f"article-{fields['entrysubtype'].lower()}"
    issued = _bib_date(fields.get("date"), fields.get("year"), fields.get("month"))
    if issued:
        kwargs["issued"] = issued
    accessed = _bib_date(fields.get("urldate"), None, None)
    if accessed:
        kwargs["accessed"] = accessed
    for role in ("author", "editor", "translator"):
        persons = entry.persons.get(role) or entry.persons.get(role.capitalize())
        if persons:
            kwargs[role] = tuple(_bib_name(p) for p in persons)
    return Source(**kwargs)


def _bib_text(value: str) -> str:
    """Braces that protect case and simple accents are BibTeX syntax, not text."""
    from pybtex.markup import LaTeXParser  # type: ignore[import-untyped]

    try:
        plain = LaTeXParser(value).parse().render_as("text")
    except Exception:  # noqa: BLE001 - a field we cannot de-LaTeX stays as written
        plain = value.replace("{", "").replace("}", "")
    return " ".join(plain.split())


def _bib_name(person: Any) -> Name:
    first = " ".join(person.first_names + person.middle_names)
    last = " ".join(person.prelast_names + person.last_names)
    if not first and len(person.last_names) == 1 and str(person.last_names[0]).startswith("{"):
        return Name(literal=_bib_text(last))
    return Name(family=_bib_text(last) or None, given=_bib_text(first) or None)


def _bib_date(date: str | None, year: str | None, month: str | None) -> tuple[int, ...] | None:
    if date:
        m = re.match(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", date.strip())
        if m:
            return tuple(int(g) for g in m.groups() if g)
    if year and re.fullmatch(r"\d{4}", year.strip()):
        parts = [int(year)]
        if month:
            mm = month.strip().lower()[:3]
            num = _MONTHS.get(mm) or (int(mm) if mm.isdigit() and 1 <= int(mm) <= 12 else None)
            if num:
                parts.append(num)
        return tuple(parts)
    return None
