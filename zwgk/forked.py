"""One piece of work in a forked child process: how the render workers' neighbour (the open data
and search index) and the checker's workers are started."""
from __future__ import annotations

import os
from collections.abc import Callable


def start(work: Callable[[], None]) -> int:
    """Run work in a forked child process that ends when work does, with exit status 0, or 1 if it
    raised, and without running the parent's exit handlers or flushing its unwritten output;
    the child's pid, for os.waitpid."""
    pid = os.fork()
    if pid == 0:
        status = 1
        try:
            work()
            status = 0
        finally:
            os._exit(status)
    return pid
