"""footnote-kit: footnotes to clean bibliographic records, link checks and CSL rendering.

The package is a library first; ``footnote_kit.cli`` is a thin shell over it. This module
imports the standard library only (the pre-commit hook imports it on every commit).
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
