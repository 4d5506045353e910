"""File → Import CSV… and Export CSV…: dialogs around core.transfer, for the main window."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMessageBox

from gui.book_model import BookTableModel
from gui.bridge import INTERACTIVE_BATCH_SIZE, CatalogueBridge, ImportReport
from gui.transfer import (
    CsvImportRun,
    ImportProgressDialog,
    ImportSummaryDialog,
    ask_export_path,
    ask_import_path,
    export_books,
    report_summary,
)


def _action(window: QMainWindow, text: str, keys: str, slot: Callable[[], None]) -> QAction:
    action = QAction(text, window)
    action.setShortcut(QKeySequence(keys))
    action.triggered.connect(slot)
    return action


class CsvActions(QObject):
    """Runs imports and exports for ``window``; its import action is off while one runs."""

    exported = Signal(object)
    """An export finished (its path); the status bar says how it went."""

    def __init__(self, window: QMainWindow, bridge: CatalogueBridge, model: BookTableModel) -> None:
        super().__init__(window)
        self.window, self.bridge, self.model = window, bridge, model
        self.import_action = _action(window, self.tr("&Import CSV…"), "Ctrl+I", self.ask_import)
        self.export_action = _action(window, self.tr("&Export CSV…"), "Ctrl+E", self.ask_export)
        self.import_progress: ImportProgressDialog | None = None
        self.import_summary: ImportSummaryDialog | None = None
        self.import_error: QMessageBox | None = None

    def ask_import(self) -> None:
        """Pick a CSV file and import it."""
        path = ask_import_path(self.window)
        if path is not None:
            self.import_csv(path)

    def import_csv(self, path: Path, batch_size: int = INTERACTIVE_BATCH_SIZE) -> CsvImportRun:
        """Import ``path`` with a progress dialog; the summary dialog opens at the end."""
        run = CsvImportRun(self.bridge, self.model, path, batch_size, self.window)
        self.import_action.setEnabled(False)
        self.import_progress = ImportProgressDialog(run, self.window)
        self.import_progress.show()
        run.finished.connect(self._show_summary)
        run.failed.connect(self._show_failure)
        return run

    def _show_summary(self, report: ImportReport) -> None:
        self.import_action.setEnabled(True)
        self.window.statusBar().showMessage(report_summary(report), 10000)
        self.import_summary = ImportSummaryDialog(report, self.window)
        self.import_summary.open()

    def _show_failure(self, message: str) -> None:
        self.import_action.setEnabled(True)
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Import CSV"),
            self.tr("Cannot import: {reason}").format(reason=message),
        )
        box.setObjectName("importError")
        box.setParent(self.window, box.windowFlags())
        box.open()
        self.import_error = box

    def ask_export(self) -> None:
        """Pick a file and export what the list shows (the search result, or all books)."""
        search = self.model.query.search.strip()
        what = (
            self.tr("books matching “{search}”").format(search=search)
            if search
            else self.tr("all books")
        )
        path = ask_export_path(self.window, what)
        if path is not None:
            self.export_csv(path)

    def export_csv(self, path: Path) -> asyncio.Task[None]:
        """Export the books the list shows, in its order; the status bar tells the outcome."""
        query = self.model.query

        async def export() -> None:
            message = await export_books(self.bridge, path, query)
            self.window.statusBar().showMessage(message, 10000)
            self.exported.emit(path)

        return self.bridge.spawn(export())
