"""Importing another application's file in the window: the recognised format, the member to
import ratings and reviews as, "Check only", and the report at the end."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from gui.import_options import ImportOptions, ImportOptionsDialog
from gui.main_window import MainWindow
from tests.gui.actions import settle

DATA = Path(__file__).parents[1] / "transfer" / "data"


def test_the_options_dialog_shows_the_format_and_asks_for_a_member(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    """The dialog names the format and encoding; its answers are the import's options."""
    path = DATA / "librarything_export.tsv"
    dialog = ImportOptionsDialog(path, main_window.bridge.recognise(path), main_window)
    assert dialog.format_label.text() == "LibraryThing, Windows-1252"
    qtbot.keyClicks(dialog.member_edit, " alice ")
    dialog.check_only_box.setChecked(True)
    assert dialog.options() == ImportOptions(member="alice", check_only=True)


def test_check_only_reports_and_writes_nothing(qtbot: QtBot, main_window: MainWindow) -> None:
    """A checked import ends with its report, says nothing was written, adds no book; the
    real import then adds the books with their tags."""
    path = DATA / "goodreads_library_export.csv"
    run = main_window.csv.import_csv(path, options=ImportOptions(check_only=True))
    with qtbot.waitSignal(run.finished, timeout=10000):
        pass
    settle(qtbot, main_window)
    summary = main_window.csv.import_summary
    assert summary.summary.text().startswith("Check only, nothing written: 4 imported")
    assert "read as Goodreads, UTF-8" in summary.problems.toPlainText()
    assert main_window.model.total == 0

    run = main_window.csv.import_csv(path)
    with qtbot.waitSignal(run.finished, timeout=10000):
        pass
    settle(qtbot, main_window)
    qtbot.waitUntil(lambda: main_window.model.rowCount() == 4)
    assert main_window.csv.import_summary.summary.text().startswith("4 imported")
