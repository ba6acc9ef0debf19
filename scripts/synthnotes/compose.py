"""Documents and their notes: what a writer puts around the engine's citations.

A document is one style, a handful of items and a run of notes in order, so the engine's
own positions give full notes first, short forms and *Ibid.*/*Ebd.* later. A note cites
one to six sources in one cluster (sometimes two clusters, as two sentences), with signal
words, locators (pages, chapters, paragraphs, several ranges), commentary, and sometimes
a sentence of prose before or after; some notes are prose alone. Each note becomes one
JSON line (see ``make_synthetic_notes.py`` for the format).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence

from footnote_kit.render.styles import resolve_style

from synthnotes import prose as P
from synthnotes import words as W
from synthnotes.items import pick
from synthnotes.kinds import make_item
from synthnotes.styles import STYLES, WORK_LANGS, StyleChoice
from synthnotes.trace import Ref, Traced, TracedProcessor
from synthnotes.vocab import seed

Span = tuple[int, int, str, int]
#: labels that belong to the citation, not to the work: not compared between citations
CITATION_LABELS = frozenset({"prefix", "suffix", "locator", "ibid"})
LOCATOR_LABELS = {"chapter": 30, "paragraph": 25, "section": 15, "note": 15, "figure": 5,
                  "column": 5, "line": 5}


@dataclass
class DocState:
    """What the notes so far cited: where each work was first cited and what it printed."""

    first: dict[str, tuple[int, int]] = field(default_factory=dict)
    printed: dict[str, frozenset[str]] = field(default_factory=dict)
    last_single: str | None = None


def make_doc(rng: random.Random, doc: int) -> list[dict[str, Any]]:
    """All notes of one generated document, as JSON-ready dicts."""
    choice = rng.choices(STYLES, weights=[s.weight for s in STYLES])[0]
    path = resolve_style(choice.name).path
    items = [make_item(rng, pick(rng, WORK_LANGS[choice.lang]), f"d{doc}i{i}")
             for i in range(rng.randint(4, 20))]
    head = {"doc": doc, "style": choice.name, "locale": choice.locale, "lang": choice.lang}
    count = rng.randint(4, 22)
    if choice.author_date and rng.random() < 0.6:
        return [{**head, "note": n, **note} for n, note in
                enumerate(_entry_notes(rng, choice, path, items, count), 1)]
    processor = TracedProcessor(path, choice.locale, items)
    state = DocState()
    lines = []
    for n in range(1, count + 1):
        if rng.random() < 0.07:
            note = _prose_note(rng, choice.lang)
            state.last_single = None
        else:
            note = _cite_note(rng, processor, n, items, state, choice)
        mode = "prose" if not note["sources"] else ("in-text" if choice.author_date else "note")
        lines.append({**head, "note": n, "mode": mode, **note})
    return lines


# -- one note ---------------------------------------------------------------------------


def _cite_note(rng: random.Random, processor: TracedProcessor, n: int,
               items: Sequence[Mapping[str, Any]], state: DocState,
               choice: StyleChoice) -> dict[str, Any]:
    lang = choice.lang
    text = ""
    spans: list[Span] = []
    italic: list[tuple[int, int]] = []
    sources: list[dict[str, Any]] = []
    aligned = False
    if rng.random() < 0.06:
        text = sentence(rng, lang) + " "
    used: set[str] = set()
    for c in range(2 if rng.random() < 0.05 else 1):
        chosen = _choose(rng, items, state, used, c)
        if not chosen:
            break
        if c:
            text += " "
        # an author-date cluster sits in parentheses and may be sorted: no capital there
        refs = [_ref(rng, it, j, lang, at_start=(j == 0 and (c > 0 or not text)
                                                and not choice.author_date))
                for j, it in enumerate(chosen)]
        traced = processor.cite(refs, n)
        aligned |= traced.aligned
        _add(traced, text, [it["id"] for it in chosen], refs, items, spans, italic, sources)
        text += traced.text
        used.update(it["id"] for it in chosen)
    if rng.random() < 0.12:
        text += " " + sentence(rng, lang)
    _kinds(n, spans, sources, state)
    state.last_single = sources[0]["id"] if len(sources) == 1 else None
    return {"text": text, "spans": [list(s) for s in spans], "italic": [list(i) for i in italic],
            "sources": sources, "aligned": aligned}


def _add(traced: Traced, before: str, ids: list[str], refs: list[Ref],
         items: Sequence[Mapping[str, Any]], spans: list[Span], italic: list[tuple[int, int]],
         sources: list[dict[str, Any]]) -> None:
    """Append one rendered cluster: sources in printed order (a style may sort them)."""
    offset = len(before)
    index = {str(it["id"]): i for i, it in enumerate(items)}
    first_at = {i: min((s for s, _, _, n in traced.spans if n == index[i]), default=10**9)
                for i in ids}
    order = sorted(range(len(ids)), key=lambda j: (first_at[ids[j]], j))
    k_of = {index[ids[j]]: len(sources) + pos for pos, j in enumerate(order)}
    for j in order:
        ref, item = refs[j], items[index[ids[j]]]
        entry: dict[str, Any] = {"kind": "citation", "id": ids[j], "item": dict(item)}
        if ref.locator:
            entry["locator"], entry["label"] = ref.locator, ref.label
        if ref.signal:
            entry["prefix"] = ref.prefix[ref.signal[0]:ref.signal[1]]
        if ref.comment:
            entry["suffix"] = ref.suffix[ref.comment[0]:ref.comment[1]]
        sources.append(entry)
    spans.extend((s + offset, e + offset, label, k_of[n]) for s, e, label, n in traced.spans
                 if n in k_of)
    italic.extend((s + offset, e + offset) for s, e in traced.italic)


def _kinds(note: int, spans: list[Span], sources: list[dict[str, Any]], state: DocState) -> None:
    """citation (first in the document), ibid, or short (fewer fields than the first time);
    a later full citation stays ``citation``. ``of`` points at the first citation."""
    for k, entry in enumerate(sources):
        printed = frozenset(label for _, _, label, kk in spans if kk == k)
        work = printed - CITATION_LABELS
        first = state.first.get(entry["id"])
        if first is None:
            state.first[entry["id"]] = (note, k)
            state.printed[entry["id"]] = work
            continue
        entry["of"], entry["of_source"] = first
        if "ibid" in printed:
            entry["kind"] = "ibid"
        elif work < state.printed[entry["id"]]:
            entry["kind"] = "short"


def _choose(rng: random.Random, items: Sequence[Mapping[str, Any]], state: DocState,
            used: set[str], cluster: int) -> list[Mapping[str, Any]]:
    """The works one cluster cites: one to six, new ones and ones cited before."""
    free = [it for it in items if it["id"] not in used]
    if cluster == 0 and state.last_single and state.last_single not in used and rng.random() < 0.35:
        return [it for it in free if it["id"] == state.last_single]
    count = rng.choices([1, 2, 3, 4, 5, 6], weights=[55, 20, 11, 6, 4, 4])[0]
    cited = [it for it in free if it["id"] in state.first]
    fresh = [it for it in free if it["id"] not in state.first]
    out: list[Mapping[str, Any]] = []
    for _ in range(count):
        pool = cited if cited and (rng.random() < 0.33 or not fresh) else fresh
        if not pool:
            break
        out.append(pool.pop(rng.randrange(len(pool))))
    return out


def _ref(rng: random.Random, item: Mapping[str, Any], position: int, lang: str,
         at_start: bool) -> Ref:
    locator, label = _locator(rng, item)
    prefix, signal = "", None
    r = rng.random()
    if position == 0 and r < 0.08:
        lead, sig = fill(rng, rng.choice(P.LEADS[lang])), rng.choice(P.SIGNALS[lang][:3])
        prefix, signal = f"{lead} {sig} ", _signal(len(lead) + 1, sig)
    elif (position == 0 and r < 0.33) or (position > 0 and 0.12 <= r < 0.27):
        sig = rng.choice(P.SIGNALS[lang])
        prefix, signal = f"{sig} ", _signal(0, sig)
    elif position > 0 and r < 0.12:
        prefix = rng.choice(P.JOINERS[lang]) + " "
    elif position > 0 and r < 0.32:
        joiner, sig = rng.choice(P.JOINERS[lang]), rng.choice(P.SIGNALS[lang])
        prefix, signal = f"{joiner} {sig} ", _signal(len(joiner) + 1, sig)
    if at_start and prefix:
        prefix = prefix[0].upper() + prefix[1:]
    suffix, comment = "", None
    if rng.random() < 0.07:
        text = fill(rng, rng.choice(P.COMMENTS[lang]))
        suffix = f", {text}" if rng.random() < 0.7 else f" ({text})"
        comment = (2, 2 + len(text))
    return Ref(str(item["id"]), locator, label, prefix, signal, suffix, comment)


def _signal(start: int, words: str) -> tuple[int, int]:
    """Where the signal words are, without the comma or colon that ends them
    (``see, e.g.,`` -> ``see, e.g.``), as the gold notes record a prefix."""
    return start, start + len(words.rstrip(",:"))


def _locator(rng: random.Random, item: Mapping[str, Any]) -> tuple[str | None, str]:
    quiet = item.get("type") in ("webpage", "article-newspaper", "interview", "speech")
    if rng.random() < (0.7 if quiet else 0.22):
        return None, "page"
    if rng.random() < 0.08:
        label = pick(rng, LOCATOR_LABELS)
        value = f"{rng.randint(1, 9)}.{rng.randint(1, 9)}" if label == "section" and rng.random() < 0.4 \
            else str(rng.randint(1, 60))
        return value, label
    low, high = 1, 420
    page = str(item.get("page", ""))
    if "-" in page and page.replace("-", "").isdigit():
        low, high = (int(p) for p in page.split("-"))
    first = rng.randint(low, max(low, high - 1))
    r = rng.random()
    if r < 0.78:
        return str(first), "page"
    if r < 0.94:
        return f"{first}-{first + rng.randint(1, 25)}", "page"
    second = first + rng.randint(20, 60)
    return f"{first}-{first + rng.randint(2, 19)}, {second}-{second + rng.randint(3, 30)}", "page"


# -- prose ---------------------------------------------------------------------------


def fill(rng: random.Random, text: str) -> str:
    if "{" not in text:
        return text
    families = W.FAMILY["en"] + seed()["families"]
    return (text.replace("{F}", rng.choice(families).split("/")[-1])
            .replace("{Y}", str(rng.randint(1850, 2022))).replace("{N}", str(rng.randint(1, 12)))
            .replace("{P}", rng.choice(seed()["places"])))


def sentence(rng: random.Random, lang: str) -> str:
    return fill(rng, rng.choice(P.SENTENCES[lang]))


def _prose_note(rng: random.Random, lang: str) -> dict[str, Any]:
    text = " ".join(sentence(rng, lang) for _ in range(rng.choice([1, 1, 2])))
    return {"text": text, "spans": [], "italic": [], "sources": [], "aligned": False}


def _entry_notes(rng: random.Random, choice: StyleChoice, path: Any,
                 items: Sequence[Mapping[str, Any]], count: int) -> list[dict[str, Any]]:
    """Reference-list entries pasted into notes: one or two per note, each work once."""
    pool = list(items)
    notes = []
    for _ in range(count):
        if not pool:
            break
        text = ""
        spans: list[Span] = []
        italic: list[tuple[int, int]] = []
        sources: list[dict[str, Any]] = []
        aligned = False
        if rng.random() < 0.3:
            sig = rng.choice(P.SIGNALS[choice.lang][:3])
            text = sig[0].upper() + sig[1:] + " "
            spans.append((*_signal(0, sig), "prefix", 0))
        for k in range(min(len(pool), 2 if rng.random() < 0.15 else 1)):
            item = pool.pop(rng.randrange(len(pool)))
            traced = TracedProcessor(path, choice.locale, [item]).entry()
            if k:
                text += " " if text.endswith(".") else "; "
            offset = len(text)
            spans.extend((s + offset, e + offset, label, k) for s, e, label, _ in traced.spans)
            italic.extend((s + offset, e + offset) for s, e in traced.italic)
            entry = {"kind": "citation", "id": item["id"], "item": dict(item)}
            if k == 0 and spans and spans[0][2] == "prefix":
                entry["prefix"] = text[:spans[0][1]]
            sources.append(entry)
            text += traced.text
            aligned |= traced.aligned
        notes.append({"mode": "entry", "text": text, "spans": [list(s) for s in spans],
                      "italic": [list(i) for i in italic], "sources": sources,
                      "aligned": aligned})
    return notes
