#!/usr/bin/env python
"""Labelled synthetic footnotes, rendered by footnote-kit's own CSL engine, for training.

    python scripts/make_synthetic_notes.py [--count 20000] [--seed 1] [-o build/synthetic-notes.jsonl]
                                           [--show 10]

Writes one JSON object per line (the file is replaced only when complete) and prints how
fast it went, how many notes the span check (``synthnotes.check``) found a problem in, and
the distribution of styles, types, labels and source kinds. The same ``--seed`` and
``--count`` give the same file. ``--show N`` also prints N sample lines.

Each line::

    {"doc": 12, "note": 3, "style": "chicago-notes-bibliography", "locale": "en-US", "lang": "en",
     "mode": "note",                        # note | in-text | entry | prose
     "text": "See Mary Beard, Pompeii Revealed (Profile Books, 2008), 112–14; cf. ...",
     "spans": [[0, 3, "prefix", 0], [4, 14, "author", 0], [16, 32, "title", 0], ...],
     "italic": [[16, 32]],                  # what the style sets in italics
     "sources": [{"kind": "citation", "id": "d12i4", "item": {CSL-JSON}, "locator": "112-114",
                  "label": "page", "prefix": "See"},
                 {"kind": "short", "id": "d12i1", "item": {...}, "of": 1, "of_source": 0}],
     "aligned": false, "problems": []}

- ``spans``: ``[start, end, label, k]``, character offsets into ``text``; ``k`` is the
  source (0, 1, ... in printed order). A span covers a field's value only: quotes,
  italics, punctuation and words a style adds (``ed.``, ``trans.``, ``pp.``, ``S.``, ``in:``)
  are outside every span (a trainer calls them ``other``). Each person is one span; the
  ``and``, ``&``, ``;`` and ``et al.`` between persons are outside.
- labels: author, editor, translator, interviewer, title, translated-title,
  container-title, collection-title, publisher, publisher-place, date (issued), accessed,
  page (the work's own range), locator (the pinpoint cited), volume, issue, edition, genre,
  number, url, doi, isbn, prefix (signal words only; lead-in prose is unlabelled), suffix
  (commentary after a source), ibid (Ibid., Ebd., op. cit., art. cit., ...). CSL variables
  outside this set are labelled as their nearest field: a court (``authority``) and an
  archive as publisher, an event as container-title, an event's or archive's place as
  publisher-place, an archive's shelfmark and a statute's section as number, a series
  number as volume, ``medium`` as genre.
- ``sources[k].kind``: ``citation`` (the work's first citation in the document, or a later
  one printed in full), ``short`` (a later citation printing fewer of the work's fields:
  ``Beard, Pompeii, 120``) or ``ibid``. A later citation has ``of`` (the ``note`` number of
  the work's first citation in the same ``doc``) and ``of_source`` (its ``k`` there).
  ``locator``/``label`` are the pinpoint the note cites; ``prefix``/``suffix`` the
  labelled words. Notes of one document share ``doc``; read them in ``note`` order.
- ``mode``: ``note`` (a note style), ``in-text`` (an author-date citation cluster put in a
  note), ``entry`` (reference-list entries pasted into a note), ``prose`` (no citation,
  no spans: real notes often are).
- ``aligned``: the engine, rendering with field markers, printed slightly different text
  (a doubled full stop at a seam, ``ibid.`` not capitalised); ``text`` is always the
  clean rendering and the spans were carried onto it by aligning the two.
- ``problems``: what ``synthnotes.check`` finds wrong with the spans (a field the engine
  printed damaged, or a span that does not hold its field). Lines are written, not
  dropped, so that the figure printed at the end is honest; a trainer may skip them.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any, Iterator

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

from synthnotes.check import check_line  # noqa: E402
from synthnotes.compose import make_doc  # noqa: E402

DEFAULT_OUT = ROOT / "build" / "synthetic-notes.jsonl"


def generate(count: int, seed: int) -> Iterator[dict[str, Any]]:
    """``count`` notes; each document has its own generator, seeded from ``seed``."""
    made = 0
    doc = 0
    while made < count:
        doc += 1
        for line in make_doc(random.Random(seed * 1_000_003 + doc), doc):
            if made == count:
                return
            line["problems"] = check_line(line)
            yield line
            made += 1


def write(lines: Iterator[dict[str, Any]], out: Path) -> Counter[str]:
    """Write atomically; return counts for the summary."""
    out.parent.mkdir(parents=True, exist_ok=True)
    stats: Counter[str] = Counter()
    fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=out.name, suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            for line in lines:
                fh.write(json.dumps(line, ensure_ascii=False) + "\n")
                count(stats, line)
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(tmp, 0o666 & ~mask)  # mkstemp's 0600 is for the half-written file only
        os.replace(tmp, out)
    except BaseException:
        os.unlink(tmp)
        raise
    return stats


def count(stats: Counter[str], line: dict[str, Any]) -> None:
    stats["notes"] += 1
    stats["aligned"] += line["aligned"]
    stats["problem notes"] += bool(line["problems"])
    stats[f"mode {line['mode']}"] += 1
    stats[f"style {line['style']} [{line['locale']}]"] += 1
    stats[f"sources/note {min(len(line['sources']), 6)}"] += 1
    for source in line["sources"]:
        stats[f"kind {source['kind']}"] += 1
        if "of" not in source:
            stats[f"type {source['item']['type']}"] += 1
    for span in line["spans"]:
        stats[f"label {span[2]}"] += 1
    for problem in line["problems"]:
        stats["problem " + problem.split(":")[0]] += 1


def summary(stats: Counter[str], seconds: float) -> str:
    n = stats["notes"]
    out = [f"{n} notes in {seconds:.1f} s CPU ({n / seconds:.0f} notes/s, one core)",
           f"span check: {stats['problem notes']} notes with a problem "
           f"({100 * stats['problem notes'] / n:.2f} %); {stats['aligned']} notes aligned "
           f"({100 * stats['aligned'] / n:.1f} %)"]
    for group in ("problem", "mode", "kind", "sources/note", "type", "label", "style"):
        rows = sorted(((k[len(group) + 1:], v) for k, v in stats.items()
                       if k.startswith(group + " ")), key=lambda kv: -kv[1])
        if rows:
            out.append(f"{group}: " + ", ".join(f"{k} {v}" for k, v in rows))
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--show", type=int, default=0, help="print N sample lines")
    args = parser.parse_args(argv)
    if args.count < 1:
        print("make_synthetic_notes.py: error: --count must be at least 1", file=sys.stderr)
        return 2
    start = time.process_time()
    stats = write(generate(args.count, args.seed), args.output)
    print(f"wrote {args.output}")
    print(summary(stats, time.process_time() - start))
    if args.show:
        lines = args.output.read_text(encoding="utf-8").splitlines()
        for line in random.Random(args.seed).sample(lines, min(args.show, len(lines))):
            print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
