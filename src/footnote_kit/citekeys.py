"""Citation keys in the style users know from Better BibTeX: ``authorYearFirstword``.

Why this shape: a writer types these keys (``\\cite{safar2019istochniki}``, ``[@safar2019istochniki]``)
and reads them in their manuscript, so they must be short, readable, plain ASCII, start with
a letter, and be the same every time the same notes are exported (a key that changes breaks
every citation that uses it). Rules (documented in docs/export.md, "Key rules"):

- *author*: the first author's family name; for an organisation, a name we could not split,
  or no author at all, the outlet (``container-title``) or the issuing body (``publisher``),
  shortened to its first two significant words (``United Nations Security Council`` ->
  ``unitednations``). With none of these, the first three significant words of the title
  (Better BibTeX's ``[shorttitle3_3]``: ``afghantalibansaid``), then of an interview's or
  letter's description, then the site's name in the URL, then the CSL type. Never ``anon``.
  Leading digits are dropped (a key starting with a digit breaks pandoc's ``@key``).
- *year*: the year of ``issued``; nothing when the source is undated.
- *first word*: the first word of the title that is not a stop word or a single letter
  (none when the title already gave the author part).
- Everything is transliterated to lowercase ASCII (``Kölner`` -> ``kolner``, ``Straße`` ->
  ``strasse``, ``Łódź`` -> ``lodz``, ``Москва`` -> ``moskva``) and keeps only ``a-z0-9``.
- Clashes get ``a``, ``b``, ... in the order of the clashing sources' dates (then titles,
  URLs), as author-date styles order ``2020a``, ``2020b``: the oldest keeps the bare key.
  Not in order of citation, so that a note added above, or notes moved, rename nothing;
  only a new source with the same key and an earlier date moves the letters of that key.

This module imports the standard library only.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Iterable, Sequence

from footnote_kit.model import Name, Source

# Letters that Unicode decomposition does not reduce to ASCII.
_SPECIAL = {
    "ß": "ss", "ẞ": "SS", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D",
    "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D",
    "ı": "i", "ħ": "h", "Ħ": "H", "ŋ": "ng", "Ŋ": "Ng", "ĸ": "q",
    "‘": "", "’": "", "ʼ": "", "ʻ": "", "`": "",
}
# Cyrillic (Russian plus the letters of Ukrainian, Belarusian, Kazakh, Kyrgyz, Tajik,
# Uzbek Cyrillic, Serbian), in the simple scholarly/BGN-like romanisation writers use.
_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
    "є": "ye", "і": "i", "ї": "yi", "ґ": "g", "ў": "u", "ә": "a", "ғ": "gh", "қ": "q",
    "ң": "ng", "ө": "o", "ұ": "u", "ү": "u", "һ": "h", "ҳ": "h", "ҷ": "j", "ӣ": "i",
    "ӯ": "u", "ђ": "dj", "ј": "j", "љ": "lj", "њ": "nj", "ћ": "c", "џ": "dz", "ѓ": "g",
    "ќ": "k", "ѕ": "dz",
}
_GREEK = {
    "α": "a", "β": "v", "γ": "g", "δ": "d", "ε": "e", "ζ": "z", "η": "i", "θ": "th",
    "ι": "i", "κ": "k", "λ": "l", "μ": "m", "ν": "n", "ξ": "x", "ο": "o", "π": "p",
    "ρ": "r", "σ": "s", "ς": "s", "τ": "t", "υ": "y", "φ": "f", "χ": "ch", "ψ": "ps", "ω": "o",
}
_TABLE: dict[int, str] = {ord(k): v for k, v in _SPECIAL.items()}
for _src in (_CYRILLIC, _GREEK):
    for _k, _v in _src.items():
        _TABLE[ord(_k)] = _v
        _TABLE[ord(_k.upper())] = _v.capitalize()

# Function words skipped when choosing the title's first word. English as Better BibTeX
# does, plus the articles and prepositions that open titles in the languages footnotes
# commonly cite (French, German, Spanish, Italian, Portuguese, Dutch, Russian translit.).
STOP_WORDS = frozenset(
    """a an and as at but by for from in into is of on or over the to up with via vs
    le la les un une des du de et au aux en sur pour dans par
    der die das den dem des ein eine einer und im zum zur mit von vom auf fur uber
    el los las unos unas del al y por para con
    il lo gli uno di da nel della dei e
    o os um uma do da dos das no na nos nas em
    het een van en op
    v vo na za iz ob ot po pri s so k ko u i o ne""".split()
)


def ascii_fold(text: str) -> str:
    """Transliterate to ASCII: the special table first, then drop combining marks."""
    if text.isascii():
        return text
    text = text.translate(_TABLE)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c) and ord(c) < 128)


def slug(text: str) -> str:
    """Lowercase ASCII letters and digits only."""
    return re.sub(r"[^a-z0-9]+", "", ascii_fold(text).lower())


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"[\s\-–—/]+", ascii_fold(text).lower()) if w]


def first_word(title: str | None) -> str:
    """The first title word that carries meaning (not a stop word, not one letter)."""
    if not title:
        return ""
    for word in _words(title):
        s = re.sub(r"[^a-z0-9]+", "", word)
        if len(s) > 1 and s not in STOP_WORDS:
            return s
    return ""


def body_name(name: str) -> str:
    """An organisation as a key part: the first two significant words of its main name.

    ``Radio Ozodi – RFE/RL's Tajik Service`` -> ``radioozodi``: what follows a dash, colon,
    comma or bracket is a qualifier, and long names would make unwieldy keys.
    """
    head = re.split(r"\s[–—-]\s|[,:;(\[]|/", name, maxsplit=1)[0] or name
    words = [re.sub(r"[^a-z0-9]+", "", w) for w in _words(head)]
    significant = [w for w in words if w and w not in STOP_WORDS]
    return "".join(significant[:2]) or "".join(words)


def _author_and_title(source: Source) -> tuple[str, bool]:
    """The author part, and whether it was taken from the title (then no first word follows)."""
    for names in (source.author, source.editor, source.interviewer):
        for name in names[:1]:
            part = _letter_first(_name_part(name))
            if part:
                return part, False
    for body in (source.container_title, source.publisher):
        part = _letter_first(body_name(body)) if body else ""
        if part:
            return part, False
    part = _letter_first(short_title(source.title))
    if part:
        return part, True
    if source.type in COMMUNICATIONS:
        # An untitled interview or letter is known by its description ("Interview with a
        # former police officer"); for other kinds ``note`` holds the writer's own words.
        part = _letter_first(short_title(source.note))
        if part:
            return part, False
    host = _letter_first(re.sub(r"[0-9]+", "", _site(source.URL)))
    if host:
        return host, False
    return _letter_first(slug(source.type)) or "source", False


def short_title(title: str | None, n: int = 3) -> str:
    """The first ``n`` significant words of a title, run together (``afghantalibansaid``)."""
    words = []
    for word in _words(title or ""):
        s = re.sub(r"[^a-z0-9]+", "", word)
        if len(s) > 1 and s not in STOP_WORDS:
            words.append(s)
            if len(words) == n:
                break
    return "".join(words)


COMMUNICATIONS = frozenset({"interview", "personal_communication"})
_SUBDOMAINS = frozenset("www www2 m mobile en eng ru rus de fr es amp news".split())
_SECOND_LEVEL = frozenset("co com org net gov ac edu".split())


def _site(url: str | None) -> str:
    """The name of the site a URL is on: ``https://eng.scorussia2020.ru/...`` -> ``scorussia2020``."""
    if not url:
        return ""
    host = re.sub(r"^[a-z]+://", "", url.strip().lower()).split("/", 1)[0].split(":", 1)[0]
    labels = [label for label in host.split(".") if label and label not in _SUBDOMAINS]
    if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL:
        labels = labels[:-1]
    return slug(labels[-2] if len(labels) >= 2 else labels[0]) if labels else ""


