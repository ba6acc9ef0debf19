"""The rules' reading and the model's, combined field by field.

Why both: the rules are precise on the shapes they know (a quoted title, a URL, a date
they parsed) and silent or wrong elsewhere; the model reads every shape it was trained
on, less precisely. The rules read each note first and split it into parts; a note they
read completely stays as they read it. Otherwise the model labels the note's tokens, and
each citation's fields are taken from the rules where they are certain and from
whichever reading the model finds likelier elsewhere. Two things were measured and left
out (docs/parser.md): giving the model the rules' labels as features (stacking), and a
second model that splits notes into sources.

``mode`` exists so that the evaluation can measure each reader alone (``rules``,
``model``) against the combination.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Any, Callable, Sequence

from footnote_kit.model import Citation, Name, Part, Source
from footnote_kit.sources import kinds, language
from footnote_kit.sources.draft import new_source
from footnote_kit.sources.learned import assemble, tagger
from footnote_kit.sources.learned.align import spans
from footnote_kit.sources.learned.features import token_features
from footnote_kit.sources.learned.labels import NAME_LABELS
from footnote_kit.sources.scan import scan

MODES = ("rules", "model", "combined")
CERTAIN = frozenset(("URL", "DOI", "ISBN", "accessed", "translated-title"))
"""Fields whose rules are exact whatever the note: their shapes cannot be mistaken."""
MARGIN = 0.1
"""How much likelier the model must find its own reading of a field than the rules' to
replace it, or to take words the rules gave another field."""
ADD = 0.5
"""How sure the model must be to add a field the rules did not read."""

_ATTR = {
    "container-title": "container_title",
    "collection-title": "collection_title",
    "publisher-place": "publisher_place",
    "translated-title": "translated_title",
}
_IDENTIFIERS = frozenset(("URL", "DOI", "ISBN"))
"""The rules' alone: the scan finds every one there is, exactly."""
_KEPT = frozenset(("prefix", "locator", "suffix", "ibid", "title", "author", "editor", "translator", "extra"))
"""Fields whose words the model never takes for another field: a doubtful title or author
is worth a human look (its confidence says so), a lost one is gone; roles are read from
the words that name them (``hg. von``, ``trans.``)."""
_LISTS = frozenset((*NAME_LABELS, "page", "locator"))
"""Lists (names, page ranges): the model may replace the rules' only by reading more."""
_TYPE_FIELDS = ("title", "container_title", "publisher", "publisher_place", "genre", "number", "volume", "issue", "DOI", "editor")
"""The fields ``kinds.decide`` reads: the rules' type stands unless one of them changed."""
_NAMED_TYPES = frozenset(("interview", "personal_communication", "thesis", "legal_case", "legislation", "speech"))
"""Types the rules read from words the note prints (``Interview with``, ``PhD diss.``,
``v.``, ``U.S.C.``): the rules' reading of such a citation stands."""
_SOURCE_KEYS = frozenset(Source.__dataclass_fields__)

Read = list[tuple[Part, "str | None"]]
"""Parts, each with the author an unresolved ``op. cit.`` names."""
Span = tuple[int, int]


def attr(label: str) -> str:
    """The ``Source`` attribute a label fills."""
    return _ATTR.get(label, label)


def refine(text: str, read: Read, emphasis: Sequence[tuple[int, int]] = (), mode: str = "combined") -> Read:
    """``read`` (the rules' reading of a note) with the model's reading of each citation's
    fields added."""
    parts = [p for p, _ in read]
    if mode == "rules" or not any(isinstance(p, Citation) and not p.source.id for p in parts):
        return read  # nothing to read, or cited by key ([@smith])
    if mode == "combined" and _complete(parts):
        return read
    sc = scan(text, emphasis)
    if not sc.tokens:
        return read
    tagged = tagger.tag(tagger.items(token_features(sc)))
    starts = [t.start for t in sc.tokens]
    score = _Scorer(starts, tagged.marginal)
    out: Read = []
    for (part, author), (start, end) in zip(read, _segments(text, parts)):
        if not isinstance(part, Citation) or end <= start:
            out.append((part, author))
            continue
        first, last = bisect_left(starts, start), bisect_left(starts, end)
        reading = assemble.read(text, sc.tokens[first:last], tagged.labels[first:last], tagged.confidence[first:last])
        if mode == "model":
            out.append((_model_only(part, reading), author))
            continue
        found, _, _ = spans(text[start:end], [part.to_json()], others=True)  # where the rules read each field
        rules_at = {s.label: (start + s.start, start + s.end) for s in found}
        out.append((_merge(part, reading, rules_at, score), author))
    return out


