"""The rendering engine: CSL-JSON items + a CSL style -> bibliography entries and notes.

This is the API the ``render`` command builds on::

    processor = make_processor(style_path, "en-US", items)
    processor.bibliography("text")        # sorted entries, one per item
    processor.cite([CiteRef("smith-2020", locator="12")], "html")   # the next note

It runs citeproc-py 0.11.1 (pinned) with our corrected element classes (``elements``), the
data prepared for it (``prepare``) and the finished strings mended (``fixes``), so that the
output matches citeproc-js, the processor inside Zotero. Styles are parsed once per process
(``load_style``). citeproc-py and lxml are imported only when a style is first loaded.
"""

from __future__ import annotations

import os
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping, Sequence

from footnote_kit.errors import InputError

FORMATS = ("text", "html")
CSL = "http://purl.org/net/xbiblio/csl"


@dataclass(frozen=True)
class CiteRef:
    """One cite in a note or in-text citation.

    ``position`` may be forced (``first``, ``subsequent``, ``ibid``, ``ibid-with-locator``)
    by a caller that knows better (e.g. from a note's own ``Ibid.``); by default the
    processor computes it from the cites it has rendered so far, as citeproc-js does.
    """

    id: str
    locator: str | None = None
    label: str = "page"
    prefix: str = ""
    suffix: str = ""
    position: str | None = None


def spaced_prefix(prefix: str) -> str:
    """A cite's prefix with the space citeproc-js adds after words and stops (``See`` ->
    ``See Roy``, ``(`` stays glued): writers and word-processor plugins give it bare."""
    bare = re.sub(r"<[^>]+>", "", prefix)
    last = re.sub(r"[\"'\u201d\u2019\u00bb\u202f\u00a0 ]+$", "", bare)[-1:]
    space = " " if last and (last.isalnum() or last in ".;:&!?)],") else ""
    return re.sub(r"\s+", " ", prefix + space)


def spaced_suffix(suffix: str) -> str:
    """A cite's suffix with the space citeproc-js puts before a word or bracket."""
    return " " + suffix if suffix[:1].isalpha() or suffix[:1] in "&[(" else suffix


@dataclass(frozen=True)
class Entry:
    """One bibliography entry in both output forms."""

    id: str
    text: str
    html: str


_LOCK = threading.Lock()
_STYLES: dict[tuple[str, float, str | None], Any] = {}


def load_style(style_path: str | os.PathLike[str], locale: str | None = None) -> Any:
    """The parsed style with our element classes, once per process per (file, locale)."""
    path = str(style_path)
    try:
        key = (os.path.abspath(path), os.path.getmtime(path), locale)
    except OSError as exc:
        raise InputError(f"cannot read style: {exc.strerror}", file=path) from exc
    with _LOCK:
        if key not in _STYLES:
            _STYLES[key] = _LoadedStyle(path, locale)
        return _STYLES[key]


class _LoadedStyle:
    def __init__(self, path: str, locale: str | None) -> None:
        from lxml import etree

        from footnote_kit.render.base import MarkFormatter
        from footnote_kit.render.elements import parser
        from footnote_kit.render.fixes import QuoteStyle

        try:
            self.xml = etree.parse(path, parser())
        except etree.XMLSyntaxError as exc:
            raise InputError(f"not a CSL style (malformed XML: {exc})", file=path) from exc
        self.root = self.xml.getroot()
        if not self.root.tag.endswith("}style") or self.root.find("{*}citation") is None:
            raise InputError("not a CSL style (no <style> with a <citation>)", file=path)
        self.locale = locale or self.root.get("default-locale") or "en-US"
        self.root.set_locale_list(self.locale, validate=False)
        self.root.formatter = MarkFormatter
        self._keep = list(self.root.iter())  # keep element proxies (and their caches) alive
        self.note_class = self.root.get("class") == "note"
        self.has_bibliography = self.root.bibliography is not None
        piq = str(self.root.get_locale_option("punctuation-in-quote") or "false") == "true"

        def term(name: str, default: str) -> str:
            return str(self.root.get_single_term(name) or default)

        self.quotes = QuoteStyle(term("open-quote", "\u201c"), term("close-quote", "\u201d"),
                                 term("open-inner-quote", "\u2018"),
                                 term("close-inner-quote", "\u2019"), piq)
        self.ibid = [str(t) for t in (self.root.get_single_term("ibid"),
                                      self.root.get_single_term("ibid", "short")) if t]
        substitute = self.root.bibliography.get("subsequent-author-substitute") \
            if self.has_bibliography else None
        self.author_substitute = substitute
        self.near_note_distance = int(self.root.citation.get("near-note-distance", "5"))
        text = Path(path).read_text(encoding="utf-8", errors="replace")
        self.numbered = 'variable="citation-number"' in text
        self.year_suffix = self.root.citation.get("disambiguate-add-year-suffix") == "true"
        sort = self.root.bibliography.find("{%s}sort" % CSL) if self.has_bibliography else None
        self.sorted_bibliography = sort is not None and any(
            key.get("variable") != "citation-number" for key in sort.iterchildren())
        citation_xml = etree.tostring(self.root.citation, encoding="unicode")
        self.disambiguates = "disambiguate=" in citation_xml or "<text macro" in citation_xml \
            and "disambiguate=" in text


