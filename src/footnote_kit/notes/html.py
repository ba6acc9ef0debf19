"""Footnotes in HTML as blogs, CMSs and converters write them, read with beautifulsoup4.

What marks a footnote varies by tool, so we look for the marks they share rather than a
list of tools:

- an id naming a note: ``fn1``, ``fn:1``, ``footnote-1``, ``footnote_0_123``, ``ftn1``
  (Word), ``ftnt1`` (Google Docs), ``cite_note-1`` (MediaWiki), ``easy-footnote-bottom-1``
  — but not the ids of the references pointing at them (``fnref1``, ``_ftnref1``…);
- ``role="doc-endnote"`` / ``doc-footnote`` (pandoc, markdown-it, kramdown);
- the items of a list whose class, or whose container's class or role, says notes
  (``<ol class="footnotes">``, ``<div class="footnotes"><ol>``, WordPress's
  ``wp-block-footnotes``, ``easy-footnotes-wrapper``, MediaWiki's ``references``);
- a class naming one note (``footnote``, ``endnote``, ``…footnote__note``).

A note's number is its place in its ``<ol>`` (``start`` and ``value`` respected), else a
printed marker at its start (``[1]``), else the number in its id, else its order. Back
links (``↩``, ``^``, ``[1]`` pointing into the page) are dropped from the text; other
links keep their ``href`` (``inline.link_text``). Line numbers are bs4's ``sourceline``.

A page without any of these marks (notes pasted as paragraphs, ``<p>1 Text</p>``) is
read as plain text, block by block, by the plain reader, keeping each block's line.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from footnote_kit.model import Location, RawNote
from footnote_kit.notes.found import FoundNotes, NoNotes
from footnote_kit.notes.inline import (
    CITATION_END,
    CITATION_START,
    EM_END,
    EM_START,
    link_text,
    place_links,
    strip_emphasis,
    take_emphasis,
    tidy_emphasis,
)
from footnote_kit.notes.wrap import squeeze

if TYPE_CHECKING:
    from collections.abc import Iterable

    from bs4 import Tag

_NOTE_ID = re.compile(
    r"^(?:(?:fn|footnote|ftn|ftnt|endnote|cite_note|easy-footnote-bottom|sdfootnote|fnt)[-_:.]?[\w:.\-]*\d[\w:.\-]*"
    r"|note[-_:]?(?:[a-z]{0,3}\d{1,3}[-_:.])?\d+|en\d+)$",  # note-12, note-c9-12 (a chapter's)
    re.IGNORECASE,
)
_REF_ID = re.compile(r"ref|back|return|anchor|sym|top|mark", re.IGNORECASE)
_NOTES_CLASS = re.compile(r"footnotes|endnotes|\bnotes\b|wp-block-footnotes|easy-footnotes|references|footnote-list", re.IGNORECASE)
_NOTE_CLASS = re.compile(r"(?:^|[-_])(?:footnote|endnote)(?:$|__note|-text|-content|-single|_content|_text)", re.IGNORECASE)
_BACKLINK_CLASS = re.compile(r"back|reverse|return|cite-backlink|footnote-ref|fnref", re.IGNORECASE)
_MARKER = re.compile(r"^\s*[\[(]?\s*(\d{1,5})\s*[\])]?[.:]?\s*$")
# A back link's label may also be Project Gutenberg's chapter:note (``[5:2]``).
_BACK_MARKER = re.compile(r"^\s*[\[(]?\s*\d{1,5}(?::\d{1,5})?\s*[\])]?[.:]?\s*$")
_ARROWS = re.compile(r"^[\s↩↑⬆^↵⤴\u21a9\ufe0e\ufe0f]{1,6}$")
_BACK_WORDS = re.compile(r"^\W{0,3}(?:back|return(?: to (?:the )?(?:text|article|main text|reference))?|zurück|retour)\W{0,3}$", re.IGNORECASE)
"""The words of a back link (``Return to text``): dropped like an arrow when it points into the page."""
_DIGITS = re.compile(r"\d+")
_EMPTY_BRACKETS = re.compile(r"\[\s*\]|\(\s*\)")
# Block and line breaks turn into spaces; before closing punctuation they are not text.
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([,.;:!?)\]”’])(?=\s|$)")
_BLOCK = frozenset(
    "p div li ol ul section article aside header footer blockquote h1 h2 h3 h4 h5 h6 pre table tr td th dd dt dl br hr figure figcaption main nav".split()
)
_SKIP = frozenset({"script", "style", "noscript", "template", "head", "svg", "button"})
_ITALIC = frozenset({"i", "em", "cite", "var", "dfn"})
_ITALIC_STYLE = re.compile(r"font-style\s*:\s*(?:italic|oblique)", re.IGNORECASE)
_NOTE_TYPES = frozenset({"footnote", "endnote", "rearnote", "note"})
_NOTES_TYPES = frozenset({"footnotes", "endnotes", "rearnotes"})


def find_notes(text: str, *, file: str | None = None, markup_only: bool = False) -> FoundNotes:
    """The notes of an HTML page. ``markup_only``: only notes its markup marks (an EPUB
    chapter), never the plain-text reading of its paragraphs."""
    import warnings

    from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning

    with warnings.catch_warnings():
        # A short document that looks like a URL or a file name is still the document.
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        soup = BeautifulSoup(text, "html.parser")
    elements = _note_elements(soup)
    if not elements:
        if markup_only:
            raise NoNotes("no footnote markup", file=file)
        return _as_plain(soup, file)
    notes: list[RawNote] = []
    positions: dict[int, dict[int, int]] = {}
    for order, element in enumerate(elements, 1):
        number, marker = _number(element, order, positions)
        marked, links = _text(element, marker)
        body, emphasis = take_emphasis(marked)
        if not body:
            continue  # an in-text reference dressed as a note (``<span class="easy-footnote">``)
        notes.append(
            RawNote(
                number=number,
                text=body,
                location=Location(file, element.sourceline),
                links=tuple(links),
                emphasis=emphasis,
            )
        )
    if not notes:
        if markup_only:
            raise NoNotes("no footnote markup", file=file)
        return _as_plain(soup, file)
    numbers = [n.number for n in notes]
    return FoundNotes(notes=tuple(notes), ranges=((min(numbers), max(numbers)),))


def _note_elements(soup: Any) -> list[Tag]:
    """Every element that is one note, in document order, outermost notes only."""
    found: list[Tag] = []
    for el in soup.find_all(True):
        if el.name in _SKIP:
            continue
        if _is_note(el):
            found.append(el)
    chosen = {id(el) for el in found}
    # A "note" holding other notes is a container (``<div id="footnotes1">``): drop it.
    # A note inside another note (``<li id="fn1"><p id="fn1-text">``): keep the outer.
    result: list[Tag] = []
    for el in found:
        if any(id(parent) in chosen for parent in el.parents):
            continue
        inner = sum(1 for d in el.find_all(True) if id(d) in chosen)
        if inner >= 2:
            continue
        result.append(el)
    return [el for el in result if el.get_text(strip=True)]


def _is_note(el: Tag) -> bool:
    ident = el.get("id") or el.get("name") if el.name != "a" else None
    if isinstance(ident, str) and len(ident) < 200 and _NOTE_ID.match(ident) and not _REF_ID.search(ident):
        return True
    role = el.get("role") or ""
    if role in ("doc-endnote", "doc-footnote"):
        return True
    if el.name != "a" and _epub_types(el) & _NOTE_TYPES:
        return True
    if el.name == "li":
        parent = el.parent
        for holder in (parent, parent.parent if parent is not None else None):
            if holder is None:
                continue
            if _NOTES_CLASS.search(" ".join(holder.get("class") or [])) or holder.get("role") in ("doc-endnotes", "doc-footnotes"):
                return True
            if _epub_types(holder) & _NOTES_TYPES:
                return True
    classes: Iterable[str] = el.get("class") or []
    return el.name != "a" and el.name != "sup" and any(_NOTE_CLASS.search(c) for c in classes)


def _epub_types(el: Tag) -> set[str]:
    """EPUB 3's ``epub:type`` words (``footnote``, ``endnote``, ``rearnote``, ``backlink``)."""
    value = el.get("epub:type")
    return set(value.split()) if isinstance(value, str) else set()


