"""How the combination of the rules and the model should lean, measured on notes neither saw.

    python scripts/tune_combine.py [--since REV | GOLD.json ...] [--variant NAME]...

The tuning set must be notes the rules were not written on and the model was not trained
on, or the figures flatter one reader: the train split flatters the rules (written while
reading it) and the model (trained on it); the held-out split is for reporting only. New
documents of the development corpus, read with a model trained before they were added,
are such notes: ``--since REV`` takes the gold files added after revision REV (the one the
shipped model was trained at). Once the shipped model has been retrained on them, they are
seen: measure with ``FOOTNOTE_KIT_MODEL_DIR`` naming a model trained at REV. Each variant sets some of ``sources.learned.combine``'s
constants (or switches one of its rules off) and prints the F1 of the MAIN fields, of all
fields, and the share of notes split right, beside the rules and the model alone.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

import eval_parse  # noqa: E402
import parser_data  # noqa: E402
import parser_score  # noqa: E402
from footnote_kit.sources.learned import combine  # noqa: E402

Patch = dict[str, Any]
_FRAME = ("prefix", "locator", "suffix", "ibid", "extra")
"""What the model never takes in any variant: signal words, pinpoint, what the rules set aside."""
_MODEL_LED: Patch = {"MARGIN": -1.0, "ADD": 0.0, "_KEPT": frozenset(_FRAME), "_LISTS": frozenset()}
"""The model's reading replaces every uncertain rules field, and may take any words but the frame."""
_NEVER_COMPLETE: Patch = {"_complete": lambda parts: False}
VARIANTS: dict[str, Patch] = {
    "shipped": {},
    "margin 0": {"MARGIN": 0.0},
    "margin -0.1": {"MARGIN": -0.1},
    "margin 0.2": {"MARGIN": 0.2},
    "add 0.3": {"ADD": 0.3},
    "add 0.7": {"ADD": 0.7},
    "model may take title/author words": {"_KEPT": frozenset((*_FRAME, "editor", "translator"))},
    "no complete-note skip": _NEVER_COMPLETE,
    "model-led (certain fields stay the rules')": _MODEL_LED,
    "model-led, no complete-note skip": {**_MODEL_LED, **_NEVER_COMPLETE},
    "model-led, lists only when covering": {**_MODEL_LED, "_LISTS": combine._LISTS},
    "model-led, add 0.5": {**_MODEL_LED, "ADD": 0.5},
    "model-led, lists covering, add 0.3": {**_MODEL_LED, "_LISTS": combine._LISTS, "ADD": 0.3},
    "model-led, lists covering, add 0.5": {**_MODEL_LED, "_LISTS": combine._LISTS, "ADD": 0.5},
    "model-led, title kept": {**_MODEL_LED, "_LISTS": combine._LISTS, "ADD": 0.5, "_KEPT": frozenset((*_FRAME, "title"))},
    "model-led, title and page kept": {**_MODEL_LED, "_LISTS": combine._LISTS, "ADD": 0.5, "_KEPT": frozenset((*_FRAME, "title", "page"))},
    "model-led, titles and names kept": {
        **_MODEL_LED, "_LISTS": combine._LISTS, "ADD": 0.5, "_KEPT": frozenset((*_FRAME, "title", "author", "editor", "translator")),
    },
    "free title/author, margin 0": {"MARGIN": 0.0, "_KEPT": frozenset((*_FRAME, "editor", "translator"))},
}


def added_since(rev: str) -> list[Path]:
    """Gold files of the development corpus that did not exist at ``rev``."""
    out = subprocess.run(
        ["git", "diff", "--name-only", "--diff-filter=A", rev, "--", "tests/data/gold/"], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout.split()
    return [ROOT / p for p in out if p.endswith(".json")]


def measure(docs: Any, patch: Patch) -> tuple[float, float, float]:
    saved = {k: getattr(combine, k) for k in patch}
    try:
        for k, v in patch.items():
            setattr(combine, k, v)
        s = eval_parse.score_documents(docs, "combined")
    finally:
        for k, v in saved.items():
            setattr(combine, k, v)
    return _figures(s)


def _figures(s: Any) -> tuple[float, float, float]:
    return s.total(parser_score.MAIN)[2], s.total(None)[2], s.split_right / max(1, s.citing)


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("gold", nargs="*", type=Path, help="gold files to tune on")
    ap.add_argument("--since", help="tune on the gold files added after this git revision")
    ap.add_argument("--variant", action="append", choices=list(VARIANTS), help="default: all")
    ap.add_argument("--example", action="store_true", help="measure on the bundled example instead (a guard: the rules were written on it)")
    args = ap.parse_args(argv)
    paths = list(args.gold) + (added_since(args.since) if args.since else [])
    if args.example:
        examples = parser_data.example()
    elif paths:
        examples = [ex for p in paths for ex in parser_data.gold(p)]
    else:
        ap.error("no gold files: name some, or give --since")
    docs = eval_parse.documents(examples, "tune")
    print(f"{len(docs)} documents, {len(examples)} notes")
    print(f"{'reader / variant':<40} {'MAIN F1':>8} {'ALL F1':>8} {'split':>8}")
    for reader in ("rules", "model"):
        row = _figures(eval_parse.score_documents(docs, reader))
        print(f"{reader + ' alone':<40} " + " ".join(f"{x:>8.3f}" for x in row))
    for name in args.variant or list(VARIANTS):
        row = measure(docs, VARIANTS[name])
        print(f"{'combined, ' + name:<40} " + " ".join(f"{x:>8.3f}" for x in row))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

