"""Footnotes and endnotes of a Word document (``.docx``), as Word shows them.

A ``.docx`` keeps its notes in ``word/footnotes.xml`` and ``word/endnotes.xml``; the text
calls each by id (``w:footnoteReference w:id``) from ``word/document.xml``. Notes are
numbered as Word prints them: in the order they are called, from the section's start
number (``w:numStart``), footnotes and endnotes each on their own count. A note called
with a custom mark (``w:customMarkFollows``: ``*``, ``†``) takes no number: it keeps the
mark as its label and the number of the note before it. Its location is the page-less
place a user can find (``report.docx: footnote 12``).

Each note's runs give its text: italics (``w:i``, also through a character style) are
kept as emphasis, deleted text of tracked changes is left out, and a hyperlink's target
comes from the part's relationships (``w:hyperlink r:id``, or a ``HYPERLINK`` field) and
is written into the text as every other reader writes a link (``inline.link_text``).
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

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_HYPERLINK_FIELD = re.compile(r'HYPERLINK\s+"([^"]+)"')
_OFF = frozenset({"0", "false", "off", "none"})
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([,.;:!?)\]”’])(?=\s|$)")


def read_file(data: bytes, *, file: str | None = None) -> FoundNotes:
    archive = Archive(data, file, "Word (.docx)")
    if not archive.has("word/document.xml"):
        raise NoNotes("not a Word document (word/document.xml is missing)", file=file)
    italic_styles = _italic_styles(archive)
    order = _calls(archive.xml("word/document.xml"))
    notes: list[RawNote] = []
    for kind in ("footnote", "endnote"):
        part = f"word/{kind}s.xml"
        if not archive.has(part):
            continue
        bodies = {
            el.get(W + "id"): el
            for el in archive.xml(part).iter(W + kind)
            if el.get(W + "type") in (None, "normal")
        }
        rels = _relationships(archive, f"word/_rels/{kind}s.xml.rels")
        start, fmt = _numbering(archive, kind)
        number = start - 1
        for ident, custom in order[kind]:
            body = bodies.pop(ident, None)
            if body is None:
                continue
            if custom is None:
                number += 1
            text, links, emphasis = _note_text(body, rels, italic_styles)
            if custom is not None and text.startswith(custom):
                # LibreOffice writes a custom mark into the note's text as well.
                cut = len(text) - len(text[len(custom) :].lstrip())
                text = text[cut:]
                emphasis = tuple((max(a - cut, 0), b - cut) for a, b in emphasis if b > cut)
            shown = custom if custom is not None else _mark(number, fmt)
            notes.append(
                RawNote(
                    number=max(number, 0),
                    text=text,
                    location=Location(file, None, f"{kind} {shown}"),
                    label=shown if shown != str(number) else None,
                    links=tuple(links),
                    emphasis=emphasis,
                )
            )
    notes = [n for n in notes if n.text]
    if not notes:
        raise NoNotes("no footnotes or endnotes in this Word document", file=file)
    numbers = [n.number for n in notes]
    return FoundNotes(notes=tuple(notes), ranges=((min(numbers), max(numbers)),))


def _calls(document: Element) -> dict[str, list[tuple[str | None, str | None]]]:
    """Per kind, (note id, custom mark or None) in the order the text calls them."""
    out: dict[str, list[tuple[str | None, str | None]]] = {"footnote": [], "endnote": []}
    for run in document.iter(W + "r"):
        for kind in ("footnote", "endnote"):
            ref = run.find(W + kind + "Reference")
            if ref is None:
                continue
            custom = ref.get(W + "customMarkFollows") in ("1", "true", "on")
            mark = "".join(t.text or "" for t in run.iter(W + "t")).strip() if custom else None
            out[kind].append((ref.get(W + "id"), (mark or "*") if custom else None))
    return out


def _numbering(archive: Archive, kind: str) -> tuple[int, str]:
    """(``w:numStart``, ``w:numFmt``) of the document's note properties (settings, then
    the sections). Word numbers endnotes i, ii, iii unless told otherwise."""
    start, fmt = 1, "decimal" if kind == "footnote" else "lowerRoman"
    for part in ("word/settings.xml", "word/document.xml"):
        if not archive.has(part):
            continue
        for props in archive.xml(part).iter(W + kind + "Pr"):
            first = props.find(W + "numStart")
            if first is not None and (first.get(W + "val") or "").isdigit():
                start = int(first.get(W + "val") or 1)
            shape = props.find(W + "numFmt")
            if shape is not None and shape.get(W + "val"):
                fmt = shape.get(W + "val") or fmt
    return start, fmt


def _mark(number: int, fmt: str) -> str:
    """A note number as Word prints it in ``fmt`` (decimal, roman, letters)."""
    if fmt in ("lowerRoman", "upperRoman") and 0 < number < 4000:
        out = ""
        for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                               (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
            while number >= value:
                out += letters
                number -= value
        return out if fmt == "lowerRoman" else out.upper()
    if fmt in ("lowerLetter", "upperLetter") and number > 0:
        letter = chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1)
        return letter if fmt == "lowerLetter" else letter.upper()
    return str(number)


def _relationships(archive: Archive, part: str) -> dict[str, str]:
    if not archive.has(part):
        return {}
    return {rel.get("Id") or "": rel.get("Target") or "" for rel in archive.xml(part).iter(_REL + "Relationship")}


def _italic_styles(archive: Archive) -> frozenset[str]:
    """Character and paragraph styles that set italics (Word's ``Emphasis``, a user's own)."""
    if not archive.has("word/styles.xml"):
        return frozenset()
    out: set[str] = set()
    for style in archive.xml("word/styles.xml").iter(W + "style"):
        props = style.find(W + "rPr")
        if props is not None and _on(props.find(W + "i")):
            out.add(style.get(W + "styleId") or "")
    return frozenset(out)


def _on(toggle: Element | None) -> bool:
    return toggle is not None and (toggle.get(W + "val") or "true").lower() not in _OFF


def _note_text(body: Element, rels: dict[str, str], italic_styles: frozenset[str]) -> tuple[str, list[str], tuple[tuple[int, int], ...]]:
    links: list[str] = []
    paragraphs: list[str] = []
    for paragraph in body.iter(W + "p"):
        style = paragraph.find(f"{W}pPr/{W}pStyle")
        para_italic = style is not None and (style.get(W + "val") or "") in italic_styles
        paragraphs.append(_paragraph(paragraph, rels, italic_styles, para_italic, links))
    text = squeeze(tidy_emphasis(" ".join(paragraphs)))
    text = place_links(_SPACE_BEFORE_PUNCT.sub(r"\1", text))
    body_text, emphasis = take_emphasis(text)
    return body_text, list(dict.fromkeys(links)), emphasis


class _Field:
    """A complex field being read (``begin`` … instruction … ``separate`` … text … ``end``):
    Word's other way of writing a hyperlink."""

    def __init__(self) -> None:
        self.instruction: list[str] | None = None
        self.url: str | None = None
        self.anchor_at = -1


