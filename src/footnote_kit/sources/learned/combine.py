"""The rules' reading and the model's, combined field by field.

Why both: the rules are precise on the shapes they know (a quoted title, a URL, a date
they parsed) and silent or wrong elsewhere; the model reads every shape it was trained
on, less precisely. The rules read each note first and split it into parts; the model
then labels the note's tokens, seeing the rules' labels as features (stacking), and each
citation's fields are taken from the rules where they are certain and from the model
where it is confident. ``mode`` exists so that the evaluation can measure each reader
alone (``rules``, ``model``) against the combination.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Any, Callable, Sequence

from footnote_kit.model import Citation, Name, Part, Remark, Source
from footnote_kit.sources import kinds, language
from footnote_kit.sources.draft import new_source
from footnote_kit.sources.learned import assemble, tagger
from footnote_kit.sources.learned.align import Labelled, Region, bio, spans, token_labels
from footnote_kit.sources.learned.features import token_features
from footnote_kit.sources.learned.labels import DATE_LABELS, NAME_LABELS
from footnote_kit.sources.scan import PUNCT, Scan, scan

MODES = ("rules", "model", "combined")
CERTAIN = frozenset(("URL", "DOI", "ISBN", "accessed", "translated-title"))
"""Fields whose rules are exact: their shapes cannot be mistaken."""
SEG_SURE = 0.8
"""How sure the segment model must be, where it disagrees with the rules, to re-read."""
SUBSTANCE = 0.5
"""How sure the model must be of two fields of a source the rules read as a remark."""
ADD = 0.5
"""How sure the model must be to add a field the rules did not read."""
COMPLETE = True
"""Leave a note the rules read completely (see ``_complete``) as they read it."""
DROP = 0.3
"""Below this, the model's doubt that the rules' words are the field removes the field."""
MARGIN = 0.1
"""How much likelier the model must find its own reading of a field than the rules' to
replace it."""

_ATTR = {
    "container-title": "container_title",
    "collection-title": "collection_title",
    "publisher-place": "publisher_place",
    "translated-title": "translated_title",
}


def attr(label: str) -> str:
    return _ATTR.get(label, label)


def rule_spans(text: str, parts: Sequence[Part] | None = None) -> list[Labelled]:
    """Where the rules' reading of ``text`` lies, as labelled spans."""
    if parts is None:
        from footnote_kit.sources import parse_note_text

        parts = parse_note_text(text)
    found, _, _ = spans(text, [p.to_json() for p in parts])
    return found


def rule_extra(sc: Scan, parts: Sequence[Part] | None = None) -> list[list[str]]:
    """The rules' reading of each token, as features: its field (``r=title``) and where
    the rules' sources begin and end (``rs=B``)."""
    if parts is None:
        from footnote_kit.sources import parse_note_text

        parts = parse_note_text(sc.text)
    fields = token_labels(sc, rule_spans(sc.text, parts))
    marks = bio(sc, _regions(sc.text, parts))
    return [["r=" + f, "rs=" + m] for f, m in zip(fields, marks)]


def _segments(text: str, parts: Sequence[Part]) -> list[tuple[int, int]]:
    """Where each part's text stands in the note (parts print in order)."""
    out: list[tuple[int, int]] = []
    pos = 0
    for part in parts:
        own = part.text.strip()
        k = text.find(own, pos) if own else -1
        if k < 0:
            k = text.find(own[:40], pos) if own else -1
        if k < 0:
            out.append((pos, pos))
            continue
        end = k + len(own)
        out.append((k, end))
        pos = end
    return out


def _regions(text: str, parts: Sequence[Part]) -> list[Region]:
    """Where the citing parts stand (as ``align.regions`` gives them for a gold reading)."""
    return [
        Region(start, end, part.kind, k)
        for k, (part, (start, end)) in enumerate(zip(parts, _segments(text, parts)))
        if part.kind in ("citation", "ibid") and end > start
    ]


Read = list[tuple[Part, "str | None"]]
"""Parts, each with the author an unresolved ``op. cit.`` names."""


