"""Text from outside (a page's title, a ``Location`` header, a cited URL) made safe to show.

Why: a terminal obeys the control sequences in what it prints. A server that answers
with ``ESC]0;…BEL`` in its title retitles the user's terminal, and worse sequences can
rewrite what was printed before, so a report could be made to say a link is fine. A
GitHub annotation or a SARIF viewer is fooled the same way by bidirectional overrides.
Everything footnote-kit shows that came from a server or a document passes through
``printable``. Stdlib only: the pre-commit hook uses it.
"""

from __future__ import annotations

import re

_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_BREAKS = re.compile(r"[\r\n\t]+")


def printable(text: str, *, one_line: bool = False) -> str:
    """``text`` without control characters (C0 but tab and newline, DEL, C1, bidi overrides).

    ``one_line`` also turns line breaks and tabs into single spaces, for text that must
    stay on its line (a detail, a title).
    """
    text = _UNSAFE.sub("", text)
    return _BREAKS.sub(" ", text) if one_line else text