def _number(el: Tag, order: int, cache: dict[int, dict[int, int]]) -> tuple[int, Any]:
    """(the note's number, the element printing it that is to be left out of the text)."""
    if el.name == "li" and el.parent is not None and el.parent.name == "ol":
        return _list_position(el, cache), None
    marker = _leading_marker(el)
    printed = _MARKER.match(marker.get_text()) if marker is not None else None
    if printed is not None:
        return int(printed.group(1)), marker
    ident = el.get("id") or el.get("name") or ""
    digits = _DIGITS.findall(ident if isinstance(ident, str) else "")
    if len(digits) == 1:
        return int(digits[0]), None
    return order, None


def _list_position(li: Tag, cache: dict[int, dict[int, int]]) -> int:
    """The number a browser prints for ``li``; positions are computed once per list."""
    ol: Any = li.parent
    positions = cache.get(id(ol))
    if positions is None:
        positions = {}
        try:
            number = int(str(ol.get("start", 1))) - 1
        except ValueError:
            number = 0
        for item in ol.find_all("li", recursive=False):
            value = item.get("value")
            number = int(value) if isinstance(value, str) and value.isdigit() else number + 1
            positions[id(item)] = number
        cache[id(ol)] = positions
    return positions.get(id(li), 1)


def _leading_marker(el: Tag) -> Any:
    """A ``[1]`` / ``1.`` printed before the note's text, as Word and Google Docs do."""
    child: Any
    for child in el.descendants:
        if isinstance(child, str):
            if child.strip():
                return None
            continue
        if child.name in ("a", "sup", "span", "b", "strong") and _MARKER.match(child.get_text()):
            return child
    return None


