"""CSV import and export in the window: a progress dialog with Cancel, and the summary."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QObject, QSettings, QStandardPaths, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPlainTextEdit,
    QProgressDialog,
    QVBoxLayout,
    QWidget,
)

from gui.book_model import BookTableModel
from gui.bridge import (
    INTERACTIVE_BATCH_SIZE,
    BookQuery,
    CatalogueBridge,
    CsvFormatError,
    CsvImport,
    ImportProgress,
    ImportReport,
    save_report,
)
from gui.i18n import QT_TRANSLATE_NOOP
from gui.import_options import ImportOptions
from gui.report_text import report_details

log = logging.getLogger(__name__)

IMPORTABLE_SUFFIXES = (".csv", ".tsv", ".txt")
_LAST_FOLDER_KEY = "files/lastFolder"
FILE_FILTER = QT_TRANSLATE_NOOP("CsvFiles", "Spreadsheets (*.csv *.tsv *.txt);;All files (*)")
_STEPS = 1000


class CsvImportRun(QObject):
    """One import of a CSV file through the bridge's catalogue, on the qasync loop.

    The list stops applying single-book events and reloads once per committed batch.
    ``progressed(ImportProgress)`` follows each batch; ``finished(ImportReport)`` or
    ``failed(message)`` (the file cannot be used) ends it.
    """

    progressed = Signal(object)
    finished = Signal(object)
    failed = Signal(str)
    waiting = Signal()
    """A batch waits for another program writing to the catalogue (it is tried again)."""

    def __init__(
        self,
        bridge: CatalogueBridge,
        model: BookTableModel,
        path: Path,
        batch_size: int = INTERACTIVE_BATCH_SIZE,
        parent: QObject | None = None,
        options: ImportOptions | None = None,
    ) -> None:
        super().__init__(parent)
        self._bridge, self._model, self.path = bridge, model, path
        self.options = options or ImportOptions()
        self._batch_size = batch_size
        self._job: CsvImport | None = None
        self.cancel_requested = False
        self.report: ImportReport | None = None
        self.task: asyncio.Task[None] = bridge.spawn(self._run())

    def cancel(self) -> None:
        """Stop after the batch being written; committed batches stay."""
        self.cancel_requested = True
        if self._job is not None:
            self._job.cancel()

    async def _run(self) -> None:
        try:
            job = self._bridge.open_import(
                self.path,
                self._on_progress,
                self._batch_size,
                self.waiting.emit,
                dry_run=self.options.check_only,
                member=self.options.member,
            )
        except CsvFormatError as error:
            self.failed.emit(str(error))
            return
        self._job = job
        if self.cancel_requested:
            job.cancel()
        self._model.suspend_live_updates()
        try:
            self.report = await job.run()
        except CsvFormatError as error:
            self.failed.emit(str(error))
            return
        except Exception as error:  # a bug or a resource: say so rather than hang the dialog
            log.exception("the import of %s failed", self.path)
            self.failed.emit(
                self.tr("The import stopped: {error}; see the log").format(error=error)
            )
            return
        finally:
            self._model.resume_live_updates()
            self._bridge.message_stored.emit()
        self.finished.emit(self.report)

    def _on_progress(self, progress: ImportProgress) -> None:
        self._model.reload_loaded()
        self.progressed.emit(progress)


class ImportProgressDialog(QProgressDialog):
    """``importProgress``: how far the import is, with Cancel."""

    def __init__(self, run: CsvImportRun, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Importing {name}…").format(name=run.path.name),
            self.tr("&Cancel"),
            0,
            _STEPS,
            parent,
        )
        self.setObjectName("importProgress")
        self.setWindowTitle(self.tr("Import CSV"))
        # Not modal: a modal QProgressDialog runs processEvents() inside setValue(), which
        # would re-enter the qasync loop from the import's own task.
        self.setWindowModality(Qt.WindowModality.NonModal)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setMinimumDuration(0)
        self.setValue(0)
        self.canceled.connect(run.cancel)
        self.canceled.connect(lambda: self.setLabelText(self.tr("Cancelling after this batch…")))
        run.progressed.connect(self._show)
        run.waiting.connect(self._show_waiting)
        run.finished.connect(self.close)
        run.failed.connect(self.close)

    def _show_waiting(self) -> None:
        if not self.wasCanceled():
            self.setLabelText(self.tr("Waiting: another program is writing to the catalogue…"))

    def _show(self, progress: ImportProgress) -> None:
        if not self.wasCanceled():
            self.setValue(int(progress.fraction * _STEPS))
            rows = QLocale().toString(progress.rows)
            self.setLabelText(
                self.tr("{rows} rows read, %Ln book(s) imported", "", progress.imported).format(
                    rows=rows
                )
            )


class ImportSummaryDialog(QDialog):
    """``importSummary``: imported / skipped / failed, each problem row, and Save…."""

    def __init__(self, report: ImportReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importSummary")
        cancelled = report.cancelled or bool(report.error)
        self.setWindowTitle(
            self.tr("Import cancelled") if cancelled else self.tr("Import finished")
        )
        self.report = report
        self.summary = QLabel(report_summary(report), self)
        self.summary.setObjectName("importSummaryText")
        self.summary.setWordWrap(True)
        self.problems = QPlainTextEdit(self)
        self.problems.setObjectName("importProblems")
        self.problems.setReadOnly(True)
        problems = bool(report.skipped or report.failed)
        self.problems.setPlainText(report_details(report))
        self.problems.setVisible(problems)  # no large empty box when every row went in
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.save_button = buttons.addButton(
            self.tr("&Save…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.save_button.setObjectName("saveReportButton")
        self.save_button.clicked.connect(self._ask_and_save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.summary, self.problems, buttons):
            layout.addWidget(widget)
        self.resize(640, 360 if problems else 120)

    def _ask_and_save(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save import report"),
            str(start_folder() / "import-report.txt"),
            self.tr("Text (*.txt)"),
        )
        if name:
            remember_folder(Path(name))
            self.save_to(Path(name))

    def save_to(self, path: Path) -> bool:
        """Write the report to ``path``; says so (or why not) under the summary."""
        try:
            save_report(self.report, path)
        except OSError as error:
            self.summary.setText(
                self.tr("{summary}\n\nNot saved: {reason}").format(
                    summary=report_summary(self.report), reason=error.strerror
                )
            )
            return False
        self.summary.setText(
            self.tr("{summary}\n\nSaved to {path}").format(
                summary=report_summary(self.report), path=path
            )
        )
        return True


def file_filter() -> str:
    """The file dialogs' filter: spreadsheets as text (comma or tab separated), or anything."""
    return QCoreApplication.translate("CsvFiles", FILE_FILTER)


