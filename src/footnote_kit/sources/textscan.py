"""Fast, exact text tests that the recognisers share.

Why a module of its own: the parser runs these on every note, and the obvious regex
(an alternation with ``re.I`` tried at every position, a look-behind first) is several
times slower than an equivalent form. Each helper here states the pattern it is
equivalent to; speed work must not change what the parser reads
(``scripts/parse_digest.py`` checks that).
"""

from __future__ import annotations

import re

YEAR = re.compile(r"(?:1[5-9]|20)\d\d(?<!\d....)(?!\d)")
r"""A year (1500-2099) not inside a longer number: ``(?<!\d)(?:1[5-9]\d\d|20\d\d)(?!\d)``
with the digits first and the look-behind after them, so that the regex engine skips
ahead to a ``1`` or ``2`` instead of trying the look-behind at every position."""

_FOLD = str.maketrans({"ı": "i", "İ": "i", "ſ": "s", "\u212a": "k"})


def fold(text: str) -> str:
    """``text`` in lower case, with the letters a case-insensitive regex equates with ASCII
    ones (dotless i, dotted capital I, long s, the Kelvin sign) made ASCII, so that a
    lower-case pattern finds exactly what the same pattern with ``re.I`` would."""
    if text.isascii() or not ("ı" in text or "İ" in text or "ſ" in text or "\u212a" in text):
        return text.lower()  # str.translate looks up every character: only when needed
    return text.translate(_FOLD).lower()


def any_word(words: str) -> re.Pattern[str]:
    r"""A pattern that finds any of ``words`` (lower-case ASCII, space-separated) as a whole
    word in ``fold``-ed text.

    Why not ``\b(?:is|are|…)\b`` with ``re.I``: that alternation is tried at every
    position. Grouped by first letter, with the word-start test after that letter, the
    pattern starts with a literal in every branch and the regex engine skips ahead to
    the next candidate letter: three times faster on a 150-character note."""
    by_first: dict[str, list[str]] = {}
    for word in words.split():
        by_first.setdefault(word[0], []).append(re.escape(word[1:]))
    branches = [f"{first}(?<!\\w{first})(?:{'|'.join(sorted(rests, key=len, reverse=True))})" for first, rests in sorted(by_first.items())]
    return re.compile("(?:" + "|".join(branches) + ")\\b")


def names_web_address(folded: str) -> bool:
    """``http://``, ``https://`` or ``www.`` in ``fold``-ed text: what a case-insensitive
    regex would find, and the part of the link tests that substrings can answer."""
    return "http://" in folded or "https://" in folded or "www." in folded


_PROSE_WORDS = any_word("is are was were has have had been be said says spoke reported according which that this these there also it he she they we our its")


def is_prose(text: str) -> bool:
    """A sentence of explanation rather than the head of a citation: nine words or more,
    one of them a verb or pronoun that titles and names seldom hold."""
    words = text.split()
    return len(words) >= 9 and _PROSE_WORDS.search(fold(text)) is not None
