"""Which cites read the same as another's, and what tells them apart (gap 9, year suffixes).

citeproc-py has no disambiguation: ``disambiguate="true"`` always held and two works by
Mikhaylov in 2020 were both "(Mikhaylov, 2020)". citeproc-js, the reference, applies the
CSL steps in order; we apply the two that the common styles rely on, on whole citations:
render each item's cite; items whose cites collide get ``disambiguate="true"``; those that
still collide get year suffixes (``2020a``, ``2020b``) in bibliography order, when the style
asks for them. Adding names or given names (the first two CSL steps) is not done.
"""

from __future__ import annotations

import string
from typing import Any, Callable, Sequence


def find_ambiguous(render: Callable[[str, bool], str], keys: Sequence[str], *,
                   conditions: bool, year_suffix: bool, set_suffix: Callable[[str, str], None]) -> set[str]:
    """Keys for which ``disambiguate="true"`` holds; assigns year suffixes via ``set_suffix``.

    ``render(key, ambiguous)`` renders the item's cite; ``keys`` are in bibliography order.
    """
    groups = _collisions({k: render(k, False) for k in keys}, keys)
    ambiguous = {k for group in groups for k in group}
    if not ambiguous:
        return set()
    still = groups
    if conditions:
        still = _collisions({k: render(k, True) for k in ambiguous}, [k for k in keys if k in ambiguous])
    if year_suffix:
        for group in still:
            for n, key in enumerate(group):
                set_suffix(key, suffix(n))
    return ambiguous if conditions else set()


def suffix(n: int) -> str:
    """a, b, ... z, aa, ab, ... as citeproc-js numbers year suffixes."""
    letters = string.ascii_lowercase
    out = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        out = letters[r] + out
    return out


def _collisions(texts: dict[str, Any], order: Sequence[str]) -> list[list[str]]:
    by_text: dict[str, list[str]] = {}
    for key in order:
        text = texts[key]
        if text:
            by_text.setdefault(text, []).append(key)
    return [group for group in by_text.values() if len(group) > 1]
