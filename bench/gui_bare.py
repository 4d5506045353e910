"""The machine's bare start, for ``bench/gui.py``: a PySide6 process painting a 200-row table.

    python -m bench.gui_bare --t0 MONOTONIC

Nothing of Reading Club is imported: Qt, a ``QStandardItemModel`` of 200 rows and 4 columns
in a ``QTableView``, shown; the clock stops when the table's first paint has finished. Every
GUI figure is also reported as a ratio to this, measured in the same run (quality.md: the
machine factor is this time / 0.20 s). The last line on stdout is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QTableView

ROWS = 200


class _FirstPaint(QObject):
    """Records when the first paint of the watched widget has finished, then quits."""

    def __init__(self) -> None:
        super().__init__()
        self.finished_at = 0.0
        self._inside = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Let the paint run (nested send), then stop the clock."""
        if self._inside or event.type() != QEvent.Type.Paint or self.finished_at:
            return False
        self._inside = True
        try:
            QApplication.sendEvent(watched, event)
        finally:
            self._inside = False
        self.finished_at = time.monotonic()
        QTimer.singleShot(0, QApplication.quit)
        return True


def main(argv: list[str] | None = None) -> None:
    """Show the table, print the seconds from ``--t0`` to its first finished paint."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--t0", type=float, required=True)
    options = parser.parse_args(argv)
    app = QApplication([])
    model = QStandardItemModel(ROWS, 4)
    for row in range(ROWS):
        for column, text in enumerate((f"Title {row}", f"Author {row}", f"{row:013}", "2026")):
            model.setItem(row, column, QStandardItem(text))
    table = QTableView()
    table.setModel(model)
    clock = _FirstPaint()
    table.viewport().installEventFilter(clock)
    table.resize(900, 640)
    table.show()
    app.exec()
    print(json.dumps({"bare_painted_s": clock.finished_at - options.t0}))


if __name__ == "__main__":
    main()
