"""Mending what line wrapping did to a note: joining its lines back into one.

Every reader needs this (a PDF wraps a note over lines, a Markdown note is written over
indented lines, LaTeX source is wrapped at 80 columns), and the rules must be the same
everywhere, because the source parser downstream relies on them:

- a URL broken at the line end is rejoined without a space when the next line carries
  on the URL (``…/uzbek-militant`` + ``group-claims-it…``); whether a space *inside* a
  printed URL (``…eksperty.h tml``) is damage is the URL repairer's call, not ours, so a
  line break that does not clearly continue a URL becomes one space;
- a hyphen at a line end right after a letter is kept as printed and the word rejoined
  (``counter-`` + ``terrorism`` -> ``counter-terrorism``). ``terror-`` + ``ism`` is
  ambiguous without a dictionary, so we keep the hyphen there too: losing a real hyphen
  (in a name, in a transliterated title) is worse than keeping a typographic one;
- but a hyphen before a conjunction or a comma is a suspended compound (German
  ``Druck- und Verlagswesen``, English ``pre- and post-war``): the word ends there, so
  the space the line break stood for stays;
- a soft hyphen (U+00AD) is an invisible break opportunity: it is removed wherever it is,
  and a word broken at one is rejoined;
- zero-width spaces and BOMs, which web copies scatter inside words and URLs, are removed;
  runs of spaces, tabs and no-break spaces become one space.
"""

from __future__ import annotations

import re
from typing import Iterable

_INVISIBLE = re.compile("[\u200b\u2060\ufeff]")
_URL_TAIL = re.compile(r"(?:https?://|www\.)\S*$", re.IGNORECASE)
# Characters that cannot end a URL as printed in prose: a URL broken right after one of
# them is carried on by the next line.
_URL_OPEN_END = frozenset("-_=&?%#~+/")
# The first word of a line continues a URL if it has URL structure inside it.
_URL_PIECE = re.compile(r"^[\w\-./?=&%#~+:;@!$*',()\[\]]+$")
_URL_STRUCTURE = re.compile(r"[/=&?%#_]|\w-\w|\w\.[a-z]{2,}")
# Words that follow a suspended hyphen (``Druck- und``, ``pre- and``, ``micro- et``,
# ``Ein- bzw.``): after one of them a line-end hyphen ends its word.
_SUSPENDED_BEFORE = frozenset(
    {"und", "u.", "oder", "bis", "sowie", "bzw.", "resp.", "and", "&", "or", "nor", "to", "et", "ou", "y", "o", "e", "en"}
)


def squeeze(text: str) -> str:
    """Text from markup (HTML, Word, ODT, LaTeX) on one line: ``clean_line``, and soft
    hyphens removed too (markup has no line ends for them to mend: they are hyphenation
    hints). Standard Ebooks sets a word joiner (U+2060) beside every dash and ellipsis;
    left in, it sits inside titles, page ranges (``394\u2060–\u2060398``) and names."""
    return clean_line(text.replace("\u00ad", "") if "\u00ad" in text else text)


def clean_line(line: str) -> str:
    """One physical line with invisible characters removed and whitespace collapsed.

    Soft hyphens are kept here: ``join`` needs them to know a word was broken.
    """
    if "\u200b" in line or "\u2060" in line or "\ufeff" in line:
        line = _INVISIBLE.sub("", line)
    # str.split() splits on every Unicode space (no-break, narrow, tab, form feed…).
    return " ".join(line.split())


def join(lines: Iterable[str]) -> str:
    """Join the physical lines of one note into one line of text, mending wrap damage.

    Only the last word written so far (``tail``) decides how the next line is glued on,
    so the cost stays linear however many lines a note has.
    """
    pieces: list[str] = []
    tail = ""
    for raw in lines:
        line = clean_line(raw)
        if not line:
            continue
        if pieces:
            glue = _glue(tail, line)
            if glue is None:  # a word broken at a soft hyphen
                pieces[-1] = pieces[-1][:-1]
                tail = tail[:-1]
                glue = ""
            pieces.append(glue)
            space = line.rfind(" ")
            # A word longer than any URL is not worth remembering whole.
            tail = line[space + 1 :] if space >= 0 else ((tail + line)[-4000:] if glue == "" else line)
        else:
            space = line.rfind(" ")
            tail = line[space + 1 :]
        pieces.append(line)
    text = "".join(pieces)
    return text.replace("\u00ad", "") if "\u00ad" in text else text


def _glue(tail: str, line: str) -> str | None:
    """What goes between the text so far (ending in the word ``tail``) and ``line``:
    ``" "``, ``""``, or ``None`` for a soft hyphen to drop."""
    last = tail[-1]
    if last == "\u00ad":
        return None
    url = _URL_TAIL.search(tail) if ("//" in tail or "www." in tail or "WWW." in tail) else None
    if url is not None:
        first = line.split(" ", 1)[0]
        if _continues_url(url.group(0), first):
            return ""
    if last == "-" and len(tail) > 1 and tail[-2].isalpha():
        return " " if _suspends(line) else ""
    if last == "/" and len(tail) > 1:
        # ``and/`` + ``or``: a slash wrapped between two words keeps them together.
        return ""
    return " "


def _suspends(line: str) -> bool:
    """Does ``line`` open with what follows a suspended hyphen (a conjunction, a comma)?"""
    if line[0] == ",":
        return True
    return line.split(" ", 1)[0] in _SUSPENDED_BEFORE


def _continues_url(url: str, first_word: str) -> bool:
    """Does ``first_word`` (the start of the next line) carry on ``url``?"""
    if not _URL_PIECE.match(first_word):
        return False
    if url[-1] in _URL_OPEN_END:
        return True
    if url[-1] in ".,;:)":
        # ``…/717.`` then ``Accessed …``: the URL ended and a sentence did too.
        return False
    return bool(_URL_STRUCTURE.search(first_word))
