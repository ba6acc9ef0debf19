"""BibTeX and BibLaTeX, written and read with pybtex (imported here only, on use).

Entry types follow the data (docs/export.md, "Entry types"). Field values are encoded here, not by
pybtex: ``& % # _ $``, braces and backslashes are escaped; every word with a capital after
a title's first word is wrapped in braces (``{UN}``, ``{Taliban}``), because a style that
changes case cannot tell a proper name from a title-cased word and we would rather keep
what the note printed; non-ASCII text stays UTF-8 unless ``ascii`` asks for LaTeX escapes.

The English translation of a title goes in ``titleaddon`` as ``[translation]`` (biblatex
styles and pandoc print it right after the title; classic BibTeX styles ignore it, so the
``bibtex`` dialect writes it at the head of ``note``). A title with a known non-English
language gets ``langid``; one with a translation but no known language is wrapped whole in
braces so that no style re-cases it.

Reading (``bibtex_read``) keeps every entry and field: what the model has no slot for (and
the exact text of each field) travels in ``Source.extra["_bibtex"]`` and is written back
when unchanged.
"""

from __future__ import annotations

import re
from typing import Any, Sequence

from footnote_kit.formats.bibtex_tables import (CSL_TYPES, DEFAULT_GENRES, ENTRY_TYPES, MONTHS, PERSON_ROLES,
                                               READ_FIELDS, READ_TYPES)
from footnote_kit.formats.latex import decode, encode, iso_to_babel
from footnote_kit.loaded import Loaded
from footnote_kit.model import Name, Record, Source, iso_date

# Fields that styles (and pandoc) change the case of; journal and series names they leave alone.
TITLE_FIELDS = frozenset({"title", "titleaddon", "booktitle", "maintitle"})

BIBLATEX_ONLY_TYPES = frozenset({"online", "report", "thesis", "mvbook", "collection", "mvcollection", "dataset", "software", "patent", "periodical", "jurisdiction", "legislation", "legal"})
SUBTYPES = {"article-newspaper": "newspaper", "article-magazine": "magazine"}


def entry_type(source: Source, dialect: str) -> str:
    pair = ENTRY_TYPES.get(source.type)
    if pair is None:
        pair = ("online", "misc") if source.URL else ("misc", "misc")
    return pair[0] if dialect == "biblatex" else pair[1]


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
        inst = issuer or body or _body_author(source)
        if inst:
            f["institution" if etype != "phdthesis" else "school"] = inst
        if body and issuer and body != issuer:
            f["series"] = body
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
    genre = source.genre or DEFAULT_GENRES.get(source.type)
    if genre and "type" not in f:
        f["type"] = genre
    if source.number and "number" not in f:
        f["number"] = source.number
    elif source.number:
        f["issue" if biblatex else "note"] = source.number
    if source.collection_title and "series" not in f:
        f["series"] = source.collection_title
    for attr, name in (("volume", "volume"), ("edition", "edition"), ("DOI", "doi"), ("ISBN", "isbn")):
        if getattr(source, attr):
            f[name] = getattr(source, attr)
    if biblatex and source.volume:
        f["volume"] = arabic(source.volume)
    if source.page:
        f["pages"] = _dash_ranges(source.page)
    if source.publisher_place:
        f["location" if biblatex else "address"] = source.publisher_place
    if source.issued:
        if biblatex:
            f["date"] = iso_date(source.issued) or ""
        else:
            f["year"] = str(source.issued[0])
            if len(source.issued) > 1 and 1 <= source.issued[1] <= 12:
                f["month"] = MONTHS[source.issued[1] - 1]
    if source.URL:
        f["url"] = source.URL
    if source.accessed:
        f["urldate"] = iso_date(source.accessed) or ""
    language = iso_to_babel(source.language)
    if language:
        f["langid"] = language
    notes = [n for n in (source.note,) if n]
    if not biblatex and source.translated_title:
        notes.insert(0, f"[{source.translated_title}]")
    if not biblatex and source.accessed:
        notes.append(f"Accessed {iso_date(source.accessed)}")
    if notes:
        f["note"] = ". ".join(notes)
    persons = {role: list(getattr(source, role)) for role in PERSON_ROLES if getattr(source, role)}
    return etype, f, persons


_ROMAN = re.compile(r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})", re.I)
_ROMAN_VALUES = {"m": 1000, "d": 500, "c": 100, "l": 50, "x": 10, "v": 5, "i": 1}


def arabic(volume: str) -> str:
    """A volume in roman numerals in arabic ones (``II`` -> ``2``), others unchanged.

    biblatex's ``volume`` is an integer field: biber drops ``volume = {II}`` with a warning,
    and the volume is lost from the printed bibliography. Arabic numerals are also what
    Chicago asks for volume numbers whatever the book printed (CMOS 14.123)."""
    text = volume.strip()
    if not text or not _ROMAN.fullmatch(text):
        return volume
    values = [_ROMAN_VALUES[ch] for ch in text.lower()]
    return str(sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values)))


_RANGE_DASH = re.compile(r"(?<=\w)\s*(?:--|[-\u2010-\u2015])\s*(?=\w)")


def _dash_ranges(page: str) -> str:
    """``479-94``, ``479 – 94`` -> ``479–94``: a page range, whatever dash the note printed."""
    return _RANGE_DASH.sub("\u2013", page)


def page_range(page: str, ascii: bool = False) -> str:
    """A page range as a .bib value: ``479–94`` -> ``479--94``. biber and BibTeX read ``--``
    as a range (biblatex compresses and styles it); a Unicode dash is just a character to
    them. Read back, ``--`` is an en dash again."""
    return encode(page, ascii=ascii).replace("-{}-", "--").replace("\u2013", "--")


def _body_author(source: Source) -> str | None:
    """A report signed by an organisation alone (``International Crisis Group, Title…``)
    was issued by it: it is the institution biblatex requires, not a guess."""
    if len(source.author) == 1 and source.author[0].literal:
        return source.author[0].literal
    return None


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
            elif name == "pages":
                encoded[name] = page_range(value, ascii)
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


def read(text: str, *, file: str | None = None) -> Loaded:
    """.bib text -> records, every field kept, and a problem for each entry not read
    (see ``bibtex_read.read``; pybtex is imported only then)."""
    from footnote_kit.formats.bibtex_read import read as read_bib

    return read_bib(text, file=file)
