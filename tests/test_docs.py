"""The README's and docs' promises hold as written.

- The README opens with its two set-up commands, and CI runs the test command verbatim.
- Every command, option and argument of ``footnote-kit`` (and of the hook's
  ``footnote-kit-hook``) appears in the docs, so nothing a user can type is undocumented.
- Every relative link and ``#anchor`` in README.md and docs/ leads somewhere.
- Every shell example runs, as sqlite-utils checks its docs: each ``footnote-kit`` line
  of a ```sh block must exit 0 or 1 (1 = findings), and each ```console block (or ```text
  block starting ``$ footnote-kit``) must print the lines it quotes (``...`` stands for
  anything). They run in a temporary folder holding the repository's ``examples/`` and
  ``bib/`` (and ``notes.txt``, a copy of the sample), in document order, with no internet:
  a guard refuses every address but loopback and the test fails when an example tried one.
  A block that needs the network is marked ``<!-- no-test: network -->`` on the line
  before it. The Wayback Machine is a local stand-in holding the URLs the sample's authors
  cited (``tests/data/repair/central-asia-true-urls.json``), which is what the README's
  ``fix`` step shows.
"""

from __future__ import annotations

import importlib
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import textwrap
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any, Iterator

import pytest
from conftest import ROOT, run_cli

DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
BLOCK = re.compile(r"(?:^(<!--[^\n]*-->)\n)?^```(\w*)\n(.*?)^```", re.S | re.M)
NO_TEST = "<!-- no-test: network -->"


def _readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```sh\n(.*?)\n```", text, flags=re.S)


def _all_docs_text() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in DOCS)


def test_readme_opens_with_install_run_and_install_test_commands() -> None:
    commands = _readme_commands()
    assert len(commands) >= 2
    run, test = commands[0], commands[1]
    assert "pip install ." in run and "footnote-kit" in run and "examples/" in run
    assert "pip install '.[test]'" in test and "pytest" in test
    # The first thing a newcomer runs shows something readable, not a flood of JSON.
    args = shlex.split(run.split(".venv/bin/footnote-kit", 1)[1])
    shown = run_cli(*args, cwd=ROOT)
    assert shown.code == 0, shown.stderr
    assert not shown.stdout.lstrip().startswith(("{", "[")) and len(shown.stdout.splitlines()) < 200
    assert "Istochniki: v Sirii arestovany" in shown.stdout


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    test_command = _readme_commands()[1]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test_command in ci.splitlines()


# --- every command and option is documented ------------------------------------------------


def _cli_command() -> Any:
    """The click command behind the ``footnote-kit`` console script, wherever it lives."""
    import typer

    (script,) = [ep for ep in entry_points(group="console_scripts") if ep.name == "footnote-kit"]
    module = importlib.import_module(script.module)
    for value in vars(module).values():
        if isinstance(value, typer.Typer):
            return typer.main.get_command(value)
        if hasattr(value, "commands") and hasattr(value, "params"):  # a click group
            return value
    raise AssertionError(f"no typer app or click group found in {script.module} (the footnote-kit script's module)")


# Each command's reference page: its options must be documented there, where a reader of
# that command looks, not merely somewhere.
PAGES = {
    "parse": "docs/parsing.md",
    "export": "docs/export.md",
    "check": "docs/check.md",
    "fix": "docs/fix.md",
    "render": "docs/render.md",
    "styles": "docs/render.md",
    "lint": "docs/lint-and-hook.md",
}


def test_every_command_and_option_is_documented_on_its_page() -> None:
    cli = _cli_command()
    everything = _all_docs_text()
    missing: list[str] = []
    for opt in (o for p in cli.params for o in p.opts):
        if f"`{opt}`" not in everything and f"{opt}`" not in everything:
            missing.append(f"footnote-kit {opt}")
    assert set(cli.commands) == set(PAGES), "a command was added or removed: give it a page in PAGES and in the docs"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, command in cli.commands.items():
        page = (ROOT / PAGES[name]).read_text(encoding="utf-8")
        if f"footnote-kit {name}" not in readme or f"footnote-kit {name}" not in page:
            missing.append(f"footnote-kit {name} (README.md and {PAGES[name]})")
        for param in command.params:
            for opt in param.opts:
                if opt.startswith("--") and not re.search(re.escape(opt) + r"(?![\w-])", page):
                    missing.append(f"footnote-kit {name} {opt} ({PAGES[name]})")
                elif opt.startswith("-") and not opt.startswith("--") and not re.search(r"(?<![\w-])" + re.escape(opt) + r"(?![\w-])", everything):
                    missing.append(f"footnote-kit {name} {opt} (short form, anywhere in the docs)")
    assert not missing, "undocumented:\n" + "\n".join(missing)


