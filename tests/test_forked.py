"""zwgk/forked.py share: items shared by this process and forked children, every item done once
and reported in place."""
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
def test_first_runs_here_while_the_children_start():
    results = [None] * 40
    started = []
    sharing = forked.share(40, _work, 1, results, 4, first=lambda: (started.append(os.getpid()), time.sleep(0.5)))
    assert sum(1 for _ in sharing) == 40
    assert started == [os.getpid()]
    assert all(pid != os.getpid() for _, pid in results)  # the child did every item meanwhile
