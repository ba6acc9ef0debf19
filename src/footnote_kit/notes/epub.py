"""Footnotes and endnotes of an EPUB (a zip of XHTML chapters), in reading order.

The package file (``META-INF/container.xml`` names it) lists the chapters in the order
a reader turns the pages (the spine); each chapter is read by the HTML reader, which
knows EPUB 3's marks (``epub:type="footnote"``, ``"endnote"``, ``"rearnote"``) besides
the ids and classes converters write, and drops back links (``epub:type="backlink"``,
``↩``). Only notes that a chapter's markup marks are taken; when no chapter marks any
(older books print notes as numbered paragraphs), the chapters are read as plain text.
A note's location is its chapter and line (``book.epub: text/ch003.xhtml:41``).
"""

from __future__ import annotations

import posixpath
from dataclasses import replace

from footnote_kit.errors import InputError
from footnote_kit.model import Location, Problem, RawNote
from footnote_kit.notes.found import FoundNotes, NoNotes
from footnote_kit.notes.container import Archive

_CONTAINER = "{urn:oasis:names:tc:opendocument:xmlns:container}"
_OPF = "{http://www.idpf.org/2007/opf}"
_DOCUMENT_TYPES = frozenset({"application/xhtml+xml", "text/html", "application/x-dtbook+xml"})


def read_file(data: bytes, *, file: str | None = None) -> FoundNotes:
    from footnote_kit.files import decode
    from footnote_kit.notes import html

    archive = Archive(data, file, "EPUB")
    if archive.has("META-INF/encryption.xml") and b"EncryptedData" in archive.read("META-INF/encryption.xml"):
        raise InputError("the EPUB is encrypted (DRM): footnote-kit can read only unprotected books", file=file)
    chapters = _spine(archive)
    texts: list[tuple[str, str]] = []
    for member in chapters:
        try:
            texts.append((member, decode(archive.read(member), f"{file}: {member}")))
        except InputError:
            continue  # an empty or unreadable chapter holds no notes
    notes: list[RawNote] = []
    problems: list[Problem] = []
    for markup_only in (True, False):
        for member, text in texts:
            try:
                found = html.find_notes(text, file=file, markup_only=markup_only)
            except NoNotes:
                continue
            notes.extend(replace(n, location=_where(file, member, n.location)) for n in found.notes)
            problems.extend(replace(p, location=_where(file, member, p.location)) for p in found.problems)
        if notes:
            break
    if not notes:
        raise NoNotes("no footnotes or endnotes in this EPUB", file=file)
    numbers = [n.number for n in notes]
    return FoundNotes(notes=tuple(notes), problems=tuple(problems), ranges=((min(numbers), max(numbers)),))


def _where(file: str | None, member: str, loc: Location) -> Location:
    return Location(file, None, f"{member}:{loc.line}" if loc.line else member)


def _spine(archive: Archive) -> list[str]:
    """The chapters in reading order (the package's spine), else every XHTML file."""
    if archive.has("META-INF/container.xml"):
        rootfile = next(archive.xml("META-INF/container.xml").iter(_CONTAINER + "rootfile"), None)
        opf_path = rootfile.get("full-path") if rootfile is not None else None
        if opf_path and archive.has(opf_path):
            opf = archive.xml(opf_path)
            base = posixpath.dirname(opf_path)
            items = {
                item.get("id"): posixpath.normpath(posixpath.join(base, item.get("href") or ""))
                for item in opf.iter(_OPF + "item")
                if item.get("media-type") in _DOCUMENT_TYPES and "nav" not in (item.get("properties") or "").split()
            }
            order = [items[ref.get("idref")] for ref in opf.iter(_OPF + "itemref") if ref.get("idref") in items]
            order += [m for m in items.values() if m not in order]  # notes files kept out of the spine
            found = [m for m in order if archive.has(m)]
            if found:
                return found
    return sorted(m for m in archive.members() if m.lower().endswith((".xhtml", ".html", ".htm")))
