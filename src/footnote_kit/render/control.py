"""Corrected citeproc-py element classes: layout, conditions, sorting.

How a citation and an entry are put together: cite order and positions (gaps 10, 11),
``disambiguate`` (gap 9), second-field-align, collation (gap 16), sort keys rendered
lazily, and conditions evaluated without an exception per failed test (speed).
"""

from __future__ import annotations

import re
from typing import Any

from citeproc import model as M
from citeproc.source import VariableError
from citeproc.string import join

from footnote_kit.render import marks
from footnote_kit.render.base import STATE, _Cached
from footnote_kit.render.fixes import collation_key


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
        self.repressed: dict[Any, Any] = {}
        self.fk_suppressed: set[str] = set()
        self.fk_recording = None
        STATE["first_names"] = STATE["first_name"] = None
        STATE["substituted"] = False


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
