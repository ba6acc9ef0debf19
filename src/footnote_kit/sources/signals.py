"""Signal words: ``See``, ``see also``, ``cf.``, ``Vgl.``, ``Voir``, ``Véase``, ``См.``,
``For example, see``, ``quoted in``: the writer's pointer to a source, never a field of it.

Why one module: the splitter (prose, then ``See: …``), the segment reader (the citation's
``prefix``), the short-form and op. cit. readers all need to know where a pointer ends,
and three copies of the word list had drifted apart. CSL keeps these words in the
citation (``prefix``), not in the item, and so does footnote-kit.

A pointer is one or more signal words (``See, e.g.,``, ``Vgl. auch``), or a short clause
that ends with one (``For a fuller discussion, see``, ``Zu den Zahlen vgl.``), followed by
white space or a colon and then the source.
"""

from __future__ import annotations

import re
from functools import lru_cache

from footnote_kit.sources.textscan import fold

# The words that open a pointer, and the words that may follow them within it. English,
# German, French, Spanish, Italian, Russian; the Bluebook's ``But see``, ``See generally``.
_OPENERS = (
    r"see|but\s+see|cf\.|cfr\.|compare|contra|e\.\s?g\.|for\s+(?:example|instance)|(?:quoted|cited)\s+(?:in|by)"
    r"|as\s+(?:quoted|cited)\s+in|quoting|citing|vgl\.|siehe|s\.(?=\s+(?:auch|dazu|hierzu))|zit(?:\.|iert)\s+(?:nach|in|bei)"
    r"|z\.\s?b\.|voir|cité\s+(?:dans|par|in)|véase|vid\.|vide|cfr|ср\.|см\.|sources?:"
)
_MORE = (
    r"also|further|generally|especially|esp\.|e\.\s?g\.|for\s+(?:example|instance)|in\s+particular|inter\s+alia|more\s+generally"
    r"|auch|dazu|hierzu|etwa|insbesondere|z\.\s?b\.|u\.\s?a\.|aussi|également|notamment|par\s+exemple|surtout"
    r"|à\s+(?:cet\s+égard|ce\s+sujet|ce\s+propos)|sur\s+ce\s+point|on\s+this(?:\s+point)?"
    r"|también|además|por\s+ejemplo|anche|также|например|also\s+e\.\s?g\.|see(?:\s+also)?"
)
_SIGNAL = re.compile(
    rf"(?:{_OPENERS})(?:,?\s*(?:{_MORE}))*(?:,|\s*:)?(?=\s|$)",
    re.I,
)
# A clause that ends with a pointer: ``For a fuller discussion, see``, ``On this point, see
# also``, ``Zu den Zahlen vgl.``, ``Pour une analyse, voir``. At most ten words, no quote,
# bracket or digit in it (a clause with those is prose that quotes or cites).
_CLAUSE = re.compile(
    r"(?:[^\W\d_][\w’'-]*,?\s+){1,10}?"
    r"(?:see|cf\.|vgl\.|siehe|voir|véase|см\.|ср\.)(?:\s+(?:also|further|auch|aussi|también|также))?(?:,|\s*:)?(?=\s)",
    re.I,
)
_FIRST = frozenset("sbcefqavzdс")
"""First letters (``fold``-ed, as ``re.I`` equates them) of the opening words (the last a
Cyrillic ``с``): a text that begins otherwise opens with none."""
# What a source may begin with in lower case after a pointer: a repetition (``ibid.``,
# ``ebd.``, ``ders.``), a name's particle (``de Gaulle``, ``al-Rasheed``), an article (``the
# report by …``), a link. Any other lower-case word (``Voir et planifier``) is a title's, not a source's.
_LOWER_START = re.compile(
    r"(?:ibid|ib|id|idem|ebd|ebenda|ders|dies|the|a|an|de|da|di|do|dos|das|du|del|della|der|den|die|van|von|ter|ten|la|le|les|al|el|ibn|bin)\b"
    r"|(?:al|el|d|l)[-’']|https?://|www\.|doi:"
)
_CLAUSE_WORDS = re.compile(r"\b(?:see|cf|vgl|siehe|voir|véase)\b|см\.|ср\.", re.I)


