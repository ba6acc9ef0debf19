"""The data every stage of footnote-kit passes to the next.

Data flows one way: text -> ``RawNote`` -> ``Note`` (with ``Part``s holding ``Source``s)
-> ``Record`` (one per distinct source, with a citation key) -> .bib / CSL-JSON / rendered
text; and URLs -> ``UrlRef`` -> ``LinkResult`` (with an ``ArchiveSnapshot`` and a ``Repair``).

Why typed dataclasses rather than CSL-JSON dicts everywhere: every consumer (export,
check, render, lint, repair) reads the same handful of fields, and a typo in a dict key
fails silently where a typo in an attribute fails loudly. CSL-JSON exists only at the
boundary (``Source.to_csl`` / ``Source.from_csl``), and the JSON shapes written there are
contracts that outside scripts rely on (docs/parsing.md "Fields of a parsed source", docs/check.md "Output").

This module imports the standard library only: the pre-commit hook imports it on every
commit, and start-up time matters there.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace
from typing import Any, Mapping, Union

DateParts = tuple[int, ...]
"""(year,), (year, month) or (year, month, day): CSL's ``date-parts`` for one date."""


@dataclass(frozen=True)
class Location:
    """Where something was read, so every later message can point at it."""

    file: str | None = None
    line: int | None = None
    part: str | None = None
    """Where in a document without lines: ``footnote 12`` (Word, OpenDocument), ``page 4``
    (PDF), ``chapter2.xhtml`` (EPUB): the place a user can find."""

    def __str__(self) -> str:
        if self.file is None:
            return f"line {self.line}" if self.line else (self.part or "<input>")
        if self.line:
            return f"{self.file}:{self.line}"
        return f"{self.file}: {self.part}" if self.part else self.file


@dataclass(frozen=True)
class Name:
    """A person or an organisation as CSL names them.

    A person has ``family`` (and usually ``given``); an organisation or a name we cannot
    split safely has ``literal`` only. We never guess a split we are unsure of: a
    ``literal`` renders correctly in every style, a wrong family name does not.
    """

    family: str | None = None
    given: str | None = None
    literal: str | None = None

    def to_csl(self) -> dict[str, str]:
        if self.literal is not None:
            return {"literal": self.literal}
        out: dict[str, str] = {}
        if self.family is not None:
            out["family"] = self.family
        if self.given is not None:
            out["given"] = self.given
        return out

    @classmethod
    def from_csl(cls, data: Mapping[str, Any]) -> "Name":
        if "literal" in data:
            return cls(literal=str(data["literal"]))
        return cls(family=_opt_str(data.get("family")), given=_opt_str(data.get("given")))

    def display(self) -> str:
        """``Given Family`` or the literal: how the name reads in running text."""
        if self.literal is not None:
            return self.literal
        return " ".join(p for p in (self.given, self.family) if p)


# CSL-JSON keys of the scalar text fields a Source carries, in the order they are written.
# ``translated-title`` is our documented extension: CSL has no variable for the English
# translation a note prints after a non-English title, and folding it into ``title`` (as
# Zotero users do by hand) loses the distinction export and render need.
TEXT_FIELDS: dict[str, str] = {
    "title": "title",
    "translated_title": "translated-title",
    "container_title": "container-title",
    "collection_title": "collection-title",
    "publisher": "publisher",
    "publisher_place": "publisher-place",
    "genre": "genre",
    "number": "number",
    "page": "page",
    "volume": "volume",
    "issue": "issue",
    "edition": "edition",
    "medium": "medium",
    "URL": "URL",
    "DOI": "DOI",
    "ISBN": "ISBN",
    "language": "language",
    "note": "note",
}
NAME_FIELDS: dict[str, str] = {"author": "author", "editor": "editor", "translator": "translator", "interviewer": "interviewer"}
DATE_FIELDS: dict[str, str] = {"issued": "issued", "accessed": "accessed"}