def test_the_hook_scripts_options_are_documented() -> None:
    import argparse

    from footnote_kit.hook import build_parser

    page = (ROOT / "docs" / "lint-and-hook.md").read_text(encoding="utf-8")
    parser = build_parser()
    subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    found: list[str] = []
    for sub in subs:
        for name, subparser in sub.choices.items():
            found.append(name)
            for action in subparser._actions:
                found += [o for o in action.option_strings if o.startswith("--") and o != "--help"]
    assert {"lint", "check", "--offline"} <= set(found)
    missing = [o for o in found if o not in page]
    assert "footnote-kit-hook" in page and not missing, missing


# --- links and anchors -----------------------------------------------------------------------


def _slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"`|\*\*|\*|\[|\]\([^)]*\)", "", heading.strip().lower())
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def _anchors(path: Path) -> set[str]:
    seen: dict[str, int] = {}
    out: set[str] = set()
    for heading in re.findall(r"^#{1,6} (.+)$", _without_code(path.read_text(encoding="utf-8")), flags=re.M):
        slug = _slug(heading)
        out.add(slug if slug not in seen else f"{slug}-{seen[slug]}")
        seen[slug] = seen.get(slug, 0) + 1
    out |= set(re.findall(r"<a (?:id|name)=\"([^\"]+)\"", path.read_text(encoding="utf-8")))
    return out


def _without_code(text: str) -> str:
    return re.sub(r"^```.*?^```", "", text, flags=re.S | re.M)


def test_every_relative_link_and_anchor_resolves() -> None:
    broken: list[str] = []
    checked = 0
    for doc in DOCS + [ROOT / "examples" / "README.md"]:
        text = re.sub(r"`[^`\n]*`", "", _without_code(doc.read_text(encoding="utf-8")))
        for target in re.findall(r"\]\(([^)\s]+)\)", text):
            if re.match(r"[a-z]+:", target):
                continue
            checked += 1
            file_part, _, anchor = target.partition("#")
            dest = (doc.parent / file_part).resolve() if file_part else doc
            if not dest.exists():
                broken.append(f"{doc.relative_to(ROOT)}: {target} (no such file)")
            elif anchor and dest.suffix == ".md" and anchor not in _anchors(dest):
                broken.append(f"{doc.relative_to(ROOT)}: {target} (no such heading in {dest.name})")
    assert checked > 20
    assert not broken, "\n".join(broken)


def test_the_readme_links_every_docs_page() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    unlinked = [p.name for p in (ROOT / "docs").glob("*.md") if f"](docs/{p.name})" not in readme]
    assert not unlinked, unlinked


def test_anchor_slugs_follow_github() -> None:
    assert _slug("How fields are read: the rules and a learned model") == "how-fields-are-read-the-rules-and-a-learned-model"
    assert _slug("`parse --repair` and `export --repair`") == "parse---repair-and-export---repair"
    assert _slug("What it refuses by default, and why") == "what-it-refuses-by-default-and-why"


# --- every shell example runs ----------------------------------------------------------------

COMMAND = re.compile(r"(?:^|[|;&]\s*)footnote-kit\s")


def _examples(doc: Path) -> Iterator[tuple[str, str, list[str]]]:
    """(kind, command, quoted output lines) in document order; kind is "sh" or "console"."""
    for marker, lang, body in BLOCK.findall(doc.read_text(encoding="utf-8")):
        if marker == NO_TEST:
            continue
        lines = body.rstrip("\n").split("\n")
        if lang == "sh":
            for line in lines:
                if COMMAND.search(line):
                    yield "sh", line, []
        elif lang in ("console", "text") and lines[0].startswith("$ footnote-kit"):
            command, output = lines[0][2:], []
            for line in lines[1:]:
                if line.startswith("$ "):
                    yield "console", command, output
                    command, output = line[2:], []
                else:
                    output.append(line)
            yield "console", command, output


