#!/usr/bin/env python3
"""Measure the pre-commit hook's latency, warm and cold, as pre-commit would run it.

Generates a repository of drafts citing N distinct URLs (Markdown chapters with footnotes
and a .bib), served by local HTTP servers on 127.0.0.1..127.0.0.K (one "site" each, a few
dead pages among them), then times fresh ``footnote-kit-hook check FILE...`` processes:

- cold: empty link cache, every URL fetched from the local servers;
- warm: the cache filled by the cold run, no request made (the common commit);
- warm lint: ``footnote-kit-hook lint`` on the same files.

Prints the figures (wall time of a whole process, the minimum and median of --runs).
Example: python scripts/bench_hook.py --urls 500 --runs 7
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
import runtime  # noqa: E402


class Handler(BaseHTTPRequestHandler):
    latency = 0.0
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802
        if self.latency:
            time.sleep(self.latency)
        code = 404 if "/gone/" in self.path else 200
        body = b"<html><head><title>Story</title></head><body><h1>Story</h1></body></html>"
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_HEAD = do_GET

    def log_message(self, *args: object) -> None:
        pass


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a checker that closes a connection early (bodies are capped) is not news


def start_servers(hosts: int) -> tuple[list[QuietServer], list[str]]:
    servers, bases = [], []
    for i in range(hosts):
        httpd = QuietServer((f"127.0.0.{i + 1}", 0), Handler)
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        servers.append(httpd)
        bases.append(f"http://127.0.0.{i + 1}:{httpd.server_address[1]}")
    return servers, bases


def make_repo(root: Path, bases: list[str], urls: int, per_file: int = 50) -> list[str]:
    """Chapters of ``per_file`` footnotes each (the last chapter's URLs go in a .bib)."""
    (root / ".git").mkdir(parents=True)
    # The servers are on 127.0.0.x, which check refuses unless the settings allow it.
    (root / ".footnote-kit.toml").write_text("[check]\nallow-private = true\n", encoding="utf-8")
    files: list[str] = []
    n = 0
    chapter = 0
    while n < urls:
        chapter += 1
        count = min(per_file, urls - n)
        if chapter % 5 == 0:
            name = f"refs{chapter}.bib"
            entries = []
            for _ in range(count):
                base = bases[n % len(bases)]
                entries.append(f"@online{{k{n},\n  title = {{Story {n}}},\n  url = {{{base}/2020/05/{n % 28 + 1:02d}/story-{n}}},\n}}\n")
                n += 1
            (root / name).write_text("\n".join(entries), encoding="utf-8")
        else:
            name = f"chapter{chapter}.md"
            body = [f"# Chapter {chapter}\n"]
            notes = []
            for i in range(count):
                base = bases[n % len(bases)]
                path = f"/gone/story-{n}" if n % 50 == 7 else f"/2020/05/{n % 28 + 1:02d}/story-{n}"
                body.append(f"A claim.[^{i + 1}]")
                notes.append(f"[^{i + 1}]: Ana Writer, “Story {n},” The Outlet, {n % 28 + 1} May 2020, {base}{path}.")
                n += 1
            (root / name).write_text("\n".join(body) + "\n\n" + "\n".join(notes) + "\n", encoding="utf-8")
        files.append(name)
    return files


def hook_command() -> list[str]:
    script = Path(sys.executable).parent / "footnote-kit-hook"
    return [str(script)] if script.exists() else [sys.executable, "-m", "footnote_kit.hook"]


CPU: list[float] = []
"""CPU seconds (user + system) of each timed process: less sensitive than wall time to a
machine shared with other work, which the figures should not hide."""


def run(cmd: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, int]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU.append((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))
    if proc.returncode not in (0, 1):
        sys.exit(f"hook failed ({proc.returncode}): {proc.stderr.strip()}")
    return elapsed, proc.returncode


def _ms(values: list[float]) -> str:
    return f"min {min(values) * 1000:.0f} ms, median {statistics.median(values) * 1000:.0f} ms"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--urls", type=int, default=500, help="distinct cited URLs (default 500)")
    ap.add_argument("--hosts", type=int, default=10, help="local sites, 127.0.0.1..N (default 10)")
    ap.add_argument("--runs", type=int, default=7, help="warm runs to time (default 7)")
    ap.add_argument("--latency-ms", type=float, default=0.0, help="server delay per response (default 0)")
    args = ap.parse_args()
    runtime.require_dependencies()
    Handler.latency = args.latency_ms / 1000
    servers, bases = start_servers(args.hosts)
    tmp = Path(tempfile.mkdtemp(prefix="fk-bench-hook-"))
    try:
        repo = tmp / "drafts"
        files = make_repo(repo, bases, args.urls)
        env = {**os.environ, "XDG_CACHE_HOME": str(tmp / "cache")}
        # As installed by pip (and by pre-commit), modules load from compiled bytecode; a
        # shell that forbids writing it would time the compiler instead of the hook.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        subprocess.run([sys.executable, "-c", "import footnote_kit.hook, footnote_kit.lint, footnote_kit.links.cache, footnote_kit.links.http"], env=env, check=True)
        check = hook_command() + ["check", *files]
        lint = hook_command() + ["lint", *files]
        base_wall = [run([sys.executable, "-c", "pass"], repo, env)[0] for _ in range(3)]
        base_cpu = CPU[-3:]
        # A yardstick measured at the same moment: on an idle machine importing typer alone
        # takes about 68 ms, so its figure here says how loaded the machine is.
        typer_wall = [run([sys.executable, "-c", "import typer"], repo, env)[0] for _ in range(3)]
        typer_cpu = CPU[-3:]
        cold, rc = run(check, repo, env)
        cold_cpu = CPU[-1]
        warm = [run(check, repo, env)[0] for _ in range(args.runs)]
        warm_cpu = CPU[-args.runs:]
        lint_runs = max(3, args.runs // 2)
        lint_warm = [run(lint, repo, env)[0] for _ in range(lint_runs)]
        lint_cpu = CPU[-lint_runs:]
        load = os.getloadavg()[0]
        print(f"repository: {len(files)} files citing {args.urls} distinct URLs on {args.hosts} local hosts"
              f" (latency {args.latency_ms:g} ms/response); hook exit code {rc} (a few links are dead on purpose)")
        print(f"machine: {os.cpu_count()} cores, load average {load:.1f} while measuring")
        print(f"{'':44} {'wall':>28}   {'cpu (user+sys)':>28}")
        print(f"{'python -c pass (interpreter start-up)':44} {_ms(base_wall):>28}   {_ms(base_cpu):>28}")
        label = 'python -c "import typer" (a yardstick)'
        print(f"{label:44} {_ms(typer_wall):>28}   {_ms(typer_cpu):>28}")
        print(f"{'hook check, cold (empty cache, all fetched)':44} {cold * 1000:>25.0f} ms   {cold_cpu * 1000:>25.0f} ms")
        print(f"{'hook check, warm (all cached, no request)':44} {_ms(warm):>28}   {_ms(warm_cpu):>28}")
        print(f"{'hook lint, same files':44} {_ms(lint_warm):>28}   {_ms(lint_cpu):>28}")
    finally:
        for s in servers:
            s.shutdown()
            s.server_close()
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
