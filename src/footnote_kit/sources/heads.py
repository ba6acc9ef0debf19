"""What stands before a title, and a segment with no quoted title: the names of authors and
editors (``Mary Beard, Pompeii Revealed (London: …)``), an outlet before a quoted title
(``Reuters, “Title,” 5 May 2020``), and the unquoted book or report, whose title is what
stands between the names and the imprint.
"""

from __future__ import annotations

import re

from footnote_kit.model import DateParts, Name
from footnote_kit.sources import dates, locators, names
from footnote_kit.sources.draft import Draft, chunks, clip, strip_stop
from footnote_kit.sources.pieces import EDITION, INTERVIEW, ROLE_CHUNK, classify, could_be_title, is_doc_code, is_genre, numbered_document
from footnote_kit.sources.rest import BOOK_PAREN, PLACE_YEAR, book_paren, read_book_pieces
from footnote_kit.sources.styles import author_date, by_sentences, colon_style
from footnote_kit.sources.textscan import fold

def _interview(text: str) -> re.Match[str] | None:
    """``INTERVIEW`` matched against ``text``, tried only when one of its words is there."""
    low = fold(text)
    if "interview" in low or "correspondence" in low or "conversation" in low:
        return INTERVIEW.match(text)
    return None


FAMILY_NAMES = re.compile(r"^[A-ZÀ-ÖØ-ÞА-ЯЁ][\w’'-]+(?:\s+(?:and|&|und|et|y|и)\s+[A-ZÀ-ÖØ-ÞА-ЯЁ][\w’'-]+)?$")
AND_SPLIT = re.compile(r"\s+(?:and|&|und|et|y|и)\s+")
_CAPITALISED = re.compile(r"^[A-Z][\w.&’'-]*(?:\s+(?:of|the|for|and|&|[A-Z][\w.&’'-]*))*$")
_AUTHOR_DATE = re.compile(r"\((?P<date>(?:1[5-9]\d\d|20\d\d)[a-z]?(?:,\s*[^()]{3,20})?|n\.\s?d\.)\)[.,]?$")


def authors(prefix: str, d: Draft) -> None:
    """What precedes the title (the pointer already taken): names, else words for ``note``.
    A possessive is its name's (``Tim Berners-Lee's “Information Management”``)."""
    text = clip(prefix.strip())
    possessive = text.endswith(("'s", "’s"))
    if possessive:
        text = text[:-2]
    year = _AUTHOR_DATE.search(text)
    if year:  # Harvard/APA: ``Tucker, N. (2019) ‘Title’``, ``(2020, May 3)``
        parts = author_date(year.group("date"))
        if parts:
            d.issued = d.issued or parts
            d.certain.add("issued")
            text = clip(text[: year.start()])
    text = strip_stop(text)
    if not text:
        return
    interview = _interview(text)
    if interview:
        d.ev.shapes.add("interview")
        return
    apa = names.parse_apa(text)
    listed = names.read_names(text) if not apa else None
    if apa:
        d.author.extend(apa)
        d.certain.add("author")
    elif listed is not None:  # all the words before a quoted title are names
        found, role = listed
        kind = names.role_kind(role)
        if kind == "editor":
            d.editor.extend(found)
            d.certain.add("editor")
        elif kind == "translator":
            d.translator.extend(found)
            d.certain.add("translator")
        else:
            d.author.extend(found)
            d.certain.add("author")
    elif possessive and FAMILY_NAMES.match(text):
        d.author.extend(Name(family=w) for w in AND_SPLIT.split(text))  # ``Simms's “Frontiersmen”``
    elif _CAPITALISED.match(text) and len(text.split()) <= 5:
        d.prefix_org = text  # ``Reuters, “Title,” 5 May 2020`` (or an author: ``_finish`` decides)
    else:
        d.notes.append(text)


_NAME_INITIAL = re.compile(r"^\s*(?:and\s+|&\s*)?(?:[A-Z]\.\s?-?)+\s*[A-Z]")
_AND_START = re.compile(r"^\s*(?:and|&)\s+")


_DATE_AFTER_TITLE = re.compile(r"\s*\(([^()]{4,30})\)\s*\.?$")


def _title_and_date(piece: str, d: Draft) -> str:
    """An unquoted title, without the date in brackets that ends it (``National Strategy for
    Trusted Identities in Cyberspace (April 2011)``), which becomes the date."""
    text = piece.strip(" .")
    dated = _date_after(text)
    if dated is not None:
        d.issued = d.issued or dated[1]
        return dated[0]
    return text


