"""The pieces after a title: dates, pages, volumes, document symbols, genres, editors,
outlets, commentary; and the sentences that bibliography styles separate them into. The
shapes the pieces form (journal, book, chapter) are read in ``rest``.

Each comma-separated piece is recognised on its own (``classify``): cheap tests first, the
digit-bearing recognisers only when there is a digit, the word-led ones only after their
word; the first piece nothing claims is the outlet, the next the publisher.
"""

from __future__ import annotations

import re

from footnote_kit.sources import dates, locators, names
from footnote_kit.sources.draft import Draft
from footnote_kit.sources.textscan import fold

ROLE_CHUNK = re.compile(
    r"^(?P<role>ed\.|eds\.|edited by|edited and translated by|éd\.|éds\.|dir\.|(?:hg|hrsg)\.\s+v(?:on|\.)|herausgegeben von|zusammengestellt von|compiled by"
    r"|trans\.|tr\.|translated by|trad\.|traducción de|traduit par|traduction de|übers\.\s+v(?:on|\.)|übersetzt von"
    r"|interview(?:ed)? by|interviewer)\s+(?P<who>.+)$",
    re.I,
)
EDITION = re.compile(r"^(?P<ed>\d+(?:st|nd|rd|th)|[A-Z][a-z]+ed|revised|rev\.)\s*(?:ed\.?|edn\.?|edition)$", re.I)
# ``interview``, ``Crisis Group interview``, ``Author’s interview with a diplomat``,
# ``Interview by the author with …``, ``telephone conversation with …``
INTERVIEW = re.compile(r"^(?:[\w’'.-]+\s+){0,3}?(?:interview|interviews|correspondence|conversation)(?:\s+(?P<prep>with|by)\s+(?P<who>.+))?$", re.I)
GENRE = re.compile(r"^(?:press release|news release|statement|speech|video|podcast|editorial|op-ed|opinion|blog post|fact sheet|factsheet|communiqu[ée]|transcript|letter|tweet|post|testimony|policy brief|working paper|briefing|briefing paper|commentary|analysis|report|(?:PhD|Ph\.D\.|doctoral|master'?s|MA|M\.A\.)? ?(?:thesis|dissertation|diss\.?)|translation|[a-z]+ report|[a-z]+ paper|[a-z]+ brief)$", re.I)
_GENRE_ENDINGS = (
    "release", "statement", "speech", "video", "podcast", "editorial", "op-ed", "opinion", "post", "sheet",
    "communique", "communiqué", "transcript", "letter", "tweet", "testimony", "brief", "paper", "briefing",
    "commentary", "analysis", "report", "thesis", "dissertation", "translation", "diss", "diss.",
)
"""The last word of every ``GENRE`` alternative."""


_GENRE_TAILS = frozenset(ending[-4:] for ending in _GENRE_ENDINGS)
"""The last four letters of each ending (none is shorter)."""


def is_genre(text: str) -> bool:
    """``GENRE`` matches ``text``: tested first on its last word, since nearly every piece
    tested is an outlet or a date and the 30-way case-insensitive alternation is slow.

    Before that, the last four characters are looked up: text that ends with an ending
    ends with its last four letters, and on ASCII, ``fold`` is ``lower``, character by
    character; other text, or text with a final newline, is tested in full."""
    tail = text[-4:].lower()  # on ASCII, ``fold``; other text, or a final newline, is tested in full
    if tail not in _GENRE_TAILS and tail.isascii() and not tail.endswith("\n"):
        return False
    low = fold(text)
    if not low.endswith(_GENRE_ENDINGS) and not (low.endswith("\n") and low[:-1].endswith(_GENRE_ENDINGS)):
        return False
    return GENRE.match(text) is not None


