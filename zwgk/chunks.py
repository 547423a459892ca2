"""A file made piece by piece as it is written, so that a big one is never whole in memory."""
from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Iterator

CHUNK = 1 << 20  # characters gathered before they are encoded and handed to the writer


class Chunks:
    """The bytes of one file as an iterable of pieces, made anew each time it is read."""

    def __init__(self, make: Callable[[], Iterable[bytes]]):
        self.make = make

    def __iter__(self) -> Iterator[bytes]:
        return iter(self.make())

    def __bytes__(self) -> bytes:
        return b"".join(self.make())


def take(buffer: io.StringIO) -> bytes:
    """What buffer holds, as UTF-8; the buffer is left empty."""
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text.encode("utf-8")


def gathered(pieces: Iterable[str]) -> Iterator[bytes]:
    """Pieces of text as UTF-8, gathered into chunks of about CHUNK characters."""
    buffer = io.StringIO()
    for piece in pieces:
        buffer.write(piece)
        if buffer.tell() > CHUNK:
            yield take(buffer)
    yield take(buffer)
