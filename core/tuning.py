"""Process settings for a long import, owned by the program that runs it (the window or the
command line) and handed to the import: never changed behind the program's back by a library.

While an import runs, an import-heavy process benefits from two interpreter settings:
- the garbage collector scans nothing: its automatic runs are off, and between batches
  (:meth:`ImportTuning.between_batches`) every object alive is frozen (``gc.freeze``, which
  moves them aside without looking at them; refcounting still frees them). An import keeps
  tens of thousands of objects alive for a while (about 46,000 a batch of 2,000 books: the
  batches in flight) and more for its whole length (what it has seen, to match repeats); a
  collection of only the young generations between batches took 7-21 ms each, 10 µs a book,
  and automatic collections scanned the same objects again as they aged (a full one paused
  the window for 67 ms). Event loop a book of a plain file: 42.5-42.9 µs frozen against
  48.3-53.6 collected between batches (side by side, ``thread_time``). What an import leaves
  as cyclic garbage is little (557 objects over 50,000 books) and is collected after it,
  when everything is unfrozen and automatic collection is on again.
- a shorter thread switch interval (``SWITCH_INTERVAL_S``): the database driver's thread needs
  the GIL for a moment around each statement and waited up to the whole default interval
  behind the busy event loop.

A program that runs without automatic collection, or that froze objects itself, manages its
collector: the tuning leaves it alone (and never unfreezes what it did not freeze).
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
        self._collector = False
        """Whether the collector is tuned here (automatic runs off, objects frozen)."""

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
        """A batch is committed: freeze what is alive, so that no collection scans it."""
        if self._collector:
            gc.freeze()

    def _apply(self) -> None:
        self._switch_interval = sys.getswitchinterval()
        sys.setswitchinterval(min(self._switch_interval, SWITCH_INTERVAL_S))
        self._collector = gc.isenabled() and gc.get_freeze_count() == 0
        if self._collector:
            gc.disable()

    def _restore(self) -> None:
        if self._collector:
            gc.unfreeze()
            gc.enable()
            self._collector = False
        sys.setswitchinterval(self._switch_interval)