def refine(
    text: str,
    read: Read,
    emphasis: Sequence[tuple[int, int]] = (),
    mode: str = "combined",
    reread: Callable[[str], Read] | None = None,
) -> Read:
    """``read`` (the rules' reading of a note) with the model's reading added: where the
    segment model finds the sources elsewhere than the rules did, the note is re-read
    segment by segment (``reread``); then each citation's fields are combined."""
    if mode == "rules":
        return read
    parts = [p for p, _ in read]
    if any(isinstance(p, Citation) and p.source.id for p in parts):
        return read  # cited by key ([@smith]): nothing to read
    if mode == "combined" and COMPLETE and _complete(parts):
        return read
    sc = scan(text, emphasis)
    if not sc.tokens:
        return read
    stacked = mode == "combined"
    extra = rule_extra(sc, parts) if stacked else None
    features = tagger.items(token_features(sc, extra))
    if reread is not None and tagger.available("segments") and not _enumerated(text):
        marks = tagger.tag(features, "segments")
        found = _model_regions(sc, marks.labels)
        ruled_regions = _regions(text, parts)
        if _token_spans(sc, found) != _token_spans(sc, ruled_regions) and _sure(marks, bio(sc, ruled_regions)):
            read = _reread(text, found, reread, sc, marks)
            parts = [p for p, _ in read]
            if stacked:
                features = tagger.items(token_features(sc, rule_extra(sc, parts)))
            elif not any(isinstance(p, Citation) for p in parts):
                return read
    if not any(isinstance(p, Citation) for p in parts):
        return read
    tagged = tagger.tag(features, "fields")
    ruled = rule_spans(text, parts) if stacked else []
    starts = [t.start for t in sc.tokens]
    out: Read = []
    for k, ((part, author), (start, end)) in enumerate(zip(read, _segments(text, parts))):
        if not isinstance(part, Citation) or end <= start:
            out.append((part, author))
            continue
        first, last = bisect_left(starts, start), bisect_left(starts, end)
        toks = sc.tokens[first:last]
        reading = assemble.read(text, toks, tagged.labels[first:last], tagged.confidence[first:last])
        if _placeholder(part) and not _substantial(reading):
            out.append((Remark(part.text), author))  # the model's source is too thin to be one
        elif mode == "model" or _placeholder(part):
            out.append((_model_only(part, reading), author))
        else:
            rules_at = {s.label: (s.start, s.end) for s in ruled if s.part == k}
            out.append((_merge(part, reading, rules_at, _Scorer(starts, tagged.marginal)), author))
    return out


def _enumerated(text: str) -> bool:
    """The writer numbered the sources (``i) …; ii) …``): the rules' split is certain."""
    from footnote_kit.sources.split import _enumeration

    return _enumeration(text.strip()) is not None


def _model_regions(sc: Scan, marks: Sequence[str]) -> list[Region]:
    """Sources where the segment model marks them: a ``B``, or an ``I`` after an ``O``,
    begins one; it runs while ``I`` follows."""
    out: list[Region] = []
    start = -1
    end = -1
    for tok, mark in zip(sc.tokens, marks):
        if mark == "B" or (mark == "I" and start < 0):
            if start >= 0:
                out.append(Region(start, end, "citation", len(out)))
            start, end = tok.start, tok.end
        elif mark == "I":
            end = tok.end
        elif start >= 0:
            out.append(Region(start, end, "citation", len(out)))
            start = -1
    if start >= 0:
        out.append(Region(start, end, "citation", len(out)))
    return out


def _token_spans(sc: Scan, found: Sequence[Region]) -> list[tuple[int, int]]:
    """Each region as the tokens it covers, punctuation at its edges left out (a quote
    mark is no reason to read a note again)."""
    starts = [t.start for t in sc.tokens]
    out = []
    for r in found:
        a, b = bisect_left(starts, r.start), bisect_left(starts, r.end)
        while a < b and sc.tokens[a].kind == PUNCT:
            a += 1
        while b > a and sc.tokens[b - 1].kind == PUNCT:
            b -= 1
        out.append((a, b))
    return out


_OPENING = "“\"‘'«„‚‹([¿¡"
_CLOSING = "”\"’'»“‘›)]?!"


def _widened(text: str, region: Region, floor: int) -> tuple[int, int]:
    """A region with the quotes and brackets around its first and last words."""
    start, end = region.start, region.end
    while start > floor and text[start - 1] in _OPENING:
        start -= 1
    while end < len(text) and text[end] in _CLOSING:
        end += 1
    return start, end


_SEPARATORS = " ,;:.–—-()[]"


