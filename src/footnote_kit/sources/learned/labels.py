"""The labels the field reader gives tokens, and which CSL field each one fills.

One label per field a note prints, plus ``prefix`` (signal words), ``locator`` (a
pinpoint), ``ibid`` (the words of a repetition: Ibid., Ebd., op. cit.) and ``other``
(punctuation, prose, words such as ``ed.`` or ``pp.`` that belong to no field).
"""

from __future__ import annotations

OTHER = "other"

NAME_LABELS = ("author", "editor", "translator", "interviewer")
TEXT_LABELS = (
    "title",
    "translated-title",
    "container-title",
    "collection-title",
    "publisher",
    "publisher-place",
    "page",
    "volume",
    "issue",
    "edition",
    "genre",
    "number",
    "URL",
    "DOI",
    "ISBN",
)
DATE_LABELS = ("issued", "accessed")
PART_LABELS = ("prefix", "locator", "suffix", "ibid")

LABELS = (*NAME_LABELS, *TEXT_LABELS, *DATE_LABELS, *PART_LABELS, OTHER)
"""Every label; a label is the CSL-JSON key of the field it fills (``issued`` is the
publication date), or a key of the citation part (``prefix``, ``locator``, ``suffix``)."""

SYNONYMS = {"date": "issued", "url": "URL", "doi": "DOI", "isbn": "ISBN"}
"""Other spellings of labels, as the synthetic-notes generator writes them."""


def canonical(label: str) -> str:
    return SYNONYMS.get(label, label)
