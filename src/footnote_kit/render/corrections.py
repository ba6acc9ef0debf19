"""Corrected citeproc-py element classes: what one element renders (names, text, labels).

Each override names the difference it fixes with its number in the render-fidelity kit
(``gaps.py``). They are installed only in styles ``engine.load_style`` parses, through the
class look-up in ``elements.parser``; citeproc-py's own classes stay untouched.
"""

from __future__ import annotations

from typing import Any

from citeproc import model as M
from citeproc.source import VariableError
from lxml import etree

from footnote_kit.render import marks
from footnote_kit.render.base import CSL_NS, STATE, _Cached, _layout_state, _record, _suppressed, locale_root
from footnote_kit.render.fixes import format_last_page, title_case


class Style(_Cached, M.Style):
    def set_locale_list(self, output_locale: str, validate: bool = True) -> None:
        """citeproc-py's locale order, with the locale files parsed by our classes."""
        from citeproc import LANGUAGE_NAMES, PRIMARY_DIALECTS

        lang_attr = "{http://www.w3.org/XML/1998/namespace}lang"
        self.locales: list[Any] = []
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
            self.locales.append(locale_root(lang, self.getroottree().parser))
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
        return M.TextCased.case(self, text, "en")


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
            # Gap 7: a page locator written with a hyphen is a page range like any other;
            # one written with a dash is kept as printed (``112–14`` in APA too), as
            # citeproc-js does: it normalises dashes in the ``page`` variable only.
            label = item.locator.label
            value = str(item.locator.identifier)
            if label == "page" and "-" in value:
                return self._process(value, "page")
            return value.replace("-", "\u2013")
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


class Label(_Cased, _Cached, M.Label):
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


class Name_Part(_Cased, _Cached, M.Name_Part):  # noqa: N801
    pass


#: What the entry being rendered produced so far (rendering is sequential): the text of
#: its first cs:names and of its first name, for subsequent-author-substitute (gap 12).
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
        value = M.Name.get_option(self, name, context, sort_options)
        if name == "demote-non-dropping-particle" and value == "sort-only" and sort_options:
            return "display-and-sort"  # a sort key: "de Waal" sorts under W
        if value == "after-inverted-name":
            # CSL 1.0.1: a delimiter only after an inverted (family-first) name.
            order = M.Name.get_option(self, "name-as-sort-order", context, sort_options)
            use_first = M.Name.get_option(self, "et-al-use-first", context, sort_options)
            inverted = order == "all" or (order == "first" and (name == "delimiter-precedes-last"
                                                                 or use_first == 1))
            value = "always" if inverted else "never"
        return value

    def _initialize(self, context: Any) -> str:
        if "initialize" in self.attrib:
            return str(self.get("initialize"))
        expr = "./ancestor::*[self::cs:citation or self::cs:bibliography][1]"
        parent = (context if context is not None else self).xpath_search(expr)[0]
        return str(parent.get("initialize", self.get_root().get("initialize", "true")))


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
                    text = self._substitute_only(item, context, **kwargs)
                    if text and STATE["first_names"] is None:
                        STATE["first_names"] = str(text)
                        STATE["substituted"] = True
                    return text
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
