"""How fast the notes stage finds notes, per document format (prints figures; no asserts).

Builds a document of N notes (the bundled sample's 56 notes repeated under new numbers)
in each format, then times ``notes.read_notes`` on it, best of three runs:

    python scripts/bench_notes.py            # 10,000 notes
    python scripts/bench_notes.py 50000

The whole ``parse`` must exceed 10,000 notes/s; this stage is the part of it that reads
the document, so it should be many times faster than that.
"""

from __future__ import annotations

import html
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from footnote_kit.notes import read_notes  # noqa: E402


def sample_notes() -> list[str]:
    text = (ROOT / "examples" / "central-asia-notes.txt").read_text(encoding="utf-8")
    return [re.sub(r"^\d+ ", "", block).strip() for block in re.split(r"\n\s*\n", text.strip())]


def documents(count: int) -> dict[str, tuple[str, str]]:
    notes = sample_notes()
    chosen = [notes[i % len(notes)] for i in range(count)]
    body = "Body text with a claim.1 Another claim.2\n\n"
    plain = body + "\n\n".join(f"{i} {t}" for i, t in enumerate(chosen, 1)) + "\n"
    markdown = "Text.[^1]\n\n" + "\n".join(f"[^{i}]: {t.replace(chr(10), chr(10) + '    ')}" for i, t in enumerate(chosen, 1)) + "\n"
    latex = "\\begin{document}\n" + "\n".join(f"Claim.\\footnote{{{_tex(t)}}}" for t in chosen) + "\n\\end{document}\n"
    items = "\n".join(f'<li id="fn{i}"><p>{html.escape(t)} <a href="#fnref{i}">↩</a></p></li>' for i, t in enumerate(chosen, 1))
    page = f'<html><body><p>Text.</p><section class="footnotes"><ol>\n{items}\n</ol></section></body></html>\n'
    return {"plain": ("notes.txt", plain), "markdown": ("notes.md", markdown), "latex": ("notes.tex", latex), "html": ("notes.html", page)}


def _tex(text: str) -> str:
    return re.sub(r"([%&#_$])", r"\\\1", text)


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    for fmt, (name, doc) in documents(count).items():
        best = float("inf")
        found = None
        for _ in range(3):
            start = time.perf_counter()
            found = read_notes(doc, file=name)
            best = min(best, time.perf_counter() - start)
        assert found is not None
        print(f"{fmt:9} {len(found.notes):>7} notes  {len(doc) / 1e6:6.1f} MB  {best:7.3f} s  {len(found.notes) / best:>10,.0f} notes/s")


if __name__ == "__main__":
    main()
