#!/usr/bin/env python3
"""How footnote-kit's commands grow with the size of a document: 1k, 10k and 100k notes.

Writes a Markdown chapter of N notes (each citing a URL on one of 8 loopback hosts, one
URL in 20 damaged the way a PDF copy damages it: a hyphen lost in its slug), serves the
URLs and a fake Wayback Machine (holding captures of the true URLs) on 127.0.0.2-10, and
runs, each in a fresh process:

    parse            footnote-kit parse DOC
    lint             footnote-kit lint DOC
    check            footnote-kit check DOC --allow-private --no-cache --archive none
    fix --dry-run    footnote-kit fix DOC --repair --dry-run --no-live --archive-url ARCHIVE
    render           footnote-kit render DOC --style chicago-notes-bibliography --mode notes

printing wall time, CPU time and peak memory (the process's maximum resident set) per
step and size, and how the CPU time grew from the size before against n log n (CPU,
because the wall time of a shared machine says as much about the other jobs). The same steps run in the
same invocation on a baseline (``--baseline REV``, default ``main``: a git revision
exported to a scratch folder), each stopped after ``--limit`` seconds.

Only loopback addresses are contacted.

    python scripts/bench_scale.py [--sizes 1000,10000,100000] [--baseline main|none] [--limit 300]
                                  [--baseline-sizes 1000,10000] [--baseline-limit 300]
"""

from __future__ import annotations

import argparse
import math
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
import runtime  # noqa: E402

WORDS = (
    "kazakhstan security ministry report terror arrests border trade energy water election reform court police "
    "migrants province governor customs railway pipeline drought harvest council treaty summit protest"
).split()
HOSTS = 8


def chapter(n: int, bases: list[str], seed: int = 7) -> tuple[str, dict[str, str]]:
    """A Markdown chapter of ``n`` notes; and the true URL of each damaged one."""
    rng = random.Random(seed)
    body = [f"Claim {i}.[^{i}]" for i in range(1, n + 1)]
    notes: list[str] = []
    damaged: dict[str, str] = {}
    for i in range(1, n + 1):
        title = [rng.choice(WORDS) for _ in range(5)]
        base = bases[i % len(bases)]
        true = f"{base}/page/{i}-{'-'.join(title)}"
        url = true
        if i % 20 == 0:
            cut = rng.randrange(1, 4)
            url = f"{base}/page/{i}-" + "-".join(title[:cut]) + title[cut] + "".join("-" + w for w in title[cut + 1 :])
            damaged[url] = true
        notes.append(f"[^{i}]: Author {i}, “{' '.join(title).title()},” Outlet, 12 May 2020, {url}.")
    text = "# Chapter\n\n" + "\n".join(" ".join(body[k : k + 20]) for k in range(0, n, 20)) + "\n\n" + "\n".join(notes) + "\n"
    return text, damaged


def _serve(conn: object, first: int, count: int, archive_too: bool) -> None:
    """Sites 127.0.0.<first>... (and the archive after the last site) until told to stop."""
    from linkserver import LinkServer

    sites = [LinkServer(f"127.0.0.{i}", 0).start() for i in range(first, first + count)]
    archive = LinkServer(f"127.0.0.{HOSTS + 2}", 0).start() if archive_too else None
    conn.send(([s.base for s in sites], archive.base if archive else None))  # type: ignore[attr-defined]
    while True:
        msg = conn.recv()  # type: ignore[attr-defined]
        if msg == "stop":
            break
        if archive is not None:
            archive.archive.clear()
            archive.archive.update({true: [("20200512120000", 200)] for true in msg})
        conn.send("ok")  # type: ignore[attr-defined]
    for s in [*sites, *([archive] if archive else [])]:
        s.stop()


def run(args: list[str], src: Path, limit: float) -> tuple[float | None, float, float]:
    """(wall seconds or None when stopped at ``limit``, CPU seconds, peak resident MB) of one command."""
    env = dict(os.environ, PYTHONPATH=str(src), NO_PROXY="127.0.0.0/8", no_proxy="127.0.0.0/8")
    for key in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"):
        env.pop(key, None)
    t0 = time.monotonic()
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen([sys.executable, "-m", "footnote_kit", *args], stdout=subprocess.DEVNULL, stderr=err, env=env)
        stopped = False
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - t0 > limit:
                proc.kill()
                stopped = True
            time.sleep(0.02)
        took = time.monotonic() - t0
        err.seek(0)
        said = err.read().decode("utf-8", "replace")
    code = os.waitstatus_to_exitcode(status)
    if not stopped and (code >= 2 or "Traceback (most recent call last)" in said):
        # a command that failed has measured nothing: say so rather than print its time
        last = said.strip().splitlines()[-1] if said.strip() else ""
        raise SystemExit(f"footnote-kit {args[0]} failed (exit {code}) under {src}: {last}")
    return (None if stopped else took), usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def steps(doc: Path, archive: str, allow_private: bool) -> list[tuple[str, list[str]]]:
    private = ["--allow-private"] if allow_private else []
    return [
        ("parse", ["parse", str(doc)]),
        ("lint", ["lint", str(doc)]),
        ("check", ["check", str(doc), *private, "--no-cache", "--archive", "none", "--format", "json"]),
        ("fix --dry-run", ["fix", str(doc), "--repair", "--dry-run", "--no-live", "--archive-url", archive]),
        ("render", ["render", str(doc), "--style", "chicago-notes-bibliography", "--mode", "notes"]),
    ]


