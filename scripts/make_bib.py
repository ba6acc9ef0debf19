"""Regenerate the sample's bibliography in bib/ from the bundled example notes.

    python scripts/make_bib.py          # rewrite bib/central-asia-2021.{bib,json,map.csv}
    python scripts/make_bib.py --check  # exit 1 if they are stale (what the test does)

The outputs are what ``footnote-kit export examples/central-asia-notes.txt`` writes, so the
README can point at them and a change in the parser or the writers shows up as a diff.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "central-asia-notes.txt"
NOTES = (698, 753)
STEM = ROOT / "bib" / "central-asia-2021"


def outputs() -> dict[Path, str]:
    """Every file in bib/ and the text it should hold."""
    from footnote_kit.export import export_text, map_text
    from footnote_kit.formats import by_name
    from footnote_kit.inputs import load

    loaded = load(EXAMPLE, notes=NOTES)
    return {
        STEM.with_suffix(".bib"): export_text(loaded, by_name("biblatex")),
        STEM.with_suffix(".json"): export_text(loaded, by_name("csl-json")),
        STEM.with_suffix(".map.csv"): map_text(loaded, "map.csv"),
    }


def stale() -> list[Path]:
    return [p for p, text in outputs().items() if not p.exists() or p.read_text(encoding="utf-8") != text]


def main(argv: list[str]) -> int:
    if "--check" in argv:
        old = stale()
        for path in old:
            print(f"{path.relative_to(ROOT)} is stale: run python scripts/make_bib.py", file=sys.stderr)
        return 1 if old else 0
    from footnote_kit.files import write_atomic

    for path, text in outputs().items():
        write_atomic(path, text)
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