_ARTICLE_GENRE = re.compile(r"^(?:[Aa]n?)\s+(?P<g>[a-z][a-z-]*(?:\s+[a-z][a-z-]*){0,4})$")
# A numbered document of a series: ``Asia Report No. 162``, ``OMB Memorandum M-10-06``,
# ``OMB Circular A-130``, ``Executive Order 13556``, ``NIST FIPS Publication 199``: an issuer's
# acronym (the publisher), the kind of document (genre) and its number.
_REPORT_NO = re.compile(
    r"^(?:(?P<pub>[A-Z]{2,8})\s+(?=[A-Z]))?(?P<genre>(?:[A-Z][\w-]*\s+){0,3}(?:Report|Paper|Brief|Briefing|Note|Study|Series|Memorandum|Circular|Directives?"
    r"|Order|Publication|Bulletin|Decision|Guidance|Instruction|Notice))\s+(?:(?:No\.?|Nr\.?|#)\s*(?P<no>[\w./-]*\d[\w./-]*)"
    r"|(?P<no2>(?!(?:1[5-9]|20)\d\d\b)[A-Z]{0,3}-?\d[\w./-]*))$"
)
_DOC_SYMBOL = re.compile(
    r"^(?:(?:UN|U\.N\.)\s+)?(?:Doc(?:ument)?\.?\s+)?(?P<sym>(?:[A-Z]{1,4}(?:\.\d+)?/){1,4}(?:\d{1,4}/)?\d{1,5}(?:/(?:Add|Rev|Corr)\.\d+)*(?:\s\((?:19|20)\d\d\))?)$"
)
_PLACE_PUB = re.compile(r"^(?P<place>[A-Z][\w .,’'-]{1,40}?)\s*:\s*(?P<pub>[A-Z].{1,100})$")
_LOWER_NAME = re.compile(r"^(?:the|al-|el-|e-|i[A-Z])\b")
_ROLE_WORDS = frozenset(
    "ed. eds. edited éd. éds. dir. hg. hrsg. herausgegeben zusammengestellt compiled trans. tr. translated trad. traducción traduit traduction"
    " übers. übersetzt"
    " interview interviewed interviewer".split()
)
_DIGIT = re.compile(r"\d")
_PAGED = frozenset(("book", "thesis", "volumes"))
"""Shapes after which a bare number or range is the page a note cites."""
_LINK_WORDS = re.compile(r"^(?:available|accessible|online|retrieved|abrufbar|verfügbar|disponible|consultable)(?:\s+(?:at|from|on(?:line)?|unter|en|sur|à))?(?:\s+the\s+\w+)?\s*:?$", re.I)
"""``available at``, ``online at``, ``abrufbar unter`` before a link: no field."""
_OTHER_LOCATOR_FIRST = frozenset("cCbBpPsS§nNAKfFaplLv¶")
_ROMAN_VOLUME = re.compile(r"^(?![LCDMlcdm]$)(?:[IVXLC]+|[ivxlc]+)$")
_YEAR_WORD = re.compile(r"^((?:1[5-9]|20)\d\d)\s*(?:г\.?|гг\.?|года?|j\.|an)$", re.I)


def _year_with_word(c: str) -> tuple[int, ...] | None:
    """``1923 г.``: a year with the word for year after it (Russian ``г.``)."""
    m = _YEAR_WORD.match(c) if c[-1:] in "гГ.аjJnN" else None
    return (int(m.group(1)),) if m else None


