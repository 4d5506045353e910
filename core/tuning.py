"""Process settings for a long import, owned by the program that runs it (the window or the
command line) and handed to the import: never changed behind the program's back by a library.

While an import runs, an import-heavy process benefits from two interpreter settings:
- the garbage collector's young generation collected less often (``GC_YOUNG_THRESHOLD``): a
  batch keeps tens of thousands of objects alive for a while and the collector kept scanning
  them (5.8 µs a book at the default 2,000; at 100,000 the event loop spends 46.9 µs a book
  against 49.9 at 20,000: 17,905 against 17,188 books/s, side by side); the objects from
  before the import are also frozen meanwhile (``gc.freeze``), so that a full collection in
  the middle of an import does not rescan the whole application (one paused the window for
  67 ms) — only when nothing else had frozen objects, and unfrozen only if nothing froze more
  meanwhile;
- a shorter thread switch interval (``SWITCH_INTERVAL_S``): the database driver's thread needs
  the GIL for a moment around each statement and waited up to the whole default interval
  behind the busy event loop.
"""

from __future__ import annotations

import gc
import logging
import sys
from types import TracebackType

log = logging.getLogger(__name__)

SWITCH_INTERVAL_S = 0.0005
GC_YOUNG_THRESHOLD = 100_000


class ImportTuning:
    """A context manager applying the settings while at least one import runs, restoring
    the ones from before the first when the last ends. One object per program."""

    def __init__(self) -> None:
        self._users = 0
        self._switch_interval = 0.0
        self._thresholds: tuple[int, int, int] = (0, 0, 0)
        self._frozen: int | None = None
        """How many objects were frozen here (None: nothing was)."""

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

    def _apply(self) -> None:
        self._switch_interval, self._thresholds = sys.getswitchinterval(), gc.get_threshold()
        sys.setswitchinterval(min(self._switch_interval, SWITCH_INTERVAL_S))
        gc.set_threshold(max(self._thresholds[0], GC_YOUNG_THRESHOLD), *self._thresholds[1:])
        if gc.get_freeze_count() == 0:  # never take over what someone else froze
            gc.freeze()
            self._frozen = gc.get_freeze_count()

    def _restore(self) -> None:
        if self._frozen is not None:
            if gc.get_freeze_count() <= self._frozen:  # nothing froze more meanwhile
                gc.unfreeze()
            else:
                log.info("objects were frozen during the import; leaving them frozen")
            self._frozen = None
        gc.set_threshold(*self._thresholds)
        sys.setswitchinterval(self._switch_interval)