def _paragraph(p: Element, rels: dict[str, str], styles: frozenset[str], italic: bool, links: list[str]) -> str:
    out: list[str] = []
    _walk(p, rels, styles, italic, links, out, _Field())
    return "".join(out)


def _walk(el: Element, rels: dict[str, str], styles: frozenset[str], italic: bool, links: list[str], out: list[str], field: _Field) -> None:
    for child in el:
        tag = child.tag
        if tag == W + "r":
            _field_marks(child, links, out, field)
            if field.instruction is None:
                out.append(_run(child, styles, italic))
        elif tag in (W + "hyperlink", W + "fldSimple"):
            inner: list[str] = []
            _walk(child, rels, styles, italic, links, inner, _Field())
            if tag == W + "hyperlink":
                target = rels.get(child.get(R + "id") or "", "")
            else:
                m = _HYPERLINK_FIELD.search(child.get(W + "instr") or "")
                target = m.group(1) if m else ""
            text = "".join(inner)
            if target.startswith(("http://", "https://", "ftp://", "www.")):
                links.append(target)
                text = link_text(text, target)
            out.append(text)
        elif tag in (W + "del", W + "moveFrom", W + "pPr", W + "rPr"):
            continue  # deleted text of tracked changes; properties
        else:
            _walk(child, rels, styles, italic, links, out, field)


def _field_marks(run: Element, links: list[str], out: list[str], field: _Field) -> None:
    for child in run:
        if child.tag == W + "instrText" and field.instruction is not None:
            field.instruction.append(child.text or "")
        elif child.tag == W + "fldChar":
            kind = child.get(W + "fldCharType")
            if kind == "begin":
                field.instruction, field.url = [], None
            elif kind == "separate" and field.instruction is not None:
                m = _HYPERLINK_FIELD.search("".join(field.instruction))
                field.url = m.group(1) if m else None
                field.instruction = None
                field.anchor_at = len(out)
            elif kind == "end":
                if field.url is not None and field.anchor_at >= 0:
                    anchor = "".join(out[field.anchor_at :])
                    del out[field.anchor_at :]
                    links.append(field.url)
                    out.append(link_text(anchor, field.url))
                field.instruction, field.url, field.anchor_at = None, None, -1


def _run(run: Element, styles: frozenset[str], para_italic: bool) -> str:
    """One run's text, marked italic as Word would show it."""
    parts: list[str] = []
    for child in run:
        tag = child.tag
        if tag == W + "t":
            parts.append(child.text or "")
        elif tag in (W + "tab", W + "br", W + "cr"):
            parts.append(" ")
        elif tag == W + "noBreakHyphen":
            parts.append("\u2011")
        elif tag == W + "softHyphen":
            parts.append("\u00ad")
        elif tag == W + "sym":
            char = child.get(W + "char") or ""
            parts.append(chr(int(char, 16)) if re.fullmatch(r"[0-9A-Fa-f]{1,6}", char) and int(char, 16) < 0xF000 else "")
    text = "".join(parts)
    if not text:
        return ""
    props = run.find(W + "rPr")
    italic = para_italic
    if props is not None:
        style = props.find(W + "rStyle")
        if style is not None and (style.get(W + "val") or "") in styles:
            italic = True
        toggle = props.find(W + "i")
        if toggle is not None:
            italic = _on(toggle)
    return f"{EM_START}{text}{EM_END}" if italic and text.strip() else text
