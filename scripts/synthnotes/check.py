"""Does every labelled span hold what its item says? A check written apart from the tracer.

``check_line(line)`` reads one generated line (text, spans, sources with their CSL-JSON
items) and returns its problems, one string each; an empty list is a clean line. It knows
only what a style may do to a value, not how the tracer found it:

- text fields (title, container, publisher, place, genre, number, URL, DOI, ISBN) equal
  the item's value up to case, quote and apostrophe shapes, dashes, full stops (a style
  may strip them) and spacing;
- names: the family name is there and every other word is a given name, its initial, a
  particle or a suffix of the same person;
- dates: the year is the item's, and any month (name in any locale used, or number) and
  day agree with it (a style may print the year and the day and month apart);
- volume, issue, edition: the number, as digits, an ordinal or a Roman numeral;
- page and locator: the first number is the item's (or the cited) first page, a second
  number is the last page, whole or shortened;
- prefix, suffix: the words the note put there; ibid: an "ibid." word;

and, for the note as a whole: spans inside the text, not overlapping, pointing at a
source, starting and ending at word edges and not on a space; each cited source with at
least one span; a title printed in full is labelled.
"""

from __future__ import annotations

import os
import re
import unicodedata
from functools import lru_cache
from typing import Any, Mapping, Sequence

LABELS = frozenset({"author", "editor", "translator", "interviewer", "title", "translated-title",
                    "container-title", "collection-title", "publisher", "publisher-place", "date",
                    "accessed", "page", "locator", "volume", "issue", "edition", "genre", "number",
                    "url", "doi", "isbn", "prefix", "suffix", "ibid"})
#: label -> the item variables its text may come from
FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("title", "title-short"), "translated-title": ("translated-title",),
    "container-title": ("container-title", "container-title-short", "event-title", "event"),
    "collection-title": ("collection-title",),
    "publisher": ("publisher", "authority", "archive"),
    "publisher-place": ("publisher-place", "event-place", "archive-place"),
    "genre": ("genre", "medium"), "number": ("number", "section", "archive_location"),
    "url": ("URL",), "doi": ("DOI",), "isbn": ("ISBN",),
    "volume": ("volume", "collection-number"), "issue": ("issue",), "edition": ("edition",),
}
ROLES: dict[str, tuple[str, ...]] = {
    "author": ("author", "container-author", "recipient", "director"),
    "editor": ("editor", "collection-editor"), "translator": ("translator",),
    "interviewer": ("interviewer",),
}
IBID = frozenset({"ibid.", "ibid", "ibidem", "ebd.", "ebd", "ebenda", "id.", "idem", "op. cit.",
                  "a.a.o.", "ivi", "ibíd.", "íd.", "там же", "он же", "loc. cit.", "art. cit.",
                  "doc. cit.", "ob. cit.", "cit.", "citato", "op.cit.", "loc.cit."})
_QUOTES = str.maketrans({c: '"' for c in "“”„«»‹›‘’‚ʼ`'"}
                        | {c: "-" for c in "‐‑‒–—−"} | {c: " " for c in "\u00a0\u202f\u2009"})
_ORDINALS = ("first second third fourth fifth sixth seventh eighth ninth tenth "
             "erste zweite dritte vierte fünfte premier première deuxième troisième "
             "primera segunda tercera prima seconda terza").split()


def norm(text: Any) -> str:
    """Case, quote shapes (a title's own quotes flip inside a quoted title), dashes,
    full stops and spacing do not count; a comma or stop a style moved inside a closing
    quote (``“The Ethics of ‘Place,’”``) does not either."""
    text = unicodedata.normalize("NFKC", str(text)).translate(_QUOTES).casefold()
    text = re.sub(r"[,.](?=\"$)", "", text.strip())
    return re.sub(r"\s+", " ", text.replace(".", "")).strip(" ,;:")


def check_line(line: Mapping[str, Any]) -> list[str]:
    text, spans, sources = line["text"], line["spans"], line["sources"]
    problems: list[str] = []
    covered: list[tuple[int, int]] = []
    for start, end, label, k in spans:
        where = f"{label} {text[start:end]!r} (source {k})"
        if not (0 <= start < end <= len(text)) or label not in LABELS or not 0 <= k < len(sources):
            problems.append(f"bad span {[start, end, label, k]}")
            continue
        if any(s < end and start < e for s, e in covered):
            problems.append(f"overlapping span: {where}")
        covered.append((start, end))
        if text[start].isspace() or text[end - 1].isspace() or _inside_word(text, start) \
                or _inside_word(text, end):
            problems.append(f"span edge inside a word or on a space: {where}")
        elif not span_ok(text[start:end], label, sources[k]):
            problems.append(f"span does not hold the field: {where}")
    for k, source in enumerate(sources):
        mine = [s for s in spans if s[3] == k]
        if not mine:
            problems.append(f"source {k} has no labelled span")
        title = str(source["item"].get("title", ""))
        if len(title) >= 12 and norm(title) in norm(text) and not any(s[2] == "title" for s in mine) \
                and not _elsewhere(title, k, sources):
            problems.append(f"title of source {k} printed but not labelled: {title!r}")
    return problems


def _inside_word(text: str, i: int) -> bool:
    return 0 < i < len(text) and text[i - 1].isalnum() and text[i].isalnum()


