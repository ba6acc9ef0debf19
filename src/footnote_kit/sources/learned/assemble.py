"""Labelled tokens back into fields: the learned reader's reading of one citation.

The model says which tokens are the title; the words themselves are read by the same
small readers the rules use (names, dates, pages), so that both readings of a field are
in the same form and can be compared and combined.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Sequence, Union

from footnote_kit.model import DateParts, Name
from footnote_kit.sources import dates, names
from footnote_kit.sources.learned.labels import DATE_LABELS, LABELS, NAME_LABELS, OTHER
from footnote_kit.sources.scan import PUNCT, Token

_EDGE = " ,;:.–—-/\"“”„«»‘’'‹›‚()[]"
_KEEP_END = "?!"
_PAGE_MARK = re.compile(r"^(?:pp?|pg|pgs|pages?|S|s|at|стр|с|ss)\.?\s*", re.I)
_VOL_MARK = re.compile(r"^(?:vol|vols|volume|bd|band|t|tome|tom|т)\.?\s*", re.I)
_NO_MARK = re.compile(r"^(?:no|nos|nr|issue|iss|num|number|heft|№)\.?\s*", re.I)
_DOI_MARK = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:?\s*)", re.I)
_ED_MARK = re.compile(r"\s*(?:ed|edn|edition|aufl|auflage|éd|uppl)\.?$", re.I)


@dataclass
class Run:
    label: str
    first: int
    """Index of its first token."""
    last: int
    start: int
    end: int
    confidence: float


@dataclass
class Reading:
    """The fields one citation's tokens were labelled with."""

    text: dict[str, str] = field(default_factory=dict)
    names: dict[str, tuple[Name, ...]] = field(default_factory=dict)
    dates: dict[str, DateParts] = field(default_factory=dict)
    confidence: dict[str, float] = field(default_factory=dict)
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)
    quoted_title: bool = False


Confidence = Union[Sequence[float], Callable[[int], float]]
"""Each token's confidence in its label: a list, or a function of the token's index (so
that only the tokens of fields are asked)."""


def runs(tokens: Sequence[Token], labels: Sequence[str], confidence: Confidence) -> list[Run]:
    """Maximal runs of one label; a run of punctuation labelled ``other`` between two runs
    of the same label joins them (``Title: Subtitle`` with its colon read as other)."""
    out: list[Run] = []
    i = 0
    n = len(tokens)
    while i < n:
        label = labels[i]
        j = i
        while j + 1 < n and labels[j + 1] == label:
            j += 1
        if label != OTHER:
            if callable(confidence):
                conf = min(confidence(k) for k in range(i, j + 1))
            else:
                conf = min(confidence[i : j + 1]) if confidence else 1.0
            if out and out[-1].label == label and all(tokens[k].kind == PUNCT and labels[k] == OTHER for k in range(out[-1].last + 1, i)):
                prev = out[-1]
                out[-1] = Run(label, prev.first, j, prev.start, tokens[j].end, min(prev.confidence, conf))
            else:
                out.append(Run(label, i, j, tokens[i].start, tokens[j].end, conf))
        i = j + 1
    return out


def clean(value: str) -> str:
    """A field's words without the punctuation and quotes around them; a final ``?``/``!``
    and a bracket the value opened stay."""
    v = value.strip()
    while v and v[0] in _EDGE and not (v[0] in "([" and _balanced_close(v)):
        v = v[1:].lstrip()
    while v and v[-1] in _EDGE and v[-1] not in _KEEP_END:
        if v[-1] in ")]" and v.count("(" if v[-1] == ")" else "[") >= v.count(v[-1]):
            break
        if v[-1] == "." and _ends_with_abbreviation(v):
            break
        v = v[:-1].rstrip()
    return v


def _balanced_close(v: str) -> bool:
    close = ")" if v[0] == "(" else "]"
    return v.endswith(close) and v.count(v[0]) == v.count(close)


def _ends_with_abbreviation(v: str) -> bool:
    """``Inc.``, ``Jr.``, ``U.S.``: a full stop that belongs to the word."""
    word = v.rsplit(" ", 1)[-1]
    return len(word) <= 4 and (word[:-1].count(".") >= 1 or word[:-1] in ("Inc", "Jr", "Sr", "Co", "Ltd", "Bros"))


def _value(label: str, raw: str) -> str | None:
    v = clean(raw)
    if label in ("page", "locator"):
        v = _PAGE_MARK.sub("", v)
    elif label == "volume":
        v = _VOL_MARK.sub("", v)
    elif label == "issue":
        v = _NO_MARK.sub("", v)
    elif label == "DOI":
        v = _DOI_MARK.sub("", v)
    elif label == "edition":
        v = _ED_MARK.sub("", v).strip()
    return v or None


def read(text: str, tokens: Sequence[Token], labels: Sequence[str], confidence: Confidence) -> Reading:
    """The fields of one citation from its labelled tokens: the first run of each label,
    except names, which gather every run (``A, “T”, ed. B`` has one author and one editor)."""
    out = Reading()
    for run in runs(tokens, labels, confidence):
        raw = text[run.start : run.end]
        label = run.label
        if label not in LABELS:
            continue  # a label an older or foreign model knows and this code does not
        if label in NAME_LABELS:
            if label in out.names:
                continue
            found, _role = names.parse_names(clean(raw))
            found = tuple(n for n in found if n.family or n.literal)
            if found:
                out.names[label] = found
        elif label in DATE_LABELS:
            if label in out.dates:
                continue
            parts = dates.parse_date(raw) or _any_date(raw)
            if parts:
                out.dates[label] = parts
        elif label in ("ibid", "suffix", OTHER):
            if label == "suffix" and label not in out.text:
                out.text[label] = clean(raw)
            continue
        else:
            if label in out.text:
                continue
            value = _value(label, raw)
            if not value:
                continue
            out.text[label] = value
            if label == "title" and any(t.quote for t in tokens[run.first : run.last + 1]):
                out.quoted_title = True
        out.confidence.setdefault(label, run.confidence)
        out.spans.setdefault(label, (run.start, run.end))
    return out


def _any_date(raw: str) -> DateParts | None:
    found = dates.find_date(raw)
    if found and found.parts:
        return found.parts
    year = dates.find_year(raw)
    return (year,) if year else None