_WHAT = ("title", "container-title")
_WHO_WHEN = ("author", "editor", "issued", "publisher", "URL", "DOI", "page", "volume")


def _substantial(reading: assemble.Reading) -> bool:
    """A source the model alone found (the rules read a remark there) must print what a
    work is and who, when or where, each read with some confidence: prose that merely
    mentions a year is no citation."""
    sure = [k for k, c in reading.confidence.items() if c >= SUBSTANCE and k in _WHAT + _WHO_WHEN]
    return len(sure) >= 2


def _complete(parts: Sequence[Part]) -> bool:
    """The rules read the whole note: every citation around a title they are sure of, with
    every word placed in a field (nothing left in ``note``)."""
    cites = [p for p in parts if isinstance(p, Citation)]
    return bool(cites) and all(p.source.note is None and "title" in p.certain for p in cites)


def _sure(marks: tagger.Tagged, ruled: Sequence[str]) -> bool:
    """Whether the segment model is sure where it disagrees with the rules."""
    doubts = [c for label, rule, c in zip(marks.labels, ruled, marks.confidence) if label != rule]
    return not doubts or sum(doubts) / len(doubts) >= SEG_SURE


def _reread(text: str, found: Sequence[Region], reread: Callable[[str], Read], sc: Scan, marks: tagger.Tagged) -> Read:
    """The note read again segment by segment where the segment model found sources; the
    words between them are remarks. A segment the rules read as a remark becomes a
    citation with no fields yet (the field model fills it)."""
    out: Read = []
    pos = 0
    for region in found:
        start, end = _widened(text, region, pos)
        gap = text[pos:start].strip(_SEPARATORS)
        if any(c.isalnum() for c in gap):
            out.append((Remark(gap), None))
        seg = text[start:end]
        got = reread(seg)
        if all(isinstance(p, Remark) for p, _ in got) and _region_confidence(sc, marks, region) >= SEG_SURE and not _prose(seg):
            got = [(Citation(source=_PLACEHOLDER, text=seg), None)]
        out.extend(got)
        pos = end
    gap = text[pos:].strip(_SEPARATORS)
    if any(c.isalnum() for c in gap):
        out.append((Remark(gap), None))
    return out


def _prose(seg: str) -> bool:
    """A sentence of explanation with no link, as the rules tell one."""
    from footnote_kit.sources.citation import is_prose
    from footnote_kit.sources.identifiers import search_url

    return is_prose(seg) and search_url(seg) is None


def _region_confidence(sc: Scan, marks: tagger.Tagged, region: Region) -> float:
    conf = [c for t, c in zip(sc.tokens, marks.confidence) if region.start <= t.start < region.end]
    return sum(conf) / len(conf) if conf else 0.0


_PLACEHOLDER = Source(type="document")


def _placeholder(part: Citation) -> bool:
    return part.source is _PLACEHOLDER


class _Scorer:
    """How likely the model finds it that the words at a span are a given field."""

    def __init__(self, starts: list[int], marginal: Callable[[str, int], float]) -> None:
        self.starts = starts
        self.marginal = marginal

    def __call__(self, label: str, span: tuple[int, int]) -> float:
        first, last = bisect_left(self.starts, span[0]), bisect_left(self.starts, span[1])
        if last <= first:
            return 0.0
        return sum(self.marginal(label, i) for i in range(first, last)) / (last - first)


def _model_only(part: Citation, reading: assemble.Reading) -> Citation:
    """The model's reading alone (for measuring it): identifiers stay the rules'."""
    rules = part.source
    values: dict[str, Any] = {"URL": rules.URL, "DOI": rules.DOI, "ISBN": rules.ISBN}
    for label, names in reading.names.items():
        values[attr(label)] = names
    for label, parts in reading.dates.items():
        values[label] = parts
    for label, value in reading.text.items():
        if label not in ("suffix", "prefix", "locator"):
            values[attr(label)] = value
    if not values.get("page") and reading.text.get("locator"):
        values["page"] = reading.text["locator"]  # a citation's only pages are its page (gold convention)
    values["type"] = _type(values, reading)
    values["language"] = language.guess(values.get("title"), url=values.get("URL"), translated=bool(values.get("translated_title")), context=values.get("container_title"))
    source = new_source({k: v for k, v in values.items() if k in _SOURCE_KEYS})
    prefix, locator = _part_words(part, reading)
    return Citation(source=source, text=part.text, prefix=prefix, suffix=part.suffix, locator=locator, confidence=dict(reading.confidence))