class _Keys(list):  # type: ignore[type-arg]
    """Item keys in citation-number order, answering ``in`` and ``index`` from a table.

    citeproc-py asks ``key not in bibliography.keys`` for every cite and ``.index(key)``
    for every number: on a list that is a scan of all the items per note, which made a
    document of 100,000 notes render in quadratic time.
    """

    def __init__(self, keys: Any = ()) -> None:
        super().__init__(keys)
        self._at: dict[Any, int] = {}
        for i, key in enumerate(self):
            self._at.setdefault(key, i)

    def __contains__(self, key: object) -> bool:
        return key in self._at

    def index(self, key: Any, *args: Any) -> int:
        if args:
            return int(super().index(key, *args))
        try:
            return self._at[key]
        except KeyError:
            raise ValueError(f"{key!r} is not in the list") from None


class _Registry:
    """What citeproc-py's ``CitationStylesBibliography`` offers its items, nothing more."""

    def __init__(self, source: Any, keys: list[str]) -> None:
        from footnote_kit.render.base import MarkFormatter

        self.source = source
        self.keys = keys
        self.formatter = MarkFormatter

    @property
    def keys(self) -> list[str]:
        return self._keys

    @keys.setter
    def keys(self, value: list[str]) -> None:
        self._keys: list[str] = value if isinstance(value, _Keys) else _Keys(value)