def start_folder() -> Path:
    """Where file dialogs open: the folder used last, else the user's documents folder."""
    last = QSettings().value(_LAST_FOLDER_KEY, "", type=str)
    if isinstance(last, str) and last and Path(last).is_dir():
        return Path(last)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents else Path.home()


def remember_folder(path: Path) -> None:
    """Open the next file dialog where ``path`` is."""
    QSettings().setValue(_LAST_FOLDER_KEY, str(path.parent))


def ask_import_path(parent: QWidget) -> Path | None:
    """The CSV or TSV file the user picks, or ``None``."""
    name, _ = QFileDialog.getOpenFileName(
        parent,
        QCoreApplication.translate("CsvFiles", "Import CSV"),
        str(start_folder()),
        file_filter(),
    )
    if not name:
        return None
    remember_folder(Path(name))
    return Path(name)


def ask_export_path(parent: QWidget, what: str) -> Path | None:
    """Where the user wants the CSV file, or ``None``."""
    name, _ = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("CsvFiles", "Export {what}").format(what=what),
        str(start_folder() / "books.csv"),
        file_filter(),
    )
    if not name:
        return None
    remember_folder(Path(name))
    return Path(name)


async def export_books(bridge: CatalogueBridge, path: Path, query: BookQuery) -> str:
    """Export the books of ``query`` to ``path``; the sentence for the status bar."""
    try:
        count = await bridge.export_csv(path, query)
    except OSError as error:
        log.warning("export to %s failed: %s", path, error)
        return QCoreApplication.translate(
            "CsvFiles", "Export failed, nothing written to {name}: {reason}"
        ).format(name=path.name, reason=error.strerror or error)
    return QCoreApplication.translate(
        "CsvFiles", "Exported %Ln book(s) to {name}", None, count
    ).format(name=path.name)


def report_summary(report: ImportReport) -> str:
    """The import's one-sentence outcome in the user's language (the saved report and the
    command line keep the core's English text)."""
    locale = QLocale()
    text = QCoreApplication.translate(
        "ImportReport",
        "%Ln imported, {skipped} skipped (already registered), {failed} failed (invalid)",
        None,
        report.imported,
    ).format(
        skipped=locale.toString(len(report.skipped)), failed=locale.toString(len(report.failed))
    )
    if report.dry_run:
        text = QCoreApplication.translate(
            "ImportReport", "Check only, nothing written: {summary}"
        ).format(summary=text)
    if report.cancelled:
        text += QCoreApplication.translate(
            "ImportReport",
            "; cancelled: the %Ln book(s) of committed batches are kept",
            None,
            report.imported,
        )
    if report.error:
        text += QCoreApplication.translate("ImportReport", "; stopped: {error}").format(
            error=report.error
        )
    return text