def _elsewhere(title: str, k: int, sources: Sequence[Mapping[str, Any]]) -> bool:
    """The same words are another source's title or container (the title is theirs)."""
    return any(norm(title) in norm(s["item"].get(f, "")) for j, s in enumerate(sources)
               if j != k for f in ("title", "container-title"))


def span_ok(value: str, label: str, source: Mapping[str, Any]) -> bool:
    item = source["item"]
    if label in ROLES:
        return any(name_ok(value, p) for role in ROLES[label] for p in item.get(role) or [])
    if label in ("date", "accessed"):
        date = item.get("issued" if label == "date" else "accessed") or {}
        parts = date.get("date-parts") or [[]]
        return bool(parts[0]) and date_ok(value, parts[0])
    if label == "page":
        return pages_ok(value, str(item.get("page", "")))
    if label == "locator":
        return pages_ok(value, str(source.get("locator", "")))
    if label == "prefix":
        return norm(value) == norm(source.get("prefix", ""))
    if label == "suffix":
        return norm(value) == norm(source.get("suffix", ""))
    if label == "ibid":
        return " ".join(value.replace("\u00a0", " ").split()).casefold() in IBID
    wanted = [item[f] for f in FIELDS[label] if item.get(f)]
    if label in ("volume", "issue", "edition", "number"):
        return any(number_ok(value, str(w)) for w in wanted)
    return any(norm(value) == norm(w) for w in wanted)


def name_ok(value: str, person: Mapping[str, str]) -> bool:
    if "literal" in person:
        return norm(value) == norm(person["literal"])
    if not (value[:1].isalnum() and (value[-1:].isalnum() or value.endswith("."))):
        return False
    words = _words(value)
    family = _words(person.get("family", ""))
    if not family or not _contains(words, family):
        return False
    rest = list(words)
    for w in family:
        rest.remove(w)
    allowed = set()
    for key in ("given", "dropping-particle", "non-dropping-particle", "suffix"):
        for w in _words(person.get(key, "")):
            allowed.update({w, w[0]})
    return all(w in allowed for w in rest)


def _words(text: str) -> list[str]:
    """Name words, initials split (``C.P.`` is ``c``, ``p``), hyphenated parts apart."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    return [w for w in re.split(r"[\s,.\-]+", text) if w]


def _contains(words: list[str], family: list[str]) -> bool:
    n = len(family)
    return any(words[i:i + n] == family for i in range(len(words) - n + 1))


_DATE_WORDS = frozenset({"de", "del", "vom", "den", "le", "el", "of", "г"})


def date_ok(value: str, parts: Sequence[int]) -> bool:
    year, month, day = (list(parts) + [None, None])[:3]
    years = re.findall(r"\d{4}", value)
    if years and str(year) not in years:
        return False
    rest = value.replace(str(year), " ", 1)
    if not years and not re.search(r"\w", rest):
        return False
    for number in re.findall(r"\d+", rest):
        if int(number) not in (month, day):
            return False
    for word in re.findall(r"[^\W\d_]+\.?", rest):
        m = month_of(word)
        if m is not None and m != month:
            return False
        if m is None and word.casefold().rstrip(".") not in _DATE_WORDS:
            return False
    return True


@lru_cache(maxsize=1)
def _months() -> dict[str, int]:
    from citeproc import LOCALES_PATH

    out: dict[str, int] = {}
    for lang in ("en-US", "en-GB", "de-DE", "de-CH", "fr-FR", "es-ES", "es-MX", "it-IT", "ru-RU"):
        xml = open(os.path.join(LOCALES_PATH, f"locales-{lang}.xml"), encoding="utf-8").read()
        for m, word in re.findall(r'<term name="month-(\d\d)"[^>]*>([^<]+)</term>', xml):
            out[word.casefold().rstrip(".")] = int(m)
    return out


def month_of(word: str) -> int | None:
    return _months().get(word.casefold().rstrip("."))


def number_ok(value: str, wanted: str) -> bool:
    v, w = norm(value), norm(wanted)
    if v == w or v.replace("-", "") == w.replace("-", "") or (v.isdigit() and w.isdigit()
                                                              and int(v) == int(w)):
        return True
    if not w.isdigit():
        return False
    n = int(w)
    if re.fullmatch(rf"{n}(?:st|nd|rd|th|e|er|re|ème|a|o|º|ª|°|-?я|-?е|-?й)?", v):
        return True
    return v == roman(n) or (0 < n <= 10 and v in _ORDINALS)


def roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"),
                           (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"),
                           (4, "iv"), (1, "i")):
        count, n = divmod(n, value)
        out += letters * count
    return out


def pages_ok(value: str, wanted: str) -> bool:
    """``45–7`` for ``45-67``; ``13–32, 57–75`` for a list; the first page alone too."""
    got = [g for g in re.split(r"\s*[,&]\s*", norm(value)) if g]
    want = [w for w in re.split(r"\s*[,&]\s*", norm(wanted)) if w]
    if not got or len(got) > len(want):
        return False
    for g, w in zip(got, want):
        g_parts, w_parts = g.split("-"), w.split("-")
        if g_parts[0].strip() != w_parts[0].strip() or len(g_parts) > len(w_parts):
            return False
        if len(g_parts) == 2 and not w_parts[1].strip().endswith(g_parts[1].strip()):
            return False
    return True