@dataclass(frozen=True)
class Source:
    """One cited work: the unit that export, check and render consume.

    Field names follow CSL-JSON (with ``_`` for ``-``) so that nobody has to learn a second
    vocabulary. ``type`` is a CSL type (``article-newspaper``, ``article-journal``,
    ``book``, ``chapter``, ``report``, ``webpage``, ``interview``, ``document``, ...).
    ``extra`` keeps CSL-JSON keys we do not model, so that reading and writing a user's
    CSL-JSON file loses nothing.
    """

    type: str = "document"
    id: str | None = None
    author: tuple[Name, ...] = ()
    editor: tuple[Name, ...] = ()
    translator: tuple[Name, ...] = ()
    interviewer: tuple[Name, ...] = ()
    title: str | None = None
    translated_title: str | None = None
    container_title: str | None = None
    collection_title: str | None = None
    publisher: str | None = None
    publisher_place: str | None = None
    genre: str | None = None
    number: str | None = None
    page: str | None = None
    volume: str | None = None
    issue: str | None = None
    edition: str | None = None
    medium: str | None = None
    URL: str | None = None
    DOI: str | None = None
    ISBN: str | None = None
    language: str | None = None
    note: str | None = None
    issued: DateParts | None = None
    accessed: DateParts | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)

    def to_csl(self) -> dict[str, Any]:
        """The CSL-JSON item: the shape ``parse`` prints and ``export`` writes."""
        out: dict[str, Any] = {}
        if self.id is not None:
            out["id"] = self.id
        out["type"] = self.type
        for attr, key in NAME_FIELDS.items():
            names = getattr(self, attr)
            if names:
                out[key] = [n.to_csl() for n in names]
        for attr, key in TEXT_FIELDS.items():
            value = getattr(self, attr)
            if value is not None and value != "":
                out[key] = value
        for attr, key in DATE_FIELDS.items():
            value = getattr(self, attr)
            if value:
                out[key] = {"date-parts": [list(value)]}
        for key, value in self.extra.items():
            out.setdefault(key, value)
        return out

    @classmethod
    def from_csl(cls, item: Mapping[str, Any]) -> "Source":
        """Read a CSL-JSON item; unknown keys are kept in ``extra``, nothing is dropped."""
        kwargs: dict[str, Any] = {"type": str(item.get("type") or "document")}
        known = {"type", "id"}
        if item.get("id") is not None:
            kwargs["id"] = str(item["id"])
        for attr, key in NAME_FIELDS.items():
            if isinstance(item.get(key), list):
                kwargs[attr] = tuple(Name.from_csl(n) for n in item[key] if isinstance(n, Mapping))
                known.add(key)
        for attr, key in TEXT_FIELDS.items():
            if item.get(key) is not None and not isinstance(item.get(key), (dict, list)):
                kwargs[attr] = str(item[key])
                known.add(key)
        for attr, key in DATE_FIELDS.items():
            parts = _date_parts(item.get(key))
            if parts is not None:
                kwargs[attr] = parts
                known.add(key)
        kwargs["extra"] = {k: v for k, v in item.items() if k not in known}
        return cls(**kwargs)

    def with_changes(self, **changes: Any) -> "Source":
        return replace(self, **changes)

    @property
    def year(self) -> int | None:
        return self.issued[0] if self.issued else None


def _opt_str(value: Any) -> str | None:
    return None if value is None else str(value)


def _date_parts(value: Any) -> DateParts | None:
    """CSL date object -> tuple; ``raw``/``literal`` dates we cannot read stay in ``extra``."""
    if not isinstance(value, Mapping):
        return None
    parts = value.get("date-parts")
    if not (isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]):
        return None
    try:
        return tuple(int(p) for p in parts[0][:3])
    except (TypeError, ValueError):
        return None


# ---------------------------------------------------------------------------------------
# Notes and their parts
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RawNote:
    """A footnote as found in a document, before its text is parsed.

    ``number`` is the note's number (for Markdown labels such as ``[^fn-a]``, its place
    in the order notes are called, as pandoc numbers them, with the label kept in
    ``label``). ``text`` is the note joined onto one
    line, with breaks from wrapping already mended. ``links`` holds hrefs the document
    attached to the note's text (HTML ``<a href>``, LaTeX ``\\href``) which the text alone
    would lose.
    """

    number: int
    text: str
    location: Location = Location()
    label: str | None = None
    links: tuple[str, ...] = ()
    emphasis: tuple[tuple[int, int], ...] = ()
    """Character spans of ``text`` that the document set in italics (Markdown ``*…*``,
    LaTeX ``\\emph``, HTML ``<i>``/``<em>``, Word italics): the strongest sign of a book or
    journal title that plain text loses, so readers that see it pass it on."""

    @property
    def printed(self) -> str:
        """The note's number as the document prints it: its label when that is the number
        with a letter added (``15a``, a note inserted between 15 and 16), else the number."""
        number = str(self.number)
        label = self.label
        if label and label != number and label.startswith(number) and label[len(number) :].isalpha():
            return label
        return number


