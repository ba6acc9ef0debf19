"""Rendering with footnote-kit's engine that keeps which characters came from which field.

Method. A field's value is wrapped in a pair of private-use characters at the moment the
engine has finished everything that changes the value itself (text case, page-range and
number formatting, initials, date parts) and before anything is put around it (quotes,
italics, affixes such as ``ed.``, ``pp.``, ``S.``, the punctuation between fields). The
pair's code says which call made it; a log says which field and which item that call
rendered. Where the wrapping happens:

- ``<text variable>``, ``<text term="ibid">``, ``<number>``: after ``case``, inside
  ``format``/``quote``/``wrap`` (a subclass of the engine's own element class);
- ``<date>``: around the parts, inside the date's own prefix and suffix;
- names: the name parts themselves carry the pair in the item's data (family, given,
  particles, literal), and initialising keeps it (a subclass of ``Name.initialize``), so a
  person's span is exact whether printed ``Mary Beard``, ``Beard, M.``, ``BEARD Mary``;
- the citation's prefix and suffix (signal words, commentary): the pair is in the strings
  we hand the engine.

The characters could still change what the engine prints where it compares or joins
strings (a doubled full stop at a seam is only caught when nothing sits between the two
stops; ``ibid.`` is capitalised only at the very start of a note). So every note is also
rendered by an untouched processor, in lockstep, and the text written out is always that
clean rendering. When the two differ, the spans are carried across by aligning the texts
(``spans.carry``) and the note says ``"aligned": true``; ``check`` then verifies every span.

Why subclass the engine's element classes here instead of adding a hook to the engine:
this is an instrument for making training data, and the render path should not pay for it.
The subclasses are installed only in styles this module loads (``traced_style``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping, Sequence

from footnote_kit.render import base, elements, engine
from footnote_kit.render.engine import CiteRef

from synthnotes.spans import (HOOK_CLOSE, HOOK_OPEN, HOOK_SPAN, NAME_CLOSE, NAME_OPEN,
                              NAME_SPAN, ROLES, Span, carry, extract, italics,
                              split_translated, trimmed)

#: CSL variable -> label. Variables outside the label set map to their nearest field
#: (a court is who issues a decision, as a publisher issues a book).
LABELS: dict[str, str] = {
    "title": "title", "title-short": "title",
    "container-title": "container-title", "container-title-short": "container-title",
    "event": "container-title", "event-title": "container-title",
    "collection-title": "collection-title",
    "publisher": "publisher", "authority": "publisher", "archive": "publisher",
    "publisher-place": "publisher-place", "event-place": "publisher-place",
    "archive-place": "publisher-place",
    "issued": "date", "accessed": "accessed",
    "page": "page", "page-first": "page", "locator": "locator",
    "volume": "volume", "collection-number": "volume", "issue": "issue",
    "edition": "edition", "genre": "genre", "medium": "genre",
    "number": "number", "section": "number", "archive_location": "number",
    "archive-location": "number",
    "URL": "url", "DOI": "doi", "ISBN": "isbn",
}
#: words a style prints for "the same as before", labelled ``ibid``
IBID_WORDS = frozenset({"ibid.", "ibid", "ibidem", "ebd.", "ebd", "ebenda", "id.", "idem",
                        "op. cit.", "a.a.o.", "ivi", "ibíd.", "íd.", "там же", "он же",
                        "loc. cit.", "art. cit.", "doc. cit.", "ob. cit.", "cit.", "citato",
                        "op.cit.", "loc.cit."})


_IBID_TERMS = frozenset({"ibid", "cited", "op-cit", "loc-cit"})


def is_ibid(text: str) -> bool:
    return " ".join(text.replace("\u00a0", " ").split()).casefold() in IBID_WORDS


class _Log:
    """Which field and item each hook call wrapped: index = the pair's code. ``group``
    ties the parts of one date together (day, month and year are wrapped one by one, so
    that a date part's own affixes, ``el`` or `` г.``, stay outside)."""

    def __init__(self) -> None:
        self.entries: list[tuple[str, str | None, int | None]] = []

    def mark(self, label: str, key: str | None, group: int | None = None) -> tuple[str, str]:
        n = len(self.entries) % HOOK_SPAN
        self.entries.append((label, key, group))
        return chr(HOOK_OPEN + n), chr(HOOK_CLOSE + n)


LOG = _Log()
_DATES: list[tuple[str | None, str | None, int]] = []  # the dates being rendered


def _key(args: Sequence[Any]) -> str | None:
    return getattr(args[0], "key", None) if args else None


class _TextHook:
    def render(self, *args: Any, **kwargs: Any) -> Any:
        text, language = self.process(*args, **kwargs)  # type: ignore[attr-defined]
        label = self._fk_label(text) if text else None
        if label is None:
            return self.markup(text, language)  # type: ignore[attr-defined]
        opener, closer = LOG.mark(label, _key(args))
        cased = self.case(self.strip_periods(text), language)  # type: ignore[attr-defined]
        return self.wrap(self.quote(self.format(opener + cased + closer)))  # type: ignore[attr-defined]

    def _fk_label(self, text: Any) -> str | None:
        get = self.get  # type: ignore[attr-defined]
        if get("variable"):
            return LABELS.get(get("variable"))
        if get("term") in _IBID_TERMS or get("value"):
            return "ibid" if is_ibid(str(text)) else None
        return None


class _NumberHook:
    def render(self, *args: Any, **kwargs: Any) -> Any:
        text = self.process(*args, **kwargs)  # type: ignore[attr-defined]
        variable = self.get("variable")  # type: ignore[attr-defined]
        label = LABELS.get(variable) if variable else None
        if not text or label is None:
            return self.markup(text)  # type: ignore[attr-defined]
        opener, closer = LOG.mark(label, _key(args))
        cased = self.case(self.strip_periods(text))  # type: ignore[attr-defined]
        return self.wrap(self.format(opener + cased + closer))  # type: ignore[attr-defined]


class _DateHook:
    def process(self, item: Any, variable: Any = None, *args: Any, **kwargs: Any) -> Any:
        name = variable or self.get("variable")  # type: ignore[attr-defined]
        if not name or self.is_locale_date():  # type: ignore[attr-defined]
            return super().process(item, variable, *args, **kwargs)  # type: ignore[misc]
        _DATES.append((LABELS.get(name), getattr(item, "key", None), len(LOG.entries)))
        try:
            return super().process(item, variable, *args, **kwargs)  # type: ignore[misc]
        finally:
            _DATES.pop()


class _DatePartHook:
    def render(self, *args: Any, **kwargs: Any) -> Any:
        text = self.process(*args, **kwargs)  # type: ignore[attr-defined]
        if not text or not _DATES or _DATES[-1][0] is None:
            return self.markup(text)  # type: ignore[attr-defined]
        label, key, group = _DATES[-1]
        opener, closer = LOG.mark(label, key, group)  # type: ignore[arg-type]
        cased = self.case(self.strip_periods(text))  # type: ignore[attr-defined]
        if isinstance(cased, int):
            cased = str(cased)
        return self.wrap(self.format(opener + cased + closer))  # type: ignore[attr-defined]


class _NameHook:
    def initialize(self, given: str, mark: str, context: Any) -> Any:
        if len(given) > 2 and _is_name_char(given[0]) and _is_name_char(given[-1]):
            inner = super().initialize(given[1:-1], mark, context)  # type: ignore[misc]
            return given[0] + inner + given[-1]
        return super().initialize(given, mark, context)  # type: ignore[misc]


def _is_name_char(ch: str) -> bool:
    return NAME_OPEN <= ord(ch) < NAME_CLOSE + NAME_SPAN


_TRACED_CLASSES: dict[str | None, type] = {}


def _traced_parser() -> Any:
    from lxml import etree

    if not _TRACED_CLASSES:
        classes = dict(elements.element_classes())
        for tag, hook in (("text", _TextHook), ("number", _NumberHook), ("date", _DateHook),
                          ("date-part", _DatePartHook), ("name", _NameHook)):
            base = classes[tag]
            classes[tag] = type(base.__name__, (hook, base), {})
        _TRACED_CLASSES.update(classes)
    lookup = etree.ElementNamespaceClassLookup()
    lookup.get_namespace(elements.CSL_NS).update(_TRACED_CLASSES)
    xml_parser = etree.XMLParser(remove_comments=True, encoding="UTF-8", no_network=True)
    xml_parser.set_element_class_lookup(lookup)
    return xml_parser


_STYLES: dict[tuple[str, str | None], Any] = {}
_LOCALES: dict[str, Any] = {}


def traced_style(path: str | Path, locale: str | None) -> Any:
    """The style parsed with the hooks above, and with locale files of its own (a date's
    parts come from the locale), once per process per style and locale. The engine's own
    caches of styles and locales are left as they were."""
    key = (str(path), locale)
    if key not in _STYLES:
        saved = elements.parser, base.LOCALES
        elements.parser, base.LOCALES = _traced_parser, _LOCALES
        try:
            _STYLES[key] = engine._LoadedStyle(str(path), locale)
        finally:
            elements.parser, base.LOCALES = saved
    return _STYLES[key]


def name_marked(item: Mapping[str, Any], index: int) -> dict[str, Any]:
    """The item with each person's name parts wrapped in that person's pair."""
    out = dict(item)
    for r, role in enumerate(ROLES):
        people = item.get(role)
        if not isinstance(people, list):
            continue
        marked = []
        for p, person in enumerate(people[:16]):
            code = (index * len(ROLES) + r) * 16 + p
            if code >= NAME_SPAN:
                raise ValueError("too many items in one document to trace their names")
            opener, closer = chr(NAME_OPEN + code), chr(NAME_CLOSE + code)
            marked.append({k: (opener + v + closer if isinstance(v, str) and v else v)
                           for k, v in person.items()})
        out[role] = marked
    return out


@dataclass(frozen=True)
class Ref:
    """One cite of a note: the engine's ``CiteRef`` plus which part of the prefix and
    suffix is a signal word or commentary (``(start, end)`` in the string), to be labelled."""

    id: str
    locator: str | None = None
    label: str = "page"
    prefix: str = ""
    signal: tuple[int, int] | None = None
    suffix: str = ""
    comment: tuple[int, int] | None = None

    def plain(self) -> CiteRef:
        return CiteRef(self.id, locator=self.locator, label=self.label, prefix=self.prefix,
                       suffix=self.suffix)

    def marked(self, key: str) -> CiteRef:
        return CiteRef(self.id, locator=self.locator, label=self.label,
                       prefix=_wrap_part(self.prefix, self.signal, "prefix", key),
                       suffix=_wrap_part(self.suffix, self.comment, "suffix", key))


def _wrap_part(text: str, where: tuple[int, int] | None, label: str, key: str) -> str:
    if not text or where is None:
        return text
    opener, closer = LOG.mark(label, key)
    s, e = where
    return text[:s] + opener + text[s:e] + closer + text[e:]


@dataclass
class Traced:
    """One rendering: the clean text, labelled spans ``(start, end, label, item index)``,
    italic spans, and whether the spans had to be aligned onto the clean text."""

    text: str
    spans: list[Span]
    italic: list[tuple[int, int]] = field(default_factory=list)
    aligned: bool = False


class TracedProcessor:
    """A clean and a traced processor over the same items, advanced in lockstep."""

    def __init__(self, style_path: str | Path, locale: str | None,
                 items: Sequence[Mapping[str, Any]]) -> None:
        self.items = list(items)
        self.clean = engine.make_processor(style_path, locale, self.items)
        self.traced = engine.Processor(traced_style(style_path, locale),
                                       [name_marked(it, n) for n, it in enumerate(self.items)])
        key_of = self.traced._key_of
        self.index_of_key = {key_of[str(it["id"])]: n for n, it in enumerate(self.items)}
        self.key_of_id = {str(it["id"]): key_of[str(it["id"])] for it in self.items}
        self._shared = False

    def _share_disambiguation(self) -> None:
        """The traced items differ from each other by their markers, so the traced
        processor would never find two works ambiguous: hand it the clean processor's
        decision (which works need more to tell apart, and their year suffixes)."""
        if self._shared:
            return
        self._shared = True
        self.traced._ambiguous_keys = set(self.clean._ambiguous())
        clean_source, traced_source = self.clean._registry.source, self.traced._registry.source
        for key in self.index_of_key:
            if "year_suffix" in clean_source[key]:
                traced_source[key]["year_suffix"] = clean_source[key]["year_suffix"]

    def cite(self, refs: Sequence[Ref], note: int) -> Traced:
        text, markup = self.clean.cite_both([r.plain() for r in refs], note)
        self._share_disambiguation()
        LOG.entries.clear()
        traced = self.traced.cite([r.marked(self.key_of_id[r.id]) for r in refs], "text", note)
        return self._finish(traced, text, markup)

    def entry(self) -> Traced:
        """The bibliography entry of the only item (author-date styles pasted into notes)."""
        clean = self.clean.entries()[0]
        self._share_disambiguation()
        LOG.entries.clear()
        traced = self.traced.bibliography("text")[0]
        return self._finish(traced, clean.text, clean.html)

    def _finish(self, traced: str, text: str, markup: str) -> Traced:
        stripped, raw = extract(traced, LOG.entries, self.index_of_key)
        aligned = stripped != text
        if aligned:
            raw = carry(raw, stripped, text)
        spans = trimmed(split_translated(raw, text, self.items), text)
        return Traced(text, spans, italics(markup, text), aligned)
