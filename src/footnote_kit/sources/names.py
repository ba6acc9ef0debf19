"""Authors and editors: ``A and B``, ``A, B and C``, inverted ``Mokrenko, Anastasia``,
``Smith, John, and Jane Doe``, organisations as CSL ``literal`` names.

Why a small word list for organisations: a personal name is two to four capitalised
words; ``Human Rights Watch`` is too, so the words that make a name an institution
(``Watch``, ``Ministry``, ``Council``, ...) are what tell them apart, in any field.
"""

from __future__ import annotations

import re

from footnote_kit.model import Name

_ORG_WORDS = frozenset(
    """
    academy agency alliance assembly association authority bank board bureau center centre
    chamber college commission committee company congress corporation council court crisis
    department directorate division embassy federation forum foundation fund government group
    institute institution international league library ministry mission monitoring network
    news nations office organisation organization parliament party press program programme
    project radio republic school secretariat senate service services society staff team
    television times tribunal trust union university watch affairs unit police army command
    prosecutor majlis duma agentstvo ministerstvo media house
    """.split()
)
_WORDS = re.compile(r"[\w’']+")
_INITIAL = re.compile(r"^[A-Z]\.")
_PARTICLES = frozenset("van von der den de del della di da du la le al el bin ibn ben dos das ter ten".split())
_SUFFIXES = frozenset("jr jr. sr sr. ii iii iv".split())
_AND = re.compile(r",?\s+(?:and|&|und|et|y|i|и)\s+|\s*&\s*")
_NAME_WORD_BODY = r"(?:[A-Z][\w’'.-]*|[A-Z]\.|(?:al|el|bin|ibn|van|von|de|del|della|di|da|du|la|le|der|den)[-’']?[\w’'.-]*)"
_NAME_WORD = re.compile(rf"^{_NAME_WORD_BODY}$", re.U)
# Two or more such words: one fullmatch instead of a match per word (the words hold no
# whitespace, so ``\s+`` splits them exactly where ``str.split`` does).
_NAME_WORDS = re.compile(rf"{_NAME_WORD_BODY}(?:\s+{_NAME_WORD_BODY})+", re.U)
_CAP_WORD = re.compile(r"^[^\W\d_][\w’'.-]*$", re.U)
_ROLE = re.compile(
    r"\s*,?\s*\(?(?<!\w)(eds?\.|editors?|trans\.|translated by|comp\.|compiler|hrsg\.|hg\.|dir\.|éds?\.|coord\.|trad\.|übers\.)\)?\s*$", re.I
)
_ET_AL = re.compile(r"\s*,?\s+et al\.?$")  # run only on text holding "et al"
# what looks_like_names refuses: quotes, colons, brackets or a digit (``\d``), in one search
_NOT_NAMES = re.compile(r"[“”\"«»:()\[\]\d]")


def _may_have_role(text: str) -> bool:
    """False when ``_ROLE`` cannot match: its role word (at most 13 characters) is
    followed only by an optional ``)`` and whitespace, so it lies in the last 14
    characters before trailing whitespace (``\\s`` and ``str.rstrip`` strip the same
    characters), and every role word holds one of the pieces tested, in letters that
    ``re.I`` matches only in their two cases (``i`` and ``s`` are not tested alone)."""
    tail = text.rstrip()[-14:].lower()
    return (
        "ed" in tail or "tran" in tail or "comp" in tail or "hrsg" in tail or "hg." in tail or "dir." in tail
        or "éd" in tail or "coord" in tail or "trad" in tail or "übers" in tail
    )


_ARTICLES = frozenset("The A An Der Die Das Les Los Las Il Gli Het".split())
_EDITOR_ROLES = ("ed", "éd", "hrsg", "hg", "herausg", "dir", "coord", "zusammengest", "compiled")
_TRANSLATOR_ROLES = ("trans", "tr.", "trad", "übers", "traduc", "traduit")


def role_kind(role: str | None) -> str | None:
    """``editor``, ``translator`` or ``interviewer`` for a printed role word (``eds.``,
    ``Hrsg.``, ``éd.``, ``dir.``; ``trans.``, ``trad.``, ``übers. von``; ``interview by``),
    None for none. The one place that knows which word names which role, in every language."""
    if not role:
        return None
    low = role.lower()
    if low.startswith(_EDITOR_ROLES):
        return "editor"
    if low.startswith(_TRANSLATOR_ROLES):
        return "translator"
    if low.startswith("interview"):
        return "interviewer"
    return None


def is_org(text: str) -> bool:
    return not _ORG_WORDS.isdisjoint(_WORDS.findall(text.lower())) or (text.isupper() and len(text) > 1)


