"""Loopback test servers in processes of their own, for the benchmarks that need many.

One Python process serving every site is bound by its interpreter lock long before the
loopback network is, so ``bench_check`` and ``bench_scale`` spread their sites over a few
processes. Each process runs ``target(conn, *args)``, which starts its servers and sends
``(their base URLs, the archive's base URL or None)`` through ``conn`` before it serves;
what the benchmark says to it afterwards (and when it stops) is the target's own protocol.
"""

from __future__ import annotations

import multiprocessing as mp
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any, Callable, Sequence


def start(target: Callable[..., None], args: Sequence[tuple[Any, ...]]) -> tuple[list[Connection], list[BaseProcess], list[str], str]:
    """(a pipe to each process, the processes, every site's base URL, the archive's base
    URL or ``""``): one process per tuple of ``args``, each started once the one before it
    serves."""
    pipes: list[Connection] = []
    procs: list[BaseProcess] = []
    bases: list[str] = []
    archive = ""
    for own in args:
        parent, child = mp.Pipe()
        proc = mp.Process(target=target, args=(child, *own), daemon=True)
        proc.start()
        got, arch = parent.recv()
        bases.extend(got)
        archive = arch or archive
        pipes.append(parent)
        procs.append(proc)
    return pipes, procs, bases, archive