_NO_DATE = frozenset(("n.d", "n. d", "nd", "s.d", "s. d", "o.j", "o. j", "s.f", "sin fecha", "no date", "undated", "b.g", "б.г"))
"""``n.d.`` and its kin (stripped of the final stop): the note says it has no date."""
# Commentary after a source (``Citation.suffix``): a clause on a participle or a relative
# (``arguing that…``, ``which shows…``), the writer's ``emphasis added``, ``my translation``.
_COMMENTARY = re.compile(
    r"^(?:[a-z]+ing\b|which|where|who|whose|wherein|whereas|although|though|emphasis|italics|(?:my|our) translation|translation (?:mine|ours)"
    r"|original emphasis|esp\.|especially|in particular|here|there|also|see (?:also )?(?:above|below)|as (?:above|below))"
)
_DOC_CODE = re.compile(r"^(?=(?:[^\d]*\d){2})[A-Z]{2,}[A-Z0-9]*(?:[-/.][A-Z0-9]+)+$")
"""A report's or document's code: ``GAO-05-575``, ``WP/19/123``, ``MIT/LCS/TR-340``."""
_SECTION_PAGE = re.compile(r"[A-Z]{1,2}\d{1,3}$")
_UPDATED = re.compile(r"^(?:last\s+)?(?:modified|updated|published|posted|revised)(?:\s+on)?:?\s+", re.I)
_MEDIUM = frozenset("email e-mail telephone phone skype zoom whatsapp signal telegram video audio podcast cd-rom dvd microfilm".split())
# What the locators match a stripped piece by, and the characters it can begin with:
# ``PAGE_RE`` (case-sensitive) begins ``p``, ``S``, ``s``, ``at`` or Cyrillic ``с``;
# ``VOLUME_RE`` and ``ISSUE_RE`` (ignoring case, where only ``i`` has letters beyond
# ``I``: ``İ`` and ``ı``) ``vol``, ``bd``, ``t``; ``no``, ``nr``, ``issue``, ``heft``, ``№``.
_LOCATORS = (
    ("page", locators.page, "pSsa\u0441"),
    ("volume", locators.volume, "vVbBtT"),
    ("issue", locators.issue, "nNiI\u0130\u0131hH\u2116"),
)
# ``_REPORT_NO`` holds one of its genre words, case-sensitive (``Briefing`` holds ``Brief``)
_REPORT_WORD = re.compile(r"Report|Paper|Brief|Note|Study|Series|Memorandum|Circular|Directive|Order|Publication|Bulletin|Decision|Guidance|Instruction|Notice")
_LEADING_WORDS = _ROLE_WORDS | _MEDIUM | {"revised", "rev.", "a", "an"}
"""The first words ``classify`` asks about: a role, a medium, ``revised``, an article."""
_SENTENCE_END = re.compile(r"([.?!])(?=\s+[A-Z0-9“\"‘(]|\s*$)")
# The same where the text holds neither ``?`` nor ``!``: a pattern that begins with one
# character, not a class, is looked for with a plain scan for that character.
_FULL_STOP_END = re.compile(r"(\.)(?=\s+[A-Z0-9“\"‘(]|\s*$)")
_ABBREV = frozenset("ed eds vol vols no nos nr pp p st dr mr mrs ms prof jr sr rev trans comp co inc ltd dept univ gov govt u.s u.k e.g i.e cf vs al doc docs repr ch sec art para fig op cit ibid".split())
_ABBREV_LONGEST = max(map(len, _ABBREV))


def sentences(text: str) -> list[str]:
    """Split at full stops that end a sentence, not at ``No. 300``, ``ed.`` or ``J.``.

    A stop is kept unless it is a ``.`` after a word (lowered, leading ``(`` dropped) of at
    most one letter or in ``_ABBREV``, that does not end with ``)``. The word is asked
    for at ``.`` only (``?`` and ``!`` always end a sentence), and the text before the
    stop is sliced once: per stop, this loop is a quarter of a note's sentence splitting."""
    out: list[str] = []
    last = 0
    ends = _SENTENCE_END if "?" in text or "!" in text else _FULL_STOP_END
    for m in ends.finditer(text):
        stop = m.start()
        if text[stop] == ".":
            before = text[last:stop]
            words = before.rsplit(None, 1)  # only the last word matters
            if not words:
                continue  # no word: as one of at most one letter
            word = words[-1]
            # a word longer than any abbreviation that neither opens with ``(`` nor ends
            # with ``.`` is kept: lowered (one character to one, bar ``İ`` to two) it is
            # as long, with no bracket or final stop to drop
            if (len(word) <= _ABBREV_LONGEST or word[0] == "(" or word[-1] == ".") and not word.endswith(")"):
                word = word.lower().lstrip("(")  # lowering keeps a final ``)``, and no other ends so
                if len(word) <= 1 or (word.rstrip(".") in _ABBREV and not (word == "al" and _names_end(text, stop, before))):
                    continue
                if word.isdecimal() and len(word) <= 2 and _ordinal_day(text, stop + 1):
                    continue  # ``15. April 2020``, ``2. Aufl.``: a German ordinal
                if len(word) <= 5 and text[stop + 2 : stop + 3].isdecimal() and dates.is_month(word):
                    continue  # ``Sept. 3, 2019``: an abbreviated month
            piece = before.strip()
        else:
            piece = text[last : stop + 1].strip()
        if piece:
            out.append(piece)
        last = stop + 1  # the stop's match is that one character
    tail = text[last:].strip()
    if tail:
        out.append(tail)
    return out


