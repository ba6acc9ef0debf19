"""citeproc-py's CSL element classes, corrected, installed only in styles we parse.

citeproc-py maps each CSL element to a class through an lxml class look-up. We build our own
look-up (``parser``) from subclasses of its classes, so the corrections apply to the styles
this module loads and to nothing else in the process (no monkey-patching). The corrected
classes live in ``corrections`` (names, text, labels) and ``control`` (layout, conditions,
sorting); what they share lives in ``base``.
"""

from __future__ import annotations

from citeproc import model as M
from lxml import etree

from footnote_kit.render import control, corrections
from footnote_kit.render.base import CSL_NS, _Cached

__all__ = ["CSL_NS", "element_classes", "parser"]

_CLASSES: dict[str | None, type] = {}


def element_classes() -> dict[str | None, type]:
    """CSL tag -> our class, for every class citeproc-py registers (built once)."""
    if not _CLASSES:
        overrides = {name: cls for module in (corrections, control)
                     for name, cls in vars(module).items()
                     if isinstance(cls, type) and issubclass(cls, M.CitationStylesElement)
                     and cls.__module__ == module.__name__}
        for cls in M.CitationStylesElement.__subclasses__():
            if cls.__module__ != M.__name__:
                continue
            ours = overrides.get(cls.__name__) or type(cls.__name__, (_Cached, cls), {})
            _CLASSES[cls.__name__.replace("_", "-").lower()] = ours
        _CLASSES[None] = type("CitationStylesElement", (_Cached, M.CitationStylesElement), {})
    return _CLASSES


def parser() -> etree.XMLParser:
    lookup = etree.ElementNamespaceClassLookup()
    lookup.get_namespace(CSL_NS).update(element_classes())
    xml_parser = etree.XMLParser(remove_comments=True, encoding="UTF-8", no_network=True)
    xml_parser.set_element_class_lookup(lookup)
    return xml_parser
