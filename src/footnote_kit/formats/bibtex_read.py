""".bib text -> records, keeping every entry and field (the reading half of ``bibtex``).

Failures are data (bibtexparser v2's ``failed_blocks`` is the model): an entry that cannot be
read becomes an error-severity ``Problem`` with its file and line, and reading goes on at the
next entry, so every command sees the same entries and the same problems. As in bibtexparser,
an entry is a block that starts with ``@`` at the start of a line: an entry left open (a
missing brace or quote) ends where the next such block starts, and is reported at the line
where it went wrong (the field left open, else the entry's first line).

Why pybtex's low-level parser: its error policy is global (``pybtex.errors.strict``); we
never touch it and pass our own ``handle_error``, which raises to the loop below. Each
entry's raw fields travel in ``Source.extra["_bibtex"]`` so that writing it back changes
nothing the user did not ask to change.
"""

from __future__ import annotations

import re
from typing import Any

from footnote_kit import citekeys
from footnote_kit.errors import InputError
from footnote_kit.formats.bibtex_tables import CSL_TYPES, MONTHS, PERSON_ROLES, READ_FIELDS, READ_TYPES, genre_of
from footnote_kit.formats.latex import BABEL_TO_ISO, decode
from footnote_kit.loaded import Loaded
from footnote_kit.model import Location, Name, Problem, Record, Severity, Source


def read(text: str, *, file: str | None = None) -> Loaded:
    """.bib text -> every entry that could be read, plus a problem (with its line) for each
    entry that could not, each duplicate key and each entry without a title."""
    from pybtex.scanner import PybtexError  # type: ignore[import-untyped]

    records: list[Record] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    parser = _parser(text, file)
    line, pos = 1, 0
    commands = iter(parser)
    while True:
        try:
            command = next(commands)
        except StopIteration:
            break
        except PybtexError as err:
            start = parser.command_start
            line += text.count("\n", pos, start)
            resume = _next_block(text, start)
            problems.append(_failure(parser, err, file, line, text, resume))
            # Go on at the next block, counting lines from there.
            parser.pos, parser.lineno = resume, line + text.count("\n", start, resume)
            line, pos = parser.lineno, resume
            commands = iter(parser)
            continue
        etype, body = command
        # Counted from the previous entry on: counting from the top is quadratic.
        line += text.count("\n", pos, parser.command_start)
        pos = parser.command_start
        low = etype.lower()
        if low in ("string", "preamble", "comment"):
            continue
        key, fields = body
        where = Location(file, line)
        swallowed = _BLOCK.search(text, text.find("\n", pos) + 1 or len(text), parser.pos)
        if swallowed:
            # An entry left open ran on through the next one: report it, read the next.
            at = line + text.count("\n", pos, swallowed.start())
            message = f"syntax error in entry {key or ''!r}: not closed before the entry at line {at} (a closing brace or quote is missing)"
            problems.append(Problem(message, where, code="bad-entry", severity=Severity.ERROR))
            parser.pos, parser.lineno = swallowed.start(), at
            line, pos = at, swallowed.start()
            commands = iter(parser)
            continue
        try:
            raw = _raw_fields(fields, key, where)
        except InputError as bad:
            problems.append(Problem(bad.message, where, code="bad-entry", severity=Severity.ERROR))
            continue
        record = _record(etype, key or "", raw)
        if key and key in seen:
            new = citekeys.unique(key, seen)
            problems.append(Problem(f"duplicate key {key!r} (first at line {seen[key]}): written as {new!r}", where, code="duplicate-key"))
            record = Record(key=new, source=record.source.with_changes(id=new))
            key = new
        if key:
            seen[key] = line
        if not record.source.title:
            problems.append(Problem(f"entry {key!r} has no title", where, code="no-title"))
        records.append(record)
    return Loaded(records=tuple(records), problems=tuple(problems), kind="bibtex")


_BLOCK = re.compile(r"^[ \t]*@[^\W\d][\w-]*[ \t]*[{(]", re.MULTILINE)
"""Where a block (entry, @string...) starts: ``@name{`` at the start of a line."""


