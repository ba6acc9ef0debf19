"""CSL-JSON items -> the source citeproc-py renders: the data we hand it, made right.

What is corrected here rather than in the elements: a translated title folds into the title
as ``Title [Translation]`` (CSL has no variable for it; Zotero users do the same by hand);
straight quotes and apostrophes become ``marks`` or typographic ones, so they nest and curl
like citeproc-js's (gap 4); rich-text tags in fields (``<i>``, ``<b>``, ``<sup>``, ``<sc>``)
become formatting marks instead of literal text (gap 14); CSL 1.0.2 name variables
(``compiler``, ``director``...) are parsed as names instead of crashing (gap 18) and its new
variables no longer warn on every load (gap 17).
"""

from __future__ import annotations

import re
import warnings
from typing import Any, Mapping, Sequence

from footnote_kit.render import marks

#: Variables rendered verbatim: identifiers and addresses never get typographic quotes.
VERBATIM = frozenset({"id", "type", "URL", "DOI", "ISBN", "ISSN", "PMID", "PMCID", "language",
                      "citation-key", "call-number", "archive_location", "archive-location"})

#: CSL 1.0.2 name variables citeproc-py 0.11.1 does not know (it parses them as strings).
NEW_NAMES = ("chair", "compiler", "contributor", "curator", "director", "executive-producer",
             "guest", "host", "narrator", "organizer", "performer", "producer",
             "reviewed-author", "script-writer", "series-creator", "translator")
NEW_DATES = ("available-date", "event-date", "original-date")

_TAG = re.compile(r"<(/?)(i|b|sup|sub|sc|span)(\s[^>]*)?>", re.I)


def prepare_item(item: Mapping[str, Any], key: str) -> dict[str, Any]:
    """One CSL-JSON item as citeproc-py should see it (under the internal ``key``)."""
    out: dict[str, Any] = {}
    for name, value in item.items():
        if value is None or value == "" or value == []:
            continue
        if name in ("translated-title", "translated_title"):
            continue
        out[name] = value
    translated = item.get("translated-title") or item.get("translated_title")
    if translated and out.get("title") and f"[{translated}]" not in str(out["title"]):
        out["title"] = f"{out['title']} [{translated}]"
    for name, value in list(out.items()):
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            out[name] = str(value)
        elif isinstance(value, str) and name not in VERBATIM:
            out[name] = rich_text(value)
        elif isinstance(value, list) and value and isinstance(value[0], Mapping):
            out[name] = [_name(n) for n in value if isinstance(n, Mapping)]
        elif isinstance(value, Mapping) and "raw" in value and "date-parts" not in value:
            out[name] = _raw_date(str(value["raw"]))
    out["id"] = key
    out.setdefault("type", "document")
    return out


def _name(name: Mapping[str, Any]) -> dict[str, str]:
    return {k: curl_apostrophes(str(v)) for k, v in name.items()
            if k in ("family", "given", "literal", "suffix", "dropping-particle",
                     "non-dropping-particle") and v not in (None, "")}


def _raw_date(raw: str) -> dict[str, Any]:
    m = re.fullmatch(r"\s*(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?\s*", raw)
    if not m:
        return {"literal": raw}
    return {"date-parts": [[int(p) for p in m.groups() if p]]}


def curl_apostrophes(text: str) -> str:
    return re.sub(r"(?<=\w)'|'(?=\w)", "\u2019", text)


def rich_text(text: str) -> str:
    """Field text with quotes as marks and known HTML tags as formatting marks."""
    text = _tags(text)
    text = _pair_quotes(text, '"\u201c', '"\u201d', marks.Q_OPEN, marks.Q_CLOSE)
    text = _pair_quotes(text, "'\u2018", "'\u2019", marks.QS_OPEN, marks.QS_CLOSE)
    return curl_apostrophes(text)


def _pair_quotes(text: str, openers: str, closers: str, mark_open: str, mark_close: str) -> str:
    """Quotes -> quote marks, paired as citeproc-js pairs them: a quote opens at the start
    or after a space, before a letter; the next closing quote not followed by a letter
    (``Syria’s`` is an apostrophe) closes it; anything unpaired stays as written."""
    if not any(c in text for c in openers):
        return text
    out = []
    is_open = False
    for i, ch in enumerate(text):
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if not is_open and ch in openers and (before.isspace() or before in marks.ALL) \
                and not after.isspace():
            out.append(mark_open)
            is_open = True
            continue
        if is_open and ch in closers and not after.isalnum():
            out.append(mark_close)
            is_open = False
            continue
        out.append(ch)
    return text if is_open else "".join(out)


def _tags(text: str) -> str:
    if "<" not in text:
        return text
    stack: list[str | None] = []

    def replace(m: re.Match[str]) -> str:
        closing, tag, attrs = m.group(1), m.group(2).lower(), (m.group(3) or "").lower()
        if closing:
            kind = stack.pop() if stack else None
            return m.group(0) if kind in (None, "nocase") else marks.FORMATS[kind][1]
        if tag == "span":
            kind = "smallcaps" if "small-caps" in attrs else ("nocase" if "nocase" in attrs else None)
        else:
            kind = {"i": "italic", "b": "bold", "sup": "sup", "sub": "sub", "sc": "smallcaps"}[tag]
        stack.append(kind)
        return m.group(0) if kind in (None, "nocase") else marks.FORMATS[kind][0]

    return _TAG.sub(replace, text)


def make_source(items: Sequence[Mapping[str, Any]]) -> Any:
    """A citeproc-py bibliography source over already prepared items."""
    from citeproc import NAMES
    from citeproc.source.json import CiteProcJSON

    class Source(CiteProcJSON):
        def __init__(self, data: Sequence[Mapping[str, Any]]) -> None:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # gap 17: unknown CSL 1.0.2 variables
                super().__init__(data)
            for ref, item in zip(self.values(), data):
                for var in NEW_NAMES + tuple(n.replace("_", "-") for n in NAMES):
                    value = item.get(var)
                    if isinstance(value, list):
                        parsed = self.parse_names(value)
                        ref[var.replace("-", "_")] = parsed
                        ref[var] = parsed  # citeproc-py looks names up by the CSL name
                for var in NEW_DATES:
                    if isinstance(item.get(var), Mapping):
                        ref[var.replace("-", "_")] = self.parse_date(item[var])

    return Source([dict(i) for i in items])
