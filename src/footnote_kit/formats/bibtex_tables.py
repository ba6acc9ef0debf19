"""The tables both halves of ``bibtex`` share: entry types, months, name roles, read fields.

Why a module of its own: the writer (``bibtex``) and the reader (``bibtex_read``) must agree
on every table (a type written must be read back as the same CSL type), and each imports
this module, so neither imports the other's internals.
"""

from __future__ import annotations

MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
PERSON_ROLES = ("author", "editor", "translator")

# CSL type -> (biblatex type, BibTeX type). Why these: pandoc and biber read all of them;
# news items are @article with entrysubtype (pandoc reads that back as article-newspaper and
# biblatex prints the outlet as a journal title), web pages @online (classic: @misc).
ENTRY_TYPES: dict[str, tuple[str, str]] = {
    "article-newspaper": ("article", "article"),
    "article-magazine": ("article", "article"),
    "article-journal": ("article", "article"),
    "article": ("article", "article"),
    "book": ("book", "book"),
    "chapter": ("incollection", "incollection"),
    "paper-conference": ("inproceedings", "inproceedings"),
    "report": ("report", "techreport"),
    "thesis": ("thesis", "phdthesis"),
    "webpage": ("online", "misc"),
    "post": ("online", "misc"),
    "post-weblog": ("online", "misc"),
    "dataset": ("dataset", "misc"),
    "legal_case": ("jurisdiction", "misc"),
    "legislation": ("legislation", "misc"),
    "interview": ("misc", "misc"),
    "personal_communication": ("misc", "misc"),
}
# What ``type`` says when the note printed no genre: biblatex requires it on @report and
# @thesis, and on @misc it is the only place that says the entry is an interview or a
# letter. The reader takes these words back as "no genre" (``genre_of``).
DEFAULT_GENRES: dict[str, str] = {
    "report": "Report",
    "thesis": "Thesis",
    "interview": "Interview",
    "personal_communication": "Personal communication",
}
CSL_TYPES = frozenset(
    """article article-journal article-magazine article-newspaper bill book broadcast chapter
    classic collection dataset document entry entry-dictionary entry-encyclopedia figure graphic
    hearing interview legal_case legislation manuscript map motion_picture musical_score pamphlet
    paper-conference patent performance periodical personal_communication post post-weblog
    regulation report review review-book software song speech standard thesis treaty webpage""".split()
)
# Entry type read back -> CSL type (entrysubtype decides between the article kinds).
READ_TYPES: dict[str, str] = {
    "article": "article-journal", "book": "book", "mvbook": "book", "inbook": "chapter",
    "incollection": "chapter", "inproceedings": "paper-conference", "report": "report",
    "techreport": "report", "thesis": "thesis", "phdthesis": "thesis", "mastersthesis": "thesis",
    "online": "webpage", "www": "webpage", "electronic": "webpage", "misc": "document",
    "manual": "report", "booklet": "pamphlet", "unpublished": "manuscript", "proceedings": "book",
    "dataset": "dataset", "software": "software", "jurisdiction": "legal_case", "legislation": "legislation",
    "legal": "legal_case", "letter": "personal_communication", "patent": "patent", "standard": "standard",
}

# Fields the reader turns into model fields (see bibtex_read).
READ_FIELDS = frozenset(
    """title titleaddon journaltitle journal booktitle publisher institution school
    organization howpublished entrysubtype type number issue series volume edition doi isbn
    pages location address date year month url urldate langid language note""".split()
)


def genre_of(genre: str | None, csl_type: str) -> str | None:
    """A .bib ``type`` as the source's genre: None when it is the word ``export`` fills in."""
    if genre and genre.casefold() == DEFAULT_GENRES.get(csl_type, "").casefold():
        return None
    return genre