class Signal:
    """A pointer at the start of a text: its words as printed (without the final colon or
    comma) and where the source after it begins."""

    __slots__ = ("words", "end")

    def __init__(self, words: str, end: int) -> None:
        self.words = words
        self.end = end

    def __repr__(self) -> str:
        return f"Signal({self.words!r}, {self.end})"


@lru_cache(maxsize=32)
def leading(text: str) -> Signal | None:
    """The pointer that opens ``text`` (``See also``, ``Cf.``, ``For example, see``), or
    None. Only when something follows it: a note that is all ``See`` cites nothing.

    Cached: the ibid., short-form and segment readers each ask it of the same segment."""
    start = len(text) - len(text.lstrip())
    if start >= len(text):
        return None
    m = _SIGNAL.match(text, start) if fold(text[start]) in _FIRST else None
    if m is None and _may_hold_clause(text[start : start + 120]) and _CLAUSE_WORDS.search(text, start, start + 120):
        m = _CLAUSE.match(text, start)
        if m is not None and not _plain_clause(m.group(0)):
            m = None
    if m is None:
        return None
    end = m.end()
    rest = text[end:]
    body = rest.lstrip()
    if not body or body[0] in ",;.:)]}" or (body[0].islower() and not _LOWER_START.match(body)):
        return None
    words = m.group(0).strip().rstrip(",:").strip()
    return Signal(words, end + (len(rest) - len(body)))


def _may_hold_clause(head: str) -> bool:
    """Whether a clause's pointer word can be in ``head``: substring tests first, since
    nearly every segment opens with none and the pattern is tried at every position."""
    low = fold(head)
    return "see" in low or "cf" in low or "vgl" in low or "siehe" in low or "voir" in low or "véase" in low or "см." in low or "ср." in low


def _plain_clause(clause: str) -> bool:
    """A lead-in clause is words only: a sentence (``… groups. See``) is prose, and its
    pointer is split off by ``split`` instead."""
    return not any(ch in clause for ch in ".;!?") or clause.rstrip(" ,:").lower().endswith(("cf.", "vgl.", "см.", "ср."))


def strip(text: str) -> tuple[str | None, str]:
    """(the pointer's words, the rest) of ``text``; (None, text) when it opens with none."""
    sig = leading(text)
    if sig is None:
        return None, text
    return sig.words, text[sig.end :]


def strip_any(text: str) -> tuple[str | None, str]:
    """(the signal words, the rest) of ``text`` when it opens with them, whatever follows:
    for words that are known to be no source (a note's leftover words), where ``strip``'s
    caution (``Voir et planifier`` is a title) has no object."""
    start = len(text) - len(text.lstrip())
    m = _SIGNAL.match(text, start) if start < len(text) and fold(text[start]) in _FIRST else None
    if m is None:
        return None, text
    return m.group(0).strip().rstrip(",:").strip(), text[m.end() :]


# A place in the writer's own document: ``section 3.2``, ``chapter iv``, ``note 12``, ``p. 45
# above``, ``Kap. 3``, and ``??``, which TeX prints for a cross-reference it has not resolved.
INTERNAL_PLACE = (
    r"(?:(?:sections?|sects?\.|secs?\.|§§?|chapters?|chaps?\.|chs?\.|parts?|pt\.|notes?|nn?\.|appendi(?:x|ces)|app\.|"
    r"figures?|figs?\.|tables?|tab\.|pages?|pp?\.|Abschnitt|Kapitel|Kap\.|Anm\.|Fn\.|Teil|Abb\.|chapitre|partie|annexe)"
    r"\s*(?:\d[\d.]*[a-z]?|[ivxlc]+\b|[IVXLC]+\b|\?\?)|\?\?|above|below|supra|infra|oben|unten|ci-dessus|ci-dessous)"
)
_INTERNAL = re.compile(
    rf"^\s*(?:{_OPENERS})(?:,?\s*(?:{_MORE}))*:?\s+{INTERNAL_PLACE}(?:\s*(?:,|and|und|et)?\s*{INTERNAL_PLACE})*\s*[.;]?\s*$",
    re.I,
)


def internal(text: str) -> bool:
    """Whether ``text`` is a pointer to another place of the writer's own document (``See
    section 3.2, p. 45.``, ``Vgl. oben Kap. 3.``, ``See ??, p. ??.``): a cross-reference,
    which cites no source."""
    return _INTERNAL.match(text) is not None