def _date_after(text: str) -> tuple[str, DateParts] | None:
    """``Numbers Game (2018)`` -> (``Numbers Game``, (2018,)): a title and the date in
    brackets that ends it; None when it ends with none."""
    m = _DATE_AFTER_TITLE.search(text) if text.endswith(")") else None
    parts = dates.parse_date(m.group(1)) if m else None
    return (text[: m.start()], parts) if m and parts else None


# ``Deposition of Michael Flynn``, ``Transcribed Interview of Eric Herschmann``, ``Interview
# of Jane Doe``: a record of questions put to someone, as committees and commissions cite them.
_QUESTIONED = re.compile(
    r"^(?P<genre>(?:(?:transcribed|continued|recorded|videotaped|informal)\s+)?(?:deposition|interview|examination|hearing testimony))"
    r"\s+(?P<prep>of|with)\s+(?P<who>[^()]{2,80})$",
    re.I,
)


def _questioned(pieces: list[str], d: Draft) -> bool:
    """``Select Committee …, Deposition of Michael Flynn, (Mar. 10, 2022), p. 82``: an
    interview whose author is the person questioned, the body before it the interviewer, the
    kind of record its genre. Looked for among the first three pieces."""
    for j, piece in enumerate(pieces[:3]):
        m = _QUESTIONED.match(piece.strip(" ."))
        if m is None:
            continue
        who = m.group("who").strip()
        read = names.read_names(who)
        if read is None and not (m.group("prep").lower() == "of" and who[:1].isupper()):
            return False  # ``Interview with a former police officer``: no name, the words stay a note
        d.author.extend(read[0] if read is not None else (Name(literal=who),))
        if j:
            d.interviewer.append(Name(literal=",".join(pieces[:j]).strip()))
        d.set("genre", m.group("genre")[:1].upper() + m.group("genre")[1:])
        d.ev.shapes.add("interview")
        read_book_pieces(pieces[j + 1 :], d)
        return True
    return False


def _places_only(pieces: list[str]) -> bool:
    """Whether ``pieces`` are all places in a work (``p. 4``, ``ch. iii``, ``passim``): after
    ``Spencer, Social Statics`` they leave no title, so those two are a name and a title,
    not a name inverted."""
    return all(locators.page(p) or locators.OTHER_LOCATOR.match(p.strip()) or locators.passim(p) for p in pieces)


def _family_then_title(pieces: list[str]) -> bool:
    """A family name alone, then a title, then a page: ``Маркс, Введение к критике…, стр. 31``,
    ``Bernheim, German Settlements in the Carolinas, p. 12`` (no outlet: a labelled page)."""
    family = pieces[0].strip()
    return (
        FAMILY_NAMES.match(family) is not None and " " not in family and not names.is_org(family) and not family.isupper()
        and len(pieces[1].split()) >= 2 and any(locators.page(p) or locators.passim(p) for p in pieces[2:])
    )


def _more_names(piece: str) -> bool:
    """A piece after the first author that continues the list: a name that opens with
    initials (``B. Bird``, ``and M. J. Baker``), or full names joined by ``&``/``and``
    (``Ioana Marinescu & Marshall Steinbaum``, ``and Carl Shapiro``). A piece of words only
    may be the title (``Mary Beard, Pompeii Revealed``; ``War and Peace`` joins no full names)."""
    if _NAME_INITIAL.search(piece) is not None:
        return True
    joined = _JOINED.split(piece.strip())
    if len(joined) < 2:
        return False
    return all(len(name.split()) >= 2 for name in joined if name) and names.read_names(_AND_START.sub("", piece)) is not None


def _name_before_last(pieces: list[str], k: int, room: int) -> bool:
    """``Jane Smith, Tom Hart, and Ann Lee, Title``: a name alone (``Tom Hart``) continues
    the list when the next piece is the list's last name (``and Ann Lee``) and a title
    follows it."""
    if k + 2 > room - 1 or not _AND_START.match(pieces[k + 1]) or not _more_names(pieces[k + 1]):
        return False
    return names.read_names(pieces[k]) is not None


_JOINED = re.compile(r"\s*(?:&|\band\b)\s*")


