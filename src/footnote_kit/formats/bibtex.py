"""BibTeX and BibLaTeX, written and read with pybtex (imported here only, on use).

Entry types follow the data (README, "Entry types"). Field values are encoded here, not by
pybtex: ``& % # _ $``, braces and backslashes are escaped; every word with a capital after
a title's first word is wrapped in braces (``{UN}``, ``{Taliban}``), because a style that
changes case cannot tell a proper name from a title-cased word and we would rather keep
what the note printed; non-ASCII text stays UTF-8 unless ``ascii`` asks for LaTeX escapes.

The English translation of a title goes in ``titleaddon`` as ``[translation]`` (biblatex
styles and pandoc print it right after the title; classic BibTeX styles ignore it, so the
``bibtex`` dialect writes it at the head of ``note``). A title with a known non-English
language gets ``langid``; one with a translation but no known language is wrapped whole in
braces so that no style re-cases it.

Reading keeps every entry and field: what the model has no slot for (and the exact text of
each field) travels in ``Source.extra["_bibtex"]`` and is written back when unchanged.
"""

from __future__ import annotations

import re
from typing import Any, Sequence

from footnote_kit import citekeys
from footnote_kit.errors import InputError
from footnote_kit.model import Location, Name, Problem, Record, Source
from footnote_kit.formats.latex import (
    BABEL_TO_ISO,
    decode,
    encode,
    iso_to_babel,
)

MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# Fields that styles (and pandoc) change the case of; journal and series names they leave alone.
TITLE_FIELDS = frozenset({"title", "titleaddon", "booktitle", "maintitle"})
PERSON_ROLES = ("author", "editor", "translator")

# CSL type -> (biblatex type, BibTeX type). Why these: pandoc and biber read all of them;
# news items are @article with entrysubtype (pandoc reads that back as article-newspaper and
# biblatex prints the outlet as a journal title), web pages @online (classic: @misc).
ENTRY_TYPES: dict[str, tuple[str, str]] = {
    "article-newspaper": ("article", "article"),
    "article-magazine": ("article", "article"),
    "article-journal": ("article", "article"),
    "article": ("article", "article"),
    "book": ("book", "book"),
    "chapter": ("incollection", "incollection"),
    "paper-conference": ("inproceedings", "inproceedings"),
    "report": ("report", "techreport"),
    "thesis": ("thesis", "phdthesis"),
    "webpage": ("online", "misc"),
    "post": ("online", "misc"),
    "post-weblog": ("online", "misc"),
}
CSL_TYPES = frozenset(
    """article article-journal article-magazine article-newspaper bill book broadcast chapter
    classic collection dataset document entry entry-dictionary entry-encyclopedia figure graphic
    hearing interview legal_case legislation manuscript map motion_picture musical_score pamphlet
    paper-conference patent performance periodical personal_communication post post-weblog
    regulation report review review-book software song speech standard thesis treaty webpage""".split()
)
BIBLATEX_ONLY_TYPES = frozenset({"online", "report", "thesis", "mvbook", "collection", "mvcollection", "dataset", "software", "patent", "periodical"})
SUBTYPES = {"article-newspaper": "newspaper", "article-magazine": "magazine"}
# Entry type read back -> CSL type (entrysubtype decides between the article kinds).
READ_TYPES: dict[str, str] = {
    "article": "article-journal", "book": "book", "mvbook": "book", "inbook": "chapter",
    "incollection": "chapter", "inproceedings": "paper-conference", "report": "report",
    "techreport": "report", "thesis": "thesis", "phdthesis": "thesis", "mastersthesis": "thesis",
    "online": "webpage", "www": "webpage", "electronic": "webpage", "misc": "document",
    "manual": "report", "booklet": "pamphlet", "unpublished": "manuscript", "proceedings": "book",
}


def entry_type(source: Source, dialect: str) -> str:
    pair = ENTRY_TYPES.get(source.type)
    if pair is None:
        pair = ("online", "misc") if source.URL else ("misc", "misc")
    return pair[0] if dialect == "biblatex" else pair[1]


def _iso(parts: tuple[int, ...]) -> str:
    return "-".join(f"{p:04d}" if i == 0 else f"{p:02d}" for i, p in enumerate(parts))