def _names_end(text: str, stop: int, before: str) -> bool:
    """``Smith, John, et al. Title``: ``et al.`` ends the names when a word in capitals follows
    (not ``(Eds.)`` nor a year)."""
    return before.endswith("et al") and text[stop + 1 : stop + 3].lstrip()[:1].isupper()


def _ordinal_day(text: str, pos: int) -> bool:
    """Whether the word after ``pos`` is a month or ``Aufl.``: the number before the stop is
    an ordinal (``15. April``), not a sentence's end."""
    words = text[pos : pos + 14].split(None, 1)
    return bool(words) and (dates.is_month(words[0].rstrip(",")) or words[0].lower().startswith("aufl"))


def classify(chunk: str, d: Draft) -> None:
    """One comma-separated piece after the title.

    Cheap tests first: most pieces are an outlet or a date, so the digit-bearing
    recognisers run only when there is a digit, the word-led ones only after their word.
    """
    if ("?" in chunk or "!" in chunk) and chunk.rstrip().endswith(("?", "!")):
        c = chunk.strip()
    else:
        c = chunk.strip(" .;:").strip()
    if not c or c.lower() in _NO_DATE or _LINK_WORDS.match(c):
        return  # ``n.d.``, ``available at``: words about the source that are no field
    if "page" not in d.text and locators.passim(c):
        d.set("page", "passim")  # ``Beard, Economic Interpretation, passim``: throughout the work
        return
    if d.locator is None and c[:1] in _OTHER_LOCATOR_FIRST and locators.OTHER_LOCATOR.match(c):
        d.locator = c  # ``chap. i``, ``chs. iii, xxvi``, ``n. 4``: the place cited, as printed
        return
    if "volume" not in d.text and len(c) <= 8 and _ROMAN_VOLUME.match(c):
        d.set("volume", c)  # ``Monette, “Mississippi Valley,” i, p. 311``: a volume in roman numerals
        return
    digit = _DIGIT.search(c) is not None
    if digit and _classify_numeric(c, d):
        return
    if not digit and c[:1] in "pPSс" and "page" not in d.text and (page := locators.page(c)):
        d.set("page", page, sure=True)  # ``p. xx``: a preface's page in roman numerals
        return
    first = c.split(None, 1)[0].lower()
    if first == "by" and not d.author:  # ``“Title,” by A. B. Smith``
        listed = names.read_names(c[3:])
        if listed is not None:
            d.author.extend(listed[0])
            return
    led = first in _LEADING_WORDS  # else none of the four tests of the first word below holds
    if led and first in _ROLE_WORDS:
        m = ROLE_CHUNK.match(c)
        listed = names.read_names(m.group("who")) if m else None
        if m and listed is not None:
            kind = names.role_kind(m.group("role"))
            found, _ = listed
            (d.editor if kind == "editor" else d.translator if kind == "translator" else d.interviewer).extend(found)
            if "translated" in m.group("role").lower() and kind == "editor":  # ``edited and translated by``
                d.translator.extend(found)
            if kind == "interviewer":
                d.ev.shapes.add("interview")
            return
    if "nterview" in c or "onversation" in c or "orrespondence" in c:
        m = INTERVIEW.match(c)
        if m:
            d.ev.shapes.add("interview")
            listed = names.read_names(m.group("who")) if m.group("who") and m.group("prep").lower() == "by" else None
            if listed is not None:
                d.interviewer.extend(listed[0])
            elif m.group("who"):
                d.notes.append(c)
            return
    if led and first in _MEDIUM and c.lower() in _MEDIUM and "medium" not in d.text:  # a medium is one word
        d.set("medium", c)
        return
    if led and first in ("revised", "rev.") and EDITION.match(c):
        d.set("edition", c.split(None, 1)[0])
        return
    if is_genre(c) or (c.startswith("(") and is_genre(c.strip("()"))):
        if d.set("genre", c[:1].upper() + c[1:]):
            return
    if led and first in ("a", "an"):
        m = _ARTICLE_GENRE.match(c)
        if m and not names.is_org(c) and d.set("genre", m.group("g")[:1].upper() + m.group("g")[1:]):
            return
    if ":" in c:
        m = _PLACE_PUB.match(c)
        if m and "publisher" not in d.text:
            d.set("publisher_place", m.group("place"))
            d.set("publisher", m.group("pub"))
            return
    if digit:  # ``Bloomberg 20 October``, ``Reuters 5 May 2020``, ``(Oct. 1994)``: an outlet, then its date
        when = dates.find_date(c)
        rest = _after_date(c, when) if when and when.start > 0 else None
        if when and rest is not None:
            if when.parts and d.issued is None:
                d.issued = when.parts
            elif when.parts is None and d.month_day is None:
                d.month_day = when.month_day
            if rest:
                d.set("page", rest)
            c = c[: when.start].rstrip(" ,(")
        elif c.endswith(")") and (year := _PAREN_YEAR.search(c)) and d.issued is None:
            d.issued = dates.parse_date(year.group(1))  # ``Stanford University (2012)``
            c = c[: year.start()].rstrip(" ,")
    if c[:1].islower() and " " in c and not _LOWER_NAME.match(c):
        (d.suffix if _COMMENTARY.match(c) else d.notes).append(c)
        return
    body = c[4:] if c.startswith("the ") else c
    if "container_title" not in d.text:
        d.set("container_title", body)
    elif "publisher" not in d.text:
        d.set("publisher", body)
    else:
        d.notes.append(c)