def _matches(quoted: str, actual: list[str]) -> bool:
    pattern = ".*".join(re.escape(part) for part in quoted.strip().split("..."))
    return any(re.fullmatch(pattern, line.strip()) for line in actual)


GUARD = '''
"""Docs examples run offline: every address but loopback is refused and written down."""
import os, socket
_real = socket.getaddrinfo
def _guard(host, *args, **kwargs):
    name = host.decode() if isinstance(host, bytes) else str(host)
    if host is not None and name not in ("localhost", "::1") and not name.startswith("127."):
        with open(os.environ["FK_DOCS_NETLOG"], "a", encoding="utf-8") as log:
            log.write(name + "\\n")
        raise socket.gaierror(socket.EAI_NONAME, "docs examples run without the internet")
    return _real(host, *args, **kwargs)
socket.getaddrinfo = _guard
'''


@pytest.fixture(scope="module")
def archive() -> Iterator[str]:
    """A local stand-in for the Wayback Machine holding the URLs the sample's authors cited."""
    from linkserver import LinkServer

    truth = json.loads((ROOT / "tests/data/repair/central-asia-true-urls.json").read_text(encoding="utf-8"))
    server = LinkServer().start()
    for url in truth["urls"]:
        server.archive[url["true"]] = [("20201201000000", 200)]
    yield server.base
    server.stop()


def _workspace(tmp: Path) -> Path:
    work = tmp / "work"
    for folder in ("examples", "bib"):
        shutil.copytree(ROOT / folder, work / folder)
    shutil.copy(ROOT / "examples" / "central-asia-notes.txt", work / "notes.txt")
    return work


@pytest.mark.slow
@pytest.mark.parametrize("doc", [d for d in DOCS if list(_examples(d))], ids=lambda d: d.name)
def test_every_shell_example_runs(doc: Path, tmp_path: Path, archive: str) -> None:
    work = _workspace(tmp_path)
    guard = tmp_path / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(textwrap.dedent(GUARD), encoding="utf-8")
    netlog = tmp_path / "net.log"
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(guard), os.environ.get("PYTHONPATH")])),
        "FK_DOCS_NETLOG": str(netlog),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "FOOTNOTE_KIT_ARCHIVE_URL": archive,
        "NO_COLOR": "1",
    }
    failures: list[str] = []
    for kind, command, quoted in _examples(doc):
        proc = subprocess.run(["bash", "-c", command], cwd=work, env=env, capture_output=True, text=True, timeout=300)
        actual = (proc.stdout + proc.stderr).splitlines()
        where = f"{doc.relative_to(ROOT)}: {command}"
        if netlog.exists():
            failures.append(f"{where}\n  asked the internet ({', '.join(sorted(set(netlog.read_text().split())))}): mark its block {NO_TEST}")
            netlog.unlink()
        if proc.returncode not in ((0, 1) if kind == "sh" else (0, 1, 2)):
            failures.append(f"{where}\n  exit {proc.returncode}: {proc.stderr.strip()[-500:]}")
            continue
        for line in quoted:
            if line.strip() and line.strip() != "..." and not _matches(line, actual):
                failures.append(f"{where}\n  does not print: {line.strip()}")
    assert not failures, "\n".join(failures)


def test_every_benchmark_section_names_the_script_that_makes_its_figures() -> None:
    named: list[str] = []
    for page in ("benchmarks.md", "fidelity.md"):
        text = (ROOT / "docs" / page).read_text(encoding="utf-8")
        for section in re.split(r"^## ", text, flags=re.M)[1:] or [text]:
            scripts = re.findall(r"python (scripts/[\w/]+\.py)", section)
            assert scripts, f"docs/{page}: section {section.splitlines()[0]!r} names no command"
            named += scripts
    missing = sorted({s for s in named if not (ROOT / s).exists()})
    assert not missing, f"figures name scripts that are not there: {missing}"