def _next_block(text: str, start: int) -> int:
    """Where reading goes on after a broken block: the next block on a later line, else the end."""
    eol = text.find("\n", start)
    found = _BLOCK.search(text, eol + 1) if eol >= 0 else None
    return found.start() if found else len(text)


def _failure(parser: Any, err: Exception, file: str | None, line: int, text: str, end: int) -> Problem:
    """One unreadable entry as a problem, at the line where it went wrong.

    That is the field left open (an unclosed brace or quote runs on until the parser gives
    up, often in a later entry), else where the parser stopped if still inside the entry,
    else the entry's first line (its closing brace is missing).
    """
    what = str(getattr(err, "message", "") or str(err).split(": ", 1)[-1])
    stopped = getattr(err, "lineno", None) or parser.lineno
    end_line = line + text.count("\n", parser.command_start, end)
    key = parser.current_entry_key
    kind = getattr(err, "error_type", "syntax error")  # or "undefined string" (an @string never defined)
    head = f"{kind} in entry {key!r}" if key else kind
    field = parser.open_field
    if field is not None and field[0]:
        name, at = field
        ran_on = stopped >= end_line or what in ("premature end of file", "unbalanced braces")
        message = f"{head}: the value of {name!r} is not closed ({what})" if ran_on else f"{head}, field {name!r}: {what}"
        return Problem(message, Location(file, at), code="bad-entry", severity=Severity.ERROR)
    if stopped < end_line or end == len(text):
        return Problem(f"{head}: {what}", Location(file, stopped), code="bad-entry", severity=Severity.ERROR)
    message = f"{head}: not closed before the entry at line {end_line} (a closing brace or quote is missing)"
    return Problem(message, Location(file, line), code="bad-entry", severity=Severity.ERROR)


def _parser(text: str, file: str | None) -> Any:
    """pybtex's low-level parser that raises on errors and remembers the field it is in."""
    from pybtex.database.input.bibtex import LowLevelParser  # type: ignore[import-untyped]

    def fail(error: Exception) -> None:
        raise error

    class _Parser(LowLevelParser):  # type: ignore[misc]
        open_field: tuple[str, int] | None = None

        # ``@book{,`` (an entry whose key was left empty) is read with no key rather than
        # failing: ``inputs.load`` gives it one by the key rules.
        def parse_command(self) -> Any:
            self.open_field = None
            return super().parse_command()

        def parse_entry_body(self, body_end: Any) -> None:
            if _EMPTY_KEY.match(self.text, self.pos):
                self.current_entry_key = None
                self.parse_entry_fields()
                return
            super().parse_entry_body(body_end)

        def parse_value(self) -> None:
            # A value left open runs on past its field: remember the field's line.
            self.open_field = (self.current_field_name, self.lineno)
            super().parse_value()
            self.open_field = None

    macros: dict[str, str] = {m: m for m in MONTHS}
    return _Parser(text, macros=_MacroDict(macros), handle_error=fail, filename=file)


_EMPTY_KEY = re.compile(r"\s*,")


class _MacroDict(dict):  # type: ignore[type-arg]
    """Month macros read as themselves (``dec``), other @string macros as pybtex knows them."""

    def __getitem__(self, name: str) -> str:
        return str(super().__getitem__(name.lower()))

    def __setitem__(self, name: str, value: str) -> None:
        super().__setitem__(name.lower(), value)


def _raw_fields(fields: list[tuple[str, list[str]]], key: str, where: Location) -> dict[str, str]:
    out: dict[str, str] = {}
    for name, parts in fields:
        low = name.lower()
        if low in out:
            raise InputError(f"entry {key!r} has the field {name!r} twice", file=where.file, line=where.line)
        out[low] = re.sub(r"\s+", " ", "".join(parts)).strip()
    return out