_PAREN_YEAR = re.compile(r"\s\(((?:1[5-9]|20)\d\d)\)$")
_PAGES_AFTER_DATE = re.compile(r"\s*:\s*(?:pp?\.\s*)?(?P<p>\d+[a-z]?(?:\s*[-–]\s*\d+[a-z]?)?)\+?$")


def _after_date(c: str, found: dates.FoundDate) -> str | None:
    """What follows a date that ends a piece after an outlet's name: ``""`` (nothing: ``Reuters
    5 May 2020``, ``Proceedings (Oct. 1994)``), the pages of MLA's ``New Yorker 15 Feb. 1993:
    48-51``, or None when the date does not end the piece."""
    before = c[found.start - 1]
    rest = c[found.end :].rstrip(". ")
    if before == "(":
        return "" if rest == ")" else None
    if before != " ":
        return None
    if not rest:
        return ""
    m = _PAGES_AFTER_DATE.match(rest)
    return locators.normalise_pages(m.group("p")) if m else None


def _classify_numeric(c: str, d: Draft) -> bool:
    """The recognisers of pieces with a digit: dates, locators, numbers, editions.

    ``c`` is stripped and not empty. Each anchored pattern is tried only when ``c`` has
    what it cannot match without (see ``_LOCATORS`` and the guards below)."""
    if d.issued is None and c[0] in "lLmMuUpPrR":  # _UPDATED's first letters
        upd = _UPDATED.match(c)
        if upd:  # ``last modified 4 March 2020``
            parts = dates.parse_date(c[upd.end() :])
            if parts:
                d.issued = parts
                d.certain.add("issued")
                return True
    parts = dates.parse_date(c) or _year_with_word(c)
    if parts:
        if d.issued is None:
            d.issued = parts
            d.certain.add("issued")
        else:
            d.notes.append(c)
        return True
    md = dates.is_partial_date(c)
    if md:
        d.month_day = md
        return True
    vi = locators.volume_issue(c) if "(" in c else None  # ``38(3)``: its bracket
    if vi and "volume" not in d.text:
        d.set("volume", vi[0], sure=True)
        d.set("issue", vi[1], sure=True)
        d.set("page", vi[2], sure=True)
        d.ev.shapes.add("journal")
        return True
    if "page" not in d.text and "container_title" in d.text and d.issued and len(d.issued) == 3 and _SECTION_PAGE.match(c):
        d.set("page", c)  # ``Washington Post, Sept. 3, 2019, A17``: a newspaper's section and page
        return True
    if "volume" not in d.text and "page" not in d.text and "container_title" in d.text and c.isdigit() and len(c) <= 4 and "URL" not in d.text:
        d.set("volume", c)  # ``ApJ, 644, 167``, ``J. Symbolic Logic, 27, 259-316``: a volume after the journal
        return True
    if "page" not in d.text and ("volume" in d.text or not d.ev.shapes.isdisjoint(_PAGED)):
        page = locators.bare_pages(c)  # after a book's parenthesis or a journal's volume
        if page:
            d.set("page", page)
            return True
    for key, fn, firsts in _LOCATORS:
        if c[0] in firsts:
            value = fn(c)
            if value and d.set(key, value, sure=True):  # a labelled locator: ``p. 4``, ``vol. 3``
                return True
            if value and key == "page" and d.locator is None:
                d.locator = value  # ``45–67, at 50``: the pinpoint after the work's own pages
                return True
    m = _DOC_SYMBOL.match(c) if "/" in c else None  # ``S/2020/123``: one slash at least
    if m:
        d.set("number", m.group("sym"), sure=True)
        d.ev.shapes.add("symbol")
        return True
    if " " not in c and _DOC_CODE.match(c) and "number" not in d.text and not locators.bare_page(c):
        d.set("number", c, sure=True)  # ``GAO-05-575``: a report's code
        d.ev.shapes.add("symbol")
        return True
    if numbered_document(c, d):
        return True
    m = EDITION.match(c) if c[-1] in "dDnN." else None  # it ends ``ed``, ``edn``, ``edition`` or ``.``
    if m:
        d.set("edition", m.group("ed"))
        return True
    return False