def looks_like_person(text: str) -> bool:
    """Two to five name-shaped words (``Tokhir Safar``, ``J. R. R. Tolkien``, ``Mokrenko, Anastasia``)."""
    text = text.strip()
    if "," in text:
        family, _, given = text.partition(",")
        return looks_like_person(given.strip() + " " + family.strip()) if given.strip() else False
    words = text.split()
    if not 2 <= len(words) <= 5:
        return False
    if not (words[0][:1].isupper() and words[-1][:1].isupper()) or words[0] in _ARTICLES:
        return False  # ``The Greville Memoirs`` is a title
    if _NAME_WORDS.fullmatch(text):  # the common case: every word a _NAME_WORD
        return True
    return all(_NAME_WORD.match(w) or (w[:1].isupper() and _CAP_WORD.match(w)) for w in words)


def looks_like_names(text: str) -> bool:
    """Whether ``text`` reads as a list of authors (people or organisations)."""
    text = text.strip()
    if "et al" in text:
        text = _ET_AL.sub("", text)
    if _may_have_role(text):
        text = _ROLE.sub("", text)
    return _listed(text) is not None


def _listed(text: str) -> list[str] | None:
    """The names ``text`` lists (role and ``et al`` already removed), or None when it does
    not read as a list of people and organisations."""
    if not text or len(text) > 160 or _NOT_NAMES.search(text):
        return None
    if _may_have_and(text) and _one_institution(text):
        return [text]  # ``Center for Strategic and International Studies``: one name
    parts = split_names(text)
    if not parts or not all(looks_like_person(p) or _is_org_name(p) for p in parts):
        return None
    return parts


# The words an institution's name opens with (``Ministry of …``, ``the Council of …``): after
# ``and``, one of them begins a second institution; any other word continues the first
# (``Ministry of Labour and Social Protection``).
_ORG_HEADS = frozenset(
    """
    academy agency alliance assembly association authority bank board bureau center centre chamber college commission
    committee company congress corporation council court department directorate division embassy federation forum
    foundation fund government group institute institution league library ministry mission network office organisation
    organization parliament party program programme project school secretariat senate service society tribunal trust
    union university the
    """.split()
)
_OF_WORDS = frozenset("of for on für pour de del des du della di".split())


def _one_institution(text: str) -> bool:
    """Whether ``and`` in ``text`` joins two words of one institution's name: the part
    before it has ``of``/``for`` (``Ministry of Labour and …``, ``Center for Strategic and
    …``), and the part after opens with no word an institution's name opens with."""
    if "," in text or not _is_org_name(text):
        return False
    m = _AND.search(text)
    if m is None or _AND.search(text, m.end()):
        return False
    left, right = text[: m.start()].split(), text[m.end() :].split()
    return bool(left and right) and not _OF_WORDS.isdisjoint(w.lower() for w in left[1:]) and right[0].lower() not in _ORG_HEADS


_ORG_LOWER = frozenset("of the for and on in at de du des la le el del der die und für am an to".split())


def _is_org_name(text: str) -> bool:
    """An institution's name: capitalised words (bar ``of``, ``the``, ``for``...) with an
    institution word among them."""
    words = text.split()
    return (
        1 <= len(words) <= 12
        and words[0][:1].isupper()
        and all(w[:1].isupper() or w[:1].isdigit() or w.lower() in _ORG_LOWER or not w[:1].isalpha() for w in words)
        and is_org(text)
    )


def split_names(text: str) -> list[str]:
    """``A, B and C`` -> [A, B, C]; an inverted first name (``Doe, Jane, and John Smith``)
    keeps its comma."""
    text = text.strip().rstrip(",")
    if not _may_have_and(text):
        if "," not in text:  # one name: what the loop below would return
            text = text.strip()
            return [text] if text else []
        pieces = [text.strip()] if text.strip() else []
    else:
        pieces = [p.strip() for p in _AND.split(text) if p.strip()]
    out: list[str] = []
    for piece in pieces:
        commas = [c.strip() for c in piece.split(",") if c.strip()]
        if len(commas) == 2 and not out and len(pieces) <= 2 and is_inverted(commas[0], commas[1]):
            out.append(f"{commas[0]}, {commas[1]}")
        elif len(commas) >= 3 and not out and is_inverted(commas[0], commas[1]):
            out.append(f"{commas[0]}, {commas[1]}")
            out.extend(commas[2:])
        else:
            out.extend(commas)
    return out


_AND_WORDS = frozenset("and und et y i и".split())


def _may_have_and(text: str) -> bool:
    """False when ``_AND`` cannot match: it needs an ``&`` or one of its words with
    whitespace either side, that is a word of ``text.split()`` (``\\s`` and ``str.split``
    agree on whitespace)."""
    return "&" in text or not _AND_WORDS.isdisjoint(text.split())


def is_inverted(family: str, given: str) -> bool:
    """``Mokrenko, Anastasia``: one or two words, then one or more given names or initials."""
    words = family.split()
    return (
        bool(words)
        and (len(words) == 1 or words[0].lower() in _PARTICLES)
        and not _INITIAL.match(family)
        and 1 <= len(given.split()) <= 3
        and family[:1].isupper()
        and given[:1].isupper()
        and given.lower() not in _SUFFIXES
        and not is_org(family + " " + given)
    )


def _is_initials(word: str) -> bool:
    """``AL``, ``JR``: initials printed without stops, after the family name (Vancouver)."""
    return 1 <= len(word) <= 3 and word.isalpha() and word.isupper()