def _letter_first(part: str) -> str:
    """A key part that starts with a letter: leading digits dropped (``24kz`` -> ``kz``)."""
    return part.lstrip("0123456789")


def _name_part(name: Name) -> str:
    if name.family:
        return slug(name.family)
    if name.literal:
        return body_name(name.literal)
    return slug(name.given or "")


def base_key(source: Source) -> str:
    author, from_title = _author_and_title(source)
    year = str(source.year) if source.year else ""
    word = "" if from_title else first_word(source.title)
    return f"{author}{year}{word}"


def _suffix(n: int) -> str:
    """0 -> a, 25 -> z, 26 -> aa: enough suffixes for any bibliography."""
    out = ""
    n += 1
    while n:
        n, rem = divmod(n - 1, 26)
        out = chr(97 + rem) + out
    return out


def assign(sources: Sequence[Source], taken: Iterable[str] = ()) -> list[str]:
    """One unique key per source, in order; ``taken`` keys are never reused.

    Sources whose keys clash are lettered in the order of ``_clash_order`` (their content),
    never in the order they come, so adding or moving sources elsewhere changes no key."""
    used = set(taken)
    bases = [base_key(s) for s in sources]
    groups: dict[str, list[int]] = {}
    for i, base in enumerate(bases):
        groups.setdefault(base, []).append(i)
    out = [""] * len(bases)
    for base, members in groups.items():
        n = -1
        for i in sorted(members, key=lambda i: _clash_order(sources[i])):
            key = base
            while key in used:
                n += 1
                key = f"{base}{_suffix(n)}"
            used.add(key)
            out[i] = key
    return out


def _clash_order(source: Source) -> tuple[tuple[int, ...], str, str, str, str]:
    """Date first (undated last), then what else tells the sources apart."""
    return (
        source.issued or (10_000,),
        ascii_fold(source.title or "").casefold(),
        (source.URL or "").lower(),
        (source.DOI or "").lower(),
        ascii_fold(source.number or "").casefold(),
    )


def unique(key: str, used: Iterable[str]) -> str:
    """``key`` with the first free suffix (``a``, ``b``...): for a file's duplicate keys."""
    taken = set(used)
    n = 0
    while f"{key}{_suffix(n)}" in taken:
        n += 1
    return f"{key}{_suffix(n)}"
