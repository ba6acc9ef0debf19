"""Scoring a parse against gold: field precision, recall and F1, and whether each note was
split into the right sources.

A note's *sources* are its citation and ibid parts, in order (remarks cite nothing and
are not scored as fields). Gold and parsed sources are aligned by a sequence alignment
that pairs the most similar ones in order, so that one extra or missing source costs
only its own fields. For each field of each pair: equal values are a true positive; a
value only the parse has is a false positive; a value only the gold has is a false
negative; two different values are both. Values are compared after normalisation
(case, punctuation, white space, dash forms; names by family name; dates by their parts).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping, Sequence

SCORED = (
    "author", "editor", "translator", "title", "translated-title", "container-title", "collection-title",
    "publisher", "publisher-place", "issued", "accessed", "page", "volume", "issue", "edition", "number",
    "genre", "URL", "DOI", "locator", "prefix", "refers_to",
)  # fmt: skip
MAIN = ("author", "title", "container-title", "publisher", "issued", "page")
"""The fields issue #11 reports first: who, what, where, when, which pages."""


def norm(text: Any) -> str:
    s = unicodedata.normalize("NFKC", str(text or "")).lower()
    s = re.sub(r"^(?:in:?\s+)", "", s)
    return " ".join(re.findall(r"[^\W_]+", s))


def _names(value: Any) -> tuple[str, ...]:
    out = []
    for n in value or ():
        if isinstance(n, Mapping):
            out.append(norm(n.get("family") or n.get("literal")))
    return tuple(x for x in out if x)


def _date(value: Any) -> tuple[int, ...]:
    if isinstance(value, Mapping):
        dp = value.get("date-parts")
        if isinstance(dp, list) and dp and isinstance(dp[0], list):
            try:
                return tuple(int(p) for p in dp[0][:3])
            except (TypeError, ValueError):
                return ()
    return ()


def _pages(value: Any) -> str:
    s = re.sub(r"^(?:pp?|s|at)\.?\s*", "", str(value or "").strip().lower())
    return re.sub(r"\s*[-–—‒]+\s*", "-", s).strip(" .")


def _url(value: Any) -> str:
    return str(value or "").strip().rstrip("/.,").lower()


def _doi(value: Any) -> str:
    return re.sub(r"^.*?(10\.)", r"\1", str(value or "")).strip(" .").lower()


NORMALISE: dict[str, Callable[[Any], Any]] = {
    "author": _names, "editor": _names, "translator": _names, "issued": _date, "accessed": _date,
    "page": _pages, "locator": _pages, "URL": _url, "DOI": _doi,
    "refers_to": lambda v: v, "volume": lambda v: norm(v), "issue": lambda v: norm(v),
}  # fmt: skip


def values(part: Mapping[str, Any]) -> dict[str, Any]:
    """The scored fields of one part (JSON form), normalised; empty values left out."""
    out: dict[str, Any] = {}
    item = part.get("item") or {}
    if part.get("kind") == "citation":
        for key in SCORED:
            if key in item:
                v = NORMALISE.get(key, norm)(item[key])
                if v not in ("", (), None):
                    out[key] = v
    if part.get("kind") == "ibid":
        out["refers_to"] = part.get("refers_to")
    for key in ("locator", "prefix"):
        if part.get(key):
            out[key] = NORMALISE.get(key, norm)(part[key])
    return out


def sources(parts: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    return [p for p in parts if p.get("kind") in ("citation", "ibid")]


def _similarity(g: Mapping[str, Any], p: Mapping[str, Any]) -> float:
    if g.get("kind") != p.get("kind"):
        return 0.1
    gv, pv = values(g), values(p)
    same = sum(1 for k in gv if k in pv and gv[k] == pv[k])
    return 0.5 + same


def align(gold: Sequence[Mapping[str, Any]], got: Sequence[Mapping[str, Any]]) -> list[tuple[int | None, int | None]]:
    """Pairs of indices (gold, parsed), in order, maximising total similarity."""
    n, m = len(gold), len(got)
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            best[i][j] = max(best[i + 1][j], best[i][j + 1], best[i + 1][j + 1] + _similarity(gold[i], got[j]))
    out: list[tuple[int | None, int | None]] = []
    i = j = 0
    while i < n and j < m:
        if best[i][j] == best[i + 1][j + 1] + _similarity(gold[i], got[j]):
            out.append((i, j))
            i += 1
            j += 1
        elif best[i][j] == best[i + 1][j]:
            out.append((i, None))
            i += 1
        else:
            out.append((None, j))
            j += 1
    out.extend((k, None) for k in range(i, n))
    out.extend((None, k) for k in range(j, m))
    return out


@dataclass
class Score:
    tp: Counter[str] = field(default_factory=Counter)
    fp: Counter[str] = field(default_factory=Counter)
    fn: Counter[str] = field(default_factory=Counter)
    notes: int = 0
    citing: int = 0
    split_right: int = 0
    types: Counter[str] = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)

    def add(self, key: str, gold: Any, got: Any, where: str) -> None:
        if gold is not None and got is not None and gold == got:
            self.tp[key] += 1
            return
        if got is not None:
            self.fp[key] += 1
        if gold is not None:
            self.fn[key] += 1
        self.misses.append(f"{where} {key}: got {got!r} want {gold!r}")

    def note(self, number: Any, gold_parts: Sequence[Mapping[str, Any]], got_parts: Sequence[Mapping[str, Any]], doc: str = "") -> None:
        self.notes += 1
        gs, ps = sources(gold_parts), sources(got_parts)
        if gs:
            self.citing += 1
            pairs = align(gs, ps)
            if len(gs) == len(ps) and all(i is not None and j is not None and gs[i].get("kind") == ps[j].get("kind") for i, j in pairs):
                self.split_right += 1
            else:
                self.misses.append(f"{doc}:{number} split: got {[p.get('kind') for p in ps]} want {[g.get('kind') for g in gs]}")
        else:
            pairs = [(None, j) for j in range(len(ps))]
        for i, j in pairs:
            gv = values(gs[i]) if i is not None else {}
            pv = values(ps[j]) if j is not None else {}
            where = f"{doc}:{number}.{(i if i is not None else j) + 1}"  # type: ignore[operator]
            for key in set(gv) | set(pv):
                self.add(key, gv.get(key), pv.get(key), where)
            if i is not None and j is not None and gs[i].get("kind") == "citation" and ps[j].get("kind") == "citation":
                gt, pt = (gs[i].get("item") or {}).get("type"), (ps[j].get("item") or {}).get("type")
                self.types["right" if gt == pt else "wrong"] += 1

    def row(self, key: str) -> tuple[float, float, float, int]:
        tp, fp, fn = self.tp[key], self.fp[key], self.fn[key]
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f, tp + fn

    def total(self, keys: Iterable[str] | None = None) -> tuple[float, float, float, int]:
        keys = list(keys) if keys is not None else sorted(set(self.tp) | set(self.fp) | set(self.fn))
        tp = sum(self.tp[k] for k in keys)
        fp = sum(self.fp[k] for k in keys)
        fn = sum(self.fn[k] for k in keys)
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f, tp + fn
