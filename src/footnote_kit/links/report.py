"""Link results -> what a person, a script, a code-scanning tool or GitHub reads.

Four shapes, all from the same ``LinkResult``s: ``text`` (a summary by status, then a
table of the problems with where each is cited and the archive copy to use instead),
``json`` (the stable shape documented in docs/check.md), ``sarif`` (SARIF 2.1.0 for
code-scanning dashboards) and ``github`` (``::error file=…,line=…::`` workflow commands,
which GitHub shows as annotations on the lines that cite the link). Functions return
strings; the CLI prints them.
"""

from __future__ import annotations

import json
from typing import Any, Collection, Sequence

from footnote_kit.links.network import NETWORK_DOWN
from footnote_kit.model import ArchiveSnapshot, Citing, LinkResult, LinkStatus, Repair
from footnote_kit.terminal import printable

FORMATS = ("text", "json", "sarif", "github")
QUIET = frozenset({LinkStatus.OK})
"""Statuses the text table leaves out: nothing to do about them."""

_DESCRIPTIONS: dict[LinkStatus, str] = {
    LinkStatus.OK: "The link works.",
    LinkStatus.REDIRECTED: "The link moved permanently; cite the new address.",
    LinkStatus.DEAD: "The page is gone (HTTP 404/410, or the host name no longer exists).",
    LinkStatus.ERROR: "The server failed (5xx after retries) or the link could not be followed.",
    LinkStatus.TIMEOUT: "The server did not answer in time, even after a retry.",
    LinkStatus.BLOCKED: "The server refuses robots (401/403/429/451, bot wall); the page probably exists.",
    LinkStatus.SOFT_404: "The page answers 200 but says it was not found.",
    LinkStatus.INVALID: "Not a well-formed http(s) URL.",
    LinkStatus.UNSUPPORTED: "Not an http(s) link (ftp:, mailto:, ...); not checked.",
    LinkStatus.EXCLUDED: "Skipped by configuration, or not checked (offline, not in the cache).",
}


def summary(results: Sequence[LinkResult]) -> dict[str, int]:
    """Count per status; every status is present (zero included), in ``LinkStatus`` order."""
    counts = {s.value: 0 for s in LinkStatus}
    for r in results:
        counts[r.status.value] += 1
    return counts


def to_json(results: Sequence[LinkResult]) -> dict[str, Any]:
    """``{"results": [...], "summary": {status: count}}``: the documented contract."""
    return {"results": [r.to_json() for r in results], "summary": summary(results)}


def where(c: Citing) -> str:
    """``notes.txt:452 (note 698)``, ``refs.bib:12 [smith2020]``: where a URL is cited."""
    place = c.file or "<input>"
    if c.line:
        place += f":{c.line}"
    extra = []
    if c.note is not None:
        extra.append(f"note {c.note}")
    if c.key:
        extra.append(f"[{c.key}]")
    return place + (" (" + ", ".join(extra) + ")" if extra else "")


def archive_text(r: LinkResult) -> str | None:
    return snapshot_text(r.archive) if r.archive is not None else None


def snapshot_text(a: ArchiveSnapshot) -> str:
    """``URL (captured 2020-12-15, 4 days after the cited date)``."""
    stamp = f"{a.timestamp[:4]}-{a.timestamp[4:6]}-{a.timestamp[6:8]}"
    if a.days_from_cited is None:
        return f"{a.url} (captured {stamp})"
    d = a.days_from_cited
    rel = "on the cited date" if d == 0 else f"{abs(d)} day{'s' if abs(d) != 1 else ''} {'after' if d > 0 else 'before'} the cited date"
    return f"{a.url} (captured {stamp}, {rel})"


def repair_text(repair: Repair) -> str:
    """``check --repair``: the evidenced original, or the candidates as suggestions."""
    if repair.url is not None:
        why = {
            "live": "it answers",
            "pdf-link": "the PDF links it; the page prints " + (repair.candidates[0] if repair.candidates else "it otherwise"),
        }.get(repair.evidence, "the archive holds it, not the printed URL")
        return f"{repair.url} (evidence: {repair.evidence}, {why})"
    shown = ", ".join(repair.candidates[:3]) + (" ..." if len(repair.candidates) > 3 else "")
    return f"damaged? no evidence for: {shown}"


def to_text(results: Sequence[LinkResult], fail_on: Collection[LinkStatus] = (LinkStatus.DEAD,), color: bool = False, archive_looked: bool = True) -> str:
    """The terminal report: a summary line, then each problem with where and what to do."""
    counts = summary(results)
    lines: list[str] = []
    # Links the run could not reach because the network looks down are one line, not a
    # paragraph each: they all say the same thing, and none of them is a verdict.
    unreached = [r for r in results if (r.detail or "").startswith(NETWORK_DOWN)]
    problems = [r for r in results if r.status not in QUIET and not (r.detail or "").startswith(NETWORK_DOWN)]
    order = {s: i for i, s in enumerate(LinkStatus)}
    problems.sort(key=lambda r: (r.status not in fail_on, order[r.status], r.url))
    for r in problems:
        label = r.status.value.upper()
        if color:
            code = "31" if r.status in fail_on else "33" if r.status is not LinkStatus.REDIRECTED else "36"
            label = f"\x1b[{code}m{label}\x1b[0m"
        http = f" HTTP {r.http_status}" if r.http_status else ""
        lines.append(f"{label}{http}  {r.url}")
        if r.detail:
            lines.append(f"    why:     {r.detail}")
        if r.final_url and r.final_url != r.url:
            lines.append(f"    now at:  {r.final_url}")
        for c in r.cited[:5]:
            lines.append(f"    cited:   {where(c)}")
        if len(r.cited) > 5:
            lines.append(f"    cited:   ... and {len(r.cited) - 5} more places")
        arch = archive_text(r)
        if arch:
            lines.append(f"    archive: {arch}")
        elif r.repair is not None and r.repair.archive is not None:
            lines.append(f"    archive: {snapshot_text(r.repair.archive)}, a capture of the repaired URL")
        elif archive_looked and r.status not in (LinkStatus.REDIRECTED, LinkStatus.INVALID, LinkStatus.UNSUPPORTED, LinkStatus.EXCLUDED) and "archive unavailable" not in (r.detail or ""):
            lines.append("    archive: no capture found")
        if r.repair is not None:
            lines.append(f"    repair:  {repair_text(r.repair)}")
        lines.append("")
    if unreached:
        lines.append(
            f"NOT CHECKED  {len(unreached)} link{'s' if len(unreached) != 1 else ''}: no public host answered, so the "
            "network looks down; these are not verdicts (run again online, or --offline to report from the cache)"
        )
        lines.append("")
    parts = [f"{n} {s}" for s, n in counts.items() if n]
    lines.append(f"{len(results)} link{'s' if len(results) != 1 else ''} checked: " + (", ".join(parts) if parts else "none found"))
    return "\n".join(lines)