def _record(etype: str, key: str, raw: dict[str, str]) -> Record:
    """Raw .bib fields -> a Source (decoded text), keeping the raw entry in ``extra``."""
    from pybtex.database import Person  # type: ignore[import-untyped]
    from pybtex.database.input.bibtex import split_name_list

    low = etype.lower()
    sub = decode(raw.get("entrysubtype", "")).lower()
    ctype = {"newspaper": "article-newspaper", "magazine": "article-magazine"}.get(sub) if low == "article" else None
    if not ctype and sub in CSL_TYPES:
        ctype = sub
    ctype = ctype or READ_TYPES.get(low, "document")
    d = {k: decode(v) for k, v in raw.items() if k in READ_FIELDS and k != "url"}
    kw: dict[str, Any] = {"type": ctype, "id": key or None}
    kw["title"] = d.get("title")
    addon = d.get("titleaddon", "")
    note = d.get("note")
    if addon.startswith("[") and addon.endswith("]"):
        kw["translated_title"] = addon[1:-1]
    elif note and note.startswith("[") and "]" in note:
        kw["translated_title"], rest = note[1:].split("]", 1)
        note = rest.lstrip(". ") or None
    kw["note"] = note
    journal = d.get("journaltitle") or d.get("journal")
    if low == "article":
        kw["container_title"] = journal
        kw["publisher"] = d.get("publisher")
        kw["issue"] = d.get("number") or d.get("issue")
    elif low in ("report", "techreport", "thesis", "phdthesis", "mastersthesis", "manual"):
        kw["publisher"] = d.get("institution") or d.get("school") or d.get("organization") or d.get("publisher")
        if kw["publisher"] and decode(raw.get("author", "")) == kw["publisher"]:
            kw["publisher"] = None  # the signing body, written as institution too (export's rule)
        kw["container_title"] = d.get("series")
        kw["number"] = d.get("number")
    elif low in ("incollection", "inproceedings", "inbook"):
        kw["container_title"] = d.get("booktitle")
        kw["publisher"] = d.get("publisher")
        kw["number"] = d.get("number")
    elif low in ("book", "mvbook", "proceedings", "booklet"):
        kw["publisher"] = d.get("publisher")
        kw["number"] = d.get("number")
    else:
        kw["container_title"] = d.get("organization") or d.get("howpublished") or journal
        kw["publisher"] = d.get("publisher")
        kw["number"] = d.get("number")
    kw["genre"] = genre_of(d.get("type"), ctype)
    if "series" in d and not kw.get("container_title"):
        kw["collection_title"] = d["series"]
    for attr, name in (("volume", "volume"), ("edition", "edition"), ("DOI", "doi"), ("ISBN", "isbn")):
        kw[attr] = d.get(name)
    if d.get("pages"):
        kw["page"] = d["pages"]
    kw["publisher_place"] = d.get("location") or d.get("address")
    kw["issued"] = _date(d.get("date")) or _year_month(d.get("year"), d.get("month"))
    kw["accessed"] = _date(d.get("urldate"))
    kw["URL"] = raw.get("url")
    lang = d.get("langid") or d.get("language")
    kw["language"] = BABEL_TO_ISO.get(lang.lower(), lang) if lang else None
    for role in PERSON_ROLES:
        if role in raw:
            kw[role] = tuple(_name(Person(n)) for n in split_name_list(raw[role]))
    kw = {k: v for k, v in kw.items() if v not in (None, "")}
    kw["extra"] = {"_bibtex": {"type": etype, "fields": {k: v for k, v in raw.items() if k not in PERSON_ROLES}}}
    return Record(key=key, source=Source(**kw))


def _name(person: Any) -> Name:
    last = person.prelast_names + person.last_names
    first = person.first_names + person.middle_names
    if len(last) == 1 and not first and last[0].startswith("{") and last[0].endswith("}"):
        return Name(literal=decode(last[0]))
    family = decode(" ".join(last)) or None
    given = decode(" ".join(first)) or None
    if person.lineage_names:
        family = f"{family}, {decode(' '.join(person.lineage_names))}"
    return Name(family=family, given=given)


def _date(value: str | None) -> tuple[int, ...] | None:
    if not value:
        return None
    m = re.match(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", value.strip())
    if not m:
        return None
    return tuple(int(g) for g in m.groups() if g)


def _year_month(year: str | None, month: str | None) -> tuple[int, ...] | None:
    if not year or not re.match(r"^\d{4}", year.strip()):
        return None
    out = [int(year.strip()[:4])]
    if month:
        m = month.strip().lower()[:3]
        if m in MONTHS:
            out.append(MONTHS.index(m) + 1)
        elif m.isdigit() and 1 <= int(m) <= 12:
            out.append(int(m))
    return tuple(out)
