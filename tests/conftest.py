"""Shared fixtures: paths to the bundled example, and a CLI runner that returns exit codes."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "central-asia-notes.txt"


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str


def run_cli(*args: str, cwd: Path | None = None, input: str | None = None, env: dict[str, str] | None = None) -> Run:
    """Run ``footnote-kit`` in a fresh process, as a user would (exit codes included)."""
    proc = subprocess.run(
        [sys.executable, "-m", "footnote_kit", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        input=input,
        env=env,
        timeout=300,
    )
    return Run(proc.returncode, proc.stdout, proc.stderr)


@pytest.fixture
def example() -> Path:
    return EXAMPLE
