"""Work in forked child processes: one piece of work in a child of its own (start), or a list of
items shared between this process and forked children (share): how a big site's pages are
rendered and checked on every core."""
from __future__ import annotations

import gc
import os
import pickle
import threading
from collections.abc import Callable, Iterator
from typing import Any


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


def share(count: int, work: Callable[[int], Any], children: int, results: list, size: int,
          first: Callable[[], None] = lambda: None) -> Iterator[None]:
    """results[i] = work(i) for every i in range(count), done by this process and `children` forked
    children; yields once per item done (for the progress line). work must return something
    other than None.

    The items are cut into chunks of `size` (fewer, bigger ones past MAX_CHUNKS) whose first
    positions wait in a pipe, written before the fork: each process takes the next chunk when it
    is free, so a process slowed by other jobs on the machine takes fewer. This process first does
    first() (work of its own that the items need not wait for), then takes chunks too: no core
    waits for a parent that only collects. The children inherit everything made before the fork
    and send each chunk's results back through a pipe each, read here by a thread. An item a child
    did not report (it raised, or was killed) is done here at the end, so that its error, if any,
    is raised here. An error here stops the children.

    Every object a process touches gets its reference count written, which copies its memory
    page: by the end, the children and this process hold about two copies of what they read.
    (Replacing a child by a fresh fork every few hundred chunks kept that lower, but cost 6 %
    more CPU at 50,000 tasks, for 432 instead of 441-465 MB: bench/README.md.)
    """
    size = max(size, -(-count // MAX_CHUNKS))
    queue = _chunk_queue(range(0, count, size))
    # Every child forked before any thread starts here: a child forked while another thread holds
    # a lock (a file's, say) would wait for it forever if it needed it.
    forks = [_Child(*_fork_child(count, size, work, queue), results) for _ in range(children)]
    for child in forks:
        child.reader.start()
    counted_children = 0
    try:
        first()
        for start_at in _claim(queue):
            for i in range(start_at, min(start_at + size, count)):
                results[i] = work(i)
                yield
            while counted_children < sum(child.done for child in forks):
                counted_children += 1
                yield
    except BaseException:  # an error or Ctrl-C here: the children's work is not wanted
        import signal  # here: ~2 ms to import at every start (it makes enums), for a failed build only

        for child in forks:
            os.kill(child.pid, signal.SIGKILL)
        raise
    finally:
        os.close(queue)
        for child in forks:
            child.wait()
    for i, result in enumerate(results):
        if result is None:
            results[i] = work(i)
            yield
    yield from range(sum(child.done for child in forks) - counted_children)


MAX_CHUNKS = 1000  # 4 bytes each: the queue must fit in any pipe buffer before the fork


def _chunk_queue(starts) -> int:
    """A pipe holding each chunk's first position (4 bytes each); its read end."""
    read_end, write_end = os.pipe()
    data = memoryview(b"".join(start_at.to_bytes(4, "little") for start_at in starts))
    while data:
        data = data[os.write(write_end, data):]
    os.close(write_end)  # an empty queue then reads as the end of the work
    return read_end


def _claim(queue: int) -> Iterator[int]:
    """The chunks this process takes from the queue until it is empty (a read of 4 bytes
    from a pipe is atomic, so no chunk is taken twice)."""
    while True:
        token = os.read(queue, 4)
        if len(token) < 4:
            return
        yield int.from_bytes(token, "little")


class _Child:
    """A forked child and the thread here that stores what it reports."""

    def __init__(self, pid: int, pipe: int, results: list):
        self.pid = pid
        self.done = 0  # items reported so far
        self.reader = threading.Thread(target=self._read, args=(pipe, results), daemon=True)  # started by share

    def _read(self, fd: int, results: list) -> None:
        """Store the results the child sends until its pipe closes."""
        with os.fdopen(fd, "rb") as pipe:
            while True:
                size = pipe.read(8)
                if len(size) < 8:
                    return
                data = pipe.read(int.from_bytes(size, "little"))
                if len(data) < int.from_bytes(size, "little"):
                    return  # a child that died mid-message: its items are done again
                for i, result in pickle.loads(data):
                    results[i] = result
                    self.done += 1

    def wait(self) -> None:
        """Until the child has ended and everything it sent is stored."""
        self.reader.join()
        os.waitpid(self.pid, 0)


def _fork_child(count: int, size: int, work: Callable[[int], Any], queue: int) -> tuple[int, int]:
    """Fork a child that does chunks from the queue until it is empty; (its pid, the pipe it reports on)."""
    gc.freeze()  # what exists now outlives the child: its collections need not walk (and copy) it
    read_end, write_end = os.pipe()

    def do_chunks() -> None:
        os.close(read_end)
        with os.fdopen(write_end, "wb") as pipe:
            for start_at in _claim(queue):
                chunk = range(start_at, min(start_at + size, count))
                data = pickle.dumps([(i, work(i)) for i in chunk], pickle.HIGHEST_PROTOCOL)
                pipe.write(len(data).to_bytes(8, "little") + data)
                pipe.flush()

    pid = start(do_chunks)
    os.close(write_end)
    return pid, read_end