_LINE_BREAK = "\ue000"  # private use: not white space to str.split, unlike \x1e
"""What ``<br>`` leaves in the text when lines matter (``_as_plain``)."""
_LEADING_PUNCT = re.compile(r"^[.):]\s+")


def _text(el: Tag, skip: Any, breaks: bool = False) -> tuple[str, list[str]]:
    """The note's text on one line, links written with their href, back links left out
    (and the stop or bracket printed after a number that was one: ``683</a>. See``).
    ``breaks``: each ``<br>`` leaves ``_LINE_BREAK``, for pages that set their notes as
    lines of one paragraph."""
    parts: list[str] = []
    links: list[str] = []
    written = opened_with_number = False  # text so far; a number or back link left out before it
    # An explicit stack, not recursion: pages nest deeper than Python's recursion limit.
    stack: list[Any] = list(reversed(el.contents))
    while stack:
        child = stack.pop()
        if child is None:  # the end of a block element
            parts.append(" ")
            continue
        if isinstance(child, str):
            if type(child).__name__ not in ("Comment", "CData", "ProcessingInstruction", "Declaration", "Doctype"):
                parts.append(str(child))
                written = written or bool(child.strip())
            continue
        if child.name in _SKIP:
            continue
        if child is skip or _is_backlink(child):
            opened_with_number = opened_with_number or not written
            continue
        if child.name == "a" and child.get("href"):
            href = str(child.get("href")).strip()
            if href.startswith(("http://", "https://", "ftp://", "www.")):
                links.append(href)
                parts.append(link_text(squeeze(_italic_text(child)), href))
                written = True
                continue
        if breaks and child.name == "br":
            parts.append(_LINE_BREAK)
            continue
        if child.name in _BLOCK:
            parts.append(" ")
            stack.append(None)
        if _is_italic(child):
            parts.append(EM_START)
            stack.append(EM_END)  # a plain string: appended when the element's end comes
        if _is_citation(child):
            # MediaWiki's <cite class="citation …">: one citation, its URL goes to its end.
            parts.append(CITATION_START)
            stack.append(CITATION_END)
        stack.extend(reversed(child.contents))
    text = squeeze(_EMPTY_BRACKETS.sub(" ", tidy_emphasis("".join(parts))))
    text = place_links(_SPACE_BEFORE_PUNCT.sub(r"\1", text))
    if opened_with_number and text[:1] in ".):":
        text = _LEADING_PUNCT.sub("", text, count=1)
    return text, list(dict.fromkeys(links))