class Processor:
    """Renders one set of items in one style: the bibliography, and notes in order.

    ``cite`` is stateful (positions depend on the notes before), so call it note by note.
    """

    def __init__(self, style: Any, items: Sequence[Mapping[str, Any]]) -> None:
        from footnote_kit.render.prepare import make_source, prepare_item

        self.style = style
        self.ids: list[str] = []
        self._key_of: dict[str, str] = {}
        prepared = []
        for n, item in enumerate(items):
            item_id = str(item.get("id") if item.get("id") is not None else f"item-{n + 1}")
            if item_id in self._key_of:
                continue
            key = f"k{n}"
            self.ids.append(item_id)
            self._key_of[item_id] = key
            prepared.append(prepare_item(item, key))
        self._registry = _Registry(make_source(prepared), [self._key_of[i] for i in self.ids])
        self._bibliography: list[tuple[str, str]] | None = None  # (id, marked)
        self._history: list[tuple[int, list[tuple[str, str | None]]]] = []
        self._last: tuple[Any, str] | None = None
        self._ambiguous_keys: set[str] | None = None
        self._sorted: list[str] | None = None
        self._last_note: dict[str, int] = {}
        self._sorted_numbering: _Keys | None = None

    # -- bibliography ----------------------------------------------------------------

    def bibliography(self, fmt: str = "text") -> list[str]:
        """The style's reference list, sorted, one string per item (empty if it renders
        nothing); ``bibliography_ids`` gives the item ids in the same order."""
        from footnote_kit.render.fixes import finish

        _check_format(fmt)
        return [finish(marked, self.style.quotes, fmt) for _, marked in self._render_bibliography()]

    def bibliography_ids(self) -> list[str]:
        return [item_id for item_id, _ in self._render_bibliography()]

    def entries(self) -> list[Entry]:
        from footnote_kit.render.fixes import finish

        q = self.style.quotes
        return [Entry(i, finish(m, q, "text"), finish(m, q, "html"))
                for i, m in self._render_bibliography()]

    def _render_bibliography(self) -> list[tuple[str, str]]:
        if self._bibliography is not None:
            return self._bibliography
        from citeproc.source import Citation

        from footnote_kit.render.base import STATE

        bib = self.style.root.bibliography
        if bib is None:
            self._bibliography = []
            return self._bibliography
        self._ambiguous()  # year suffixes show in the entries too
        items = []
        for key in self._sorted_keys():
            item = _item(key)  # gap 19: no locator ever reaches an entry
            Citation([item]).bibliography = self._registry
            items.append(item)
        self._registry.keys = [item.key for item in items]
        id_of = {k: i for i, k in self._key_of.items()}
        layout = bib.layout
        out: list[tuple[str, str]] = []
        previous: tuple[str | None, str | None] = (None, None)
        substitute = self.style.author_substitute
        partial = (bib.get("subsequent-author-substitute-rule") or "").startswith("partial")
        for item in items:
            rendered = layout.render_bibliography([item])[0]
            marked = str(rendered) if rendered is not None else ""
            names, first = STATE["first_names"], STATE["first_name"]
            if substitute is not None and names:
                # Gap 12: subsequent-author-substitute (complete-all, or partial-first).
                if names == previous[0] and not partial and not STATE["substituted"]:
                    marked = marked.replace(names, substitute, 1)
                elif partial and first and first == previous[1]:
                    marked = marked.replace(first, substitute, 1)
                elif partial and not first and names == previous[0]:
                    marked = marked.replace(names, substitute, 1)  # a substituted title
            previous = (names, first)
            out.append((id_of[item.key], marked))
        self._bibliography = out
        return out

    # -- notes and in-text citations ---------------------------------------------------

    def cite(self, cluster: Any, fmt: str = "text", note_index: int | None = None) -> str:
        """The next citation: ``cluster`` is a sequence of ``CiteRef`` (or anything with
        ``.cites`` and ``.note_index``). Calling again with the same cluster and note number
        (e.g. for the other format) returns the same citation without advancing."""
        from footnote_kit.render.fixes import finish

        _check_format(fmt)
        refs = list(getattr(cluster, "cites", cluster))
        note = note_index or getattr(cluster, "note_index", None)
        signature = (tuple((r.id, getattr(r, "locator", None), getattr(r, "label", "page"),
                            getattr(r, "prefix", ""), getattr(r, "suffix", ""),
                            getattr(r, "position", None)) for r in refs), note)
        if note is not None and self._last is not None and self._last[0] == signature:
            return finish(self._last[1], self.style.quotes, fmt)
        marked = self._render_cite(refs, note or len(self._history) + 1)
        self._last = (signature, marked)
        return finish(marked, self.style.quotes, fmt)

    def cite_both(self, cluster: Any, note_index: int | None = None) -> tuple[str, str]:
        """The next citation as (text, html)."""
        text = self.cite(cluster, "text", note_index)
        note = note_index or getattr(cluster, "note_index", None) or len(self._history)
        return text, self.cite(cluster, "html", note)

    def _render_cite(self, refs: Sequence[Any], note: int) -> str:
        from citeproc.source import Citation, Locator

        items = []
        cited: list[tuple[str, str | None]] = []
        for i, ref in enumerate(refs):
            key = self._key_of.get(str(ref.id))
            if key is None:
                raise InputError(f"cited item {ref.id!r} is not among the items")
            locator = getattr(ref, "locator", None) or None
            opts: dict[str, Any] = {}
            if locator:
                opts["locator"] = Locator(getattr(ref, "label", None) or "page", str(locator))
            if getattr(ref, "prefix", ""):
                opts["prefix"] = spaced_prefix(ref.prefix)
            if getattr(ref, "suffix", ""):
                opts["suffix"] = spaced_suffix(ref.suffix)
            item = _item(key, **opts)
            position = getattr(ref, "position", None) or self._position(key, locator, cited)
            item["fk_position"] = position
            item["fk_near_note"] = self._near(key, note)
            items.append(item)
            cited.append((key, locator))
        if self.style.numbered:
            self._number(cited)
        ambiguous = self._ambiguous()
        for item in items:
            item["fk_ambiguous"] = item.key in ambiguous
        citation = Citation(items)
        citation.bibliography = self._registry
        text = self.style.root.citation.layout.render_citation(citation, lambda item: None)
        self._history.append((note, cited))
        for k, _ in cited:
            self._last_note[k] = note
        marked = str(text) if text is not None else ""
        return self._capitalise_note_start(marked)

    def _number(self, cited: list[tuple[str, str | None]]) -> None:
        """citation-number as citeproc-js gives it: bibliography order if the bibliography
        is sorted, else the order in which items are first cited."""
        if self.style.sorted_bibliography:
            if self._sorted_numbering is None:  # the same for every note: made once
                self._sorted_numbering = _Keys(self._sorted_keys())
            self._registry.keys = self._sorted_numbering
            return
        order = list(self._last_note) + [k for k, _ in cited if k not in self._last_note]
        placed = set(order)
        self._registry.keys = order + [k for k in self._registry.keys if k not in placed]

    def _ambiguous(self) -> set[str]:
        """Gap 9 and year suffixes: see ``disambiguate``. Done once, before any rendering."""
        if self._ambiguous_keys is not None:
            return self._ambiguous_keys
        self._ambiguous_keys = set()
        from citeproc.source import Citation

        from footnote_kit.render.disambiguate import find_ambiguous

        layout = self.style.root.citation.layout
        source = self._registry.source

        def render(key: str, ambiguous: bool) -> str:
            item = _item(key)
            item["fk_position"] = "subsequent" if self.style.note_class else "first"
            item["fk_ambiguous"] = ambiguous
            Citation([item]).bibliography = self._registry
            return str(layout.render_citation(item.citation, lambda i: None) or "")

        def set_suffix(key: str, letters: str) -> None:
            source[key]["year_suffix"] = letters

        if self.style.disambiguates or self.style.year_suffix:
            self._ambiguous_keys = find_ambiguous(
                render, self._sorted_keys(), conditions=self.style.disambiguates,
                year_suffix=self.style.year_suffix, set_suffix=set_suffix)
        return self._ambiguous_keys

    def _sorted_keys(self) -> list[str]:
        """Item keys in bibliography order (input order for styles without a bibliography)."""
        if self._sorted is None:
            bib = self.style.root.bibliography
            if bib is None:
                self._sorted = list(self._registry.keys)
            else:
                from citeproc.source import Citation

                items = []
                for key in self._registry.keys:
                    item = _item(key)  # gap 19: no locator ever reaches an entry
                    Citation([item]).bibliography = self._registry
                    items.append(item)
                self._sorted = [item.key for item in bib.sort(items)]
        return self._sorted

    def _position(self, key: str, locator: str | None,
                  earlier: list[tuple[str, str | None]]) -> str:
        """citeproc-js's positions: ibid only right after a citation of this one work alone."""
        if key not in self._last_note and all(k != key for k, _ in earlier):
            return "first"
        if earlier:
            previous: tuple[str, str | None] | None = earlier[-1]
        elif self._history and len(self._history[-1][1]) == 1:
            previous = self._history[-1][1][0]
        else:
            previous = None
        if previous is None or previous[0] != key:
            return "subsequent"
        if locator == previous[1]:
            return "ibid"
        return "ibid-with-locator" if locator else "subsequent"

    def _near(self, key: str, note: int) -> bool:
        past_note = self._last_note.get(key)
        return past_note is not None and note - past_note <= self.style.near_note_distance

    def _capitalise_note_start(self, marked: str) -> str:
        """citeproc-js capitalises a term that opens a note (``ibid.`` -> ``Ibid.``)."""
        from footnote_kit.render import marks

        if not self.style.note_class:
            return marked
        plain = marks.strip(marked)
        for term in self.style.ibid:
            if plain.startswith(term) and term[:1].islower():
                index = next(i for i, c in enumerate(marked) if c not in marks.ALL)
                return marked[:index] + marked[index].upper() + marked[index + 1:]
        return marked


def make_processor(style_path: str | os.PathLike[str] | Path, locale: str | None,
                   items: Sequence[Mapping[str, Any]]) -> Processor:
    """A processor for ``items`` (CSL-JSON dicts) in the style at ``style_path``.

    ``locale`` None means the style's default locale. Items need an ``id``; one whose id
    repeats an earlier one is ignored. ``translated-title`` is folded into the title.
    """
    return Processor(load_style(style_path, locale), items)


_ITEM_CLASS: Any = None


def _item(key: str, **options: Any) -> Any:
    """A citeproc-py CitationItem that looks its reference up once, not on every use."""
    global _ITEM_CLASS
    if _ITEM_CLASS is None:
        from citeproc.source import CitationItem

        class Item(CitationItem):
            @property
            def reference(self) -> Any:
                try:
                    return dict.__getitem__(self, "_fk_reference")
                except KeyError:
                    ref = self.citation.bibliography.source[self.key]
                    dict.__setitem__(self, "_fk_reference", ref)
                    return ref

        _ITEM_CLASS = Item
    return _ITEM_CLASS(key, **options)


def _check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
