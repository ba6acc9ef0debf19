"""Running jobs concurrently with a limit per host: politeness without idle workers.

Why a scheduler rather than a thread pool plus a semaphore per host: with a pool, a worker
that picks a URL of a busy host blocks on that host's semaphore while URLs of idle hosts
wait, so 300 links to one news site would starve everything else. Here a worker only ever
takes a job whose host has a free slot, round-robin over the hosts.
"""

from __future__ import annotations

import queue
import threading
from collections import deque
from typing import Callable, Iterable, Iterator, TypeVar

T = TypeVar("T")
R = TypeVar("R")


def per_host(items: Iterable[T], host_of: Callable[[T], str], work: Callable[[T], R], limit: int, workers: int) -> Iterator[R]:
    """``work(item)`` for every item, at most ``limit`` at once per host and ``workers`` in
    all; yields results as they finish (not in input order). An exception in ``work`` is
    raised here, in the caller's thread, after the jobs already running have ended."""
    by_host: dict[str, deque[T]] = {}
    total = 0
    for item in items:
        by_host.setdefault(host_of(item), deque()).append(item)
        total += 1
    if total == 0:
        return
    limit = max(1, limit)
    active = {h: 0 for h in by_host}
    hosts = deque(by_host)
    cond = threading.Condition()
    done: queue.Queue[tuple[bool, object]] = queue.Queue()
    stop = threading.Event()

    def take() -> tuple[str, T] | None:
        with cond:
            while not stop.is_set():
                if not hosts:
                    return None
                for _ in range(len(hosts)):
                    h = hosts[0]
                    hosts.rotate(-1)
                    if active[h] < limit:
                        active[h] += 1
                        item = by_host[h].popleft()
                        if not by_host[h]:
                            hosts.remove(h)
                            if not hosts:
                                cond.notify_all()  # nothing left to take: the idle workers end
                        return h, item
                cond.wait()
            return None

    def worker() -> None:
        while True:
            job = take()
            if job is None:
                return
            h, item = job
            try:
                done.put((True, work(item)))
            except BaseException as err:  # noqa: BLE001 - handed to the caller's thread
                stop.set()
                done.put((False, err))
            finally:
                with cond:
                    active[h] -= 1
                    # One freed slot is work for one worker: waking them all (dozens of
                    # threads fighting for the interpreter lock on every answer) cost more
                    # than the requests.
                    cond.notify()

    n = max(1, min(total, limit * len(by_host), workers))
    threads = [threading.Thread(target=worker, daemon=True, name=f"fk-links-{i}") for i in range(n)]
    for t in threads:
        t.start()
    try:
        for _ in range(total):
            ok, value = done.get()
            if not ok:
                assert isinstance(value, BaseException)
                raise value
            yield value  # type: ignore[misc]
    finally:
        stop.set()
        with cond:
            cond.notify_all()