def to_github(results: Sequence[LinkResult], fail_on: Collection[LinkStatus] = (LinkStatus.DEAD,)) -> str:
    """GitHub Actions workflow commands: an annotation on each line that cites a problem."""
    out = []
    for r in results:
        if r.status in QUIET:
            continue
        level = "error" if r.status in fail_on else "warning" if r.status is not LinkStatus.REDIRECTED else "notice"
        msg = f"{r.status.value} link{f' (HTTP {r.http_status})' if r.http_status else ''}: {r.url}"
        if r.detail:
            msg += f"\n{r.detail}"
        if r.final_url and r.status is LinkStatus.REDIRECTED:
            msg += f"\nnow at {r.final_url}"
        arch = archive_text(r)
        if arch:
            msg += f"\narchived copy: {arch}"
        for c in r.cited or (Citing(),):
            props = [f"title={_prop(r.status.value + ' link')}"]
            if c.file:
                props.insert(0, f"file={_prop(c.file)}")
            if c.line:
                props.insert(1, f"line={c.line}")
            out.append(f"::{level} {','.join(props)}::{_data(msg)}")
    return "\n".join(out)


def _data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(s: str) -> str:
    return _data(s).replace(":", "%3A").replace(",", "%2C")


def to_sarif(results: Sequence[LinkResult], fail_on: Collection[LinkStatus] = (LinkStatus.DEAD,)) -> dict[str, Any]:
    """SARIF 2.1.0: one rule per status, one result per problem link and citing place."""
    from footnote_kit import __version__

    rules = [
        {"id": s.value, "name": s.name.title().replace("_", ""), "shortDescription": {"text": _DESCRIPTIONS[s]}}
        for s in LinkStatus
        if s not in QUIET
    ]
    index = {r["id"]: i for i, r in enumerate(rules)}
    found = []
    for r in results:
        if r.status in QUIET:
            continue
        text = f"{r.status.value} link: {r.url}" + (f" ({r.detail})" if r.detail else "")
        arch = archive_text(r)
        if arch:
            text += f"; archived copy: {arch}"
        locations = []
        for c in r.cited:
            if not c.file:
                continue
            loc: dict[str, Any] = {"physicalLocation": {"artifactLocation": {"uri": c.file}}}
            if c.line:
                loc["physicalLocation"]["region"] = {"startLine": c.line}
            locations.append(loc)
        item: dict[str, Any] = {
            "ruleId": r.status.value,
            "ruleIndex": index[r.status.value],
            "level": "error" if r.status in fail_on else "warning" if r.status is not LinkStatus.REDIRECTED else "note",
            "message": {"text": text},
            "locations": locations,
            "properties": {"url": r.url, "http_status": r.http_status, "final_url": r.final_url, "archive": r.archive.to_json() if r.archive else None},
        }
        found.append(item)
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "footnote-kit", "version": __version__, "informationUri": "https://pypi.org/project/footnote-kit/", "rules": rules}},
                "results": found,
            }
        ],
    }


def shown(r: LinkResult) -> LinkResult:
    """``r`` with every text that came from a document or a server made ``printable``.

    Applied to every format: a terminal obeys control sequences in a text report, a
    code-scanning dashboard shows SARIF messages, and JSON leaves C1 controls and
    bidirectional overrides raw.
    """
    from dataclasses import replace

    def clean(text: str | None) -> str | None:
        return printable(text, one_line=True) if text is not None else None

    cited = tuple(replace(c, file=clean(c.file), key=clean(c.key)) for c in r.cited)
    archive = replace(r.archive, url=printable(r.archive.url, one_line=True)) if r.archive else None
    repair = None
    if r.repair is not None:
        repair = replace(r.repair, url=clean(r.repair.url), candidates=tuple(printable(c, one_line=True) for c in r.repair.candidates))
    return replace(r, url=printable(r.url, one_line=True), final_url=clean(r.final_url), detail=clean(r.detail), cited=cited, archive=archive, repair=repair)


def render(results: Sequence[LinkResult], fmt: str, fail_on: Collection[LinkStatus] = (LinkStatus.DEAD,), color: bool = False, archive_looked: bool = True) -> str:
    """The report in one of ``FORMATS``, every outside text made printable (``shown``)."""
    results = [shown(r) for r in results]
    if fmt == "json":
        return json.dumps(to_json(results), ensure_ascii=False, indent=2)
    if fmt == "sarif":
        return json.dumps(to_sarif(results, fail_on), ensure_ascii=False, indent=2)
    if fmt == "github":
        return to_github(results, fail_on)
    return to_text(results, fail_on, color, archive_looked)
