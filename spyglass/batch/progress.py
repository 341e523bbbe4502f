"""Progress of a batch on the driver: documents done (of how many) and words per second, printed
to stderr at most every few seconds and once at the end."""

from __future__ import annotations

import sys
import threading
import time
from typing import Callable, TextIO


class Progress:
    def __init__(self, total: int | None = None, every: float = 5.0, stream: TextIO | None = None,
                 quiet: bool = False):
        self.total, self.every, self.quiet = total, every, quiet
        self.stream = stream or sys.stderr
        self.docs = self.words = 0
        self.started = time.monotonic()
        self._last = 0.0

    def add(self, words: int) -> None:
        """One document done (in this process)."""
        self.docs += 1
        self.words += words
        if time.monotonic() - self._last >= self.every:
            self.show()

    def set(self, docs: int, words: int) -> None:
        """Totals read from elsewhere (Spark's accumulators)."""
        self.docs, self.words = docs, words

    def restart(self) -> None:
        """Count the rate from now (after the engine started)."""
        self.started = time.monotonic()

    def rate(self) -> float:
        return self.words / max(time.monotonic() - self.started, 1e-9)

    def show(self, final: bool = False) -> None:
        self._last = time.monotonic()
        if self.quiet:
            return
        total = f" of {self.total}" if self.total is not None else ""
        end = "\n" if final else "\r"
        self.stream.write(f"extracted {self.docs}{total} documents, {self.words} words, "
                          f"{self.rate():,.0f} words/s{end}")
        self.stream.flush()

    def watch(self, read: Callable[[], tuple[int, int]]) -> Callable[[], None]:
        """Poll `read` in a thread until the returned stop function is called."""
        stop = threading.Event()

        def loop() -> None:
            while not stop.wait(self.every):
                self.set(*read())
                self.show()

        thread = threading.Thread(target=loop, daemon=True)
        thread.start()

        def end() -> None:
            stop.set()
            thread.join()
            self.set(*read())

        return end