def is_numbered_document(c: str) -> bool:
    """``OMB Circular A-130``, ``Asia Report No. 162``: the shape ``numbered_document`` reads."""
    return "A" <= c[:1] <= "Z" and _REPORT_WORD.search(c) is not None and _REPORT_NO.match(c) is not None


def numbered_document(c: str, d: Draft) -> bool:
    """Read ``c`` as a numbered document of a series (``_REPORT_NO``) into ``d``."""
    m = _REPORT_NO.match(c) if "A" <= c[:1] <= "Z" and _REPORT_WORD.search(c) else None
    if not m or "number" in d.text:
        return False
    if m.group("pub"):
        d.set("publisher", m.group("pub"))
    d.set("genre", m.group("genre"), sure=True)
    d.set("number", m.group("no") or m.group("no2"), sure=True)
    d.ev.shapes.add("symbol")
    return True


def is_doc_code(chunk: str) -> bool:
    """``GAO-05-575``, ``WP/19/123``: a report's or document's code."""
    c = chunk.strip(" .")
    return " " not in c and _DOC_CODE.match(c) is not None and not locators.bare_page(c)


def could_be_title(chunk: str) -> bool:
    c = chunk.strip(" .")
    return bool(c) and not (dates.parse_date(c) or dates.is_partial_date(c) or locators.page(c) or _DOC_SYMBOL.match(c) or is_genre(c) or INTERVIEW.match(c))
