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


def clean_line(line: str) -> str:
    """One physical line with invisible characters removed and whitespace collapsed.

    Soft hyphens are kept here: ``join`` needs them to know a word was broken.
    """
    if "\u200b" in line or "\u2060" in line or "\ufeff" in line:
        line = _INVISIBLE.sub("", line)
    # str.split() splits on every Unicode space (no-break, narrow, tab, form feed…).
    return " ".join(line.split())


def join(lines: Iterable[str]) -> str:
    """Join the physical lines of one note into one line of text, mending wrap damage."""
    out = ""
    for raw in lines:
        line = clean_line(raw)
        if not line:
            continue
        if not out:
            out = line
            continue
        out = _join_two(out, line)
    return out.replace("\u00ad", "")


def _join_two(head: str, line: str) -> str:
    last = head[-1]
    if last == "\u00ad":
        return head[:-1] + line
    url = _URL_TAIL.search(head)
    if url is not None:
        first = line.split(" ", 1)[0]
        if _continues_url(url.group(0), first):
            return head + line
    if last == "-" and len(head) > 1 and head[-2].isalpha():
        return head + line
    if last in "/" and len(head) > 1 and not head[-2].isspace():
        # ``and/`` + ``or``: a slash wrapped between two words keeps them together.
        return head + line
    return head + " " + line


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
