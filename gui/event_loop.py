"""The window's asyncio loop: qasync's, plus what asyncio's own loops do for async generators.

asyncio's loops install ``sys.set_asyncgen_hooks`` while they run, so an async generator left
unfinished (an HTTP body refused halfway, as the Open Library client does with a 10 MB answer)
is closed later in a task of its own. qasync does not, and such a generator is then closed by
the garbage collector outside any task, which fails inside httpx ("async generator ignored
GeneratorExit"). This loop installs the same hooks as asyncio's.
"""

from __future__ import annotations

import sys

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
