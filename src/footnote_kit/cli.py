"""The console entry point ``footnote-kit`` (``footnote_kit.commands`` is the command line).

Kept so that ``footnote_kit.cli:main``, the entry point installed scripts name, and
``from footnote_kit.cli import app`` go on working.
"""

from __future__ import annotations

from footnote_kit.commands import app, main

__all__ = ["app", "main"]