def _is_italic(el: Tag) -> bool:
    if el.name in _ITALIC:
        # MediaWiki wraps a whole reference in <cite class="citation …"> and its style
        # sheet sets it upright: only the titles inside are italic (<i>).
        return not _is_citation(el)
    style = el.get("style")
    return isinstance(style, str) and bool(_ITALIC_STYLE.search(style))


def _is_citation(el: Tag) -> bool:
    """A whole reference marked as one (MediaWiki's ``<cite class="citation web">``)."""
    return "citation" in (el.get("class") or ())


def _italic_text(el: Tag) -> str:
    """The text of a link's anchor with its italics marked (``<a><i>Title</i></a>``)."""
    parts: list[str] = []
    stack: list[Any] = list(reversed(el.contents))
    while stack:
        child = stack.pop()
        if isinstance(child, str):
            parts.append(str(child))
            continue
        if _is_italic(child):
            parts.append(EM_START)
            stack.append(EM_END)
        stack.extend(reversed(child.contents))
    return "".join(parts)


def _is_backlink(el: Tag) -> bool:
    if _BACKLINK_CLASS.search(" ".join(el.get("class") or [])) and el.name in ("a", "span", "sup"):
        return True
    if "backlink" in _epub_types(el) or el.get("role") == "doc-backlink":
        return True
    if el.name != "a":
        return False
    href = el.get("href") or ""
    text = el.get_text()
    return isinstance(href, str) and href.startswith("#") and bool(_ARROWS.match(text) or _BACK_MARKER.match(text) or _BACK_WORDS.match(text))


def _as_plain(soup: Any, file: str | None) -> FoundNotes:
    """No footnote markup: read the page's blocks as plain text, keeping their lines."""
    from footnote_kit.notes import plain

    lines: list[str] = []
    where: list[int | None] = []
    body = soup.body or soup
    for el in body.find_all(["p", "li", "div", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "dd", "td"]):
        if any(child.name in _BLOCK and child.name != "br" for child in el.find_all(True, recursive=False)):
            continue  # a wrapper: its blocks come on their own
        marked, _ = _text(el, None, breaks=True)
        for piece in strip_emphasis(marked).split(_LINE_BREAK):
            text = piece.strip()
            if text:
                lines.append(text)
                where.append(el.sourceline)
        if lines and lines[-1]:
            lines.append("")
            where.append(None)
    if not lines:
        raise NoNotes("no footnotes found (no footnote markup and no numbered notes in the text)", file=file)
    try:
        found = plain.find_notes("\n".join(lines), file=file)
    except NoNotes:
        raise NoNotes(
            "no footnotes found (looked for footnote lists such as <ol class=\"footnotes\"> and id=\"fn1\", "
            "and for numbered notes in the text)",
            file=file,
        ) from None

    def moved(loc: Location) -> Location:
        line = where[loc.line - 1] if loc.line and loc.line <= len(where) else None
        return Location(file, line)

    from dataclasses import replace

    notes = tuple(replace(n, location=moved(n.location)) for n in found.notes)
    problems = tuple(replace(p, location=moved(p.location)) for p in found.problems)
    return FoundNotes(notes=notes, problems=problems, ranges=found.ranges)
