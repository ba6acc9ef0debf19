"""Write the bundled example's notes as a LaTeX document whose URLs are real links.

The example (examples/central-asia-notes.txt) is notes 698-753 of a report as text copied
out of its PDF, with the URLs the copy damaged. This rebuilds the report's notes as the
writer had them: the same note texts, each URL the one the authors cited
(tests/data/repair/central-asia-true-urls.json), typeset by pdflatex with hyperref so the
PDF carries a link annotation for every URL. Run by make.sh:

    python3 example_latex.py ../../../examples/central-asia-notes.txt \
        ../repair/central-asia-true-urls.json > central-asia-notes.tex
"""

from __future__ import annotations

import json
import re
import sys

_SPECIAL = {"%": r"\%", "&": r"\&", "_": r"\_", "#": r"\#", "$": r"\$", "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\^{}"}
_LETTERS = "".join(r"\do " + c for c in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")


def escape(text: str) -> str:
    return "".join(_SPECIAL.get(c, c) for c in text)


def main(notes_path: str, urls_path: str) -> None:
    text = open(notes_path, encoding="utf-8").read()
    urls = json.load(open(urls_path, encoding="utf-8"))["urls"]
    defs: list[str] = []
    body: list[str] = []
    first = None
    for para in (p.strip() for p in text.split("\n\n")):
        if not para:
            continue
        m = re.match(r"(\d+)\s+", para)
        assert m, para[:40]
        number = int(m.group(1))
        first = number if first is None else first
        note = " ".join(para[m.end() :].split())
        # The URLs of this note: those the repair data names for it (a damaged one may hold
        # a space), then any other printed URL, matched to a true URL by its text less
        # hyphens (the same URL, damaged otherwise in another note).
        spans: list[tuple[int, int, str]] = []
        for u in (u for u in urls if u["note"] == number):
            at = note.find(u["printed"])
            if at >= 0:
                spans.append((at, at + len(u["printed"]), u["true"]))
        for m in re.finditer(r"https?://\S+", note):
            if any(a <= m.start() < b for a, b, _ in spans):
                continue
            printed = m.group(0).rstrip(".,;:)")
            true = next((u["true"] for u in urls if u["printed"].replace("-", "") == printed.replace("-", "")), printed)
            spans.append((m.start(), m.start() + len(printed), true))
        pieces: list[str] = []
        pos = 0
        for at, end, true in sorted(spans):
            name = f"\\url{_name(len(defs))}"
            defs.append(f"\\urldef{{{name}}}\\url{{{true}}}")
            pieces.append(escape(note[pos:at]) + name + "{}")
            pos = end
        pieces.append(escape(note[pos:]))
        body.append(f"Here the report cites its sources for note {number}, in running text long enough to"
                    f" fill a few lines of a page as the report's own paragraphs do.\\footnote{{{''.join(pieces)}}}\n")
    print(r"""\documentclass[11pt]{article}
\usepackage[T1]{fontenc}
\usepackage[utf8]{inputenc}
\usepackage{lmodern}
\usepackage[a4paper,margin=2.5cm]{geometry}
% U+2033 (double prime) has no glyph in T1: printed as two primes, read back as itself.
\DeclareUnicodeCharacter{2033}{\pdfliteral{/Span<</ActualText<FEFF2033>>>BDC}\ensuremath{''}\pdfliteral{EMC}}
\usepackage[hidelinks]{hyperref}
\makeatletter\g@addto@macro{\UrlBreaks}{""" + _LETTERS + r"""}\makeatother
""" + "\n".join(defs) + r"""
\begin{document}
\setcounter{footnote}{""" + str((first or 1) - 1) + "}\n\n" + "\n".join(body) + r"""
\end{document}""")


def _name(n: int) -> str:
    out = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
