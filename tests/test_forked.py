"""zwgk/forked.py share: items shared by this process and forked children, every item done once
and reported in place, children replaced after a number of chunks when asked."""
from __future__ import annotations

import os
import time

import pytest

from zwgk import forked

needs_fork = pytest.mark.skipif(not hasattr(os, "fork"), reason="shared with forked children only where fork exists")


def _work(i: int) -> tuple[int, int]:
    time.sleep(0.002)  # long enough that every process gets chunks
    return i * i, os.getpid()


@needs_fork
def test_every_item_is_done_once_and_reported_in_place():
    results = [None] * 200
    ticks = sum(1 for _ in forked.share(200, _work, 2, results, 8))
    assert ticks == 200
    assert [square for square, _ in results] == [i * i for i in range(200)]
    assert len({pid for _, pid in results}) == 3  # this process and two children


@needs_fork
def test_children_are_replaced_after_their_chunks():
    results = [None] * 200
    ticks = sum(1 for _ in forked.share(200, _work, 1, results, 4, child_chunks=3))
    assert ticks == 200
    assert [square for square, _ in results] == [i * i for i in range(200)]
    by_child: dict[int, int] = {}
    for _, pid in results:
        if pid != os.getpid():
            by_child[pid] = by_child.get(pid, 0) + 1
    assert len(by_child) >= 3  # several children, one after the other
    assert max(by_child.values()) <= 3 * 4  # none did more than its three chunks


@needs_fork
def test_first_runs_here_while_the_children_start():
    results = [None] * 40
    started = []
    sharing = forked.share(40, _work, 1, results, 4, first=lambda: (started.append(os.getpid()), time.sleep(0.5)))
    assert sum(1 for _ in sharing) == 40
    assert started == [os.getpid()]
    assert all(pid != os.getpid() for _, pid in results)  # the child did every item meanwhile
