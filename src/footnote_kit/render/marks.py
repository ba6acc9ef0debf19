"""Private-use characters that stand for quotes and formatting while citeproc-py renders.

Why: citeproc-py writes quotes and markup as final characters (or as HTML tags) the moment
an element renders, so nothing downstream can tell a style's quote from a quote in a title,
flip nested quotes, move a comma inside the closing quote, or escape field text without
also escaping the markup. Rendering with these marks instead and resolving them once, on
the finished string (``fixes.finish``), gives one place where all of that is decided.
The marks sit in Unicode's private use area, so no bibliographic field contains them.
"""

from __future__ import annotations

Q_OPEN = "\ue000"
Q_CLOSE = "\ue001"
#: a title's own single quotes ('like this'): always the locale's inner quotes
QS_OPEN = "\ue00e"
QS_CLOSE = "\ue00f"

#: formatting name -> (open mark, close mark, HTML open tag, HTML close tag)
FORMATS: dict[str, tuple[str, str, str, str]] = {
    "italic": ("\ue002", "\ue003", "<i>", "</i>"),
    "bold": ("\ue004", "\ue005", "<b>", "</b>"),
    "smallcaps": ("\ue006", "\ue007", '<span style="font-variant:small-caps;">', "</span>"),
    "sup": ("\ue008", "\ue009", "<sup>", "</sup>"),
    "sub": ("\ue00a", "\ue00b", "<sub>", "</sub>"),
    "underline": ("\ue00c", "\ue00d", '<span style="text-decoration:underline;">', "</span>"),
}
OPENERS = "".join(v[0] for v in FORMATS.values())
CLOSERS = "".join(v[1] for v in FORMATS.values())
ALL = Q_OPEN + Q_CLOSE + QS_OPEN + QS_CLOSE + OPENERS + CLOSERS


def strip(text: str) -> str:
    """The text without any mark: what sorting and comparisons must see."""
    return text.translate(_STRIP)


_STRIP = {ord(c): None for c in ALL}
