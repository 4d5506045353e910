"""SIGINT (Ctrl+C in the terminal) and SIGTERM close the window the normal way: its settings
are saved, the catalogue is closed, the exit code is 0.

Qt's event loop runs in C++, where Python's signal handlers cannot run; the signal's
wake-up byte on a socket pair, watched by a ``QSocketNotifier``, brings the interpreter back
so the handler runs, and the handler asks the window to close on the next loop turn.
"""

from __future__ import annotations

import signal
import socket
from types import FrameType

from PySide6.QtCore import QObject, QSocketNotifier, QTimer
from PySide6.QtWidgets import QWidget

SIGNALS = (signal.SIGINT, signal.SIGTERM)


class CloseOnSignals(QObject):
    """While alive (until :meth:`restore`), SIGINT and SIGTERM close ``window``."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self._read, self._write = socket.socketpair()
        for end in (self._read, self._write):
            end.setblocking(False)
        self._previous_fd = signal.set_wakeup_fd(self._write.fileno())
        self._notifier = QSocketNotifier(self._read.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)
        self._previous = {number: signal.signal(number, self._on_signal) for number in SIGNALS}
        self.received: list[int] = []

    def _on_signal(self, number: int, _frame: FrameType | None) -> None:
        self.received.append(number)
        QTimer.singleShot(0, self._window.close)

    def _drain(self) -> None:
        try:
            while self._read.recv(512):
                pass
        except (BlockingIOError, InterruptedError):
            pass

    def restore(self) -> None:
        """Put the previous handlers back and close the socket pair."""
        for number, handler in self._previous.items():
            signal.signal(number, signal.SIG_DFL if handler is None else handler)
        signal.set_wakeup_fd(self._previous_fd)
        self._notifier.setEnabled(False)
        self._read.close()
        self._write.close()
