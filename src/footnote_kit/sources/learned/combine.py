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

from typing import Any, Sequence

from footnote_kit.model import Citation, Name, Part, Source
from footnote_kit.sources import kinds, language
from footnote_kit.sources.draft import new_source
from footnote_kit.sources.learned import assemble, tagger
from footnote_kit.sources.learned.align import Labelled, spans, token_labels
from footnote_kit.sources.learned.features import token_features
from footnote_kit.sources.learned.labels import DATE_LABELS, NAME_LABELS
from footnote_kit.sources.scan import Scan, scan

MODES = ("rules", "model", "combined")
CERTAIN = frozenset(("URL", "DOI", "ISBN", "accessed", "translated-title"))
"""Fields whose rules are exact: their shapes cannot be mistaken."""
CONFIDENT = 0.5
"""The model's confidence above which it may replace a rule's reading."""

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
    """The rules' label of each token, as a feature (``r=title``)."""
    labels = token_labels(sc, rule_spans(sc.text, parts))
    return [["r=" + label] for label in labels]


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


def refine(text: str, parts: Sequence[Part], emphasis: Sequence[tuple[int, int]] = (), mode: str = "combined") -> list[Part]:
    """``parts`` (the rules' reading of a note) with the model's reading added."""
    if mode == "rules" or not any(isinstance(p, Citation) for p in parts):
        return list(parts)
    sc = scan(text, emphasis)
    if not sc.tokens:
        return list(parts)
    extra = rule_extra(sc, parts) if mode == "combined" else None
    tagged = tagger.tag(token_features(sc, extra))
    out: list[Part] = []
    for part, (start, end) in zip(parts, _segments(text, parts)):
        if not isinstance(part, Citation) or end <= start:
            out.append(part)
            continue
        idx = [i for i, t in enumerate(sc.tokens) if start <= t.start < end]
        toks = [sc.tokens[i] for i in idx]
        reading = assemble.read(text, toks, [tagged.labels[i] for i in idx], [tagged.confidence[i] for i in idx])
        out.append(_merge(part, reading, mode))
    return out


def _merge(part: Citation, reading: assemble.Reading, mode: str) -> Citation:
    rules = part.source
    values: dict[str, Any] = {} if mode == "model" else dict(rules.__dict__)
    if mode == "model":
        values["URL"], values["DOI"], values["ISBN"] = rules.URL, rules.DOI, rules.ISBN
    confidence: dict[str, float] = {}
    for label, names in reading.names.items():
        key = attr(label)
        conf = reading.confidence.get(label, 0.0)
        if mode == "model" or not getattr(rules, key) or conf >= CONFIDENT and _better_names(names, getattr(rules, key)):
            values[key] = names
        confidence[label] = conf
    for label, parts in reading.dates.items():
        conf = reading.confidence.get(label, 0.0)
        if mode == "model" or getattr(rules, label) is None:
            values[label] = parts
        confidence[label] = conf
    for label, value in reading.text.items():
        if label in ("suffix", "prefix", "locator"):
            continue
        key = attr(label)
        conf = reading.confidence.get(label, 0.0)
        have = getattr(rules, key, None)
        if mode == "model" or not have or (label not in CERTAIN and conf >= CONFIDENT and not _same(have, value)):
            values[key] = value
        confidence[label] = conf
    values["type"] = _type(values, reading) if mode == "model" or values != rules.__dict__ else rules.type
    if values.get("title") and values.get("title") != rules.title:
        values["language"] = language.guess(values["title"], url=values.get("URL"), translated=bool(values.get("translated_title")), context=values.get("container_title"))
    source = new_source({k: v for k, v in values.items() if k in _SOURCE_KEYS})
    return Citation(source=source, text=part.text, prefix=part.prefix, suffix=part.suffix, locator=part.locator, confidence=confidence)


_SOURCE_KEYS = frozenset(Source.__dataclass_fields__)


def _same(a: str, b: str) -> bool:
    return assemble.clean(a).lower() == assemble.clean(b).lower()


def _better_names(model: tuple[Name, ...], rules: tuple[Name, ...]) -> bool:
    return len(model) >= len(rules)


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