@dataclass(frozen=True)
class Citation:
    """A part of a note that cites one source.

    ``prefix`` holds the writer's signal words before the source (``See``, ``cf.``,
    ``Vgl.``) and ``suffix`` their commentary after it: they belong to this citation of
    the source, not to the source, so they are never a field of ``source`` (CSL puts them
    in the citation item, not the reference). ``locator`` is the pinpoint the note cites
    (``50`` in ``…, 45–67, at 50``; the page of a book), as CSL's citation-item
    ``locator``. ``confidence`` gives, for fields the learned reader judged, how sure it
    is (0–1): a low value is a field worth a human look."""

    source: Source
    text: str = ""
    prefix: str | None = None
    suffix: str | None = None
    locator: str | None = None
    confidence: Mapping[str, float] = field(default_factory=dict)
    certain: frozenset[str] = field(default=frozenset(), compare=False, repr=False)
    """CSL keys of the fields a rule read without guessing (a quoted title, a parsed
    date): the learned reader never overrides them. Not part of the JSON."""
    kind: str = field(default="citation", init=False)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "text": self.text, "item": self.source.to_csl()}
        if self.prefix:
            out["prefix"] = self.prefix
        if self.locator:
            out["locator"] = self.locator
        if self.suffix:
            out["suffix"] = self.suffix
        if self.confidence:
            out["confidence"] = {k: round(v, 3) for k, v in self.confidence.items()}
        return out


@dataclass(frozen=True)
class Remark:
    """A part of a note that cites nothing: explanation, comment, ``See:`` on its own."""

    text: str
    kind: str = field(default="note", init=False)

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "text": self.text}


@dataclass(frozen=True)
class Ibid:
    """``Ibid.`` / ``op. cit.``: repeats the source(s) of an earlier note.

    ``refers_to`` is the number of the note whose sources are repeated (None when there is
    no earlier note: lint reports that). ``sources`` are those sources, with ``page``
    replaced by ``locator`` when the ibid gives a new one.
    """

    text: str
    refers_to: int | None = None
    sources: tuple[Source, ...] = ()
    locator: str | None = None
    kind: str = field(default="ibid", init=False)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "text": self.text, "refers_to": self.refers_to}
        if self.locator is not None:
            out["locator"] = self.locator
        out["item"] = self.sources[0].to_csl() if self.sources else None
        if len(self.sources) > 1:
            out["items"] = [s.to_csl() for s in self.sources]
        return out


Part = Union[Citation, Remark, Ibid]


@dataclass(frozen=True)
class Note:
    """A parsed footnote: its number, joined text, and ordered parts."""

    number: int
    text: str
    parts: tuple[Part, ...] = ()
    location: Location = Location()
    label: str | None = None
    emphasis: tuple[tuple[int, int], ...] = ()
    """The italic spans of ``text`` (``RawNote.emphasis``), kept for tools after the parser."""

    @property
    def sources(self) -> tuple[Source, ...]:
        """Every source this note cites, ibid. included, in order."""
        out: list[Source] = []
        for part in self.parts:
            if isinstance(part, Citation):
                out.append(part.source)
            elif isinstance(part, Ibid):
                out.extend(part.sources)
        return tuple(out)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"number": self.number, "text": self.text}
        if self.label is not None and self.label != str(self.number):
            out["label"] = self.label
        out["file"] = self.location.file
        out["line"] = self.location.line
        if self.location.part is not None:
            out["where"] = self.location.part
        if self.emphasis:
            out["emphasis"] = [list(span) for span in self.emphasis]
        out["parts"] = [p.to_json() for p in self.parts]
        return out


class Severity(str, enum.Enum):
    WARNING = "warning"
    ERROR = "error"


@dataclass(frozen=True)
class Problem:
    """Something a user should hear about, with where it is. Pipelines return these as data
    (they never print), and the CLI decides how to show them and which exit code follows.
    ``code`` names the rule (``missing-note``, ``date-mismatch``, ...) so it can be
    switched off in configuration.
    """

    message: str
    location: Location = Location()
    code: str = "warning"
    severity: Severity = Severity.WARNING
    note: int | None = None

    def __str__(self) -> str:
        return f"{self.location}: {self.severity.value}: {self.message} [{self.code}]"

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.location.file,
            "line": self.location.line,
            "note": self.note,
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
        }


@dataclass(frozen=True)
class ParseResult:
    """What ``parse`` returns: the notes, in order, and everything worth a warning."""

    notes: tuple[Note, ...]
    warnings: tuple[Problem, ...] = ()
    ranges: tuple[tuple[int, int], ...] = ()
    """The consecutive blocks of notes that were found (or selected), as (first, last)."""

    def to_json(self) -> dict[str, Any]:
        return {
            "notes": [n.to_json() for n in self.notes],
            "warnings": [w.to_json() for w in self.warnings],
        }


