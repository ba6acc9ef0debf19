"""The per-host scheduler: limits hold, idle hosts are never starved, errors surface."""

from __future__ import annotations

import threading
import time
from collections import Counter

import pytest

from footnote_kit.links.schedule import per_host


def test_limits_hold_and_a_busy_host_does_not_starve_the_others() -> None:
    lock = threading.Lock()
    now: Counter[str] = Counter()
    peak: Counter[str] = Counter()
    order: list[str] = []

    def work(item: tuple[str, int]) -> str:
        host = item[0]
        with lock:
            now[host] += 1
            peak[host] = max(peak[host], now[host])
        time.sleep(0.01)
        with lock:
            now[host] -= 1
            order.append(host)
        return host

    items = [("busy", i) for i in range(30)] + [("quiet", i) for i in range(3)]
    out = list(per_host(items, lambda it: it[0], work, limit=2, workers=8))
    assert Counter(out) == {"busy": 30, "quiet": 3}
    assert peak["busy"] == 2 and peak["quiet"] <= 2
    assert max(i for i, h in enumerate(order) if h == "quiet") < 10  # not left until the end


def test_an_exception_in_a_job_reaches_the_caller() -> None:
    def work(n: int) -> int:
        if n == 3:
            raise RuntimeError("boom")
        return n

    with pytest.raises(RuntimeError, match="boom"):
        list(per_host(range(6), lambda n: str(n % 2), work, limit=1, workers=2))


def test_nothing_to_do() -> None:
    assert list(per_host([], str, str, limit=2, workers=4)) == []
