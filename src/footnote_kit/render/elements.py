"""citeproc-py's CSL element classes, corrected, installed only in styles we parse.

citeproc-py maps each CSL element to a class through an lxml class look-up. We build our own
look-up (``parser``) from subclasses of its classes, so the corrections apply to the styles
this module loads and to nothing else in the process (no monkey-patching). Each override
names the difference it fixes with its number in the render-fidelity kit (``gaps.py``).

Speed: citeproc-py looks every macro, term and ancestor up with XPath on every use, which is
half its rendering time. ``_Cached`` answers them from per-style dictionaries; that works
because ``load_style`` keeps every element's Python proxy alive, so attributes set on an
element stay (lxml otherwise may drop and re-create proxies).
"""

from __future__ import annotations

import re
from typing import Any

from citeproc import model as M
from citeproc.source import VariableError
from citeproc.string import String, join
from lxml import etree

from footnote_kit.render import marks
from footnote_kit.render.fixes import collation_key, format_last_page, title_case

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
            root = self.getroottree().getroot()  # type: ignore[attr-defined]
            self.__dict__["_fk_root"] = root
            return root

    def _cache(self) -> dict[Any, Any]:
        root = self.get_root()
        try:
            return root.__dict__["_fk_cache"]  # type: ignore[no-any-return]
        except KeyError:
            root.__dict__["_fk_cache"] = cache = {}
            return cache

    def get_macro(self, name: str) -> Any:
        cache, key = self._cache(), ("macro", name)
        if key not in cache:
            cache[key] = M.CitationStylesElement.get_macro(self, name)  # type: ignore[arg-type]
        return cache[key]

    def get_layout(self) -> Any:
        try:
            return self.__dict__["_fk_layout"]
        except KeyError:
            layout = M.CitationStylesElement.get_layout(self)  # type: ignore[arg-type]
            self.__dict__["_fk_layout"] = layout
            return layout

    def get_term(self, name: str, form: str | None = None, fallback_locale: bool = True,
                 zero_padded: bool = False) -> Any:
        cache, key = self._cache(), ("term", name, form, fallback_locale, zero_padded)
        if key not in cache:
            cache[key] = M.CitationStylesElement.get_term(self, name, form,  # type: ignore[arg-type]
                                                          fallback_locale, zero_padded)
        return cache[key]

    def get_locale_option(self, name: str) -> Any:
        cache, key = self._cache(), ("locale-option", name)
        if key not in cache:
            cache[key] = M.CitationStylesElement.get_locale_option(self, name)  # type: ignore[arg-type]
        return cache[key]

    def get_date(self, form: str) -> Any:
        cache, key = self._cache(), ("date", form)
        if key not in cache:
            cache[key] = M.CitationStylesElement.get_date(self, form)  # type: ignore[arg-type]
        return cache[key]

    def get_formatter(self) -> Any:
        return MarkFormatter

    def xpath_search(self, expression: str) -> Any:
        # A style's tree does not change while it renders: cache each query per element.
        cache = self.__dict__.setdefault("_fk_xpath", {})
        try:
            return cache[expression]
        except KeyError:
            found = cache[expression] = M.CitationStylesElement.xpath_search(self, expression)  # type: ignore[arg-type]
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
            found = cache[name] = self.find("cs:" + name, self.nsmap)  # type: ignore[attr-defined]
            return found

    def calls_variable(self) -> bool:
        try:
            return self.__dict__["_fk_calls"]  # type: ignore[no-any-return]
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


class Style(_Cached, M.Style):
    def set_locale_list(self, output_locale: str, validate: bool = True) -> None:
        """citeproc-py's locale order, with the locale files parsed by our classes."""
        from citeproc import LANGUAGE_NAMES, PRIMARY_DIALECTS

        from footnote_kit.render.engine import _load_locale_root

        lang_attr = "{http://www.w3.org/XML/1998/namespace}lang"
        self.locales = []
        language = output_locale.split("-")[0]
        for lang in (output_locale, language, None):
            for loc in self.findall("cs:locale", self.nsmap):
                if loc.get(lang_attr) == lang and loc not in self.locales:
                    self.locales.append(loc)
        system = []
        if output_locale in LANGUAGE_NAMES:
            system.append(output_locale)
        if language in PRIMARY_DIALECTS:
            system.append(PRIMARY_DIALECTS[language])
        system.append("en-US")
        for lang in dict.fromkeys(system):
            self.locales.append(_load_locale_root(lang))
        for locale in self.locales:
            locale.style = self


