"""The window's asyncio loop: qasync's, plus what asyncio's own loops do for async generators.

asyncio's loops install ``sys.set_asyncgen_hooks`` while they run, so an async generator left
unfinished (an HTTP body refused halfway, as the Open Library client does with a 10 MB answer)
is closed later in a task of its own. qasync does not, and such a generator is then closed by
the garbage collector outside any task, which fails inside httpx ("async generator ignored
GeneratorExit"). This loop installs the same hooks as asyncio's.

qasync runs its callbacks from Qt timers and socket notifiers, so they also run when Qt
processes events while the loop is not running (pytest-qt between tests, the application
after ``exec()`` returned). A task stepped then found no running loop: SQLAlchemy's
``async with session`` creates a task in its exit, failed, and left its connection to the
garbage collector. This loop runs every callback as its own running loop.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable
from typing import Any

import qasync


class EventLoop(qasync.QEventLoop):  # type: ignore[misc]
    """qasync's ``QEventLoop`` with asyncio's async generator hooks while it runs."""

    _saved_hooks: sys._asyncgen_hooks | None = None

    def _before_run_forever(self) -> None:
        super()._before_run_forever()
        self._saved_hooks = sys.get_asyncgen_hooks()
        sys.set_asyncgen_hooks(
            firstiter=self._asyncgen_firstiter_hook, finalizer=self._asyncgen_finalizer_hook
        )

    def _after_run_forever(self) -> None:
        if self._saved_hooks is not None:
            sys.set_asyncgen_hooks(*self._saved_hooks)
            self._saved_hooks = None
        super()._after_run_forever()

    def call_later(
        self, delay: float, callback: Callable[..., object], *args: Any, context: Any = None
    ) -> asyncio.Handle:
        return super().call_later(delay, self._as_running(callback), *args, context=context)  # type: ignore[no-any-return]

    def _add_reader(self, fd: int, callback: Callable[..., object], *args: Any) -> None:
        super()._add_reader(fd, self._as_running(callback), *args)

    def _add_writer(self, fd: int, callback: Callable[..., object], *args: Any) -> None:
        super()._add_writer(fd, self._as_running(callback), *args)

    def _as_running(self, callback: Callable[..., object]) -> Callable[..., object]:
        """``callback``, run with this loop as asyncio's running loop."""

        def run(*args: Any) -> object:
            previous = asyncio.events._get_running_loop()
            if previous is self:
                return callback(*args)
            asyncio.events._set_running_loop(self)
            try:
                return callback(*args)
            finally:
                asyncio.events._set_running_loop(previous)

        return run
