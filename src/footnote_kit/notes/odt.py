"""Footnotes and endnotes of an OpenDocument text (``.odt``: LibreOffice, pandoc, Google Docs).

Each note sits where it is called, as ``text:note`` in ``content.xml`` with its class
(``footnote`` / ``endnote``), the mark the reader sees (``text:note-citation``, or its
``text:label`` for a custom mark such as ``*``) and its body. Numbers are the printed
marks; a custom mark keeps the number of the note before it and becomes the label, as
in the Word reader. Italics come from the spans' styles (automatic styles in
``content.xml``, named ones in ``styles.xml``, followed through their parents); links are
``text:a xlink:href``.
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element

from footnote_kit.model import Location, RawNote
from footnote_kit.notes.found import FoundNotes, NoNotes
from footnote_kit.notes.container import Archive
from footnote_kit.notes.inline import (
    EM_END,
    EM_START,
    link_text,
    place_links,
    take_emphasis,
    tidy_emphasis,
)
from footnote_kit.notes.wrap import squeeze

TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
FO = "{urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0}"
XLINK = "{http://www.w3.org/1999/xlink}"
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([,.;:!?)\]”’])(?=\s|$)")


def read_file(data: bytes, *, file: str | None = None) -> FoundNotes:
    archive = Archive(data, file, "OpenDocument (.odt)")
    content = archive.xml("content.xml")
    styles = _styles(content)
    if archive.has("styles.xml"):
        styles = {**_styles(archive.xml("styles.xml")), **styles}
    italic = _resolve(styles)
    notes: list[RawNote] = []
    last = {"footnote": 0, "endnote": 0}
    for note in content.iter(TEXT + "note"):
        kind = note.get(TEXT + "note-class") or "footnote"
        citation = note.find(TEXT + "note-citation")
        mark = (citation.get(TEXT + "label") or "".join(citation.itertext())).strip() if citation is not None else ""
        custom = citation is not None and citation.get(TEXT + "label") is not None
        if mark.isdigit() and not custom:
            number = int(mark)
        elif custom:
            number = last.get(kind, 0)
        else:
            number = last.get(kind, 0) + 1  # roman or letters: the count is the number
        last[kind] = number
        body = note.find(TEXT + "note-body")
        if body is None:
            continue
        links: list[str] = []
        parts: list[str] = []
        for block in body:
            parts.append(_inline(block, italic, False, links))
        text = squeeze(tidy_emphasis(" ".join(parts)))
        text, emphasis = take_emphasis(place_links(_SPACE_BEFORE_PUNCT.sub(r"\1", text)))
        if not text:
            continue
        label = mark if (custom or not mark.isdigit()) and mark else None
        notes.append(
            RawNote(
                number=number,
                text=text,
                location=Location(file, None, f"{kind} {mark or number}"),
                label=label,
                links=tuple(dict.fromkeys(links)),
                emphasis=emphasis,
            )
        )
    if not notes:
        raise NoNotes("no footnotes or endnotes in this OpenDocument file", file=file)
    numbers = [n.number for n in notes]
    return FoundNotes(notes=tuple(notes), ranges=((min(numbers), max(numbers)),))


def _styles(root: Element) -> dict[str, tuple[str | None, bool | None]]:
    """Style name -> (parent style, italic set here: True / False / None = inherited)."""
    out: dict[str, tuple[str | None, bool | None]] = {}
    for style in root.iter(STYLE + "style"):
        name = style.get(STYLE + "name")
        if not name:
            continue
        props = style.find(STYLE + "text-properties")
        value = props.get(FO + "font-style") if props is not None else None
        out[name] = (style.get(STYLE + "parent-style-name"), None if value is None else value in ("italic", "oblique"))
    return out


def _resolve(styles: dict[str, tuple[str | None, bool | None]]) -> dict[str, bool]:
    """Each style's italics once its parents are followed (absent: it does not say)."""
    out: dict[str, bool] = {}
    for name in styles:
        seen: set[str] = set()
        current: str | None = name
        while current is not None and current in styles and current not in seen:
            seen.add(current)
            parent, value = styles[current]
            if value is not None:
                out[name] = value
                break
            current = parent
    return out


def _inline(el: Element, italic: dict[str, bool], inherited: bool, links: list[str]) -> str:
    """The text of a paragraph or span, italics marked, links written as every reader does."""
    on = italic.get(el.get(TEXT + "style-name") or "", inherited)
    out: list[str] = [el.text or ""]
    for child in el:
        tag = child.tag
        if tag == TEXT + "s":
            count = child.get(TEXT + "c") or "1"
            out.append(" " * (int(count) if count.isdigit() else 1))
        elif tag in (TEXT + "tab", TEXT + "line-break"):
            out.append(" ")
        elif tag == TEXT + "a":
            href = child.get(XLINK + "href") or ""
            inner = _inline(child, italic, on, links)
            if href.startswith(("http://", "https://", "ftp://", "www.")):
                links.append(href)
                inner = link_text(inner, href)
            out.append(inner)
        elif tag in (TEXT + "note", TEXT + "note-citation", TEXT + "bookmark-ref"):
            pass  # a note inside a note is not this note's text
        elif tag in (TEXT + "span", TEXT + "p", TEXT + "h", TEXT + "list", TEXT + "list-item", TEXT + "soft-page-break"):
            out.append(_inline(child, italic, on, links))
            if tag in (TEXT + "p", TEXT + "h", TEXT + "list-item"):
                out.append(" ")
        else:
            out.append(_inline(child, italic, on, links))
        out.append(child.tail or "")
    text = "".join(out)
    if on and not inherited and text.strip():
        return f"{EM_START}{text}{EM_END}"
    if inherited and not on and text.strip():  # an upright span inside italics
        return f"{EM_END}{text}{EM_START}"
    return text