def fields_of(source: Source, dialect: str) -> tuple[str, dict[str, str], dict[str, list[Name]]]:
    """A source as (entry type, plain-text fields, persons), before any LaTeX encoding."""
    etype = entry_type(source, dialect)
    f: dict[str, str] = {}
    biblatex = dialect == "biblatex"
    if source.title:
        f["title"] = source.title
    if source.translated_title:
        if biblatex:
            f["titleaddon"] = f"[{source.translated_title}]"
    body = source.container_title
    issuer = source.publisher
    if etype == "article":
        if body or issuer:
            f["journaltitle" if biblatex else "journal"] = body or issuer or ""
            if body and issuer:
                f["publisher"] = issuer
        if source.type in SUBTYPES and biblatex:
            f["entrysubtype"] = SUBTYPES[source.type]
        if source.issue:
            f["number"] = source.issue
    elif etype in ("report", "techreport", "thesis", "phdthesis"):
        inst = issuer or body
        if inst:
            f["institution" if etype != "phdthesis" else "school"] = inst
        if body and issuer and body != issuer:
            f["series"] = body
        if source.genre:
            f["type"] = source.genre
    elif etype in ("incollection", "inproceedings"):
        if body:
            f["booktitle"] = body
        if issuer:
            f["publisher"] = issuer
    elif etype == "book":
        if issuer or body:
            f["publisher"] = issuer or body or ""
    else:  # online / misc
        org = body or issuer
        if org:
            f["organization" if biblatex else "howpublished"] = org
        if body and issuer and body != issuer:
            f["publisher"] = issuer
    if biblatex and "entrysubtype" not in f and READ_TYPES.get(etype) != source.type and source.type in CSL_TYPES:
        # No entry type of its own (interview, speech, legislation...): biblatex's
        # entrysubtype carries it, which styles may use and the reader maps back.
        f["entrysubtype"] = source.type
    if source.genre and "type" not in f:
        f["type"] = source.genre
    if source.number and "number" not in f:
        f["number"] = source.number
    elif source.number:
        f["issue" if biblatex else "note"] = source.number
    if source.collection_title and "series" not in f:
        f["series"] = source.collection_title
    for attr, name in (("volume", "volume"), ("edition", "edition"), ("DOI", "doi"), ("ISBN", "isbn")):
        if getattr(source, attr):
            f[name] = getattr(source, attr)
    if source.page:
        f["pages"] = source.page
    if source.publisher_place:
        f["location" if biblatex else "address"] = source.publisher_place
    if source.issued:
        if biblatex:
            f["date"] = _iso(source.issued)
        else:
            f["year"] = str(source.issued[0])
            if len(source.issued) > 1 and 1 <= source.issued[1] <= 12:
                f["month"] = MONTHS[source.issued[1] - 1]
    if source.URL:
        f["url"] = source.URL
    if source.accessed:
        f["urldate"] = _iso(source.accessed)
    language = iso_to_babel(source.language)
    if language:
        f["langid"] = language
    notes = [n for n in (source.note,) if n]
    if not biblatex and source.translated_title:
        notes.insert(0, f"[{source.translated_title}]")
    if not biblatex and source.accessed:
        notes.append(f"Accessed {_iso(source.accessed)}")
    if notes:
        f["note"] = ". ".join(notes)
    persons = {role: list(getattr(source, role)) for role in PERSON_ROLES if getattr(source, role)}
    return etype, f, persons


def _protect_whole(source: Source) -> bool:
    """A translated title of unknown language: braces keep every engine off its case."""
    return bool(source.translated_title) and not iso_to_babel(source.language)


def write(records: Sequence[Record], *, dialect: str = "biblatex", ascii: bool = False) -> str:
    """Records -> .bib text (pybtex's writer lays the entries out; values are ours)."""
    from pybtex.database import BibliographyData, Entry, Person  # type: ignore[import-untyped]
    from pybtex.database.output.bibtex import Writer  # type: ignore[import-untyped]

    class _Writer(Writer):  # type: ignore[misc]
        # Values arrive encoded (escapes, protected capitals): pybtex must not re-encode them.
        def _encode(self, text: str) -> str:
            return text

        def quote(self, s: str) -> str:
            self.check_braces(s)
            if re.fullmatch(r"[a-z]{3}", s) and s in MONTHS:
                return s
            return "{" + s + "}"

    data = BibliographyData()
    for record in records:
        etype, plain, persons = fields_of(record.source, dialect)
        raw = dict((record.source.extra.get("_bibtex") or {}).get("fields") or {})
        raw_type = (record.source.extra.get("_bibtex") or {}).get("type")
        if "date" in plain and "year" in raw and "date" not in raw:
            # The user's file said year/month: keep saying it (biblatex reads both).
            del plain["date"]
            plain["year"] = str(record.source.issued[0]) if record.source.issued else raw["year"]
            if record.source.issued and len(record.source.issued) > 1:
                plain["month"] = MONTHS[record.source.issued[1] - 1]
        encoded: dict[str, str] = {}
        for name, value in plain.items():
            old = raw.pop(name, None)
            if old is not None and decode(old) == value and (old.isascii() or not ascii):
                encoded[name] = old
            elif name == "month" and value in MONTHS:
                encoded[name] = value
            elif name in ("url", "doi"):
                encoded[name] = value
            else:
                whole = name == "title" and _protect_whole(record.source)
                encoded[name] = encode(value, ascii=ascii, protect=name in TITLE_FIELDS, whole=whole)
        for name in list(raw):
            if name in _consumed(dialect):
                raw.pop(name)
        encoded.update(raw)
        if raw_type and dialect == "bibtex" and raw_type.lower() in BIBLATEX_ONLY_TYPES:
            raw_type = None  # classic BibTeX styles do not know it: use ours
        entry = Entry(raw_type or etype, fields=encoded)
        for role, names in persons.items():
            for person in names:
                entry.add_person(Person(_person(person, ascii)), role)
        data.add_entry(record.key, entry)
    return str(_Writer(encoding="ASCII" if ascii else "UTF-8").to_string(data))