def _merge(part: Citation, reading: assemble.Reading, rules_at: dict[str, tuple[int, int]], score: _Scorer) -> Citation:
    """Each field from the reader the model finds likelier; the rules' certain fields kept."""
    rules = part.source
    values: dict[str, Any] = dict(rules.__dict__)
    confidence: dict[str, float] = {}
    changed = False
    model_values: dict[str, Any] = {**{k: v for k, v in reading.text.items() if k not in ("suffix", "prefix", "locator")}, **reading.names, **reading.dates}
    if "page" not in model_values and reading.text.get("locator"):
        model_values["page"] = reading.text["locator"]
        reading.spans.setdefault("page", reading.spans["locator"])
    for label, mine in model_values.items():
        key = attr(label)
        have = getattr(rules, key, None)
        m_score = score(label, reading.spans[label])
        if have and (label in CERTAIN or label in part.certain or label not in rules_at):
            # exact by its shape, or read from somewhere the text does not print it (a
            # document symbol from its URL): the rules' value stands
            confidence[label] = score(label, rules_at[label]) if label in rules_at else m_score
            continue
        r_score = score(label, rules_at[label]) if have else 0.0
        if (not have and m_score >= ADD) or (have and m_score > r_score + MARGIN and not _equal(label, have, mine)):
            values[key] = mine
            changed = True
            confidence[label] = m_score
        else:
            confidence[label] = r_score
    for label, span in rules_at.items():
        key = attr(label)
        if label in model_values or label in CERTAIN or label in part.certain or label in ("prefix", "locator", "suffix", "ibid") or not getattr(rules, key, None):
            continue
        r_score = score(label, span)
        if r_score < DROP:  # the model reads those words as something else
            values[key] = () if label in NAME_LABELS else None
            changed = True
        else:
            confidence[label] = r_score
    if changed:
        values["type"] = _type(values, reading)
        if values.get("title") != rules.title:
            values["language"] = language.guess(values.get("title"), url=values.get("URL"), translated=bool(values.get("translated_title")), context=values.get("container_title"))
        source = new_source({k: v for k, v in values.items() if k in _SOURCE_KEYS})
    else:
        source = rules
    prefix, locator = _part_words(part, reading)
    return Citation(source=source, text=part.text, prefix=prefix, suffix=part.suffix, locator=locator, confidence=confidence, certain=part.certain)


def _part_words(part: Citation, reading: assemble.Reading) -> tuple[str | None, str | None]:
    """The citation's signal words and pinpoint: the rules', else the model's."""
    prefix = part.prefix or reading.text.get("prefix")
    locator = part.locator
    if locator is None and reading.text.get("locator") and reading.text.get("page"):
        locator = reading.text["locator"]  # the work's own range and a pinpoint, both printed
    return prefix, locator


def _equal(label: str, a: Any, b: Any) -> bool:
    if isinstance(a, str) and isinstance(b, str):
        return _same(a, b)
    if label in NAME_LABELS:
        return [n.family or n.literal for n in a] == [n.family or n.literal for n in b]
    return bool(a == b)


_SOURCE_KEYS = frozenset(Source.__dataclass_fields__)


def _same(a: str, b: str) -> bool:
    return assemble.clean(a).lower() == assemble.clean(b).lower()


def _type(values: dict[str, Any], reading: assemble.Reading) -> str:
    ev = kinds.Evidence()
    if reading.quoted_title:
        ev.shapes.add("quoted-title")
    if values.get("publisher") or values.get("publisher_place"):
        if not values.get("container_title"):
            ev.shapes.add("book")
        elif values.get("editor") or values.get("page"):
            ev.shapes.add("chapter")
    if values.get("volume") and values.get("container_title"):
        ev.shapes.add("journal")
    return kinds.decide(
        ev,
        title=values.get("title"),
        container=values.get("container_title"),
        publisher=values.get("publisher"),
        genre=values.get("genre"),
        number=values.get("number"),
        volume=values.get("volume"),
        issue=values.get("issue"),
        doi=values.get("DOI"),
        url=values.get("URL"),
        issued=values.get("issued") is not None,
        accessed=values.get("accessed") is not None,
    )


__all__ = ["MODES", "refine", "rule_extra", "DATE_LABELS", "NAME_LABELS"]
