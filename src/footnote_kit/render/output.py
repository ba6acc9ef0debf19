"""Rendered entries and notes -> one text, HTML or Markdown document.

The engine renders each entry or citation in two forms: plain text and HTML (its field text
escaped, its own markup such as ``<i>`` kept). Everything around them is ours: the list
markup, the note numbers, the writer's own words in a note (escaped here, never trusted as
markup), links for bare URLs, and Markdown, which is derived from the HTML form so that
italics survive and no field text can inject Markdown syntax.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Sequence

FORMATS = ("text", "html", "markdown")

_URL = re.compile(r"(?:https?|ftp)://[^\s<>\"]+[^\s<>\".,;:)\]’”']")
_ABBREVIATION_END = re.compile(r"(?:\b(?:ibid|et al|n\.d|ed|eds|trans|vol|no|op\. cit|cf|ca)|\b[A-Z])\.$", re.I)


@dataclass(frozen=True)
class Piece:
    """One stretch of a note: the writer's words (``rendered`` False) or a rendered citation."""

    text: str
    html: str
    rendered: bool


@dataclass(frozen=True)
class RenderedNote:
    number: int
    label: str | None
    pieces: tuple[Piece, ...]
    ending: str = ""


# ---------------------------------------------------------------------------------------
# Joining a note's pieces
# ---------------------------------------------------------------------------------------


def join_note(pieces: Sequence[Piece], fmt: str, ending: str = "") -> str:
    """A note's pieces as one string in ``fmt`` (``text`` or ``html``), punctuation mended.

    A rendered note citation ends with the style's full stop; the writer's glue after it
    (``; ``, ``, and``, ``.``) decides whether that stop stays: before ``;`` or ``,`` it goes,
    a doubled ``..`` becomes one, and an abbreviation's stop (``Ibid.``, ``n.d.``) always stays.
    """
    out: list[str] = []
    for i, piece in enumerate(pieces):
        value = piece.html if fmt == "html" else piece.text
        if piece.rendered:
            following = _next_words(pieces, i)
            value = _trim_stop(value, following)
        elif fmt == "html":
            value = html.escape(piece.text, quote=False)
        out.append(value)
    joined = _squeeze("".join(out))
    if ending and not re.sub(r"<[^>]+>", "", joined).rstrip("”’\"'»)]").endswith((".", "!", "?", "…")):
        joined += ending
    return joined


def _next_words(pieces: Sequence[Piece], i: int) -> str:
    for piece in pieces[i + 1 :]:
        if piece.text.strip():
            return piece.text.lstrip()
    return ""


def _trim_stop(value: str, following: str) -> str:
    stripped = value.rstrip()
    plain = re.sub(r"<[^>]+>", "", stripped)
    if not plain.endswith("."):
        return value
    if following[:1] in {";", ",", ":", ")", "("} and not _ABBREVIATION_END.search(plain):
        return _drop_last_stop(stripped)
    if following[:1] == ".":
        return _drop_last_stop(stripped)
    return value


def _drop_last_stop(value: str) -> str:
    at = value.rfind(".")
    return value[:at] + value[at + 1 :]


def _squeeze(text: str) -> str:
    return re.sub(r"[ \t]{2,}", " ", text).strip()


# ---------------------------------------------------------------------------------------
# Documents
# ---------------------------------------------------------------------------------------


def bibliography_document(entries: Sequence[tuple[str, str]], fmt: str) -> str:
    """Entries as (text, html) -> the reference list in ``fmt``."""
    if fmt == "text":
        return "\n".join(t for t, _ in entries) + ("\n" if entries else "")
    if fmt == "html":
        body = "\n".join(f'  <div class="csl-entry">{link_urls(h)}</div>' for _, h in entries)
        return f'<div class="csl-bib-body">\n{body}\n</div>\n'
    if fmt == "markdown":
        return "\n\n".join(html_to_markdown(h) for _, h in entries) + ("\n" if entries else "")
    raise ValueError(fmt)