def _complete(parts: Sequence[Part]) -> bool:
    """The rules read the whole note: every citation around a title they are sure of, with
    every word placed in a field (nothing left in ``note``)."""
    cites = [p for p in parts if isinstance(p, Citation)]
    return bool(cites) and all(p.source.note is None and "title" in p.certain for p in cites)


def _segments(text: str, parts: Sequence[Part]) -> list[Span]:
    """Where each part's text stands in the note (parts print in order)."""
    out: list[Span] = []
    pos = 0
    for part in parts:
        own = part.text.strip()
        k = text.find(own, pos) if own else -1
        if k < 0:
            k = text.find(own[:40], pos) if own else -1
        if k < 0:
            out.append((pos, pos))
            continue
        out.append((k, k + len(own)))
        pos = k + len(own)
    return out


class _Scorer:
    """How likely the model finds it that the words at a span are a given field."""

    def __init__(self, starts: list[int], marginal: Callable[[str, int], float]) -> None:
        self.starts = starts
        self.marginal = marginal

    def __call__(self, label: str, span: Span) -> float:
        """The mean marginal over the span's tokens (at most eight of them, evenly spread:
        a long title is judged as well by a sample, at a fraction of the cost)."""
        first, last = bisect_left(self.starts, span[0]), bisect_left(self.starts, span[1])
        if last <= first:
            return 0.0
        picks = range(first, last, max(1, (last - first) // 8))
        return sum(self.marginal(label, i) for i in picks) / len(picks)


def _model_values(reading: assemble.Reading) -> dict[str, Any]:
    """The model's fields of a citation, by label; a pinpoint with no range is its page
    (tests/data/gold/README.md)."""
    values: dict[str, Any] = {k: v for k, v in reading.text.items() if k not in ("suffix", "prefix", "locator")}
    values.update(reading.names)
    values.update(reading.dates)
    if "page" not in values and reading.text.get("locator"):
        values["page"] = reading.text["locator"]
        reading.spans.setdefault("page", reading.spans["locator"])
    return values


def _model_only(part: Citation, reading: assemble.Reading) -> Citation:
    """The model's reading alone (for measuring it): identifiers stay the rules'."""
    rules = part.source
    values: dict[str, Any] = {"URL": rules.URL, "DOI": rules.DOI, "ISBN": rules.ISBN}
    values.update((attr(label), value) for label, value in _model_values(reading).items() if label not in _IDENTIFIERS)
    values["type"] = _type(values, reading)
    values["language"] = _language(values)
    return _citation(part, new_source({k: v for k, v in values.items() if k in _SOURCE_KEYS}), reading, dict(reading.confidence))


def _merge(part: Citation, reading: assemble.Reading, rules_at: dict[str, Span], score: _Scorer) -> Citation:
    """The rules' reading, with the model's where the model finds it likelier.

    A field both read: the rules' value stands where it is certain, else the model's
    replaces it when the model finds its own words likelier by ``MARGIN``. A field only the
    model read is added when the model is sure (``ADD``) and its words are free; when the
    rules read those words as another, uncertain field, the words move to the model's
    field if the model finds that likelier by ``MARGIN`` (``Osh`` is a place, not a
    publisher)."""
    rules = part.source
    if rules.type in _NAMED_TYPES:
        return _citation(part, rules, reading, {label: score(label, at) for label, at in rules_at.items()})
    fixed = CERTAIN | part.certain
    values: dict[str, Any] = dict(rules.__dict__)
    taken = {label: at for label, at in rules_at.items() if label == "extra" or getattr(rules, attr(label), None)}
    confidence: dict[str, float] = {}
    for label, mine in _model_values(reading).items():
        if label in _IDENTIFIERS:
            continue
        span = reading.spans[label]
        mine_score = score(label, span)
        if getattr(rules, attr(label), None):
            confidence[label] = _keep_or_replace(label, mine, span, mine_score, rules, rules_at, fixed, values, score)
        elif mine_score >= ADD and _free(label, span, mine_score, taken, fixed, values, score):
            values[attr(label)] = mine
            confidence[label] = mine_score
    for label, at in taken.items():
        confidence.setdefault(label, score(label, at))
    if all(values[k] == v for k, v in rules.__dict__.items()):
        return _citation(part, rules, reading, confidence)
    if rules.type not in _NAMED_TYPES and any(values.get(k) != getattr(rules, k) for k in _TYPE_FIELDS):
        values["type"] = _type(values, reading)
    if values.get("title") != rules.title:
        values["language"] = _language(values)
    return _citation(part, new_source({k: v for k, v in values.items() if k in _SOURCE_KEYS}), reading, confidence)


def _keep_or_replace(
    label: str, mine: Any, span: Span, mine_score: float, rules: Source, rules_at: dict[str, Span], fixed: frozenset[str], values: dict[str, Any], score: _Scorer
) -> float:
    """Decide a field both readers read (writing the model's value into ``values`` when it
    wins); return the confidence of the value kept."""
    if label in fixed or label not in rules_at:
        # exact by its shape, or read from somewhere the text does not print it (a
        # document symbol from its URL): the rules' value stands
        return score(label, rules_at[label]) if label in rules_at else mine_score
    theirs = rules_at[label]
    their_score = score(label, theirs)
    better = mine_score > their_score + MARGIN and not _equal(label, getattr(rules, attr(label)), mine)
    if label in _LISTS and not _covers(span, theirs):
        better = False  # fewer names or pages than the rules read
    if label == "title" and _covers(theirs, span) and span != theirs:
        better = False  # a title cut short
    if better:
        values[attr(label)] = mine
        return mine_score
    return their_score


def _free(label: str, span: Span, mine_score: float, taken: dict[str, Span], fixed: frozenset[str], values: dict[str, Any], score: _Scorer) -> bool:
    """Whether the model may add ``label`` over ``span``: no rules field holds those words,
    or those that do are uncertain and likelier the model's (they are then removed)."""
    clashes = [other for other, at in taken.items() if other != label and at[0] < span[1] and span[0] < at[1]]
    if any(other in fixed or other in _KEPT or score(other, taken[other]) + MARGIN >= mine_score for other in clashes):
        return False
    for other in clashes:
        values[attr(other)] = () if other in NAME_LABELS else None
        del taken[other]
    return True


def _covers(outer: Span, inner: Span) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def _citation(part: Citation, source: Source, reading: assemble.Reading, confidence: dict[str, float]) -> Citation:
    """``part`` with ``source``; its signal words and pinpoint are the rules', else the
    model's (a pinpoint only beside the work's own range, as the gold has it)."""
    prefix = part.prefix or reading.text.get("prefix")
    locator = part.locator
    if locator is None and reading.text.get("locator") and reading.text.get("page"):
        locator = reading.text["locator"]
    return Citation(source=source, text=part.text, prefix=prefix, suffix=part.suffix, locator=locator, confidence=confidence, certain=part.certain)


def _equal(label: str, a: Any, b: Any) -> bool:
    if isinstance(a, str) and isinstance(b, str):
        return assemble.clean(a).lower() == assemble.clean(b).lower()
    if label in NAME_LABELS:
        return [n.family or n.literal for n in a] == [n.family or n.literal for n in b]
    return bool(a == b)


def _language(values: dict[str, Any]) -> str | None:
    return language.guess(values.get("title"), url=values.get("URL"), translated=bool(values.get("translated_title")), context=values.get("container_title"))


def _type(values: dict[str, Any], reading: assemble.Reading) -> str:
    """The CSL type for a reading the model changed, from the same evidence the rules
    weigh (``kinds.decide``)."""
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
    return kinds.decide_fields(ev, values, issued=values.get("issued") is not None, accessed=values.get("accessed") is not None)


__all__ = ["MODES", "Name", "attr", "refine"]