# ---------------------------------------------------------------------------------------
# Records: one per distinct source, with a stable key
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Record:
    """A distinct source with its citation key and the notes that cite it."""

    key: str
    source: Source
    notes: tuple[int, ...] = ()


# ---------------------------------------------------------------------------------------
# Links
# ---------------------------------------------------------------------------------------


class LinkStatus(str, enum.Enum):
    """Exactly one per checked URL; documented in docs/check.md ("Statuses")."""

    OK = "ok"
    REDIRECTED = "redirected"
    DEAD = "dead"
    ERROR = "error"
    TIMEOUT = "timeout"
    BLOCKED = "blocked"
    SOFT_404 = "soft-404"
    INVALID = "invalid"
    UNSUPPORTED = "unsupported"
    EXCLUDED = "excluded"


@dataclass(frozen=True)
class Citing:
    """One place a URL is cited: file and line, note number, bibliography key, cited date."""

    file: str | None = None
    line: int | None = None
    note: int | None = None
    key: str | None = None
    date: DateParts | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "line": self.line,
            "note": self.note,
            "key": self.key,
            "date": _iso(self.date),
        }


@dataclass(frozen=True)
class UrlRef:
    """A URL to check, with every place that cites it (the same URL is checked once)."""

    url: str
    cited: tuple[Citing, ...] = ()
    title: str | None = None
    """The cited title (and translation), which URL repair uses as evidence for slugs."""
    translated_title: str | None = None
    printed: str | None = None
    """The URL as the page prints it, when a PDF link annotation gave ``url`` exactly and
    the print differs (broken at a line end): ``check --repair`` reports it (``pdf-link``)."""


@dataclass(frozen=True)
class ArchiveSnapshot:
    url: str
    timestamp: str
    """The archive's 14-digit ``YYYYMMDDhhmmss``."""
    days_from_cited: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {"url": self.url, "timestamp": self.timestamp, "days_from_cited": self.days_from_cited}


@dataclass(frozen=True)
class Repair:
    """A likely original for a URL that copying out of a PDF damaged.

    ``evidence`` is ``live`` (the candidate answers where the printed URL does not),
    ``archive`` (the archive has captures of it and none of the printed URL), ``pdf-link``
    (the PDF's link annotation gives it; the page prints it damaged) or ``none``
    (candidates are suggestions only, never applied).
    """

    url: str | None
    evidence: str
    candidates: tuple[str, ...] = ()
    archive: "ArchiveSnapshot | None" = None
    """With ``archive`` evidence (``check --repair``): the repaired URL's capture nearest
    the cited date, the copy to read."""

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"url": self.url, "evidence": self.evidence, "candidates": list(self.candidates)}
        if self.archive is not None:
            out["archive"] = self.archive.to_json()
        return out


@dataclass(frozen=True)
class Verdict:
    """The live answer for one URL: one status and why.

    Kept here, not in ``links.http``, so that the link cache (and so the pre-commit
    hook on a warm cache) can read and write verdicts without importing the checker.
    """

    url: str
    status: LinkStatus
    http_status: int | None = None
    final_url: str | None = None
    elapsed_ms: int = 0
    detail: str | None = None

    @property
    def transient(self) -> bool:
        """A verdict that another run could reverse: never cached as final."""
        return self.status in (LinkStatus.ERROR, LinkStatus.TIMEOUT)


@dataclass(frozen=True)
class LinkResult:
    url: str
    status: LinkStatus
    http_status: int | None = None
    final_url: str | None = None
    elapsed_ms: int | None = None
    cited: tuple[Citing, ...] = ()
    archive: ArchiveSnapshot | None = None
    repair: Repair | None = None
    detail: str | None = None
    """One human sentence on why this status (``HTTP 404``, ``title says 'Page not found'``)."""

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "url": self.url,
            "status": self.status.value,
            "http_status": self.http_status,
            "final_url": self.final_url,
            "elapsed_ms": self.elapsed_ms,
            "cited": [c.to_json() for c in self.cited],
            "archive": self.archive.to_json() if self.archive else None,
        }
        if self.detail is not None:
            out["detail"] = self.detail
        if self.repair is not None:
            out["repair"] = self.repair.to_json()
        return out


def iso_date(parts: DateParts | None) -> str | None:
    """``(2012, 3, 14)`` -> ``2012-03-14`` (ISO 8601, as CSL and BibLaTeX write dates);
    ``(2012, 3)`` -> ``2012-03``; no date -> None."""
    if not parts:
        return None
    return "-".join(f"{p:04d}" if i == 0 else f"{p:02d}" for i, p in enumerate(parts))


_iso = iso_date
