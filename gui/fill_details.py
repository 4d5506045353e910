"""Edit → "Fill in missing details…": look up the selected books (or all) that have no
details, with a progress dialog (``fillDetailsProgress``) whose Cancel stops at once.

The work is ``core.service.fill_details`` through the bridge; each book filled is one
``SetBookDetails`` command from Open Library, in the history and undoable. ``finished`` gives
the report (its ``events`` are what an undo reverts).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMessageBox, QProgressDialog, QWidget

from gui.bridge import BookId, CatalogueBridge, Change, DetailsFiller, FillReport

type Which = Literal["selected", "all"]
type Choose = Callable[[QWidget, int], Which | None]
"""Asks whether to fill the ``n`` selected books or all; ``None`` cancels. Tests answer."""


def ask_which_books(parent: QWidget, selected: int) -> Which | None:
    """A message box: the selected books, all books, or cancel."""
    box = QMessageBox(parent)
    box.setWindowTitle(QCoreApplication.translate("FillDetails", "Fill in missing details"))
    box.setText(
        QCoreApplication.translate(
            "FillDetails", "Look up the details of the selected books, or of every book?"
        )
    )
    chosen = box.addButton(
        QCoreApplication.translate("FillDetails", "Selected books (%1)").replace(
            "%1", str(selected)
        ),
        QMessageBox.ButtonRole.AcceptRole,
    )
    every = box.addButton(
        QCoreApplication.translate("FillDetails", "All books"), QMessageBox.ButtonRole.AcceptRole
    )
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    clicked = box.clickedButton()
    return "selected" if clicked is chosen else "all" if clicked is every else None


class FillDetails(QObject):
    """The menu action and the run it starts; ``selected`` gives the selected books' ids."""

    finished = Signal(object)
    """The :class:`FillReport` of a run that ended (done, cancelled or stopped)."""

    def __init__(
        self,
        window: QMainWindow,
        bridge: CatalogueBridge,
        selected: Callable[[], list[BookId]],
        choose: Choose = ask_which_books,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._bridge = bridge
        self._selected = selected
        self._choose = choose
        self.dialog: QProgressDialog | None = None
        self.action = QAction(self.tr("Fill in missing &details…"), window)
        self.action.setObjectName("fillDetailsAction")
        self.action.setEnabled(bridge.book_info is not None)
        # The window shows before the catalogue (and the look-up source) are open.
        bridge.catalogue_opened.connect(
            lambda: self.action.setEnabled(bridge.book_info is not None)
        )
        self.action.triggered.connect(self.start)

    def start(self) -> None:
        """Ask which books (when some are selected), then fill them with progress."""
        if self.dialog is not None:
            return
        chosen = self._selected()
        among: list[BookId] | None = None
        if chosen:
            which = self._choose(self._window, len(chosen))
            if which is None:
                return
            among = chosen if which == "selected" else None
        self.dialog = self._progress_dialog()
        filler = self._bridge.details_filler(self._progress)
        self.dialog.canceled.connect(filler.cancel)
        self.dialog.show()
        self._bridge.spawn(self._run(filler, among))

    def _progress_dialog(self) -> QProgressDialog:
        dialog = QProgressDialog(self.tr("Looking books up…"), self.tr("Cancel"), 0, 0)
        dialog.setParent(self._window, dialog.windowFlags())
        dialog.setObjectName("fillDetailsProgress")
        dialog.setWindowTitle(self.tr("Fill in missing details"))
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        return dialog

    def _progress(self, report: FillReport) -> None:
        if self.dialog is None:
            return
        self.dialog.setMaximum(report.total)
        self.dialog.setValue(report.looked_up)
        self.dialog.setLabelText(
            self.tr("Looked up %d of %d books; %d filled in")
            % (report.looked_up, report.total, report.filled)
        )

    async def _run(self, filler: DetailsFiller, among: list[BookId] | None) -> None:
        try:
            report = await filler.run(among)
        except Exception as error:
            report = filler.report
            report.stopped = str(error).splitlines()[0] if str(error) else type(error).__name__
            raise
        finally:
            if self.dialog is not None:
                self.dialog.close()
                self.dialog.deleteLater()
                self.dialog = None
            self._bridge.stored()
            if filler.report.events:  # one undo step for the whole fill, even a cancelled one
                self._bridge.committed.emit(Change((), tuple(filler.report.events)))
            self._window.statusBar().showMessage(self.summary(filler.report), 10000)
        self.finished.emit(report)

    def summary(self, report: FillReport) -> str:
        """One line saying what a fill did."""
        if report.stopped:
            return self.tr("Stopped: %s") % report.stopped
        if report.cancelled:
            text = self.tr("Cancelled: details filled in for %d of %d books")
        else:
            text = self.tr("Details filled in for %d of %d books")
        text %= (report.filled, report.total)
        if report.not_found:
            text += self.tr("; %d unknown to the book information source") % report.not_found
        return text + "."
