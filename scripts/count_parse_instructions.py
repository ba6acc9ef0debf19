"""How many machine instructions the parser spends per note, counted by valgrind.

    python scripts/count_parse_instructions.py [N]     # N notes of each corpus, default 1000

Why: on a shared machine, timings of the same code vary by a third from run to run;
instruction counts do not. The script runs the interpreter under ``valgrind --tool=callgrind``
twice per corpus, once parsing N notes and once not, and prints the difference per note
for the sample repeated and for the varied notes of ``bench_parse.py``. Speed work can
compare two versions by this figure; ``bench_parse.py`` gives the time on a quiet machine
(on the machine these figures were taken on, about 4 to 4.7 billion instructions ran per
second, so 10,000 notes/s needs roughly 400,000-470,000 instructions a note).
Needs ``valgrind`` on the PATH; takes about a minute per corpus.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_RUN = """
import sys
sys.path.insert(0, {src!r}); sys.path.insert(0, {scripts!r})
from bench_parse import {which}
from footnote_kit.model import RawNote
from footnote_kit.sources import parse_notes
raw = [RawNote(number=k, text=t) for k, t in {which}({n})]
parse_notes(raw[:50])  # first-call costs (regex caches) out of the count
if {parse}:
    parse_notes(raw)
"""


def _instructions(which: str, n: int, parse: bool) -> int:
    code = _RUN.format(src=str(ROOT / "src"), scripts=str(ROOT / "scripts"), which=which, n=n, parse=parse)
    out = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, "-c", code],
        capture_output=True, text=True, check=True,
    )
    m = re.search(r"Collected : (\d+)", out.stderr)
    if not m:
        raise SystemExit(f"no instruction count in valgrind's output:\n{out.stderr[-2000:]}")
    return int(m.group(1))


def main(argv: list[str]) -> int:
    if shutil.which("valgrind") is None:
        print("count_parse_instructions: valgrind is not installed", file=sys.stderr)
        return 2
    n = int(argv[0]) if argv else 1000
    for which, label in (("sample_notes", "sample repeated"), ("varied_notes", "varied notes   ")):
        per_note = (_instructions(which, n, True) - _instructions(which, n, False)) / n
        print(f"parse_notes, {label}: {per_note:,.0f} instructions a note ({n} notes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