def notes_document(notes: Sequence[RenderedNote], fmt: str) -> str:
    """Notes -> numbered notes in ``fmt``, each keeping its number (and Markdown label)."""
    if fmt == "text":
        return "\n\n".join(f"{n.number} {join_note(n.pieces, 'text', n.ending)}" for n in notes) + ("\n" if notes else "")
    if fmt == "html":
        rows = []
        for n in notes:
            ident = html.escape(n.label or str(n.number), quote=True)
            rows.append(f'  <li value="{n.number}" id="fn-{ident}">{link_urls(join_note(n.pieces, "html", n.ending))}</li>')
        body = "\n".join(rows)
        return f'<ol class="footnotes">\n{body}\n</ol>\n'
    if fmt == "markdown":
        out = []
        for n in notes:
            label = n.label or str(n.number)
            out.append(f"[^{label}]: {html_to_markdown(join_note(n.pieces, 'html', n.ending))}")
        return "\n\n".join(out) + ("\n" if notes else "")
    raise ValueError(fmt)


def references_block(entries: Sequence[tuple[str, str]], fmt: str) -> str:
    """The reference list that follows notes rendered in an author-date or numeric style."""
    body = bibliography_document(entries, fmt)
    if fmt == "html":
        return f"<h2>References</h2>\n{body}"
    if fmt == "markdown":
        return f"\n## References\n\n{body}"
    return f"\nReferences\n\n{body}"


# ---------------------------------------------------------------------------------------
# HTML helpers
# ---------------------------------------------------------------------------------------


def link_urls(fragment: str) -> str:
    """Wrap bare URLs in an HTML fragment in ``<a href>``, leaving existing links alone."""
    out: list[str] = []
    depth = 0
    for token in re.split(r"(<[^>]+>)", fragment):
        if token.startswith("<"):
            name = re.sub(r"[\s>].*", "", token[1:], flags=re.S).lower()
            if name == "a":
                depth += 1
            elif name == "/a":
                depth = max(0, depth - 1)
            out.append(token)
        elif depth:
            out.append(token)
        else:
            out.append(_URL.sub(_anchor, token))
    return "".join(out)


def _anchor(m: re.Match[str]) -> str:
    shown = m.group(0)
    href = html.unescape(shown)
    return f'<a href="{html.escape(href, quote=True)}">{shown}</a>'


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")


class _ToMarkdown(HTMLParser):
    """The engine's HTML (``i``, ``b``, ``span`` with font styles, ``a``) -> Markdown."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.stack: list[str] = []
        self.href: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = dict(attrs)
        style = (attr.get("style") or "").replace(" ", "").lower()
        mark = ""
        if tag in {"i", "em"} or "font-style:italic" in style:
            mark = "*"
        elif tag in {"b", "strong"} or "font-weight:bold" in style:
            mark = "**"
        if tag == "a":
            self.href.append(attr.get("href"))
            self.out.append("[")
        elif tag == "br":
            self.out.append("  \n")
            return
        self.stack.append(mark)
        self.out.append(mark)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            href = self.href.pop() if self.href else None
            self.out.append(f"](<{href}>)" if href else "]")
            if self.stack:
                self.out.append(self.stack.pop())
            return
        if self.stack:
            self.out.append(self.stack.pop())

    def handle_data(self, data: str) -> None:
        if self.href:
            self.out.append(data.replace("]", "\\]").replace("[", "\\["))
            return
        pos = 0
        for m in _URL.finditer(data):
            self.out.append(_MD_SPECIAL.sub(r"\\\1", data[pos : m.start()]))
            self.out.append(f"<{m.group(0)}>")
            pos = m.end()
        self.out.append(_MD_SPECIAL.sub(r"\\\1", data[pos:]))


def html_to_markdown(fragment: str) -> str:
    parser = _ToMarkdown()
    parser.feed(fragment)
    parser.close()
    text = "".join(parser.out)
    return text.replace("****", "").strip()
