"""Citations by key: pandoc's ``[@smith2019, p. 4]`` and ``[see @a; @b]``, which Markdown
notes carry and the LaTeX reader writes for ``\\cite[p.~4]{smith2019}``.

A key cites a source the writer's bibliography holds, so the part is a citation whose
item has the key as ``id`` (and the locator as ``page``) and nothing invented besides.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_GROUP = re.compile(r"\[(?P<body>[^\[\]]*?@[\w:.#$%&+?<>~/-]+[^\[\]]*)\]")
_CITE = re.compile(r"^(?P<prefix>[^@]*?)-?@(?P<key>[\w][\w:.#$%&+?<>~/-]*?)(?P<suffix>,[^;]*)?$")


class KeyCite(NamedTuple):
    key: str
    locator: str | None
    prefix: str


def find(text: str) -> tuple[list[KeyCite], str]:
    """The key citations in ``text`` and the text without them."""
    cites: list[KeyCite] = []
    for m in _GROUP.finditer(text):
        for piece in m.group("body").split(";"):
            c = _CITE.match(piece.strip())
            if c:
                suffix = (c.group("suffix") or "").strip(" ,")
                loc = re.sub(r"^(?:pp?\.|pages?)\s*", "", suffix) or None
                cites.append(KeyCite(c.group("key").rstrip("."), loc, c.group("prefix").strip()))
    rest = _GROUP.sub("", text) if cites else text
    return cites, rest