def baseline_tree(rev: str, into: Path) -> Path | None:
    """``rev``'s ``src`` exported into ``into`` (None when git cannot find it); ``rev``
    may also be a folder that holds ``footnote_kit`` (an exported ``src``)."""
    if (Path(rev) / "footnote_kit").is_dir():
        return Path(rev)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev, "src"], capture_output=True)
    if archive.returncode != 0:
        print(f"baseline {rev!r}: {archive.stderr.decode().strip()}", file=sys.stderr)
        return None
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive.stdout, check=True)
    return into / "src"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--baseline", default="main", help="a git revision (or a src folder) to measure beside this tree, or 'none'")
    ap.add_argument("--limit", type=float, default=300.0, help="seconds after which a step is stopped")
    ap.add_argument("--only", default="", help="comma-separated step names to run (default: all)")
    ap.add_argument("--baseline-sizes", default="", help="sizes the baseline runs at (default: all of --sizes)")
    ap.add_argument("--baseline-limit", type=float, default=None, help="the baseline's --limit (default: the same)")
    args = ap.parse_args()
    runtime.require_dependencies()
    sizes = [int(s) for s in args.sizes.split(",")]
    baseline_sizes = {int(s) for s in args.baseline_sizes.split(",") if s.strip()} or set(sizes)
    if args.baseline_limit is None:
        args.baseline_limit = args.limit
    only = {s.strip() for s in args.only.split(",") if s.strip()}
    import server_processes

    half = HOSTS // 2
    pipes, servers, bases, archive = server_processes.start(_serve, [(2, half, True), (2 + half, HOSTS - half, False)])
    rows: list[tuple[str, str, int, float | None, float, float, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        trees = [("this tree", ROOT / "src")]
        if args.baseline != "none":
            base_src = baseline_tree(args.baseline, Path(tmp))
            if base_src is not None:
                trees.append((args.baseline, base_src))
        try:
            for n in sizes:
                text, damaged = chapter(n, bases)
                doc = Path(tmp) / f"chapter-{n}.md"
                doc.write_text(text, encoding="utf-8")
                for pipe in pipes:
                    pipe.send(list(damaged.values()))
                    pipe.recv()
                for label, src in trees:
                    if label != "this tree" and n not in baseline_sizes:
                        continue
                    limit = args.limit if label == "this tree" else args.baseline_limit
                    allow = "--allow-private" in subprocess.run(
                        [sys.executable, "-m", "footnote_kit", "check", "--help"], capture_output=True, text=True,
                        env=dict(os.environ, PYTHONPATH=str(src)),
                    ).stdout
                    for name, cmd in steps(doc, archive, allow):
                        if only and name not in only:
                            continue
                        took, cpu, peak = run(cmd, src, limit)
                        rows.append((label, name, n, took, cpu, peak, limit))
                        shown = f"{took:8.1f} s" if took is not None else f"> {limit:.0f} s"
                        print(f"  {label:<10} {name:<14} n={n:<7} {shown} {cpu:8.1f} s CPU {peak:7.0f} MB", file=sys.stderr, flush=True)
        finally:
            for pipe in pipes:
                pipe.send("stop")
            for server in servers:
                server.join(timeout=10)
    print(f"\n{'tree':<10} {'step':<14} {'notes':>7} {'wall s':>8} {'CPU s':>7} {'peak MB':>8} {'CPU x':>6} {'n log n x':>9}")
    previous: dict[tuple[str, str], tuple[int, float | None, float]] = {}
    for label, name, n, took, cpu, peak, limit in rows:
        grow = expect = ""
        before = previous.get((label, name))
        if before is not None and before[1] and took:
            grow = f"{cpu / before[2]:.1f}"
            expect = f"{(n * math.log(n)) / (before[0] * math.log(before[0])):.1f}"
        shown = f"{took:.1f}" if took is not None else f">{limit:.0f}"
        print(f"{label:<10} {name:<14} {n:>7} {shown:>8} {cpu:>7.1f} {peak:>8.0f} {grow:>6} {expect:>9}")
        previous[(label, name)] = (n, took, cpu)
    return 0


if __name__ == "__main__":
    sys.exit(main())
