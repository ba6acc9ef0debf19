"""What the commands share: option definitions, the settings merge, messages, progress.

Nothing here parses notes, checks links or renders (the library does); this is the part
of the command line that is the same for every command.
"""

from __future__ import annotations

import contextlib
import json
import sys
from typing import TYPE_CHECKING, Any, Callable, Iterator, Optional

import typer

from footnote_kit.errors import UsageError

if TYPE_CHECKING:
    from pathlib import Path

    from footnote_kit.config import Settings


def parse_range(spec: Optional[str]) -> Optional[tuple[int, int]]:
    """``698-753`` (or ``698``) -> (698, 753); anything else is a usage error."""
    if spec is None:
        return None
    text = spec.strip().replace("–", "-")
    head, sep, tail = text.partition("-")
    try:
        first = int(head)
        last = int(tail) if sep else first
    except ValueError:
        raise UsageError(f"--notes takes a range such as 698-753, not {spec!r}") from None
    if first < 0 or last < first:
        raise UsageError(f"--notes {spec}: the range is empty (the first number must not exceed the last)")
    return first, last


def echo_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


def warn(message: str) -> None:
    """A message on stderr, on a line of its own even while a progress display is drawn."""
    if sys.stderr.isatty():
        sys.stderr.write("\r\x1b[K")
    typer.echo(message, err=True)


def plural(count: int, one: str, many: str | None = None) -> str:
    """``1 note``, ``2 notes``, ``1 entry``, ``3 entries``."""
    return f"{count} {one if count == 1 else (many or one + 's')}"


def check_choice(value: str, choices: tuple[str, ...], option: str = "--format") -> str:
    """An option that takes one of a few words; a usage error names them."""
    if value not in choices:
        listed = ", ".join(choices[:-1]) + f" or {choices[-1]}" if len(choices) > 1 else choices[0]
        raise UsageError(f"{option} must be {listed}, not {value!r}")
    return value


def reader_name(value: Optional[str]) -> Optional[str]:
    """``--from``, checked against the registry of readers (a usage error names them)."""
    if value is None:
        return None
    from footnote_kit.documents import by_name

    return by_name(value).name


def typed(ctx: typer.Context, name: str) -> bool:
    """Whether the user gave option ``name`` (even with its default value)."""
    source = ctx.get_parameter_source(name)
    return source is not None and source.name not in ("DEFAULT", "DEFAULT_MAP")


def settings_for(ctx: typer.Context, *, config: Path | None = None, **options: Any) -> Settings:
    """The project's settings (docs/configuration.md) with each option the user typed
    put in its place: an option on the command line always wins, even when it repeats
    its default (``--timeout 10`` over a settings file's ``timeout = 30``); an option left
    out leaves the settings file's value. The one merge every command uses."""
    from footnote_kit.config import load_settings, with_options

    flags = {p.name: max(p.opts, key=len) for p in ctx.command.params if p.name and p.opts}
    given = {name: value for name, value in options.items() if typed(ctx, name)}
    return with_options(load_settings(config=config), given, flags)


NOTES_OPTION = typer.Option(
    None, "--notes", "-n", metavar="A-B", help="Only notes A to B (e.g. 698-753). Default: every block of numbered notes found."
)
ENCODING_OPTION = typer.Option(
    None, "--encoding", metavar="NAME", help="Read the input in this encoding (e.g. cp1252, utf-16). Default: UTF-8."
)
FROM_OPTION = typer.Option(
    None,
    "--from",
    metavar="FORMAT",
    help=(
        "Read documents as this format: plain, markdown, latex, html, docx, odt, epub or pdf. "
        "Default: from each file's suffix, then its first bytes, then its text."
    ),
)
REPAIR_OPTION = typer.Option(
    False, "--repair", help="Carry an evidenced repair of each URL a PDF copy damaged as URL-repair (the URL stays as printed)."
)
ARCHIVE_URL_OPTION = typer.Option(
    None, "--archive-url", metavar="URL", help="With --repair: the Wayback Machine's base address (default: $FOOTNOTE_KIT_ARCHIVE_URL or web.archive.org)."
)
NO_LIVE_OPTION = typer.Option(False, "--no-live", help="With --repair: evidence from the archive only; never contact the cited sites.")
ALLOW_PRIVATE_OPTION = typer.Option(
    False, "--allow-private", help="Also ask URLs on loopback, private and link-local addresses (an intranet); refused by default."
)


def evidence(ctx: typer.Context, archive_url: Optional[str], no_live: bool, allow_private: bool) -> Any:
    """``links.repair.Evidence`` from ``--archive-url``, ``--no-live`` and
    ``--allow-private`` (or the settings file's ``[check] allow-private``)."""
    from footnote_kit.links.repair import Evidence

    settings = settings_for(ctx, allow_private=allow_private)
    return Evidence(archive_url=archive_url, live=not no_live, allow_private=settings.check.allow_private)


@contextlib.contextmanager
def on_terminal(draw: Callable[[str], Any], label: str, *, when: bool = True) -> Iterator[Any]:
    """A progress display on stderr while a block runs, wiped when it ends.

    Only on a terminal (``None`` is yielded elsewhere, so pipes and CI logs stay clean),
    and the line is cleared even when the block fails, so an error message starts on a
    line of its own. ``draw`` is ``bar`` (work of known size) or ``counter``.
    """
    show = draw(label) if when and sys.stderr.isatty() else None
    try:
        yield show
    finally:
        if show is not None:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()


def bar(label: str) -> Callable[[int, int], None]:
    """Draws ``label [####....] done/total (rate/s)`` for work of known size."""
    import time

    start = time.monotonic()

    def show(done: int, total: int) -> None:
        width = 30
        filled = int(width * done / total) if total else width
        rate = done / max(time.monotonic() - start, 1e-3)
        sys.stderr.write(f"\r\x1b[K{label} [{'#' * filled}{'.' * (width - filled)}] {done}/{total} ({rate:.0f}/s)")
        sys.stderr.flush()

    return show


def counter(label: str) -> Callable[..., None]:
    """Draws ``label: N`` for work whose size is not known in advance (URL repair);
    called with a file's name too, it counts per file (``refs.bib: repairing URLs: 3``)."""
    count: dict[str, int] = {}

    def tick(*where: str) -> None:
        place = where[0] if len(where) > 1 else ""
        count[place] = count.get(place, 0) + 1
        sys.stderr.write(f"\r\x1b[K{place + ': ' if place else ''}{label}: {count[place]}")
        sys.stderr.flush()

    return tick
