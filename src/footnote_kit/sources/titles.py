"""Titles in quotes, with nested quotes of other kinds, and the translation that follows.

Writers quote titles with “…”, "…", ‘…’ (MHRA), «…» or „…“, and quote inside titles
with whatever kind is left: “Festnahme … „Islamischer Staat (IS)“,” or ““Mehr-3″ …”. A
stack of open quotes finds where the title really ends; a bare regex cannot.
An apostrophe (``RFE/RL’s``, ``so’zi``) is a closing single quote between letters, so a
single quote closes only when no letter follows it.
"""

from __future__ import annotations

import re
from typing import NamedTuple

OPENERS = "“\"‘'«„‚‹"
_CLOSERS = {
    "“": "”″\"",
    "\"": "\"”″",
    "‘": "’'",
    "'": "'’",
    "«": "»",
    "„": "“”\"",
    "‚": "‘’'",
    "‹": "›",
}
_ALL_CLOSERS = "”″\"’'»“‘›"
_QUOTE_CHAR = re.compile("[" + re.escape(OPENERS + _ALL_CLOSERS) + "]")
_OPENER_CHAR = re.compile("[" + re.escape(OPENERS) + "]")
_SINGLE = "‘’'‚‹›"
_INNER_TRAIL = " ,;:."
_TRANSLATION_OPEN = re.compile(r"\s*,?\s*([(\[])\s*")
_TRANSLATION_CLOSE = {close: re.compile(r"\s*[.,]?\s*" + re.escape(close)) for close in ")]"}
_NOT_TRANSLATION = re.compile(r"(?:accessed|online|sic|in )", re.I)


class Quoted(NamedTuple):
    text: str
    """The title as printed, without its quotes and the comma or stop put inside them."""
    start: int
    """Index of the opening quote."""
    end: int
    """Index just after the closing quote."""


MAX_QUOTE = 1500
"""No title or translation runs longer; the bound keeps a note full of stray quotes linear."""
MAX_TRIES = 12
"""Openers tried before giving up: a stray quote does not make every later one a title."""


def quoted_at(text: str, i: int) -> Quoted | None:
    """The quotation that opens at ``text[i]``, or None if it never closes."""
    opener = text[i]
    if opener not in _CLOSERS:
        return None
    stack = [opener]
    n = min(len(text), i + MAX_QUOTE)
    qm = _QUOTE_CHAR.search(text, i + 1, n)
    while qm is not None:  # each quote mark in turn, as finditer would give them
        j = qm.start()
        ch = text[j]
        top = stack[-1]
        before = text[j - 1]
        after = text[j + 1] if j + 1 < n else ""
        if ch in _CLOSERS[top] and not (ch in _SINGLE and after.isalnum()) and not (
            ch == top and ch in "\"'" and after.isalnum() and not before.isalnum()
        ):
            stack.pop()
            if not stack:
                return Quoted(_clean(text[i + 1 : j]), i, j + 1)
        elif ch in _CLOSERS and (ch != top or ch in "“‘«„‚‹") and (ch not in _SINGLE or not before.isalnum()) and (
            ch not in "\"'" or after.isalnum()
        ):
            stack.append(ch)
        elif ch in _ALL_CLOSERS and len(stack) > 1 and ch in _CLOSERS[stack[0]] and not (ch in _SINGLE and after.isalnum()):
            # a nested quote that never closed properly: the outer one closes here
            return Quoted(_clean(text[i + 1 : j]), i, j + 1)
        qm = _QUOTE_CHAR.search(text, j + 1, n)
    return None


def _clean(inner: str) -> str:
    return inner.strip().rstrip(_INNER_TRAIL).strip()


def first_quoted(text: str, start: int = 0) -> Quoted | None:
    """The first quotation at or after ``start`` whose opening quote starts a word."""
    if text.isascii() and '"' not in text and "'" not in text:
        return None  # the only openers in ASCII
    tries = 0
    qm = _OPENER_CHAR.search(text, start)
    while qm is not None:  # each opening quote mark in turn, as finditer would give them
        i = qm.start()
        ch = text[i]
        if ch in _CLOSERS and (i == 0 or not text[i - 1].isalnum()) and i + 1 < len(text) and (not text[i + 1].isspace() or ch in "«‹"):
            q = quoted_at(text, i)
            if q is not None and q.text:
                return q
            tries += 1
            if tries >= MAX_TRIES:
                return None
        qm = _OPENER_CHAR.search(text, i + 1)
    return None


class Translation(NamedTuple):
    text: str
    end: int


def translation_after(text: str, pos: int) -> Translation | None:
    """``(‘English translation’)``, ``("…")`` or ``[English translation]`` right after a title."""
    m = _TRANSLATION_OPEN.match(text, pos)
    if not m:
        return None
    bracket = m.group(1)
    close = ")" if bracket == "(" else "]"
    k = m.end()
    if k < len(text) and text[k] in _CLOSERS:
        q = quoted_at(text, k)
        if q is None:
            return None
        rest = _TRANSLATION_CLOSE[close].match(text, q.end)  # no anchor or look-behind: as on a slice
        if not rest:
            return None
        return Translation(q.text, rest.end())
    if bracket == "[":
        end = text.find("]", k)
        if end > k:
            inner = text[k:end].strip()
            if inner and not _NOT_TRANSLATION.match(inner):
                return Translation(inner.rstrip(" .,"), end + 1)
    return None