class Locale(_Cached, M.Locale):
    # A locale answers term and date look-ups itself; the caching wrappers are for styles.
    get_term = M.Locale.get_term
    get_date = M.Locale.get_date


class _Cased:
    """citeproc-py skips text-case="title" unless it is told the language is English; terms
    and numbers carry no language, so they were never title-cased (``(eds.)``)."""

    def case(self, text: Any, language: str | None = None) -> Any:
        if self.get("text-case") == "title":  # type: ignore[attr-defined]
            return title_case(text)
        return M.TextCased.case(self, text, "en")  # type: ignore[arg-type]


class Number(_Cached, M.Number):
    def process(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        variable = self.get("variable")
        if variable not in ("locator", "page-first"):
            if _suppressed(self, variable, context):
                return None
            # citeproc-py looks up 'collection-number' with the hyphen and never finds it.
            value = item.reference[variable.replace("-", "_")]
            _record(self, variable, context)
            return self._process(value, variable)
        return M.Number.process(self, item, context, **kwargs)

    def _format_last_page(self, first: str, last: str) -> str:
        return format_last_page(first, last, self.get_root().get_option("page-range-format"))


class Text(_Cached, M.Text):
    def _variable(self, item: Any, context: Any) -> Any:
        variable = self.get("variable")
        if _suppressed(self, variable, context):
            return None
        if variable == "locator":
            # Gap 7: a page locator is a page range like any other.
            label = item.locator.label
            value = str(item.locator.identifier)
            return self._process(value, "page") if label == "page" else value.replace("-", "\u2013")
        text = M.Text._variable(self, item, context)
        if text:
            _record(self, variable, context)
        return text

    def _format_last_page(self, first: str, last: str) -> str:
        return format_last_page(first, last, self.get_root().get_option("page-range-format"))

    def case(self, text: Any, language: str | None = None) -> Any:
        if self.get("text-case") == "title":
            # Gap 15: stop words stay lower case; only English titles are title-cased.
            return title_case(text) if language in (None, "en") else text
        return M.Text.case(self, text, language)

    def quote(self, string: Any) -> Any:
        # Gaps 3-4: quotes are marks, resolved (nested, punctuation moved) on the result.
        if self.get("quotes", "false").lower() == "true":
            return marks.Q_OPEN + string + marks.Q_CLOSE
        return string


class Label(_Cached, M.Label):
    def process(self, item: Any, variable: Any = None, plural: Any = None, context: Any = None,
                **kwargs: Any) -> Any:
        if variable is None:
            name = self.get("variable")
            # Gap 2: no label for a variable the item does not have (or a substitute used).
            if name == "locator":
                if not item.has_locator:
                    return None
            elif name.replace("-", "_") not in item.reference or _suppressed(self, name, context):
                return None
        return M.Label.process(self, item, variable, plural, context, **kwargs)


class Label(_Cased, Label):
    pass


class Name_Part(_Cased, _Cached, M.Name_Part):  # noqa: N801
    pass


#: What the entry being rendered produced so far (rendering is sequential): the text of
#: its first cs:names and of its first name, for subsequent-author-substitute (gap 12).
STATE: dict[str, Any] = {"first_names": None, "first_name": None}


class Name(_Cached, M.Name):
    def join(self, strings: Any, default_delimiter: str = "") -> Any:
        strings = list(strings)
        if strings and STATE["first_name"] is None:
            STATE["first_name"] = str(strings[0])
        return M.Name.join(self, strings, default_delimiter)

    def get_option(self, name: str, context: Any = None, sort_options: Any = None) -> Any:
        # Gap 1: initialize="false" keeps given names whole (Chicago 18, MLA, MHRA).
        if name == "initialize-with" and self._initialize(context) == "false":
            return None
        return M.Name.get_option(self, name, context, sort_options)

    def _initialize(self, context: Any) -> str:
        if "initialize" in self.attrib:
            return self.get("initialize")
        expr = "./ancestor::*[self::cs:citation or self::cs:bibliography][1]"
        parent = (context if context is not None else self).xpath_search(expr)[0]
        return parent.get("initialize", self.get_root().get("initialize", "true"))


class Names(_Cached, M.Names):
    def process(self, item: Any, names_context: Any = None, context: Any = None,
                **kwargs: Any) -> Any:
        roles = [r for r in self.get("variable").split() if not _suppressed(self, r, context)]
        present = [r for r in roles if r.replace("-", "_") in item.reference]
        if names_context is None and self.name is None:
            # A cs:names anywhere inside cs:substitute (even within cs:choose) takes its
            # cs:name, cs:et-al and cs:label from the substituted cs:names, as in citeproc-js.
            outer = self.xpath_search("./ancestor::cs:substitute[1]/parent::cs:names")
            names_context = outer[0] if outer else None
        if present:
            names_context = names_context if names_context is not None else self
            if names_context.name is None and not names_context.__dict__.get("_fk_named"):
                # citeproc-py inserts a default cs:name on first use; do it once, with ours.
                names_context.insert(0, etree.Element("{%s}name" % CSL_NS))
                names_context.__dict__["_fk_named"] = True
                names_context.__dict__.get("_fk_children", {}).pop("name", None)
                _keep_alive(names_context)
        layout = _layout_state(self, context)
        if layout.__dict__.get("fk_recording") is not None:
            layout.fk_recording.extend(present)
        saved = self.get("variable")
        try:
            if present != saved.split():
                self.set("variable", " ".join(present) or saved)
                if not present:
                    return self._substitute_only(item, context, **kwargs)
            text = M.Names.process(self, item, names_context, context, **kwargs)
        finally:
            self.set("variable", saved)
        if text and STATE["first_names"] is None:
            STATE["first_names"] = str(text)
        return text

    def _substitute_only(self, item: Any, context: Any, **kwargs: Any) -> Any:
        substitute = self.substitute()
        if substitute is None:
            raise VariableError
        return substitute.render(item, context=context, **kwargs)


def _keep_alive(element: Any) -> None:
    root = element.get_root()
    keep = root.__dict__.setdefault("_fk_keep", [])
    keep.extend(element.iter())


class Substitute(_Cached, M.Substitute):
    def render(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        layout = _layout_state(self, context)
        for child in self.getchildren():
            layout.fk_recording = []
            try:
                if isinstance(child, M.Names) and child.name is None:
                    names = self.xpath_search("./parent::cs:names[1]")[0]
                    text = child.render(item, names_context=names, context=context, **kwargs)
                else:
                    text = child.render(item, context=context, **kwargs)
            except VariableError:
                continue
            finally:
                recorded, layout.fk_recording = layout.fk_recording, None
            if text:
                layout.__dict__.setdefault("fk_suppressed", set()).update(recorded)
                return text
        return None


class Layout(_Cached, M.Layout):
    def render_citation(self, citation: Any, callback: Any) -> Any:
        # Gap 10: cites keep the writer's order unless the style sorts citations.
        good = [cite for cite in citation.cites if not cite.is_bad()]
        if self.getparent().sort is not None:
            good = self.getparent().sort.sort(good, self)
        out = []
        for item in good:
            self._reset()
            prefix, suffix = item.get("prefix", ""), item.get("suffix", "")
            try:
                output = self.render_children(item)
            except VariableError:
                output = None
            if output is not None:
                out.append(prefix + output + suffix)
        for item in citation.cites:
            if item.is_bad():
                out.append(callback(item) or "{}?".format(item.key))
        return self.format(self.wrap(self.join(out)))

    def render_bibliography(self, citation_items: Any) -> Any:
        output = []
        align = self.getparent().get("second-field-align")
        for item in citation_items:
            self._reset()
            if align:
                text = self._aligned(item)
            else:
                text = self.format(self.wrap(self.render_children(item)))
            output.append(text)
        return output

    def _aligned(self, item: Any) -> Any:
        """second-field-align: the first field, a space, the rest (as citeproc-js's text)."""
        children = list(self.iterchildren())
        parts = []
        for group in (children[:1], children[1:]):
            texts = []
            for child in group:
                try:
                    text = child.render(item)
                except VariableError:
                    text = None
                if text is not None:
                    texts.append(text)
            parts.append(join(texts) if texts else None)
        first, rest = parts
        if first is None or rest is None:
            return self.format(self.wrap(first if rest is None else rest))
        return self.format(self.wrap(first + " " + rest))

    def _reset(self) -> None:
        self.repressed = {}
        self.fk_suppressed = set()
        self.fk_recording = None
        STATE["first_names"] = STATE["first_name"] = None


class If(_Cached, M.If):
    def render(self, item: Any, context: Any = None, delimiter: str = "", **kwargs: Any) -> Any:
        if not self.test(item, context):
            raise M.ConditionFailed
        return self.render_children(item, context=context, delimiter=delimiter, **kwargs)

    def test(self, item: Any, context: Any = None) -> bool:
        # The conditions are parsed once per element (citeproc-py re-reads and re-splits
        # every attribute on every test: the most frequent call while rendering).
        try:
            spec = self.__dict__["_fk_spec"]
        except KeyError:
            spec = self.__dict__["_fk_spec"] = self._spec()
        match, types, variables, others, positions, disambiguate = spec
        results: list[Any] = []
        if types:
            kind = item.reference.type
            results.extend(t == kind for t in types)
        if variables:
            ref = item.reference
            results.extend(("locator" in item) if v == "locator" else (v in ref) for v in variables)
        if others:
            results += others_results(self, item)
        if positions:
            results += self._position(item, context)
        if disambiguate is not None:
            # Gap 9: true only for an item the processor found ambiguous.
            results.append(disambiguate == bool(item.get("fk_ambiguous", False)))
        if match == "any":
            return any(results)
        return not any(results) if match == "none" else all(results)

    def _spec(self) -> tuple[Any, ...]:
        types = [t.lower() for t in self.get("type", "").split()]
        variables = [v.replace("-", "_") for v in self.get("variable", "").split()]
        others = any(a in self.attrib for a in ("is-numeric", "is-uncertain-date", "locator"))
        disambiguate = self.get("disambiguate")
        return (self.get("match"), types, variables, others, "position" in self.attrib,
                None if disambiguate is None else disambiguate == "true")

    def _position(self, item: Any, context: Any) -> list[bool]:
        # Gap 11: positions come from the processor, which knows the notes (see engine).
        if context is None:
            context = self
        if context.xpath_search("./ancestor::*[self::cs:bibliography]"):
            return [False]
        position = item.get("fk_position", "first")
        near = bool(item.get("fk_near_note", False))
        results = []
        for test in self.get("position").split():
            if test == "first":
                results.append(position == "first")
            elif test == "subsequent":
                results.append(position != "first")
            elif test == "ibid":
                results.append(position in ("ibid", "ibid-with-locator"))
            elif test == "ibid-with-locator":
                results.append(position == "ibid-with-locator")
            elif test == "near-note":
                results.append(position != "first" and near)
            else:
                results.append(False)
        return results


class Choose(_Cached, M.Choose):
    def render(self, item: Any, context: Any = None, delimiter: str = "", **kwargs: Any) -> Any:
        # The first branch whose test holds, without citeproc-py's exception per failed test.
        for child in self.iterchildren():
            if isinstance(child, If):
                if child.test(item, context):
                    return child.render_children(item, context=context, delimiter=delimiter, **kwargs)
            elif isinstance(child, M.Else):
                return child.render(item, context=context, delimiter=delimiter, **kwargs)
        return None


def others_results(element: Any, item: Any) -> list[Any]:
    results: list[Any] = []
    if "is-numeric" in element.attrib:
        results += element._is_numeric(item)
    if "is-uncertain-date" in element.attrib:
        results += element._is_uncertain_date(item)
    if "locator" in element.attrib:
        results += element._locator(item)
    return results


class Else_If(If, M.Else_If):  # noqa: N801 (citeproc-py's class naming)
    pass


class Date_Part(_Cached, M.Date_Part):  # noqa: N801
    def render(self, date: Any, context: Any = None) -> Any:
        """citeproc-py copies a style's date-part attributes into the shared locale element
        for good, so one date's ``form="short"`` leaks into every later date: undo it."""
        saved = dict(self.attrib)
        try:
            return M.Date_Part.render(self, date, context)
        finally:
            if dict(self.attrib) != saved:
                self.attrib.clear()
                self.attrib.update(saved)


class Sort(_Cached, M.Sort):
    def sort(self, items: Any, context: Any) -> Any:
        """Gap 16: collation order (accents, case and punctuation as citeproc-js sorts).

        Keys are rendered lazily: a later key only for items the earlier ones left tied
        (Chicago has eight macro keys; rendering all of them was half the bibliography)."""
        keys = self.findall("cs:key", self.nsmap)

        def refine(indexes: list[int], level: int) -> list[int]:
            if level == len(keys) or len(indexes) < 2:
                return indexes
            key = keys[level]
            values = [_sort_value(v) for v in key.sort_keys([items[i] for i in indexes], context)]
            present = [(v, i) for v, i in zip(values, indexes) if v is not None]
            missing = [i for v, i in zip(values, indexes) if v is None]  # empty keys last
            present.sort(key=lambda pair: pair[0], reverse=key.get("sort") == "descending")
            out: list[int] = []
            n = 0
            while n < len(present):
                m = n
                while m < len(present) and present[m][0] == present[n][0]:
                    m += 1
                out += refine([i for _, i in present[n:m]], level + 1)
                n = m
            return out + refine(missing, level + 1)

        return [items[i] for i in refine(list(range(len(items))), 0)]


class Key(_Cached, M.Key):
    def sort_keys(self, items: Any, context: Any) -> Any:
        if "macro" not in self.attrib:
            return M.Key.sort_keys(self, items, context)
        # Each item's key is rendered afresh: a substitute in one item's key must not
        # suppress variables in the next one's (citeproc-py only resets its own list).
        layout = context.get_layout()
        options = {"name-as-sort-order": "all"}
        for option in ("names-min", "names-use-first", "names-use-last"):
            if option in self.attrib:
                options[option.replace("names", "et-al")] = self.get(option)
        macro = self.get_macro(self.get("macro"))
        keys = []
        for item in items:
            layout._reset()
            keys.append(macro.render(item, context=context, sort_options=options))
        layout._reset()
        return keys


def _sort_value(value: Any) -> Any:
    if value is None:
        return None
    text = marks.strip(str(value)).strip()
    if not text:
        return None
    if re.fullmatch(r"-?\d+", text):
        return (0, int(text), "")
    return (1, 0, collation_key(text))


OVERRIDES = {cls.__name__: cls for cls in (Style, Locale, Number, Text, Label, Name, Names,
                                           Substitute, Layout, If, Else_If, Date_Part, Sort, Name_Part, Key, Choose)}


_CLASSES: dict[str | None, type] = {}


def element_classes() -> dict[str | None, type]:
    """CSL tag -> our class, for every class citeproc-py registers (built once)."""
    if not _CLASSES:
        for cls in M.CitationStylesElement.__subclasses__():
            if cls.__module__ != M.__name__:
                continue
            ours = OVERRIDES.get(cls.__name__) or type(cls.__name__, (_Cached, cls), {})
            _CLASSES[cls.__name__.replace("_", "-").lower()] = ours
        _CLASSES[None] = type("CitationStylesElement", (_Cached, M.CitationStylesElement), {})
    return _CLASSES


def parser() -> etree.XMLParser:
    lookup = etree.ElementNamespaceClassLookup()
    lookup.get_namespace(CSL_NS).update(element_classes())
    xml_parser = etree.XMLParser(remove_comments=True, encoding="UTF-8", no_network=True)
    xml_parser.set_element_class_lookup(lookup)
    return xml_parser
