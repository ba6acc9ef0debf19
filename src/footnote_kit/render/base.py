"""What the corrected CSL element classes share: the caching base class, the state one
render passes between elements, the formatter, and the locale files parsed once.

Why a module of its own: ``corrections`` and ``control`` define the classes, ``elements``
assembles them into the parser that ``engine`` uses, and each needs these; kept here, the
modules import one way (``engine`` -> ``elements`` -> ``corrections``/``control`` -> here).

Speed: citeproc-py looks every macro, term and ancestor up with XPath on every use, which is
half its rendering time. ``_Cached`` answers them from per-style dictionaries; that works
because ``load_style`` keeps every element's Python proxy alive, so attributes set on an
element stay (lxml otherwise may drop and re-create proxies).
"""

from __future__ import annotations

import os
from typing import Any

from citeproc import model as M
from citeproc.string import String
from lxml import etree

from footnote_kit.errors import InputError
from footnote_kit.render import marks

CSL_NS = "http://purl.org/net/xbiblio/csl"


class MarkFormatter:
    """A citeproc-py formatter that emits ``marks`` instead of markup (see ``marks``)."""

    @staticmethod
    def preformat(text: Any) -> str:
        return str(text)

    @staticmethod
    def _wrap(kind: str) -> Any:
        opener, closer = marks.FORMATS[kind][:2]
        return lambda text: String(opener + str(text) + closer)


for _name, _kind in (("Italic", "italic"), ("Oblique", "italic"), ("Bold", "bold"),
                     ("SmallCaps", "smallcaps"), ("Superscript", "sup"),
                     ("Subscript", "sub"), ("Underline", "underline")):
    setattr(MarkFormatter, _name, staticmethod(MarkFormatter._wrap(_kind)))
MarkFormatter.Light = staticmethod(lambda text: text)  # type: ignore[attr-defined]


class _Cached:
    """Per-style caches for the look-ups citeproc-py repeats on every render."""

    def get_root(self) -> Any:
        try:
            return self.__dict__["_fk_root"]
        except KeyError:
            root = self.getroottree().getroot()
            self.__dict__["_fk_root"] = root
            return root

    def _cache(self) -> dict[Any, Any]:
        root = self.get_root()
        try:
            cache: dict[Any, Any] = root.__dict__["_fk_cache"]
        except KeyError:
            cache = root.__dict__["_fk_cache"] = {}
        return cache

    def get_macro(self, name: str) -> Any:
        cache, key = self._cache(), ("macro", name)
        if key not in cache:
            cache[key] = M.CitationStylesElement.get_macro(self, name)
        return cache[key]

    def get_layout(self) -> Any:
        try:
            return self.__dict__["_fk_layout"]
        except KeyError:
            layout = M.CitationStylesElement.get_layout(self)
            self.__dict__["_fk_layout"] = layout
            return layout

    def get_term(self, name: str, form: str | None = None, fallback_locale: bool = True,
                 zero_padded: bool = False) -> Any:
        cache, key = self._cache(), ("term", name, form, fallback_locale, zero_padded)
        if key not in cache:
            cache[key] = M.CitationStylesElement.get_term(self, name, form,
                                                          fallback_locale, zero_padded)
        return cache[key]

    def get_locale_option(self, name: str) -> Any:
        cache, key = self._cache(), ("locale-option", name)
        if key not in cache:
            cache[key] = M.CitationStylesElement.get_locale_option(self, name)
        return cache[key]

    def get_date(self, form: str) -> Any:
        cache, key = self._cache(), ("date", form)
        if key not in cache:
            cache[key] = M.CitationStylesElement.get_date(self, form)
        return cache[key]

    def get_formatter(self) -> Any:
        return MarkFormatter

    def xpath_search(self, expression: str) -> Any:
        # A style's tree does not change while it renders: cache each query per element.
        cache = self.__dict__.setdefault("_fk_xpath", {})
        try:
            return cache[expression]
        except KeyError:
            found = cache[expression] = M.CitationStylesElement.xpath_search(self, expression)
            return found

    def __getattr__(self, name: str) -> Any:
        # citeproc-py reads child elements as attributes (``self.layout``) with a find()
        # each time; remember them (``Names`` forgets ``name`` when it inserts one).
        if name.startswith("__"):
            raise AttributeError(name)
        cache = self.__dict__.setdefault("_fk_children", {})
        try:
            return cache[name]
        except KeyError:
            found = cache[name] = self.find("cs:" + name, self.nsmap)
            return found

    def calls_variable(self) -> bool:
        try:
            calls: bool = self.__dict__["_fk_calls"]
        except KeyError:
            calls = self.__dict__["_fk_calls"] = super().calls_variable()  # type: ignore[misc]
        return calls


def _layout_state(element: Any, context: Any = None) -> Any:
    return (context if context is not None else element).get_layout()


def _suppressed(element: Any, variable: str, context: Any = None) -> bool:
    """Gap 8: a variable a ``cs:substitute`` rendered is not rendered again in the entry."""
    layout = _layout_state(element, context)
    return variable.replace("_", "-") in layout.__dict__.get("fk_suppressed", ())


def _record(element: Any, variable: str, context: Any = None) -> None:
    layout = _layout_state(element, context)
    recording = layout.__dict__.get("fk_recording")
    if recording is not None:
        recording.append(variable.replace("_", "-"))


STATE: dict[str, Any] = {"first_names": None, "first_name": None, "substituted": False}


LOCALES: dict[str, Any] = {}
"""Locale files by language, parsed once per process with our element classes."""


def locale_root(lang: str, parser: etree.XMLParser) -> Any:
    """The ``locales-LANG.xml`` of citeproc-py, parsed with ``parser`` (the one that parsed
    the style asking, so its elements are our classes) the first time it is asked for."""
    from citeproc import LOCALES_PATH

    if lang not in LOCALES:
        path = os.path.join(LOCALES_PATH, f"locales-{lang}.xml")
        if not os.path.exists(path):
            raise InputError(f"unknown locale {lang!r}")
        root = etree.parse(path, parser).getroot()
        root.__dict__["_fk_keep"] = list(root.iter())
        LOCALES[lang] = root
    return LOCALES[lang]
