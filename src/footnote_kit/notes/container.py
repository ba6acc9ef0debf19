"""Opening the zip-and-XML documents writers send (Word, OpenDocument, EPUB) safely.

A ``.docx`` from a stranger is a zip archive of XML: it can be a renamed ``.doc``, a
truncated download, or built to hurt the reader (a zip bomb, an XML entity bomb). Every
one of those must end in a one-line ``InputError``, never a traceback or a machine out
of memory, so the readers open members only through ``Archive.xml``: sizes are checked
against the archive's directory *and* while inflating (a directory can lie), and XML that
declares a DTD is refused (no writing tool puts one in these parts).
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator
from xml.etree import ElementTree

from footnote_kit.errors import InputError

MAX_MEMBER = 256 * 1024 * 1024
"""Bytes one XML part may inflate to: a 5,000-page book's text is far below this."""
MAX_RATIO = 200
"""Inflated/compressed size above which a large member is taken for a zip bomb."""


class Archive:
    """A zip container read from bytes, with size-checked access to its members."""

    def __init__(self, data: bytes, file: str | None, what: str) -> None:
        self.file = file
        self.what = what
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
        except zipfile.BadZipFile:
            raise InputError(f"not a valid {what} file (it is not a zip archive, or it is cut short)", file=file) from None
        self.names = set(self.zip.namelist())

    def has(self, name: str) -> bool:
        return name in self.names

    def read(self, name: str) -> bytes:
        """A member's bytes, refusing one that inflates past the limits."""
        try:
            info = self.zip.getinfo(name)
        except KeyError:
            raise InputError(f"not a valid {self.what} file ({name} is missing)", file=self.file) from None
        if info.file_size > MAX_MEMBER or (info.file_size > 10_000_000 and info.file_size > MAX_RATIO * max(info.compress_size, 1)):
            raise InputError(f"refused: {name} would inflate to {info.file_size // 1_000_000} MB (a zip bomb?)", file=self.file)
        if info.flag_bits & 0x1:
            raise InputError(f"the {self.what} file is encrypted; save a copy without a password", file=self.file)
        chunks: list[bytes] = []
        total = 0
        try:
            with self.zip.open(info) as handle:
                for chunk in iter(lambda: handle.read(1 << 20), b""):
                    total += len(chunk)
                    if total > MAX_MEMBER:
                        raise InputError(f"refused: {name} inflates past {MAX_MEMBER // 1_000_000} MB (a zip bomb?)", file=self.file)
                    chunks.append(chunk)
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, RuntimeError, NotImplementedError) as err:
            raise InputError(f"cannot read {name} in the {self.what} file ({err})", file=self.file) from None
        return b"".join(chunks)

    def xml(self, name: str) -> ElementTree.Element:
        """A member parsed as XML; a DTD or a syntax error is an ``InputError`` with its line."""
        return parse_xml(self.read(name), f"{self.file}: {name}" if self.file else name)

    def members(self, prefix: str = "") -> Iterator[str]:
        return (n for n in self.zip.namelist() if n.startswith(prefix))


def parse_xml(data: bytes, where: str | None) -> ElementTree.Element:
    if b"<!DOCTYPE" in data[:4096] and b"<!ENTITY" in data:
        raise InputError("refused: the XML declares entities (an entity bomb?)", file=where)
    try:
        return ElementTree.fromstring(data)
    except ElementTree.ParseError as err:
        line = err.position[0] if getattr(err, "position", None) else None
        raise InputError(f"not well-formed XML ({err})", file=where, line=line) from None
