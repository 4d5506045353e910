"""Process settings for a long import, owned by the program that runs it (the window or the
command line) and handed to the import: never changed behind the program's back by a library.

While an import runs, an import-heavy process benefits from two interpreter settings:
- the garbage collector's automatic runs are off, and the import asks for one collection of
  the young generations between batches (:meth:`ImportTuning.between_batches`). An import
  keeps tens of thousands of objects alive for a while (the batches in flight) and more for
  its whole length (what it has seen, to match repeats): automatic young collections kept
  scanning the first, and the full collections their growth set off rescanned the second
  and the whole application (one paused the window for 67 ms). Between batches only the
  objects made since the last batch are scanned, once, and a batch's cyclic garbage is freed
  before the next batch: memory does not grow with the file (tested). The event loop spent
  122 µs a book of a Goodreads import against 138 with a young threshold of 100,000, and 46
  against 47.6 on a plain file (side by side, ``thread_time``). A program that runs without
  automatic collection is left so.
- a shorter thread switch interval (``SWITCH_INTERVAL_S``): the database driver's thread needs
  the GIL for a moment around each statement and waited up to the whole default interval
  behind the busy event loop.
"""

from __future__ import annotations

import gc
import sys
from types import TracebackType

SWITCH_INTERVAL_S = 0.0005


class ImportTuning:
    """A context manager applying the settings while at least one import runs, restoring
    the ones from before the first when the last ends. One object per program."""

    def __init__(self) -> None:
        self._users = 0
        self._switch_interval = 0.0
        self._collecting = False
        """Whether automatic collection was turned off here (and is collected for)."""

    def __enter__(self) -> ImportTuning:
        if self._users == 0:
            self._apply()
        self._users += 1
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._users -= 1
        if self._users == 0:
            self._restore()

    def between_batches(self) -> None:
        """Collect the young generations (what the batches just done left), if automatic
        collection is off because of this tuning."""
        if self._collecting:
            gc.collect(1)

    def _apply(self) -> None:
        self._switch_interval = sys.getswitchinterval()
        sys.setswitchinterval(min(self._switch_interval, SWITCH_INTERVAL_S))
        self._collecting = gc.isenabled()
        gc.disable()

    def _restore(self) -> None:
        if self._collecting:
            gc.enable()
            self._collecting = False
        sys.setswitchinterval(self._switch_interval)