def unquoted(head: str, d: Draft) -> None:
    """No quoted title: a book (``Author, Title (Place: Publisher, Year), 12``) or a
    bare web reference (``Outlet, date``); in bibliography style, sentences
    (``Smith, Jane. Title. London: Verso, 2019.``)."""
    if ". " in head and by_sentences(head, d):
        return
    if ": " in head and colon_style(head, d):
        return
    book = BOOK_PAREN.search(head) or PLACE_YEAR.search(head)
    if not book and locators.title_volume_page(head):
        d.ev.shapes.add("volumes")  # ``The Greville Memoirs, II, 326–8``: its last numbers are pages
    before = head[: book.start()] if book else head
    text = book_paren(head, d)
    pieces = [c for c in chunks(text) if c.strip(" .")]
    if _questioned(pieces, d):
        return
    k = 0
    listed = None
    # A book's title is what stands between the names and the parenthesis: the names may
    # not take all of it (``Mary Beard, Pompeii Revealed (London: …)``: two words that
    # would read as a name are the title).
    room = len([p for p in chunks(before) if p.strip(" .")]) if book else len(pieces)
    if len(pieces) >= 3 and room >= 3 and is_genre(pieces[0].strip(" .")) and names.is_org(pieces[1].strip()):
        # ``Press Release, U.S. Department of the Interior, Title, May 19, 2010``: the kind of
        # document, then the body that issued it (its author), then the title
        d.set("genre", pieces[0].strip(" ."))
        d.author.append(Name(literal=pieces[1].strip()))
        k = 2
    elif len(pieces) >= 3 and room >= 3 and names.is_inverted(pieces[0].strip(), pieces[1].strip()) and not _places_only(pieces[2:]):
        listed = names.read_names(pieces[0] + "," + pieces[1])
        if listed is not None and not dates.parse_date(pieces[2]):
            k = 2  # inverted: ``Hallier, Amédée, Title…``
    if not k and len(pieces) >= 2 and room >= 2:
        listed = names.read_names(pieces[0])
        if listed is not None and not _interview(pieces[0].strip(" .")):
            k = 1
            while k < room - 1 and k < len(pieces) - 1 and (_more_names(pieces[k]) or _name_before_last(pieces, k, room)):
                more = names.read_names(_AND_START.sub("", pieces[k]))  # ``G. Clemens, B. Bird, M. Weida and J. Rowe``
                if more is None:
                    break
                listed = (listed[0] + more[0], more[1] or listed[1])
                k += 1
    if not k and len(pieces) >= 2 and numbered_document(pieces[0].strip(), d):
        k = 1  # ``OMB Memorandum M-10-06, Open Government Directive (Dec. 8, 2009), available at …``
    if not k and len(pieces) >= 3 and "URL" not in d.text and _family_then_title(pieces):
        d.author.append(Name(family=pieces[0].strip()))  # ``Гильфердинг, Бем-Баверк как критик Маркса, 1923 г., стр. 16``
        k = 1
    if k and listed is not None:
        found, role = listed
        kind = names.role_kind(role)
        (d.editor if kind == "editor" else d.translator if kind == "translator" else d.author).extend(found)
    if k < len(pieces) and _interview(pieces[k].strip(" .")):
        d.ev.shapes.add("interview")
        d.notes.append(pieces[k].strip(" ."))
        k += 1
    elif book and k < len(pieces):
        # a book: the title is everything between the authors and the parenthesis, commas
        # included (``Capitalism, Socialism and Democracy (London: …)``), bar an edition
        # or an editor printed last
        title_pieces = [p for p in chunks(before)[k:] if p.strip(" .")]
        taken = len(title_pieces)
        while len(title_pieces) > 1 and (
            EDITION.match(title_pieces[-1].strip(" .")) or ROLE_CHUNK.match(title_pieces[-1].strip()) or is_genre(title_pieces[-1].strip(" ."))
            or is_doc_code(title_pieces[-1])
        ):
            classify(title_pieces.pop(), d)
        if title_pieces:
            d.set("title", ",".join(title_pieces).strip(" ."))
            k += taken
    elif k < len(pieces) and could_be_title(pieces[k]) and (len(pieces) - k >= 2 or (k and _date_after(pieces[k].strip(" .")) is not None)):
        # a title, then more; or, after the names, a title that ends with its date in
        # brackets (``Tom Hart, Numbers Game (2018)``, as the Bluebook prints a book)
        d.set("title", _title_and_date(pieces[k], d))
        if k == len(pieces) - 1:
            d.ev.shapes.add("book")
        k += 1
    read_book_pieces(pieces[k:], d)