def parse_name(text: str) -> Name:
    text = text.strip().strip(",")
    if _is_org_name(text):
        return Name(literal=text)
    if "," in text:
        family, _, given = text.partition(",")
        given = given.strip()
        if given.lower().rstrip(".") in {"jr", "sr"}:
            return _from_words(family.split(), suffix=", " + given)
        return Name(family=family.strip(), given=given or None)
    return _from_words(text.split())


# A rank or form of address before a name (``President Barack Obama``, ``General Charles
# Grey``, ``Sir Herbert Maxwell``) and a title of nobility inside it (``Ernst Freiherr von
# Stockmar``): no part of the given or family name CSL wants.
_HONORIFICS = frozenset(
    """
    president general sir lord lady dame dr dr. prof prof. professor mr mr. mrs mrs. ms ms. captain capt. colonel col.
    major lieutenant lt. admiral rev. reverend senator sen. rep. representative judge justice father bishop cardinal
    herr frau mme mme. mlle monsieur madame
    """.split()
)
_NOBILITY = frozenset("freiherr freifrau graf gräfin baron baronin ritter edler".split())


def _without_honorifics(words: list[str]) -> list[str]:
    """``words`` without a leading rank (while two words remain) and titles of nobility."""
    while len(words) > 2 and words[0].lower() in _HONORIFICS:
        words = words[1:]
    if len(words) > 2 and not _NOBILITY.isdisjoint(w.lower() for w in words[1:-1]):
        words = [words[0]] + [w for w in words[1:-1] if w.lower() not in _NOBILITY] + [words[-1]]
    return words


def _from_words(words: list[str], suffix: str = "") -> Name:
    words = _without_honorifics(words)
    if len(words) == 2 and not suffix and _is_initials(words[1]) and not words[0].isupper():
        return Name(family=words[0], given=words[1])  # Vancouver: ``Beautrais AL``
    if len(words) == 1:
        return Name(literal=words[0] + suffix) if not suffix else Name(family=words[0] + suffix)
    if words[-1].lower().rstrip(",") in _SUFFIXES and len(words) > 2:
        suffix = " " + words[-1] + suffix
        words = words[:-1]
    # family name starts at the first particle after the given names, else it is the last word
    i = len(words) - 1
    while i > 1 and words[i - 1].lower() in _PARTICLES:
        i -= 1
    return Name(family=" ".join(words[i:]), given=" ".join(words[:i]) + suffix)


_APA_SPLIT = re.compile(r"[,;]\s*(?:&\s*|and\s+)?|\s*&\s*|\s+and\s+")
_APA_ET_AL = re.compile(r"\s*,?\s*et al\.?$")
_INITIALS = re.compile(r"^(?:[^\W\d_]{1,2}\.(?:\s*-?\s*)?)+$")


def parse_apa(text: str) -> tuple[Name, ...] | None:
    """``Tucker, N., & Lemon, E. J.``: family names each followed by initials (APA, Harvard).
    None when the list does not pair up that way."""
    if "." not in text:  # no given name can be initials (``_INITIALS`` needs a full stop)
        return None
    if "," not in text and ";" not in text and "&" not in text and "and" not in text:
        return None  # nothing for _APA_SPLIT to split at: one token, not pairs
    text = text.strip().rstrip(",")
    if "et al" in text:
        text = _APA_ET_AL.sub("", text)
    tokens = [t.strip() for t in _APA_SPLIT.split(text) if t.strip()]
    if len(tokens) < 2 or len(tokens) % 2:
        return None
    out = []
    for family, given in zip(tokens[::2], tokens[1::2]):
        if not _INITIALS.match(given) or not family[:1].isupper() or len(family.split()) > 3:
            return None
        out.append(Name(family=family, given=given))
    return tuple(out)


def parse_names(text: str) -> tuple[tuple[Name, ...], str | None]:
    """Names from ``text``, and the role it printed (``ed.``, ``trans.``) if any."""
    role = None
    m = _ROLE.search(text) if _may_have_role(text) else None
    if m:
        role = m.group(1).lower()
        text = text[: m.start()]
    if "et al" in text:
        text = _ET_AL.sub("", text)
    parts = [text.strip()] if _may_have_and(text) and _one_institution(text.strip()) else split_names(text)
    names = tuple(parse_name(p) for p in parts if p.strip())
    return names, role


def read_names(text: str) -> tuple[tuple[Name, ...], str | None] | None:
    """``parse_names(text)`` when ``looks_like_names(text)``, else None.

    Why one function: callers asked the one, then the other, and both split the list
    into names. When ``text`` prints no role and no ``et al`` (nearly always), both split
    the same stripped text, so it is split once here; otherwise the two run as before,
    since they remove role and ``et al`` in different orders."""
    if "et al" in text or _may_have_role(text):
        return parse_names(text) if looks_like_names(text) else None
    parts = _listed(text.strip())
    return None if parts is None else (tuple(parse_name(p) for p in parts if p.strip()), None)