def _person(name: Name, ascii: bool) -> str:
    if name.literal is not None:
        return "{" + encode(name.literal, ascii=ascii) + "}"
    family = encode(name.family or "", ascii=ascii)
    if " " in family.strip() and not re.match(r"^[a-z]", family):
        family = "{" + family + "}"
    given = encode(name.given or "", ascii=ascii)
    return f"{family}, {given}" if given else family


def _consumed(dialect: str) -> frozenset[str]:
    """Fields the reader turned into model fields: written from the model, not copied."""
    return READ_FIELDS | {"year", "month", "date", "journal", "journaltitle", "address", "location"}


def unmodelled(source: Source) -> dict[str, Any] | None:
    """What a .bib entry held that the model has no slot for (fields, and an entry type we
    would not choose again): CSL-JSON carries it in ``custom`` so converting back loses nothing."""
    raw = source.extra.get("_bibtex") or {}
    fields = {k: v for k, v in (raw.get("fields") or {}).items() if k not in _consumed("biblatex")}
    out: dict[str, Any] = {}
    raw_type = raw.get("type")
    if raw_type and raw_type.lower() not in (entry_type(source, "biblatex"), entry_type(source, "bibtex")):
        out["type"] = raw_type
    if fields:
        out["fields"] = fields
    return out or None


# ---------------------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------------------

READ_FIELDS = frozenset(
    """title titleaddon journaltitle journal booktitle publisher institution school
    organization howpublished entrysubtype type number issue series volume edition doi isbn
    pages location address date year month url urldate langid language note""".split()
)


def read(text: str, *, file: str | None = None) -> tuple[list[Record], list[Problem]]:
    """.bib text -> records, every field kept; a syntax error is an ``InputError`` with its line.

    pybtex's error policy is global (``pybtex.errors.strict``); we never touch it and
    use the low-level parser with our own ``handle_error``, which raises.
    """
    from pybtex.database.input.bibtex import LowLevelParser  # type: ignore[import-untyped]
    from pybtex.scanner import PybtexError, PybtexSyntaxError  # type: ignore[import-untyped]

    def fail(error: Exception) -> None:
        raise error

    records: list[Record] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    macros: dict[str, str] = {m: m for m in MONTHS}
    class _Parser(LowLevelParser):  # type: ignore[misc]
        # ``@book{,`` (an entry whose key was left empty) is read with no key rather than
        # failing the whole file: ``inputs.load`` gives it one by the key rules.
        def parse_entry_body(self, body_end: Any) -> None:
            if _EMPTY_KEY.match(self.text, self.pos):
                self.current_entry_key = None
                self.parse_entry_fields()
                return
            super().parse_entry_body(body_end)

    parser = _Parser(text, macros=_MacroDict(macros), handle_error=fail, filename=file)
    line, pos = 1, 0
    try:
        for command in parser:
            etype, body = command
            # Counted from the previous entry on: counting from the top is quadratic.
            line += text.count("\n", pos, parser.command_start)
            pos = parser.command_start
            low = etype.lower()
            if low in ("string", "preamble", "comment"):
                continue
            key, fields = body
            where = Location(file, line)
            raw = _raw_fields(fields, key, where)
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
    except PybtexSyntaxError as err:
        message = str(err).split(": ", 1)[-1] if ": " in str(err) else str(err)
        raise InputError(f"syntax error: {message}", file=file, line=err.lineno) from None
    except PybtexError as err:
        raise InputError(str(err), file=file, line=parser.lineno) from None
    return records, problems


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
    from pybtex.database import Person
    from pybtex.database.input.bibtex import split_name_list

    low = etype.lower()
    sub = raw.get("entrysubtype", "").lower()
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
    kw["genre"] = d.get("type")
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
